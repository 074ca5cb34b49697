"""Open-class mentions typed by a lexical resource: WordNet's anatomy, drugs, procedures and ills.

The vocabulary names the domain's concepts; the lexicon (``spasmkg.ontology.wordnet``) knows the
rest of the language's body parts, drugs, treatments, tests, disorders and symptoms through its
hypernyms. Every lemma becomes a PhraseMatcher pattern (with the plural of its last word); a match
that overlaps no earlier mention and ends on a noun becomes a mention of the lemma's type, with
``Span._.source == "lexicon"``. Lemmas listed in ``rules/lexicon_rules.json`` under ``stop`` are
too general or too ambiguous in clinical prose (``cold``, ``head`` of a list) and are skipped.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract.components.vocabulary import SPANS_KEY, set_source
from spasmkg.ontology.vocabulary import plural
from spasmkg.ontology.wordnet import lexicon

NOUN_TAGS = {"NOUN", "PROPN"}


@lru_cache(maxsize=1)
def lexicon_rules() -> dict:
    return json.loads((resources.files("spasmkg.extract.rules") / "lexicon_rules.json").read_text(encoding="utf-8"))


def _forms(lemma: str) -> list[str]:
    last = lemma.rsplit(" ", 1)[-1]
    forms = [lemma]
    if last.isalpha() and not last.endswith("s"):
        forms.append(lemma[: len(lemma) - len(last)] + plural(last))
    return forms


class LexiconMatcher:
    def __init__(self, nlp: Language, types: list[str] | None = None):
        rules = lexicon_rules()
        stop = set(rules["stop"])
        allowed = set(types or rules["types"])
        self.entries: dict[str, tuple[str, str]] = {}
        for lemma, (typ, synset) in lexicon().items():
            if typ in allowed and lemma not in stop and len(lemma) > 2:
                for form in _forms(lemma):
                    self.entries.setdefault(form, (typ, synset))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        words = [[t.lower_ for t in d] for d in nlp.tokenizer.pipe(self.entries)]
        for typ in allowed:
            patterns = [[hash_string(w) for w in ws] for ws, (t, _s) in zip(words, self.entries.values()) if t == typ]
            if patterns:
                self.matcher.add(typ, patterns)

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans.get(SPANS_KEY, []))
        covered = {i for m in existing for i in range(m.start, m.end)}
        new = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if any(i in covered for i in range(start, end)) or any(t.is_space for t in span):
                continue
            if span[-1].pos_ not in NOUN_TAGS:
                continue
            # a capitalised proper noun inside a sentence is a name or a title ("J Back Musculoskelet")
            if span[0].pos_ == "PROPN" and span[0].text[:1].isupper() and not span[0].is_sent_start:
                continue
            entry = self.entries.get(span.text.lower())
            if entry:
                new.append(set_source(Span(doc, start, end, label=entry[0]), "lexicon"))
        if new:
            doc.spans[SPANS_KEY] = filter_spans(existing + filter_spans(new))
        return doc


@Language.factory("spasmkg_lexicon", assigns=["doc.spans"], default_config={"types": None})
def make_lexicon(nlp: Language, name: str, types: list[str] | None) -> LexiconMatcher:
    return LexiconMatcher(nlp, types)
