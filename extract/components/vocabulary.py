"""Vocabulary mentions: every surface name of every concept in the ontology's vocabulary.

A PhraseMatcher on lower-cased tokens is built from ``spasmkg.ontology.vocabulary``; matches go to
``doc.spans["mentions"]`` with the mention type as label and the concept id as ``kb_id``. Where
matches overlap the longest wins, so ``straight leg raise test`` beats ``leg``; a body part the
longer name covers (``cauda equina`` in ``cauda equina syndrome``) is kept apart in
``doc.spans["shadowed_mentions"]``, for the noun-phrase grower to record as a nested mention.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.ontology import vocabulary

SPANS_KEY = "mentions"
#: body parts found inside a longer mention of another type
SHADOWED_KEY = "shadowed_mentions"

if not Span.has_extension("source"):
    # which resource found a mention when its kb_id does not say: lexicon, rule, model
    Span.set_extension("source", default=None)


def set_source(span: Span, source: str) -> Span:
    """``span`` with ``span._.source`` set (kept in the Doc, so the span group's copy has it too)."""
    span._.source = source
    return span


def shadow(doc: Doc, spans: list[Span]) -> None:
    """Keep the body parts among ``spans`` that a longer name covers, for nested mentions."""
    parts = [s for s in spans if s.label_ == "anatomy"]
    if parts:
        doc.spans[SHADOWED_KEY] = list(doc.spans.get(SHADOWED_KEY, [])) + parts


def keep_longest(doc: Doc, spans: list[Span]) -> list[Span]:
    """``filter_spans``, with the body parts it drops kept as shadowed."""
    kept = filter_spans(spans)
    ids = {id(s) for s in kept}
    shadow(doc, [s for s in spans if id(s) not in ids])
    return kept


def blocked(existing: list[Span], start: int, end: int) -> bool:
    """A match at ``start:end`` overlaps an earlier mention it cannot replace: anything but a body
    part it contains whole (WordNet's "ruptured intervertebral disc" names more than the disc)."""
    for m in existing:
        if m.start < end and start < m.end:
            if not (m.label_ == "anatomy" and start <= m.start and m.end <= end and (start, end) != (m.start, m.end)):
                return True
    return False


class VocabularyMatcher:
    def __init__(self, nlp: Language, vocab_dir: str | None = None):
        from pathlib import Path
        self.concepts = vocabulary.load(Path(vocab_dir)) if vocab_dir else vocabulary.shipped()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for c in self.concepts.values():
            forms = [f for name in c.names for f in vocabulary.surface_forms(name)]
            docs = [nlp.make_doc(f) for f in forms]
            self.matcher.add(c.id, docs)

    def __call__(self, doc: Doc) -> Doc:
        # match on the words alone: a name split by a re-joined page break ('nerve root   irritation')
        # holds a whitespace token that would otherwise hide it
        keep = [t.i for t in doc if not t.is_space]
        words = Doc(doc.vocab, words=[doc[i].text for i in keep])
        spans = []
        for match_id, start, end in self.matcher(words):
            cid = doc.vocab.strings[match_id]
            c = self.concepts[cid]
            spans.append(Span(doc, keep[start], keep[end - 1] + 1, label=c.type, kb_id=cid))
        existing = list(doc.spans.get(SPANS_KEY, []))
        doc.spans[SPANS_KEY] = keep_longest(doc, existing + spans)
        return doc


@Language.factory("spasmkg_vocabulary_v1", assigns=["doc.spans"], default_config={"vocab_dir": None})
def make_vocabulary(nlp: Language, name: str, vocab_dir: str | None) -> VocabularyMatcher:
    return VocabularyMatcher(nlp, vocab_dir)
