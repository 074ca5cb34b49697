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

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from rdflib.namespace import DCTERMS, RDF

from spasmkg.ontology.namespaces import OA, SKG

#: the classes whose nodes are passages (each with a document, a start and an end)
PASSAGES = (SKG.Claim, SKG.Episode, SKG.Visit, SKG.TestEvent, SKG.TreatmentEvent, SKG.TreatmentOutcome,
            SKG.PatientStatement, SKG.Statistic, SKG.Caption, SKG.BibliographicReference)
#: characters between two mentions outside every passage that still make them neighbours
NEARBY = 60


@dataclass(frozen=True)
class Mention:
    entity: str
    document: str
    start: int
    end: int


def mentions(ds) -> list[Mention]:
    out = []
    for m in ds.subjects(RDF.type, SKG.Mention):
        e, d, s, t = ds.value(m, OA.hasBody), ds.value(m, SKG.inDocument), ds.value(m, SKG.start), ds.value(m, SKG.end)
        if None not in (e, d, s, t):
            out.append(Mention(str(e), str(d), int(s), int(t)))
    return sorted(out, key=lambda m: (m.document, m.start, m.end, m.entity))


def passages(ds) -> dict[str, list[tuple[int, int, str]]]:
    """Document IRI -> (start, end, passage IRI) of every passage, sorted."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for cls in PASSAGES:
        for p in ds.subjects(RDF.type, cls):
            d = ds.value(p, SKG.inDocument) or ds.value(p, DCTERMS.isPartOf)
            s, e = ds.value(p, SKG.start), ds.value(p, SKG.end)
            if None not in (d, s, e):
                out[str(d)].append((int(s), int(e), str(p)))
    for st in ds.subjects(RDF.type, SKG.Statement):
        d, s, text = ds.value(st, SKG.inDocument), ds.value(st, SKG.sentenceStart), ds.value(st, SKG.sentence)
        if None not in (d, s, text):
            out[str(d)].append((int(s), int(s) + len(str(text)), str(st)))
    return {d: sorted(set(v)) for d, v in out.items()}


def _pairs(entities: set[str]) -> list[tuple[str, str]]:
    return list(combinations(sorted(entities), 2))


def together(ds) -> tuple[Counter, Counter]:
    """(pairs named in the same passage, pairs named near each other outside any passage), each an
    unordered pair of entity IRIs (sorted) with its count."""
    spans = passages(ds)
    members: dict[str, set[str]] = defaultdict(set)
    loose: dict[str, list[Mention]] = defaultdict(list)
    all_mentions = mentions(ds)
    for m in all_mentions:
        holders = [p for s, e, p in spans.get(m.document, ()) if s <= m.start and m.end <= e]
        for p in holders:
            members[p].add(m.entity)
        if not holders:
            loose[m.document].append(m)
    same: Counter = Counter()
    for ents in members.values():
        same.update(_pairs(ents))
    near_mentions: set[tuple[Mention, Mention]] = set()
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in all_mentions:
        by_doc[m.document].append(m)
    for doc, ms in loose.items():
        neighbours = by_doc[doc]
        starts = [x.start for x in neighbours]
        longest = max(x.end - x.start for x in neighbours)
        for m in ms:
            lo = bisect_left(starts, m.start - NEARBY - longest)
            hi = bisect_right(starts, m.end + NEARBY)
            for other in neighbours[lo:hi]:
                gap = max(other.start - m.end, m.start - other.end)
                if other.entity != m.entity and gap <= NEARBY:
                    near_mentions.add(tuple(sorted((m, other), key=lambda x: (x.start, x.end, x.entity))))
    near: Counter = Counter(tuple(sorted((a.entity, b.entity))) for a, b in near_mentions)
    return same, near
