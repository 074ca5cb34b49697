"""Claims at the grain of citation markers: each marker supports the clause it closes.

The clause runs from the previous marker in the same sentence (or the sentence start) to the marker,
trimmed of surrounding punctuation and spaces. One claim per marker.

A sentence starts where the parser says so only after a sentence's closing punctuation or a line
break (the parser also splits list fragments mid-line: 'left and right | sides ...'), and every
line break the layout kept (a list item, a paragraph) starts one too.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spasmkg.extract.text.layout import Section, section_at
from spasmkg.extract.text.markers import Marker
from spasmkg.extract.model import Citation, Span

_TRIM = " \t\r\n,;:.–—-*•"
#: text before a sentence start, read backwards: a closing mark ('.', '?', '."', '.)')
_CLOSED = re.compile(r"[.!?][\"'”’)\]]{0,3}\s*$")
#: a sentence that opens with its source's authors: 'Hoy et al.', 'Hoy and Bain', 'In 2012, Hoy et al.'
_AUTHORS_ONLY = re.compile(r"(?:(?:In|By) (?:1[6-9]|20)\d{2},? )?(?:the )?(?:[A-Z][\w'’-]+ )?[A-Z][\w'’-]+"
                           r"(?: et al\.?| and (?:colleagues|co-workers|[A-Z][\w'’-]+))")
#: a list item's mark at a line's start: '- ', '* ', '• ', '1. ', '2) ', 'a) '
_ITEM = re.compile(r"[^\S\n]*(?:[-*•+–]|\d{1,3}[.)]|[a-z][.)])\s")
#: a heading run into the sentence after it when markup was stripped: 'EtiologyThere is'
_GLUED_HEADING = re.compile(r"[A-Za-z]*[a-z]{3}(?=[A-Z][a-z])")


def _opens(body: str, newline: int) -> bool:
    """True when the line after ``newline`` starts a claim: the line before is blank (or was masked)
    or ends a sentence, or this line is a list item. A line wrapped mid-sentence does not."""
    before = body[body.rfind("\n", 0, newline) + 1:newline].strip()
    return not before or before[-1] in ".!?:;" or _ITEM.match(body, newline + 1) is not None


def sentence_starts(body: str, parser_starts: list[int]) -> list[int]:
    """Where claims may start in ``body`` (the masked text the parser read): the parser's sentence
    starts that follow closing punctuation, and the starts of lines that open (:func:`_opens`)."""
    lines = {m.end(): m.start() for m in re.finditer(r"\n[^\S\n]*", body) if _opens(body, m.start())}
    kept = [s for s in parser_starts if s == 0 or _CLOSED.search(body, max(0, s - 12), s)]
    return sorted(set(kept) | set(lines))


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
        k = bisect_right(starts, mk.start)
        while k > 0 and not text[starts[k - 1]:mk.start].strip():
            k -= 1                                   # a start right at the marker opens no claim
        sent_start = starts[k - 1] if k else 0
        if _AUTHORS_ONLY.fullmatch(text[max(sent_start, prev_end):mk.start].strip()):
            out.append(_following_claim(text, mk, starts, sections))    # 'Hoy et al. [3] found that X'
            prev_end = mk.end
            continue
        a = max(sent_start, prev_end if prev_end > sent_start else sent_start)
        b = mk.start
        # drop text before a sentence start that a previous marker left inside the span
        while a < b and (text[a] in _TRIM or text[a].isspace()):
            a += 1
        if (glued := _GLUED_HEADING.match(text, a, b)) is not None:
            a = glued.end()
        while b > a and (text[b - 1] in _TRIM or text[b - 1].isspace()):
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
    k = bisect_right(starts, mk.end)
    b = starts[k] if k < len(starts) else len(text)
    while a < b and (text[a] in _TRIM or text[a].isspace()):
        a += 1
    while b > a and (text[b - 1] in _TRIM or text[b - 1].isspace()):
        b -= 1
    sec = section_at(sections, mk.start)
    return Citation(marker=Span(mk.start, mk.end, mk.text), claim=Span(a, b, text[a:b]), refs=list(mk.refs),
                    section=sec.title if sec else None)


def own_claims(text: str, body: str, starts: list[int], sections: list[Section],
               mentioned: list[int]) -> list[Citation]:
    """The claims of a text that reports its own work (an abstract): every sentence of its body
    that names something, supported by the article itself, so it cites no reference. Its marker
    is empty, set where the sentence ends."""
    bounds = sorted(set(starts) | {len(body)})
    mentioned = sorted(mentioned)
    out: list[Citation] = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and (body[a].isspace() or body[a] in _TRIM):
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        k = bisect_right(mentioned, a - 1)
        if b <= a or k >= len(mentioned) or mentioned[k] >= b:
            continue
        sec = section_at(sections, a)
        if sec is not None and sec.kind == "references":
            continue
        out.append(Citation(marker=Span(b, b, ""), claim=Span(a, b, text[a:b]), refs=[],
                            section=sec.title if sec else None))
    return out
