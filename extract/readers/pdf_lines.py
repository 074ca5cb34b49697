"""A PDF page's text lines, from pdfminer.six's glyphs: each line's text, its box from the page's
top-left corner, its body font size and weight, and the runs of raised, smaller glyphs that may be
citation markers (``spasm.¹``).

pdfminer groups glyphs into lines; the glyphs keep their font, size and box, which is what tells a
superscript: smaller than the line's body text and set above its baseline (by a text rise or a move
of the origin; either shows in the glyph's box).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from pdfminer.layout import LTAnno, LTChar, LTFigure, LTPage, LTTextContainer, LTTextLine

#: a glyph this much smaller than the line's body text, and raised, is a superscript
SMALLER = 0.88
#: how far above the line's body glyphs (share of the body size) a superscript's box starts
RAISED = 0.2
#: ligatures fonts print as one glyph
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                           "\u00ad": None})
#: accents TeX sets as a glyph of their own before the letter ('M¨uller'): their combining forms
ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c",
           "¸": "\u0327", "˚": "\u030a", "˘": "\u0306", "¯": "\u0304", "˙": "\u0307", "˝": "\u030b", "˛": "\u0328"}
#: an unmapped glyph as pdfminer prints it
CID = re.compile(r"\(cid:\d+\)")
#: characters outside figures below which a page's text is taken from its figures too (a page
#: drawn as one form holds all its text in a figure)
FIGURE_TEXT_BELOW = 200


@dataclass
class Line:
    """One line of text on a page. ``raised`` holds ``(start, end)`` runs of superscript glyphs."""
    page: int                       # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float                     # the size most of its glyphs have
    bold: bool
    raised: list[tuple[int, int]] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|-bd|\.b$|,b$", fontname, re.I))


def _text_lines(items, into_figures: bool):
    for item in items:
        if isinstance(item, LTTextLine):
            yield item
        elif isinstance(item, LTTextContainer):
            yield from (x for x in item if isinstance(x, LTTextLine))
        elif into_figures and isinstance(item, LTFigure):
            yield from _text_lines(item, True)


def page_lines(page: LTPage, number: int) -> list[Line]:
    """The text lines of ``page`` (numbered ``number``), in pdfminer's order. Text inside figures
    (a chart's labels) is left out, unless the page has next to no text outside them."""
    height = page.y1
    lines = list(_text_lines(page, False))
    if sum(len(x.get_text().strip()) for x in lines) < FIGURE_TEXT_BELOW:
        lines = list(_text_lines(page, True))
    out = [_line(x, number, height, page.x0) for x in lines]
    return [x for x in out if x is not None]


def _line(line: LTTextLine, number: int, height: float, left: float) -> Line | None:
    glyphs = [g for g in line if isinstance(g, (LTChar, LTAnno))]
    chars = [g for g in glyphs if isinstance(g, LTChar) and g.get_text().strip()]
    if not chars:
        return None
    sizes = Counter(round(c.size, 1) for c in chars)
    size = sizes.most_common(1)[0][0]
    body = [c for c in chars if abs(c.size - size) < 0.3]
    base = sorted(c.y0 for c in body)[len(body) // 2]
    bold = sum(_is_bold(c.fontname) for c in body) > len(body) / 2
    text: list[str] = []
    raised: list[tuple[int, int]] = []
    accent = ""
    for g in glyphs:
        piece = CID.sub("", g.get_text().translate(LIGATURES)).replace("\n", "")
        if piece in ACCENTS and isinstance(g, LTChar):
            accent = piece                  # kept for the letter that follows
            continue
        if accent:
            if piece[:1].isalpha():               # TeX's dotless i under an accent is an i
                letter = "i" if piece[0] == "ı" else piece[0]
                piece = unicodedata.normalize("NFC", letter + ACCENTS[accent]) + piece[1:]
            else:
                piece = accent + piece
            accent = ""
        if not piece:
            continue
        start = sum(map(len, text))
        up = isinstance(g, LTChar) and g.size < size * SMALLER and g.y0 - base > RAISED * size
        if up and piece.strip():
            if raised and raised[-1][1] == start:
                raised[-1] = (raised[-1][0], start + len(piece))
            else:
                raised.append((start, start + len(piece)))
        text.append(piece)
    joined = "".join(text)
    stripped = joined.rstrip()
    lead = len(joined) - len(joined.lstrip())
    if not stripped.strip():
        return None
    raised = [(a - lead, b - lead) for a, b in raised if a >= lead]
    return Line(number, line.x0 - left, height - line.y1, line.x1 - left, height - line.y0,
                stripped[lead:], size, bold, raised)
