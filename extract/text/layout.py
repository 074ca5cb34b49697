"""Document structure: title, headings, running headers, captions and the reference list.

The parser must not see page debris (a running title repeated mid-sentence, a sentence broken across
a page) nor citation markers, yet every offset must still point into the original file. So instead
of deleting text, :func:`analyse` returns a *masked* copy of the same length: debris, markers and
non-body regions are overwritten with spaces and broken sentences are re-joined by turning their
line breaks into spaces. Offsets in the masked text are offsets in the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spasmkg.extract.model import Section

REFERENCE_HEADINGS = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(references?|bibliography|works cited|literature cited|cited literature|"
    r"reference list|notes and references|references and notes|references and further reading|"
    r"sources and references|sources|citations|literature)$", re.I)
#: the first entry of a numbered reference list: '1. ', '[1] ', '1) '
FIRST_ENTRY = re.compile(r"\s*(?:\[1\]|1[.)])\s")
#: what a heading never holds: a citation marker, or the end of one sentence and the start of another
NOT_A_HEADING = re.compile(r"\[\d|\^\{?\d|<sup>|[.!?]\s+[A-Z]")
#: a markdown heading: '## Treatment'
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
CAPTION = re.compile(r"^(figure|fig\.|table|box)\s*\d+[.:]", re.I)
TERMINAL = ('.', '?', '!', ':', ';', '"', '”', ')')


@dataclass
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Layout:
    title: str
    sections: list[Section]
    body: str                      # masked text, same length as the original
    unheadered: str                # the original with running headers blanked, same length
    references: Section | None     # the reference list region, if any
    headers: list[tuple[int, int]] = field(default_factory=list)   # removed running headers
    captions: list[Section] = field(default_factory=list)


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def heading_text(s: str) -> str:
    """A heading's words without markdown marks or a closing colon: '## **References:**' -> 'References'."""
    return s.strip().lstrip("#").strip().strip("*_").strip().rstrip(":").strip().strip("*_").strip()


def _is_heading(line: Line, prev_blank: bool, next_blank: bool, next_text: str = "") -> bool:
    s = line.stripped
    if not s or len(s) > 80:
        return False
    if MARKDOWN_HEADING.match(s):
        return True
    if REFERENCE_HEADINGS.match(heading_text(s)) and (prev_blank or FIRST_ENTRY.match(next_text)):
        return True             # 'References:' may be followed by its first entry directly
    if not prev_blank or not next_blank or NOT_A_HEADING.search(s):
        return False
    if s[-1] in ".,;:?!" or CAPTION.match(s) or re.match(r"^\d+\.\s", s):
        return False
    words = s.split()
    if len(words) > 10 or not s[0].isupper():
        return False
    # headings are title- or sentence-case phrases without verbs-heavy punctuation
    return sum(w[0].isupper() or not w[0].isalpha() for w in words) >= 1


def analyse(text: str, mask_headings: bool = True) -> Layout:
    """Find the structure of ``text`` and return it with the masked body text.

    ``mask_headings=False`` keeps heading-like lines as prose (a narrative's short lines, such as
    the diagnoses copied from a report, are content, not structure)."""
    lines = _lines(text)
    blank = [not ln.stripped for ln in lines]
    nonblank = [i for i, b in enumerate(blank) if not b]
    title = ""
    if nonblank:
        first = lines[nonblank[0]]
        nxt_blank = nonblank[0] + 1 >= len(lines) or blank[nonblank[0] + 1]
        if _is_heading(first, True, nxt_blank):
            title = heading_text(first.stripped)
    chars = list(text)

    def mask(a: int, b: int) -> None:
        for k in range(a, b):
            if chars[k] not in "\n\r":
                chars[k] = " "

    headings: list[int] = []
    headers: list[tuple[int, int]] = []
    for i in nonblank:
        prev_blank = i == 0 or blank[i - 1]
        next_blank = i == len(lines) - 1 or blank[i + 1]
        ln = lines[i]
        if title and i == nonblank[0]:
            continue
        if title and heading_text(ln.stripped) == title and _is_heading(ln, prev_blank, next_blank):
            headers.append((ln.start, ln.end))     # the running title repeated on a new page
        elif _is_heading(ln, prev_blank, next_blank, lines[i + 1].text if i + 1 < len(lines) else ""):
            headings.append(i)

    for a, b in headers:
        mask(a, b)
    unheadered = "".join(chars)

    # sections run from one heading to the next; the title line opens the document
    sections: list[Section] = []
    ref_section: Section | None = None
    bounds = headings + [len(lines)]
    first_body = (nonblank[1] if len(nonblank) > 1 else None) if title else (nonblank[0] if nonblank else None)
    if headings and first_body is not None and first_body < headings[0]:
        sections.append(Section("(untitled)", lines[first_body].start, lines[headings[0]].start))
    elif not headings and first_body is not None:
        sections.append(Section("(body)", lines[first_body].start, len(text)))
    for k, i in enumerate(headings):
        end = lines[bounds[k + 1]].start if bounds[k + 1] < len(lines) else len(text)
        sec = Section(heading_text(lines[i].stripped), lines[i].start, end)
        if REFERENCE_HEADINGS.match(sec.title):
            sec.kind = "references"
            ref_section = sec
        sections.append(sec)
        if mask_headings:
            mask(lines[i].start, lines[i].end)      # headings are not prose
    if title and mask_headings:
        mask(lines[nonblank[0]].start, lines[nonblank[0]].end)

    # figure and table captions are kept apart from the running prose
    captions: list[Section] = []
    for i in nonblank:
        ln = lines[i]
        if CAPTION.match(ln.stripped):
            captions.append(Section(ln.stripped.split(".")[0], ln.start, ln.end, kind="caption"))
            mask(ln.start, ln.end)
    if ref_section is not None:
        mask(ref_section.start, ref_section.end)

    _join_broken_sentences(text, chars, lines, headers)
    return Layout(title=title, sections=sections, body="".join(chars), unheadered=unheadered,
                  references=ref_section,
                  headers=headers, captions=captions)


