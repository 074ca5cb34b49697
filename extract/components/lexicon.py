"""Open-class mentions typed by a lexical resource: WordNet's anatomy, drugs, procedures and ills.

The vocabulary names the domain's concepts; the lexicon (``spasmkg.ontology.wordnet``) knows the
rest of the language's body parts, drugs, treatments, tests, disorders and symptoms through its
hypernyms. Every lemma becomes a PhraseMatcher pattern (with the plural of its last word); a match
that overlaps no earlier mention and ends on a noun becomes a mention of the lemma's type, with
``Span._.source == "lexicon"``. Lemmas listed in ``rules/lexicon_rules.json`` under ``stop`` are
too general or too ambiguous in clinical prose (``cold``, ``head`` of a list) and are skipped.

Words no resource lists are typed by their form (``source == "rule"``): a medical suffix
(``spondylodiscitis`` is a condition, ``laminectomy`` a treatment) or a head noun that names a thing
once modified (``conus medullaris syndrome``, ``activity modification``), or a part of the body named by an
anatomical modifier and head (``neural foramen``, ``intervertebral disc``).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract.components.vocabulary import SPANS_KEY, blocked, keep_longest, set_source, shadow
from spasmkg.ontology.vocabulary import plural
from spasmkg.ontology.wordnet import lexicon
from spasmkg.extract import rules as rule_files

NOUN_TAGS = {"NOUN", "PROPN"}


@lru_cache(maxsize=1)
def lexicon_rules() -> dict:
    return rule_files.load("lexicon_rules")


def _forms(lemma: str, typ: str) -> list[str]:
    """A lemma, its plural, and for a two-word name its hyphenated form ('muscle-relaxant') and, for
    a body part, its closed compound ('tailbone')."""
    last = lemma.rsplit(" ", 1)[-1]
    forms = [lemma]
    words = lemma.split()
    if len(words) == 2 and all(w.isalpha() for w in words):
        forms.append("-".join(words))
        if typ == "anatomy":
            forms.append("".join(words))
    for form in list(forms):
        if last.isalpha() and not last.endswith("s"):
            forms.append(form[: len(form) - len(last)] + plural(last))
    return forms


def _opens_item(tok) -> bool:
    """The token opens a sentence, a list item or a label's value ('- Fever', 'Signs: Fever')."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    return tok.is_sent_start or prev is None or prev.is_space or prev.text in {":", "-", "•", "*", "(", ";"} \
        or "\n" in prev.text


