"""Vocabulary mentions: every surface name of every concept in the ontology's vocabulary.

A PhraseMatcher on lower-cased tokens is built from ``spasmkg.ontology.vocabulary``; matches go to
``doc.spans["mentions"]`` with the mention type as label and the concept id as ``kb_id``. Where
matches overlap the longest wins, so ``straight leg raise test`` beats ``leg``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.ontology import vocabulary

SPANS_KEY = "mentions"

if not Span.has_extension("source"):
    # which resource found a mention when its kb_id does not say: lexicon, rule, model
    Span.set_extension("source", default=None)


def set_source(span: Span, source: str) -> Span:
    """``span`` with ``span._.source`` set (kept in the Doc, so the span group's copy has it too)."""
    span._.source = source
    return span


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
        doc.spans[SPANS_KEY] = filter_spans(existing + spans)
        return doc


@Language.factory("spasmkg_vocabulary_v1", assigns=["doc.spans"], default_config={"vocab_dir": None})
def make_vocabulary(nlp: Language, name: str, vocab_dir: str | None) -> VocabularyMatcher:
    return VocabularyMatcher(nlp, vocab_dir)
