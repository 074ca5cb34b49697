"""One input document to a :class:`DocumentResult`: layout, markers, references, spaCy, claims."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from spacy.tokens import Doc

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.text import layout as layout_mod
from spasmkg.extract.text.long_runs import break_long_runs
from spasmkg.extract.narrative.reading import prepare as unparsed_doc
from spasmkg.extract.abbreviation_records import abbreviations
from spasmkg.extract.text.author_year import find_author_year
from spasmkg.extract.text.citations import clause_spans, own_claims, sentence_starts
from spasmkg.extract.text.markers import find_markers, mask
from spasmkg.extract.mentions import mention_record
from spasmkg.extract.model import DocumentResult, Mention, Relation, Span
from spasmkg.extract.pipeline import load_nlp
from spasmkg.extract.reference_mentions import title_mentions
from spasmkg.extract.hedges import mark_hedges
from spasmkg.extract.clinical_statement_records import clinical_statements, mark_modality
from spasmkg.extract.section_relations import SectionRelations, list_mentions
from spasmkg.extract.readers.base import Reading
from spasmkg.extract.text.markers import Marker
from spasmkg.extract.text.references import parse_reference_list
from spasmkg.extract.statistic_records import statistics

#: no-break, typographic and zero-width spaces, read as plain spaces by the parser (one character
#: each, so the masked copy keeps its length and every offset still points into the original)
SPACES = str.maketrans({c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f"
                        "\u2060\u3000\ufeff"})
#: mention sources that read open-class words (not the curated vocabulary)
OPEN_CLASS = {"lexicon", "rule", "hpo"}
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself)\b")


def detect_kind(text: str) -> str:
    """``review`` when the text has a reference list or citation markers; ``narrative`` when it is
    a first-person account; ``review`` otherwise (literature is the default)."""
    lay = layout_mod.analyse(text)
    if lay.references is not None or len(find_markers(text)) >= 3:
        return "review"
    words = max(1, len(text.split()))
    if len(FIRST_PERSON.findall(text)) / words >= 0.02:
        return "narrative"
    return "review"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocumentInput:
    """One document to analyse: plain data, cheap to send to another process. ``source`` is the
    file's name as the graph records it; ``path`` where it was read from (None for a text given
    directly)."""
    doc_id: str
    source: str
    kind: str
    title: str | None
    text: str
    path: Path | None = None
    #: what a reader of a structured format stated beside the text (markers, references, record,
    #: places); None for plain text, whose structure is found in the text itself
    reading: Reading | None = None


@dataclass
class Prepared:
    """A document after the text-only steps, before the parse: what the parser reads and what the
    results need back."""
    item: DocumentInput
    lay: layout_mod.Layout
    refs: list
    markers: list
    body: str


def analyse_text(text: str, doc_id: str, source: str, kind: str, title: str | None = None,
                 vocab_dir: str | None = None) -> DocumentResult:
    """One document to its :class:`DocumentResult` (the whole pipeline, one parse)."""
    prep = prepare(DocumentInput(doc_id, source, kind, title, text))
    nlp = _parser(vocab_dir)
    return _finish(prep, nlp(_unparsed(nlp, prep)), nlp)


def analyse_batch(batch: list[DocumentInput], vocab_dir: str | None = None,
                   then: Callable[[DocumentResult], Any] | None = None) -> list[tuple[DocumentInput, Any]]:
    nlp = _parser(vocab_dir)
    prepared: list[Prepared | Exception] = []
    for item in batch:
        try:
            prepared.append(prepare(item))
        except Exception as exc:   # noqa: BLE001 - reported per document
            prepared.append(exc)
    ok = [p for p in prepared if isinstance(p, Prepared)]
    try:
        docs = dict(zip(map(id, ok), nlp.pipe((_unparsed(nlp, p) for p in ok), batch_size=max(1, len(ok)))))
    except Exception:   # noqa: BLE001 - one bad document must not cost the batch: parse one by one
        docs = {}
        for p in ok:
            try:
                docs[id(p)] = nlp(_unparsed(nlp, p))
            except Exception as exc:   # noqa: BLE001
                docs[id(p)] = exc
    out: list[tuple[DocumentInput, DocumentResult | Exception]] = []
    for item, p in zip(batch, prepared):
        if isinstance(p, Exception):
            out.append((item, p))
            continue
        doc = docs[id(p)]
        if isinstance(doc, Exception):
            out.append((item, doc))
            continue
        try:
            res = _finish(p, doc, nlp)
            out.append((item, then(res) if then is not None else res))
        except Exception as exc:   # noqa: BLE001
            out.append((item, exc))
    return out


def _parser(vocab_dir: str | None):
    """The pipeline, taking texts up to :data:`~spasmkg.common.limits.MAX_DOC_CHARS` (longer ones are
    refused with spasmkg's own message first, never spaCy's)."""
    nlp = load_nlp(vocab_dir)
    nlp.max_length = max(nlp.max_length, limits.MAX_DOC_CHARS)
    return nlp


def prepare(item: DocumentInput) -> Prepared:
    """The text-only steps: layout, reference list, citation markers, the masked copy to parse.
    A text longer than the parser reads at once is refused here, by name, before any work."""
    if len(item.text) > limits.MAX_DOC_CHARS:
        raise SpasmkgError("E090", path=item.source, chars=len(item.text), limit=limits.MAX_DOC_CHARS)
    lay = layout_mod.analyse(item.text, mask_headings=item.kind != "narrative")
    given = item.reading
    if given is not None and given.references is not None:
        refs = list(given.references)
    else:
        refs = parse_reference_list(lay.unheadered, lay.references.start, lay.references.end) \
            if lay.references else []
    max_ref = max((r.n for r in refs), default=None)
    lined = layout_mod.with_breaks(item.text, lay.body, keep=lay.captions)   # captions cite too
    if given is not None and given.markers is not None:     # the format states them: no guessing
        markers = [Marker(m.start, m.end, item.text[m.start:m.end], tuple(m.refs), "markup")
                   for m in given.markers]
    else:
        markers = find_markers(lined, max_ref) if (refs or item.kind == "review") else []
        if refs:                             # an author-year document: '(Hoy et al., 2012)'
            by_name = find_author_year(lined, refs)
            if len(by_name) > len(markers):
                markers = by_name
    body = break_long_runs(mask(lay.body, markers).translate(SPACES))
    return Prepared(item, lay, refs, markers, body)


def _unparsed(nlp, prep: Prepared) -> Doc:
    """The masked body to parse, carrying the document's kind and its text as written."""
    return unparsed_doc(nlp, prep.body, prep.item.kind, prep.item.text)