class LexiconMatcher:
    def __init__(self, nlp: Language, types: list[str] | None = None):
        rules = lexicon_rules()
        stop = set(rules["stop"])
        allowed = set(types or rules["types"])
        self.entries: dict[str, tuple[str, str]] = {}
        for lemma, (typ, synset) in lexicon().items():
            if typ in allowed and lemma not in stop and len(lemma) > 2:
                for form in _forms(lemma, typ):
                    self.entries.setdefault(form, (typ, synset))
        # longest suffix first, so '-listhesis' wins over '-sis'
        self.suffixes = sorted(rules["suffixes"].items(), key=lambda kv: -len(kv[0]))
        self.min_suffix = int(rules["min_suffix_word"])
        self.heads = dict(rules["modified_heads"])
        self.anatomy_heads = set(rules["anatomy_heads"])
        self.anatomy_modifiers = set(rules["anatomy_modifiers"])
        self.stop = stop
        self.functions = set(rules.get("function_heads", []))
        self.changes = set(rules.get("change_words", []))
        self.losses = set(rules.get("loss_words", []))
        from spasmkg.extract.components.noun_phrases import phrase_rules
        self.weak_modifiers = set(phrase_rules()["drop_left"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        words = [[t.lower_ for t in d] for d in nlp.tokenizer.pipe(self.entries)]
        for typ in allowed:
            patterns = [[hash_string(w) for w in ws] for ws, (t, _s) in zip(words, self.entries.values()) if t == typ]
            if patterns:
                self.matcher.add(typ, patterns)

    def _changed_function(self, doc: Doc, tok, taken: set[int]) -> Span | None:
        """A function of the body named with its change is a symptom: "decreased sensation",
        "loss of bladder control", "reduction of reflexes"."""
        if tok.lower_ not in self.functions or tok.pos_ not in NOUN_TAGS:
            return None
        i = tok.i - 1
        while i >= 0 and i > tok.i - 4 and doc[i].pos_ in ("NOUN", "ADJ", "PROPN") and doc[i].lower_ not in self.changes:
            i -= 1                          # over what the function is of: "bladder control", "urinary sensation"
        if i >= 0 and doc[i].lower_ in self.changes:
            return Span(doc, i, tok.i + 1, label="symptom")
        if i >= 1 and doc[i].lower_ in ("of", "in") and doc[i - 1].lemma_.lower() in self.losses:
            return Span(doc, i - 1, tok.i + 1, label="symptom")
        return None

    def _by_form(self, doc: Doc, taken: set[int], existing: list[Span]) -> list[Span]:
        """Words no resource lists, typed by how they are built: a medical suffix, or a head noun
        that names a thing once a modifier stands before it."""
        out = []
        for tok in doc:
            if tok.i in taken or not tok.is_alpha or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
                continue
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not _opens_item(tok):
                continue
            low = tok.lower_
            if low in self.anatomy_heads and tok.pos_ in ("NOUN", "PROPN") and tok.i > 0:
                mod = doc[tok.i - 1]
                if mod.lower_ in self.anatomy_modifiers and mod.i not in taken and mod.head.i == tok.i:
                    out.append(Span(doc, mod.i, tok.i + 1, label="anatomy"))
                continue
            changed = self._changed_function(doc, tok, taken)
            if changed is not None:
                out.append(changed)
                continue
            head_type = self.heads.get(low)
            if head_type and tok.pos_ in ("NOUN", "PROPN") and tok.i + 2 < len(doc) \
                    and doc[tok.i + 1].lower_ in ("of", "at", "in") \
                    and any(t.pos_ in ("NOUN", "PROPN") and (t.i in taken or t.lower_ in self.anatomy_heads
                                                               or lexicon().get(t.lemma_.lower(), ("",))[0] == "anatomy")
                            for t in doc[tok.i + 2:tok.i + 6]):
                # a head placed by what follows: "hypertrophy of the facet joints", "degeneration at L4/5"
                out.append(Span(doc, tok.i, tok.i + 1, label=head_type))
                continue
            if head_type and tok.pos_ in ("NOUN", "PROPN") and tok.i > 0:
                mod = doc[tok.i - 1]
                if mod.i > 0 and doc[mod.i - 1].text == "-" and not doc[mod.i - 1].whitespace_:
                    continue                # half of a hyphenated word ("non-addictive drugs")
                if head_type == "drug" and mod.i in taken and mod.head.i == tok.i:
                    # what a drug is for names it: "pain meds", "nerve pain medication"
                    first = min(m.start for m in existing if m.start <= mod.i < m.end) \
                        if any(m.start <= mod.i < m.end for m in existing) else None
                    if first is not None:
                        out.append(Span(doc, first, tok.i + 1, label="drug"))
                    continue
                part = next((m for m in existing if m.start <= mod.i < m.end and m.label_ == "anatomy"), None)
                if part is not None and mod.head.i == tok.i and part.end == tok.i:
                    # a body part named by its abnormality: "annulus fibrosus thickening"
                    out.append(Span(doc, part.start, tok.i + 1, label=head_type))
                    continue
                # the modifier, or the last of coordinated ones ("hot or cold packs")
                if (mod.head.i == tok.i or (mod.dep_ == "conj" and mod.head.head.i == tok.i
                                            and mod.head.dep_ in ("amod", "compound"))) \
                        and mod.dep_ in ("amod", "compound", "nmod", "conj") and mod.is_alpha \
                        and mod.i not in taken \
                        and mod.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and mod.lower_ not in self.weak_modifiers:
                    out.append(Span(doc, mod.i, tok.i + 1, label=head_type))
                continue
            if len(low) >= self.min_suffix and tok.pos_ in ("NOUN", "PROPN"):
                typ = next((t for suffix, t in self.suffixes if low.endswith(suffix)), None)
                if typ and low not in self.stop:
                    out.append(Span(doc, tok.i, tok.i + 1, label=typ))
        return out

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans.get(SPANS_KEY, []))
        covered = {i for m in existing for i in range(m.start, m.end)}
        new = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if any(t.is_space for t in span) or span[-1].pos_ not in NOUN_TAGS:
                continue
            if blocked(existing, start, end):
                entry = self.entries.get(span.text.lower())
                if entry and entry[0] == "anatomy":     # a body part inside a longer name
                    shadow(doc, [set_source(Span(doc, start, end, label="anatomy"), "lexicon")])
                continue
            # a part of a hyphenated word is not a mention of its own ("muscle-relaxant", "half-elbow")
            if (start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_) or \
                    (end < len(doc) and doc[end].text == "-" and not span[-1].whitespace_):
                continue
            # a capitalised proper noun inside a sentence is a name or a title ("J Back Musculoskelet")
            if span[0].pos_ == "PROPN" and span[0].text[:1].isupper() and not _opens_item(span[0]):
                continue
            entry = self.entries.get(span.text.lower())
            if entry:
                new.append(set_source(Span(doc, start, end, label=entry[0]), "lexicon"))
        taken = covered | {i for m in new for i in range(m.start, m.end)}
        new += [set_source(span, "rule") for span in self._by_form(doc, taken, existing)]
        if new:
            doc.spans[SPANS_KEY] = keep_longest(doc, existing + keep_longest(doc, new))
        return doc


@Language.factory("spasmkg_lexicon_v1", assigns=["doc.spans"], default_config={"types": None})
def make_lexicon(nlp: Language, name: str, types: list[str] | None) -> LexiconMatcher:
    return LexiconMatcher(nlp, types)
