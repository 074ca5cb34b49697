"""The lines of a PDF's pages in reading order, without the page furniture.

Furniture is what the typesetter repeats on every page: a running header or footer (the same words
at the same height on several pages, page numbers aside), a page number (a bare number, or 'Page 3
of 9', at the top or bottom edge) and line numbers in the margins. Reading order: a page with two
columns (a gutter of white that few lines cross) is read column by column, and a line that crosses
the gutter (the title block, a wide figure) ends the columns above it.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Callable

from spasmkg.extract.readers.pdf_lines import Line

#: share of the page height, at the top and at the bottom, where furniture sits
EDGE = 0.1
#: share of the page width, at each side, where line numbers sit
SIDE = 0.1
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.I)


def _key(line: Line) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.text.lower())).strip()


def drop_furniture(pages: list[list[Line]], heights: list[float], widths: list[float]) -> list[list[Line]]:
    """Each page's lines without running headers and footers, page and line numbers."""
    def at_edge(line: Line, k: int) -> bool:
        return line.bottom <= heights[k] * EDGE or line.top >= heights[k] * (1 - EDGE)

    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for k, lines in enumerate(pages):
        for line in lines:
            if at_edge(line, k):
                seen[(_key(line), round(line.top / 4))].add(k)
    repeated = {key for key, where in seen.items() if len(where) >= 2}

    def furniture(line: Line, k: int) -> bool:
        if at_edge(line, k):
            if PAGE_NUMBER.match(line.text.strip()):
                return True
            key = _key(line)
            if any((key, round(line.top / 4) + d) in repeated for d in (-1, 0, 1)):
                return True
        side = line.x1 <= widths[k] * SIDE or line.x0 >= widths[k] * (1 - SIDE)
        return side and line.text.strip().isdigit()

    return [[line for line in lines if not furniture(line, k)] for k, lines in enumerate(pages)]


def gutter(lines: list[Line], width: float) -> float | None:
    """The x of a two-column page's gutter, or None for a page in one column.

    The gutter is looked for among the page's narrow lines (a full-width title block, abstract or
    footnote crosses it): the middle of the widest band between 30% and 70% of the width that the
    fewest of them cross. It is a gutter when it has column lines on both sides and the lines on
    its right start at one left edge, as a column's lines do."""
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < width * 0.6]
    if len(narrow) < 6:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    cover = [sum(1 for ln in narrow if ln.x0 < x < ln.x1) for x in range(lo, hi)]
    least = min(cover)
    if least > len(narrow) * 0.25:
        return None
    best, run_start, best_len = None, None, 0
    for i, c in enumerate(cover + [least + 1]):
        if c == least and run_start is None:
            run_start = i
        elif c != least and run_start is not None:
            if i - run_start > best_len:
                best, best_len = lo + (run_start + i - 1) / 2, i - run_start
            run_start = None
    assert best is not None
    left = [ln for ln in narrow if ln.x1 <= best]
    right = [ln for ln in narrow if ln.x0 >= best]
    if len(left) < 3 or len(right) < 3:
        return None
    starts = Counter(round(ln.x0 / 3) for ln in right).most_common(2)
    aligned = sum(n for _, n in starts)         # a column's lines start at one edge (two, with indents)
    return best if aligned >= len(right) * 0.6 else None


def merge_fragments(lines: list[Line]) -> list[Line]:
    """Pieces of one printed line that pdfminer kept apart (an entry's number set off from its
    text, a wide gap in justified type) as one line; ``lines`` are one column's, top to bottom."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda x: (x.top, x.x0)):
        row = [k for k in range(max(0, len(out) - 3), len(out)) if _same_row(out[k], ln)]
        if row:
            k = row[-1]
            out[k] = _joined(out[k], ln) if out[k].x0 <= ln.x0 else _joined(ln, out[k])
        else:
            out.append(ln)
    return out


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    gap = max(a.x0, b.x0) - min(a.x1, b.x1)
    return overlap > 0.6 * min(a.bottom - a.top, b.bottom - b.top) and -1 < gap < 3 * max(a.size, b.size)


def _joined(a: Line, b: Line) -> Line:
    shift = len(a.text) + 1
    body = a if len(a.text) >= len(b.text) else b
    return Line(a.page, min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom),
                f"{a.text} {b.text}", body.size, body.bold, a.raised + [(x + shift, y + shift) for x, y in b.raised])


def reading_order(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines in reading order, as runs of one column each (a run ends where the column
    does): the left column, then the right, in each band between lines that cross the gutter."""
    cut = gutter(lines, width)
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if cut is None:
        return [merge_fragments(ordered)] if ordered else []
    runs: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        for column in (left, right):
            if column:
                runs.append(merge_fragments(column))
            column.clear()

    for ln in ordered:
        if ln.x1 <= cut:
            left.append(ln)
        elif ln.x0 >= cut:
            right.append(ln)
        else:
            flush()
            if runs and runs[-1] and runs[-1][-1].x0 < cut < runs[-1][-1].x1:
                runs[-1].append(ln)
            else:
                runs.append([ln])
    flush()
    return runs


def footnotes_last(runs: list[list[Line]], body: float, height: float,
                   is_list_heading: Callable[[Line], bool]) -> tuple[list[list[Line]], bool]:
    """A page's runs with the notes at the foot of its columns (small type in the lower third, under
    body type: a correspondence address, a licence) moved after the rest, so a paragraph that goes
    on in the next column is not cut by them. From the reference list's heading on (told by
    ``is_list_heading``) nothing moves; the second value says whether the page has that heading."""
    kept: list[list[Line]] = []
    notes: list[list[Line]] = []
    for i, run in enumerate(runs):
        if any(is_list_heading(ln) for ln in run):
            return kept + notes + runs[i:], True
        k = len(run)
        while k > 0 and run[k - 1].size < body * 0.85 and run[k - 1].top > height * 0.66:
            k -= 1
        if 0 < k < len(run) and run[k - 1].size >= body * 0.85:     # body type above, notes below
            kept.append(run[:k])
            notes.append(run[k:])
        elif k == 0 and run and run[0].top > height * 0.66:
            notes.append(run)
        else:
            kept.append(run)
    return kept + notes, False
