"""The statistics a parsed document reports, as :class:`Statistic` records with their evidence.

Each statistic found by the ``spasmkg_statistics`` component gets the claim and references of the
citation marker that closes its clause, and the conditions and symptoms its sentence names (what
the number is about).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from spasmkg.extract.components.statistics import SPANS_KEY
from spasmkg.extract.model import Citation, Mention, Span, Statistic

ABOUT_TYPES = ("condition", "symptom")


def statistics(doc: Doc, text: str, mentions: list[Mention],
               citation_for: Callable[[int, int, Span], Citation | None]) -> list[Statistic]:
    out = []
    for s in doc.spans.get(SPANS_KEY, []):
        f = s._.statistic
        sent = Span(s.sent.start_char, s.sent.end_char, text[s.sent.start_char:s.sent.end_char])
        st = Statistic(start=s.start_char, end=s.end_char, text=text[s.start_char:s.end_char], kind=f.kind,
                       value=f.value, unit=f.unit, low=f.low, high=f.high, qualifier=f.qualifier,
                       population=f.population, time_frame=f.time_frame, sentence=sent)
        cit = citation_for(s.start_char, s.end_char, sent)
        if cit is not None:
            st.claim, st.refs = cit.claim, list(cit.refs)
        about = [m.concept for m in mentions if m.concept and m.type in ABOUT_TYPES
                 and sent.start <= m.start and m.end <= sent.end and m.assertion != "negated"]
        st.about = list(dict.fromkeys(about))
        out.append(st)
    return out
