"""Which entities a document names together: the links of the entity graph beyond stated relations.

A passage is a span of a document the graph keeps as a node of its own: a claim, an event of a
patient's account, a treatment outcome, a patient statement, a statistic, a caption, a reference
entry, or the sentence of a stated relation. Two entities named in the same passage are mentioned
together; the weight of the pair is the number of passages that name both. A mention that falls in
no passage (a sentence of a patient's account that tells no event, a list without citation markers)
is joined to the entities named within :data:`NEARBY` characters of it, the nearest the graph can
come to its sentence; those pairs count apart, as mentioned nearby.
"""
from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Callable

from rdflib.namespace import DCTERMS, RDF

from spasmkg.ontology.namespaces import OA, SKG

#: the classes whose nodes are passages (each with a document, a start and an end)
PASSAGES = (SKG.Claim, SKG.Episode, SKG.Visit, SKG.TestEvent, SKG.TreatmentEvent, SKG.TreatmentOutcome,
            SKG.PatientStatement, SKG.Statistic, SKG.Caption, SKG.BibliographicReference)
PASSAGE_SET = frozenset(PASSAGES)
DOCUMENTS = (SKG.Document, SKG.ReviewArticle, SKG.PatientNarrative)
#: characters between two mentions outside every passage that still make them neighbours
NEARBY = 60


@dataclass(frozen=True)
class Mention:
    entity: str
    document: str
    start: int
    end: int


def documents(ds) -> list:
    return sorted({d for c in DOCUMENTS for d in ds.subjects(RDF.type, c)}, key=str)


def spans(ds, doc) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """The mentions of one document (sorted by place) and its passages (start, end, IRI), sorted."""
    found, passages = [], set()
    for x in set(ds.subjects(SKG.inDocument, doc)) | set(ds.subjects(DCTERMS.isPartOf, doc)):
        types = set(ds.objects(x, RDF.type))
        if SKG.Mention in types:
            e, s, t = ds.value(x, OA.hasBody), ds.value(x, SKG.start), ds.value(x, SKG.end)
            if None not in (e, s, t):
                found.append(Mention(sys.intern(str(e)), str(doc), int(s), int(t)))
        elif SKG.Statement in types:
            s, text = ds.value(x, SKG.sentenceStart), ds.value(x, SKG.sentence)
            if None not in (s, text):
                passages.add((int(s), int(s) + len(str(text)), str(x)))
        elif types & PASSAGE_SET:
            s, t = ds.value(x, SKG.start), ds.value(x, SKG.end)
            if None not in (s, t):
                passages.add((int(s), int(t), str(x)))
    return sorted(found, key=lambda m: (m.start, m.end, m.entity)), sorted(passages)


def _pairs(entities: set[str]) -> list[tuple[str, str]]:
    return list(combinations(sorted(entities), 2))


def together(ds, counted: Callable[[Any], tuple[Counter, Counter] | None] | None = None) -> tuple[Counter, Counter]:
    """(pairs named in the same passage, pairs named near each other outside any passage), each an
    unordered pair of entity IRIs (sorted) with its count. One document at a time: what is held is
    one document's mentions and the counts. ``counted(doc)``: a document's counts when they are
    known already (a build keeps them with the document), else None."""
    same: Counter = Counter()
    near: Counter = Counter()
    for doc in documents(ds):
        known = counted(doc) if counted is not None else None
        doc_same, doc_near = known if known is not None else in_document(ds, doc)
        same.update(doc_same)
        near.update(doc_near)
    return same, near


def in_document(ds, doc) -> tuple[Counter, Counter]:
    """The pairs of one document, as :func:`together` counts them."""
    return _together_in(*spans(ds, doc))


def _together_in(ms: list[Mention], passages: list[tuple[int, int, str]]) -> tuple[Counter, Counter]:
    members: dict[str, set[str]] = defaultdict(set)
    loose: list[Mention] = []
    for m in ms:
        holders = [p for s, e, p in passages if s <= m.start and m.end <= e]
        for p in holders:
            members[p].add(m.entity)
        if not holders:
            loose.append(m)
    same: Counter = Counter()
    for ents in members.values():
        same.update(_pairs(ents))
    near_mentions: set[tuple[Mention, Mention]] = set()
    starts = [x.start for x in ms]
    longest = max((x.end - x.start for x in ms), default=0)
    for m in loose:
        lo = bisect_left(starts, m.start - NEARBY - longest)
        hi = bisect_right(starts, m.end + NEARBY)
        for other in ms[lo:hi]:
            gap = max(other.start - m.end, m.start - other.end)
            if other.entity != m.entity and gap <= NEARBY:
                near_mentions.add(tuple(sorted((m, other), key=lambda x: (x.start, x.end, x.entity))))
    near: Counter = Counter(tuple(sorted((a.entity, b.entity))) for a, b in near_mentions)
    return same, near
