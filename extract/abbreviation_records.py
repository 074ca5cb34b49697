"""The abbreviations a parsed document defines, as :class:`Abbreviation` records in file offsets."""
from __future__ import annotations

from spacy.tokens import Doc

from spasmkg.extract.model import Abbreviation, Span


def _span(s, text: str) -> Span:
    return Span(s.start_char, s.end_char, text[s.start_char:s.end_char])


def abbreviations(doc: Doc, text: str) -> list[Abbreviation]:
    out: dict[str, Abbreviation] = {}
    for a in doc._.abbreviations or []:
        if a.definition:
            out[a.short.text] = Abbreviation(_span(a.short, text), _span(a.long, text), concept=a.concept)
        elif a.short.text in out:
            out[a.short.text].occurrences.append(_span(a.short, text))
    return sorted(out.values(), key=lambda a: a.short.start)
