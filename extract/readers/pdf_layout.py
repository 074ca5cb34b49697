"""The lines of a PDF's pages in reading order, without the page furniture.

Furniture is what the typesetter repeats on every page: a running header or footer (the same words
at the same height on several pages, page numbers aside), a page number (a bare number, or 'Page 3
of 9', at the top or bottom edge) and line numbers in the margins. Reading order: a page with two
columns (a gutter of white that few lines cross) is read column by column, and a line that crosses
the gutter (the title block, a wide figure) ends the columns above it.
"""
from __future__ import annotations

import re
from collections import defaultdict

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
    """The x of a two-column page's gutter: the middle of the widest band between 30% and 70% of
    the width that the fewest lines cross; None for a page in one column."""
    if len(lines) < 6:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    cover = [sum(1 for ln in lines if ln.x0 < x < ln.x1) for x in range(lo, hi)]
    least = min(cover)
    if least > len(lines) * 0.25:
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
    left = sum(1 for ln in lines if ln.x1 <= best)
    right = sum(1 for ln in lines if ln.x0 >= best)
    return best if left >= 3 and right >= 3 else None


def reading_order(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines in reading order, as runs of one column each (a run ends where the column
    does): the left column, then the right, in each band between lines that cross the gutter."""
    cut = gutter(lines, width)
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if cut is None:
        return [ordered] if ordered else []
    runs: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        for column in (left, right):
            if column:
                runs.append(list(column))
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
