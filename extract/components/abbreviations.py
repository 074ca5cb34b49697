"""Abbreviations defined in the text, resolved to their long forms (Schwartz & Hearst, 2003).

A definition is ``long form (SF)`` or ``SF (long form)``: the short form is one or two words of at
most ten characters, starting with a letter or digit and holding a letter; the long form is the
shortest run of words just before the parenthesis in which every character of the short form can be
found, in order, from the right, its first character starting a word. Every later occurrence of the
short form is resolved to the same long form. When the long form is a vocabulary mention (``straight
leg raise (SLR)``), each occurrence of the short form becomes a mention of the same concept.

scispaCy's ``AbbreviationDetector`` implements the same algorithm; it is not used because installing
scispaCy pulls scipy, scikit-learn and nmslib and pins numpy below the version this project uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract.components.vocabulary import SPANS_KEY

SHORT_FORM = re.compile(r"^[A-Za-z0-9][\w./&+-]{0,9}$")

if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=None)


@dataclass
class Found:
    short: Span                # this occurrence of the short form
    long: Span                 # the long form, where the text defines it
    definition: bool           # True where the text defines the short form
    concept: str | None = None  # the long form's vocabulary concept


def _is_short_form(text: str) -> bool:
    """One or two words of at most ten characters, starting with a letter or digit, with a capital."""
    words = text.split()
    return (1 <= len(words) <= 2 and len(text) <= 10 and text[0].isalnum() and "," not in text
            and any(c.isupper() for c in text))


def best_long_form(short: str, candidate: str) -> int | None:
    """Start index in ``candidate`` of the shortest long form matching ``short``, or None."""
    s = short.lower()
    c = candidate.lower()
    si, li = len(s) - 1, len(c) - 1
    while si >= 0:
        ch = s[si]
        if not ch.isalnum():
            si -= 1
            continue
        while li >= 0 and (c[li] != ch or (si == 0 and li > 0 and c[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = c.rfind(" ", 0, li + 1) + 1
    return start


class AbbreviationDetector:
    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        found: list[Found] = []
        definitions: dict[str, Span] = {}
        for tok in doc:
            if tok.text != "(":
                continue
            close = next((t for t in doc[tok.i + 1:min(len(doc), tok.i + 12)] if t.text == ")"), None)
            if close is None or close.i == tok.i + 1:
                continue
            inner = doc[tok.i + 1:close.i]
            pair = self._definition(doc, tok.i, inner)
            if pair is None:
                continue
            short, long = pair
            key = short.text
            if key not in definitions:
                definitions[key] = long
                found.append(Found(short, long, True))
        if definitions:
            for tok in doc:
                if tok.text in definitions and not any(a.short.start == tok.i for a in found):
                    long = definitions[tok.text]
                    if tok.i >= long.end:
                        found.append(Found(doc[tok.i:tok.i + 1], long, False))
        doc._.abbreviations = sorted(found, key=lambda a: a.short.start)
        self._mentions(doc)
        return doc

    def _definition(self, doc: Doc, open_i: int, inner: Span) -> tuple[Span, Span] | None:
        sent_start = doc[open_i].sent.start
        if _is_short_form(inner.text):
            # long form (SF): look back over at most min(|SF| + 5, 2|SF|) words
            n = len(inner.text.replace(" ", ""))
            limit = min(n + 5, 2 * n)
            words = [t for t in doc[max(sent_start, open_i - limit * 2):open_i] if not t.is_space]
            words = words[-limit:]
            if not words:
                return None
            cand = doc[words[0].i:open_i]
            start = best_long_form(inner.text, cand.text)
            if start is None:
                return None
            long = doc.char_span(cand.start_char + start, cand.end_char, alignment_mode="expand")
            if long is None or len(long.text) <= len(inner.text) or long.text.lower().startswith(inner.text.lower()):
                return None
            while long.end > long.start and (long[-1].is_punct or long[-1].is_space):
                long = doc[long.start:long.end - 1]
            return inner, long
        # SF (long form): the word before the parenthesis is the short form
        prev = next((t for t in reversed(doc[sent_start:open_i]) if not t.is_space), None)
        if prev is None or not _is_short_form(prev.text) or not prev.text.isupper() or len(inner) < 2:
            return None
        start = best_long_form(prev.text, inner.text)
        if start != 0:
            return None
        return doc[prev.i:prev.i + 1], inner

    def _mentions(self, doc: Doc) -> None:
        """Occurrences of a short form whose long form is a mention become mentions of its concept."""
        mentions = list(doc.spans.get(SPANS_KEY, []))
        by_long = {}
        for a in doc._.abbreviations or []:
            if a.definition:
                m = next((m for m in mentions if m.start <= a.long.start and a.long.end <= m.end + 1
                          and m.end > a.long.start), None)
                if m is not None:
                    by_long[a.short.text] = m
                    a.concept = m.kb_id_ or None
        new = []
        for a in doc._.abbreviations or []:
            m = by_long.get(a.short.text)
            if m is None or any(x.start < a.short.end and a.short.start < x.end for x in mentions):
                continue
            new.append(Span(doc, a.short.start, a.short.end, label=m.label_, kb_id=m.kb_id_))
        if new:
            doc.spans[SPANS_KEY] = filter_spans(mentions + new)


@Language.factory("spasmkg_abbreviations_v1", assigns=["doc._.abbreviations", "doc.spans"])
def make_abbreviations(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector(nlp)
