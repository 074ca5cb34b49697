"""Mentions grown to the noun phrase that names their thing: "pain" -> "pain at night",
"tumors" -> "benign or malignant tumors", "stenosis" -> "foraminal stenosis".

A matcher finds the name it knows; the text often names something narrower with modifiers the
parse attaches to the same head. Leftwards a mention takes its head's modifiers (adjectives,
compounds and their coordinations), without determiners, numbers or the evaluative words listed in
``rules/noun_phrase_rules.json`` (``common``, ``other``...). Rightwards a symptom or condition
takes one prepositional phrase on its head when the phrase places it (an anatomical mention,
``at night``, ``with walking``). A grown mention keeps its type, concept and source; it never
swallows another mention of a different type, and never crosses a line break or a parenthesis.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract import rules as rule_files
from spasmkg.extract.components.vocabulary import SPANS_KEY, set_source, shadow
from spasmkg.ontology.wordnet import lexicon


LEFT_POS = {"ADJ", "NOUN", "PROPN", "VERB", "ADV", "CCONJ", "PUNCT", "X", "NUM"}
LEFT_DEPS = {"amod", "compound", "nmod", "conj", "cc", "advmod", "npadvmod", "punct", "nummod", "hmod", "hyph"}
BREAKS = {"(", ")", "[", "]", ";", ":", "/"}
#: what a placing phrase is made of ("in the fourth and fifth digits", "in the leg, calf, and buttocks")
PHRASE_POS = {"DET", "ADJ", "NOUN", "PROPN", "CCONJ"}


@lru_cache(maxsize=1)
def phrase_rules() -> dict:
    return rule_files.load("noun_phrase_rules")


def _body_part(tok) -> bool:
    """The lexicon knows the word as a body part (even one too vague to be a mention alone)."""
    entry = lexicon().get(tok.lemma_.lower()) or lexicon().get(tok.lower_)
    return entry is not None and entry[0] == "anatomy"


def _head(span: Span):
    """The span's syntactic head when it is a noun, else its last token."""
    root = span.root
    return root if root.pos_ in ("NOUN", "PROPN") else span[-1]


