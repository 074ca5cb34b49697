"""A PDF's lines, in reading order, grouped into the blocks of an article: its title, headings,
paragraphs and captions, and the entries of its reference list.

What tells them apart is what a reader sees: the title is the largest type near the top of page 1;
a heading is a short line in bold or larger type that does not end a sentence; a paragraph ends with
a larger gap, an indented first line, or a short line that ends a sentence; the reference list
starts at its heading ('References', 'Bibliography'...) and each entry at its number, or, in an
unnumbered list, at the left edge of a hanging indent (or after a gap).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from spasmkg.extract.readers.pdf_lines import Line
from spasmkg.extract.text.layout import CAPTION, NOT_A_HEADING, REFERENCE_HEADINGS

#: a line that ends a sentence (closing quotes and brackets aside)
ENDS_SENTENCE = re.compile(r"[.?!:][)\"'”’\]]*$")
#: an entry's number: '1.', '[1]', '(1)', '1)', or '1' before a capital
LABEL = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|\((?P<d>\d{1,4})\)|(?P<b>\d{1,4})[.)]|(?P<c>\d{1,4})(?=\s+[A-Z]))\s*")
#: an author-year entry's first words: 'Baker, S.', 'Baker S', 'van Dijk, A.'
AUTHOR_START = re.compile(r"^(?:[a-z]{1,4}\s)?[A-Z][\w'’-]+,?\s+[A-Z]")


@dataclass
class Block:
    kind: str                                  # title | heading | paragraph | caption | entry
    lines: list[Line] = field(default_factory=list)
    #: an entry's printed number, None in an unnumbered list
    label: int | None = None
    #: the index of the run of one column each line came from
    runs: list[int] = field(default_factory=list)

    def add(self, line: Line, run: int) -> None:
        self.lines.append(line)
        self.runs.append(run)

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def body_size(lines: list[Line]) -> float:
    """The size of most of the text before the reference list: the article's body type."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        if reference_heading(ln):
            break
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def reference_heading(line: Line) -> bool:
    text = line.text.strip().rstrip(":").strip()
    return len(text) <= 40 and REFERENCE_HEADINGS.match(text) is not None


def _heading(line: Line, body: float) -> bool:
    text = line.text.strip()
    if not text or len(text) > 100 or len(text.split()) > 14 or text[-1] in ".,;" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if not re.search(r"[A-Za-z]{2}", text) or CAPTION.match(text) or NOT_A_HEADING.search(text):
        return False
    return (line.bold and line.size >= body * 0.95) or line.size >= body * 1.15


def _title(runs: list[list[Line]], body: float) -> list[Line]:
    """The lines of the title: the largest type in the upper half of page 1, read together."""
    first = [ln for run in runs for ln in run if ln.page == 1]
    if not first:
        return []
    height = max(ln.bottom for ln in first)
    upper = [ln for ln in first if ln.top < height * 0.5 and re.search(r"[A-Za-z]{2}", ln.text)]
    if not upper:
        return []
    size = max(ln.size for ln in upper)
    if size < body * 1.2:
        return []
    out: list[Line] = []
    for ln in first:
        if abs(ln.size - size) < 0.5 and ln in upper and (not out or ln.top - out[-1].bottom < size):
            out.append(ln)
        elif out:
            break
    return out


def _gap(runs: list[list[Line]]) -> float:
    """The usual gap between two lines of one paragraph."""
    gaps = [b.top - a.bottom for run in runs for a, b in zip(run, run[1:]) if 0 <= b.top - a.bottom < a.size * 2]
    return median(gaps) if gaps else 2.0


def _edges(run: list[Line]) -> tuple[float, float]:
    return min(ln.x0 for ln in run), max(ln.x1 for ln in run)


def _sentence_ends(line: Line) -> bool:
    """Whether the line ends a sentence, a superscript marker after its full stop aside."""
    text = line.text
    if line.raised and line.raised[-1][1] >= len(text.rstrip()):
        text = text[:line.raised[-1][0]]
    return bool(ENDS_SENTENCE.search(text.rstrip()))


