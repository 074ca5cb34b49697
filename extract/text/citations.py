"""Claims at the grain of citation markers: each marker supports the clause it closes.

The clause runs from the previous marker in the same sentence (or the sentence start) to the marker,
trimmed of surrounding punctuation and spaces. One claim per marker.
"""
from __future__ import annotations

from bisect import bisect_right

from spasmkg.extract.text.layout import Section, section_at
from spasmkg.extract.text.markers import Marker
from spasmkg.extract.model import Citation, Span

_TRIM = " \t\r\n,;:.–—-"


def clause_spans(text: str, markers: list[Marker], sentence_starts: list[int],
                 sections: list[Section]) -> list[Citation]:
    """One :class:`Citation` per marker, its claim the clause the marker closes."""
    out: list[Citation] = []
    starts = sorted(sentence_starts)
    prev_end = 0
    for mk in markers:
        if mk.style == "author_year_narrative":     # 'Hoy et al. (2012) found that X': the claim follows
            out.append(_following_claim(text, mk, starts, sections))
            prev_end = mk.end
            continue
        i = bisect_right(starts, mk.start)   # the last sentence start at or before the marker
        sent_start = starts[i - 1] if i else 0
        a = max(sent_start, prev_end if prev_end > sent_start else sent_start)
        b = mk.start
        # drop text before a sentence start that a previous marker left inside the span
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b <= a:               # two markers in a row ('^{1}^{2}'): share the previous claim
            if out:
                prev = out[-1]
                a, b = prev.claim.start, prev.claim.end
            else:
                a, b = mk.start, mk.start
        sec = section_at(sections, mk.start)
        out.append(Citation(marker=Span(mk.start, mk.end, mk.text), claim=Span(a, b, text[a:b]),
                            refs=list(mk.refs), section=sec.title if sec else None))
        prev_end = mk.end
    return out


def _following_claim(text: str, mk: Marker, starts: list[int], sections: list[Section]) -> Citation:
    """The claim of a narrative citation: from the marker to the end of its sentence."""
    a = mk.end
    i = bisect_right(starts, mk.end)         # the first sentence start after the marker
    b = starts[i] if i < len(starts) else len(text)
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    sec = section_at(sections, mk.start)
    return Citation(marker=Span(mk.start, mk.end, mk.text), claim=Span(a, b, text[a:b]), refs=list(mk.refs),
                    section=sec.title if sec else None)