def _finish(prep: Prepared, doc: Doc, nlp) -> DocumentResult:
    """The parsed document to its result: mentions, claims, relations, statistics, narrative."""
    item, lay, refs, markers = prep.item, prep.lay, prep.refs, prep.markers
    text, kind = item.text, item.kind
    res = DocumentResult(doc_id=item.doc_id, source=item.source, kind=kind,
                         title=item.title or lay.title or item.doc_id,
                         text=text, sha256=sha256(text), sections=lay.sections + lay.captions,
                         references=refs)
    if item.reading is not None:
        res.format, res.places, res.record = item.reading.format, item.reading.places, item.reading.record
    if kind != "narrative" and "spasmkg_relations" in nlp.pipe_names:   # lists under 'Risk factors', 'Causes'
        nlp.get_pipe("spasmkg_relations").add_section_lists(doc, [(s.title, s.start, s.end) for s in lay.sections])
    res.mentions = [mention_record(s, text) for s in doc.spans.get("mentions", [])]
    res.mentions += [mention_record(s, text) for s in doc.spans.get("nested_mentions", [])]
    res.mentions += [replace(mention_record(s, text), source="context") for s in doc.spans.get("readings", [])]
    left_out: set[tuple[int, int]] = set()
    if lay.references is not None:      # open-class readers stay out of the reference list
        left_out = {(m.start, m.end) for m in res.mentions if m.source in OPEN_CLASS
                    and lay.references.start <= m.start < lay.references.end}
        res.mentions = [m for m in res.mentions if (m.start, m.end) not in left_out]
    res.mentions += title_mentions(nlp, text, refs)
    res.mentions += list_mentions(text, doc, res.mentions)
    by_span: dict[tuple[int, int], Mention] = {}
    for m in res.mentions:                  # a span's first reading is the mention relations name
        by_span.setdefault((m.start, m.end), m)
    starts = sentence_starts(prep.body, [s.start_char for s in doc.sents])
    res.citations = clause_spans(text, markers, starts, lay.sections)
    if item.reading is not None and item.reading.own_claims:     # an abstract: the article backs it
        res.citations += own_claims(text, prep.body, starts, lay.sections, [m.start for m in res.mentions])
    for r in doc._.relations or []:
        ends = [(r.head.start_char, r.head.end_char), (r.tail.start_char, r.tail.end_char)]
        if any(e in left_out for e in ends):    # a mention left out of the reference list
            continue
        # a narrative component may have replaced a mention after the relation was found
        head = by_span.get(ends[0]) or mention_record(r.head, text)
        tail = by_span.get(ends[1]) or mention_record(r.tail, text)
        sent = Span(r.sentence.start_char, r.sentence.end_char, text[r.sentence.start_char:r.sentence.end_char])
        rel = Relation(type=r.type, head=head, tail=tail, sentence=sent, rule=r.rule)
        # a tail taken from an earlier sentence (discourse) does not widen the evidence span
        inside = [m for m in (head, tail) if sent.start <= m.start and m.end <= sent.end] or [head]
        cit = _citation_for(res.citations, min(m.start for m in inside), max(m.end for m in inside), sent)
        if cit is not None:
            rel.claim, rel.refs = cit.claim, list(cit.refs)
        res.relations.append(rel)
    if kind != "narrative":
        listed, created = SectionRelations().read(text, doc, lay.sections, res.mentions)
        res.mentions += created
        known = {(r.type, r.head.start, r.head.end, r.tail.start, r.tail.end) for r in res.relations}
        for rel in listed:
            if (rel.type, rel.head.start, rel.head.end, rel.tail.start, rel.tail.end) in known:
                continue
            cit = _citation_for(res.citations, rel.head.start, rel.head.end, rel.sentence)
            if cit is not None:
                rel.claim, rel.refs = cit.claim, list(cit.refs)
            res.relations.append(rel)
    if kind != "narrative":
        stated, created = clinical_statements(
            doc, text, res.mentions, res.relations, lambda a, b, sent: _citation_for(res.citations, a, b, sent),
            (lay.references.start, lay.references.end) if lay.references is not None else None)
        res.mentions += created
        res.relations += stated
    mark_hedges(text, res.relations)
    mark_modality(text, res.relations)
    res.abbreviations = abbreviations(doc, text)
    if kind != "narrative":
        res.statistics = statistics(doc, text, res.mentions, lambda a, b, sent: _citation_for(res.citations, a, b, sent))
    if kind == "narrative":
        _narrative(res, doc)
    first_cited: dict[int, int] = {}          # reference number -> its first marker's offset
    for c in res.citations:
        for n in c.refs:
            first_cited.setdefault(n, c.marker.start)
    cited = set(first_cited)
    known = {r.n for r in refs}
    for n in sorted(cited - known):
        at = first_cited[n]
        res.problems.append(f"line {text.count(chr(10), 0, at) + 1}: citation marker points to reference {n}, "
                            "which is not in the reference list")
    for n in sorted(known - cited):
        res.problems.append(f"reference {n} is never cited")
    return res


def _narrative(res: DocumentResult, doc: Doc) -> None:
    """What the narrative components wrote on ``doc``: the patient, the mentions they added, the
    timeline, treatment outcomes, located findings and relations."""
    res.patient = doc._.patient
    res.mentions.extend(doc._.narrative_mentions or [])
    res.events = doc._.events or []
    res.outcomes = doc._.outcomes or []
    res.courses = doc._.courses or []
    res.course_triggers = doc._.course_triggers or []
    res.findings = doc._.findings or []
    res.relations.extend(doc._.narrative_relations or [])
    res.mentions.sort(key=lambda m: (m.start, m.end, m.type))


def _citation_for(citations, start: int, end: int, sent: Span):
    """The citation whose claim covers the relation's end, else the first marker after it in the
    same sentence (a marker closes the clause holding the relation)."""
    for c in citations:
        if c.claim.start <= start and end <= c.claim.end:
            return c
    after = [c for c in citations if c.marker.start >= end and c.marker.start <= sent.end + 8]
    return after[0] if after else None