def blocks(runs: list[list[Line]]) -> list[Block]:
    """The article's blocks in reading order (see the module's docstring)."""
    every = [ln for run in runs for ln in run]
    body = body_size(every)
    gap = _gap(runs)
    title = _title(runs, body)
    out: list[Block] = [Block("title")] if title else []
    for ln in title:
        out[0].add(ln, 0)
    taken = {id(ln) for ln in title}
    in_refs = False
    hanging = False
    last_label = 0
    edges = [_edges(run) if run else (0.0, 0.0) for run in runs]
    prev: Line | None = None
    prev_run = -1
    for r, run in enumerate(runs):
        if in_refs:
            hanging = hanging or _hanging(run)
        left, right = edges[r]
        for ln in run:
            if id(ln) in taken:
                continue
            cur = out[-1] if out else None
            same_run = r == prev_run and prev is not None
            if reference_heading(ln) and (ln.bold or ln.size >= body or len(ln.text.split()) <= 3):
                out.append(Block("heading"))
                out[-1].add(ln, r)
                in_refs, hanging, last_label = True, _hanging(run), 0
            elif _heading(ln, body):
                if cur is not None and cur.kind == "heading" and same_run and prev is cur.lines[-1] \
                        and abs(ln.size - prev.size) < 0.5 and ln.top - prev.bottom < ln.size:
                    cur.add(ln, r)                      # a heading on two lines
                else:
                    out.append(Block("heading"))
                    out[-1].add(ln, r)
                    in_refs = False
            elif in_refs:
                m = LABEL.match(ln.text)
                number = int(m.group("a") or m.group("b") or m.group("c") or m.group("d")) if m else None
                numbered = number is not None and (number == last_label + 1 or (last_label == 0 and number <= 2))
                if numbered:
                    last_label = number
                    out.append(Block("entry", label=number))
                    out[-1].add(ln, r)
                elif cur is None or cur.kind != "entry" or \
                        (last_label == 0 and _new_unnumbered(ln, prev, hanging, left, gap, same_run)):
                    out.append(Block("entry"))
                    out[-1].add(ln, r)
                else:
                    cur.add(ln, r)
            elif cur is not None and cur.kind in ("paragraph", "caption") and prev is not None \
                    and not _new_paragraph(ln, prev, same_run, left, right, gap, body):
                cur.add(ln, r)
            else:
                out.append(Block("caption" if CAPTION.match(ln.text.strip()) else "paragraph"))
                out[-1].add(ln, r)
            prev, prev_run = ln, r
    return out


def _hanging(run: list[Line]) -> bool:
    """Whether a run of reference lines is set with a hanging indent (entries start at the left
    edge, their next lines further in)."""
    if len(run) < 3:
        return False
    left = min(ln.x0 for ln in run)
    inner = [ln for ln in run if ln.x0 > left + ln.size * 0.8]
    return len(inner) >= 1 and len(inner) < len(run)


def _new_unnumbered(ln: Line, prev: Line | None, hanging: bool, left: float, gap: float,
                    same_run: bool) -> bool:
    if prev is None:
        return True
    if hanging:
        return ln.x0 <= left + ln.size * 0.4
    if same_run and ln.top - prev.bottom > gap + ln.size * 0.3:
        return True
    return _sentence_ends(prev) and AUTHOR_START.match(ln.text) is not None


def _new_paragraph(ln: Line, prev: Line, same_run: bool, left: float, right: float, gap: float,
                   body: float) -> bool:
    if abs(ln.size - prev.size) > 0.8 or CAPTION.match(ln.text.strip()):
        return True
    ends = _sentence_ends(prev)
    if not same_run:                # a new column or page: the paragraph goes on unless it ended
        return ends and (ln.x0 > left + ln.size * 0.8 or not ln.text[:1].islower())
    if ln.top - prev.bottom > gap + prev.size * 0.4:
        return True
    if ends and ln.x0 > left + ln.size * 0.8 and prev.x0 <= left + ln.size * 0.3:
        return True                 # an indented first line
    return ends and prev.x1 < right - body * 2
