"""The statistics a parsed document reports, as :class:`Statistic` records with their evidence.

Each statistic found by the ``spasmkg_statistics`` component gets the claim and references of the
citation marker that closes its clause, and the conditions and symptoms its sentence (or, in a
sentence of several numbers, its own stretch of it) names: what the number is about.
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
    stats = list(doc.spans.get(SPANS_KEY, []))
    for s in stats:
        f = s._.statistic
        sent = Span(s.sent.start_char, s.sent.end_char, text[s.sent.start_char:s.sent.end_char])
        st = Statistic(start=s.start_char, end=s.end_char, text=text[s.start_char:s.end_char], kind=f.kind,
                       value=f.value, unit=f.unit, low=f.low, high=f.high, qualifier=f.qualifier,
                       population=f.population, time_frame=f.time_frame, sentence=sent)
        cit = citation_for(s.start_char, s.end_char, sent)
        if cit is not None:
            st.claim, st.refs = cit.claim, list(cit.refs)
        st.about = _about(s, mentions, sent, stats)
        out.append(st)
    return out


def _about(s, mentions: list[Mention], sent: Span, stats: list) -> list[str]:
    """What a number is about: the conditions and symptoms of its sentence, or, where the sentence
    gives several numbers ("84% have spasms and 90% have back pain"), those of its own stretch: from
    the number to the next one, else from the previous one to it."""
    def named(a: int, b: int) -> list[str]:
        return [m.concept for m in mentions if m.concept and m.type in ABOUT_TYPES
                and a <= m.start and m.end <= b and m.assertion != "negated"]
    starts = sorted({t.start_char for t in stats if sent.start <= t.start_char < sent.end})
    if len(starts) > 1:
        k = starts.index(s.start_char)
        after = named(s.end_char, starts[k + 1] if k + 1 < len(starts) else sent.end)
        before = named(starts[k - 1] if k else sent.start, s.start_char)
        own = after or before
        if own:
            return list(dict.fromkeys(own))
    return list(dict.fromkeys(named(sent.start, sent.end)))