class NounPhraseGrower:
    def __init__(self, nlp: Language, rules: dict | None = None):
        r = rules or phrase_rules()
        self.left_types = set(r["left_types"])
        self.right_types = set(r["right_types"])
        self.drop = set(r["drop_left"])
        self.drop_by_type = {t: set(ws) for t, ws in r.get("drop_left_by_type", {}).items()}
        self.preps = set(r["right_preps"])
        self.places = set(r["right_objects"])
        self.generic = set(r["generic_objects"])
        self.max_left = int(r["max_left"])
        self.max_right = int(r["max_right"])
        self.compound_types = set(r.get("compound_types", []))
        self.changed = set(r.get("changed_structure", []))

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc.spans.get(SPANS_KEY, []))
        if not mentions:
            return doc
        owner = {}
        for m in mentions:
            for i in range(m.start, m.end):
                owner[i] = m
        grown = []
        for m in mentions:
            start = self._left(doc, m, owner) if m.label_ in self.left_types else m.start
            end = self._right(doc, m, owner) if m.label_ in self.right_types else m.end
            if (start, end) == (m.start, m.end):
                grown.append(m)
                continue
            if m.label_ == "anatomy" and any(t.lemma_.lower() in self.changed or t.lower_ in self.changed
                                             for t in doc[start:m.start]):
                # a body part named with what went wrong with it is a finding: "thickened ligament"
                grown.append(set_source(Span(doc, start, end, label="finding"), "rule"))
                shadow(doc, [m])            # the part itself stays a nested mention
                continue
            span = Span(doc, start, end, label=m.label_, kb_id=m.kb_id_)
            if m._.source:
                set_source(span, m._.source)
            grown.append(span)
        kept = filter_spans(grown)
        doc.spans[SPANS_KEY] = kept
        # a body part a grown name swallowed ("numbness in the left foot" names the foot) stays known,
        # for the nested mentions read once every name is final (components/nested.py)
        shadow(doc, [m for m in grown if m.label_ == "anatomy" and not any(m is k for k in kept)])
        return doc

    def _ok(self, tok, m: Span, owner: dict) -> bool:
        other = owner.get(tok.i)
        return (other is None or other is m) and "\n" not in tok.text \
            and tok.text not in BREAKS

    def _left(self, doc: Doc, m: Span, owner: dict) -> int:
        head = _head(m)
        start = m.start
        i = m.start - 1
        while i >= max(0, m.start - self.max_left):
            tok = doc[i]
            # a body part modifying the head is part of the name: "chest muscles", "leg pain"
            other = owner.get(tok.i)
            absorbed = other is not None and other.end <= m.start and (
                other.label_ == "anatomy"
                # a procedure naming the kind of another: "fusion surgery", "discectomy operations"
                or (other.label_ == m.label_ and m.label_ in self.compound_types and tok.dep_ == "compound"))
            if tok.is_space or not (absorbed or self._ok(tok, m, owner)) or tok.pos_ not in LEFT_POS:
                break
            if tok.text.endswith(".") or (m.sent is not None and i < m.sent.start):
                break                       # an initial or a sentence end: "Doe C. Combination therapy"
            if tok.pos_ == "VERB" and (tok.dep_ not in ("amod", "compound") or tok.tag_ not in ("VBG", "VBN")):
                break
            # left children's subtrees are contiguous: everything from the head's left edge on is its own
            if i < head.left_edge.i or tok.dep_ not in LEFT_DEPS:
                break
            i -= 1
            start = i + 1
        # trim what does not belong at the front of a name: punctuation, conjunctions, evaluative words
        while start < m.start and (doc[start].pos_ in ("PUNCT", "CCONJ", "NUM", "ADV", "SYM", "X")
                                   or not any(c.isalnum() for c in doc[start].text)
                                   or doc[start].lower_ in self.drop
                                   or doc[start].lower_ in self.drop_by_type.get(m.label_, ())):
            start += 1
        # a coordination kept only when both sides stayed: "benign or malignant tumors"
        return start

    def _body_part_next(self, doc: Doc, start: int, limit: int, owner: dict) -> bool:
        """The first noun after a comma names a body part: 'in the leg, calf, and buttocks'."""
        for tok in doc[start:limit]:
            if tok.pos_ in ("NOUN", "PROPN"):
                other = owner.get(tok.i)
                return (other is not None and other.label_ == "anatomy") or _body_part(tok)
        return False

    def _right(self, doc: Doc, m: Span, owner: dict) -> int:
        """One placing prepositional phrase, read by part of speech: the small parser often hangs it
        on the verb or chains a following symptom into it, so its tree is not followed."""
        if m.end >= len(doc) or doc[m.end].lower_ not in self.preps or doc[m.end].pos_ not in ("ADP", "ADV"):
            return m.end
        limit = min(len(doc), m.end + 1 + self.max_right, m.sent.end if m.sent is not None else len(doc))
        end = m.end + 1
        for i in range(m.end + 1, limit):
            tok = doc[i]
            other = owner.get(i)
            if other is not None and other.label_ != "anatomy":
                break                       # the next thing named: "... and weakness"
            if tok.is_space or "\n" in tok.text or tok.text in BREAKS:
                break
            if other is not None:           # a place named whole: "at L4-5", never "at L4-"
                if other.end < limit and doc[other.end].pos_ in ("NOUN", "PROPN") and owner.get(other.end) is None \
                        and doc[i - 1].pos_ == "CCONJ":
                    break                   # the body part heads a name of its own: "and dural sac effacement"
                end = max(end, other.end)
                continue
            if tok.text == "," and (doc[m.end].lower_ == "of" or not self._body_part_next(doc, i + 1, limit, owner)):
                break                       # the next item of a list ("of X, Y": of each), not another place
            if tok.pos_ in PHRASE_POS or tok.text == "," or tok.tag_ == "PRP$" or (tok.pos_ == "NUM" and tok.is_alpha) or (tok.pos_ == "VERB" and tok.tag_ in ("VBN", "VBG")
                                                             and tok.dep_ in ("amod", "compound", "pobj")):
                end = i + 1
                continue
            break
        # trimmed back to a noun, but never into a mention it ends on (a level: "at L4-5")
        while end > m.end + 1 and doc[end - 1].pos_ not in ("NOUN", "PROPN") and owner.get(end - 1) is None:
            end -= 1
        phrase = doc[m.end + 1:end]
        nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN")]
        if not nouns or any(t.lemma_.lower() in self.generic or t.lower_ in self.generic for t in nouns):
            return m.end
        placed = any(owner.get(t.i) is not None and owner[t.i].label_ == "anatomy" for t in phrase) or \
            any(t.lemma_.lower() in self.places or t.lower_ in self.places or _body_part(t) for t in nouns)
        return end if placed else m.end


@Language.factory("spasmkg_noun_phrase_v1", assigns=["doc.spans"], default_config={})
def make_noun_phrase(nlp: Language, name: str) -> NounPhraseGrower:
    return NounPhraseGrower(nlp)