#: a run of whitespace holding a blank line, matched only from the run's first character (the
#: lookbehind) and without backtracking, so thousands of blank lines cost one pass, not one per line
PARAGRAPH_GAP = re.compile(r"(?<!\s)[^\S\n]*+\n[^\S\n]*+\n\s*+")
NEWLINE = re.compile(r"\n")
#: a line break after a line's last visible character and before the next visible one
LINE_BREAK = re.compile(r"(?<=\S)([ \t]*\n[ \t]*)(?=(\S))")


def _join_broken_sentences(text: str, chars: list[str], lines: list[Line],
                           headers: list[tuple[int, int]]) -> None:
    """Turn the line breaks inside a sentence broken across a page or a hard-wrapped line into spaces.

    A paragraph that ends without terminal punctuation and is followed (after blank lines and any
    masked running header) by a paragraph starting in lower case continues the same sentence. A
    single line break inside a paragraph continues it when the next line starts in lower case or
    the line before is long prose that does not end a sentence (text wrapped at a fixed width).
    """
    masked = "".join(chars)
    # anchored on each line break (not on each line start), so a very long line costs one pass
    for m in LINE_BREAK.finditer(masked):
        line = masked[masked.rfind("\n", 0, m.start()) + 1:m.start()]
        after = m.group(2)
        ends_open = line[-1] not in TERMINAL
        if ends_open and (after.islower() or (len(line.strip()) >= 50 and line[-1].isalnum() or line[-1] == ",")):
            for k in range(m.start(1), m.end(1)):
                chars[k] = " "
    for m in PARAGRAPH_GAP.finditer(masked):
        gap_start, gap_end = m.span()
        if gap_start == 0 or gap_end == len(masked):
            continue
        before = masked[gap_start - 1]
        after = masked[gap_end]
        if before not in TERMINAL and (after.islower() or after.isdigit()):
            for k in range(gap_start, gap_end):
                chars[k] = " "


def with_breaks(text: str, body: str, keep: list[Section] | None = None) -> str:
    """``body`` with the line breaks of ``text`` put back where sentences were re-joined: a marker
    set at the end of a line (``... stenosis 3`` then a new paragraph) is told by that line end.
    The regions in ``keep`` (captions: they cite too) come back as ``text`` has them."""
    pieces, last = [], 0
    for m in NEWLINE.finditer(text):
        pieces += [body[last:m.start()], "\n"]
        last = m.end()
    pieces.append(body[last:])
    lined = "".join(pieces)
    if not keep:
        return lined
    pieces, last = [], 0
    for sec in sorted(keep, key=lambda x: x.start):
        if sec.start < last:
            continue
        pieces += [lined[last:sec.start], text[sec.start:sec.end]]
        last = sec.end
    pieces.append(lined[last:])
    return "".join(pieces)


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The innermost section that holds ``offset``."""
    found = None
    for s in sections:
        if s.start <= offset < s.end:
            found = s
    return found
