"""Citation markers in the forms reviews use: ``^{1,2}``, Unicode superscripts, ``<sup>1-5</sup>``,
``[1]``, ``[1, 2]``, ``[3–5]`` and, where a document uses that style, bare numbers right after
punctuation (``pain.12 Next``).

Plain numbers in prose (``30 and 60 degrees``), caption numbering ``(1)`` and scale ends
(``zero to 10``) are never markers: a marker must be typographically marked (superscript, braces,
brackets) or, in the bare style, glued to the punctuation that closes a clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TABLE = str.maketrans(SUPERSCRIPT_DIGITS + "⁻", "0123456789-")
_LIST = r"\d{1,3}(?:\s*[,–—\-‐‑;]\s*\d{1,3}){0,30}"

# Each pattern captures the number list in group "nums". Atomic groups keep matching linear.
PATTERNS: dict[str, re.Pattern[str]] = {
    "caret": re.compile(r"\^\{(?P<nums>" + _LIST + r")\}"),
    "caret_bare": re.compile(r"\^(?P<nums>\d{1,3}(?:[,–\-]\d{1,3}){0,30})(?![\d}])"),
    "html_sup": re.compile(r"<sup>\s*(?P<nums>" + _LIST + r")\s*</sup>", re.I),
    "unicode_sup": re.compile(
        r"(?P<nums>[" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:[⁻,˒‚·–\-][" + SUPERSCRIPT_DIGITS + r"]{1,3}){0,30})"),
    "bracket": re.compile(r"(?<![\w\]])\[(?P<nums>" + _LIST + r")\](?!\()"),
}
# bare numbers right after clause-closing punctuation, followed by a space and a capital or end
BARE = re.compile(r"(?<=[a-z\)][.,;:])(?P<nums>\d{1,3}(?:[,–\-]\d{1,3}){0,30})(?=\s+[A-Z(]|\s*$|\s*\n)")


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    text: str
    refs: tuple[int, ...]
    style: str


def expand(nums: str, max_range: int = 60) -> list[int]:
    """``"1,3-5"`` -> ``[1, 3, 4, 5]``; a range only when it ascends and is short."""
    nums = nums.translate(_SUP_TABLE)
    out: list[int] = []
    for part in re.split(r"\s*[,;˒‚·]\s*", nums.strip()):
        if not part:
            continue
        bounds = re.split(r"\s*[–—\-‐‑]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            a, b = int(bounds[0]), int(bounds[1])
            if a < b <= a + max_range:
                out.extend(range(a, b + 1))
                continue
            out.extend([a, b])
        elif part.isdigit():
            out.append(int(part))
    seen: list[int] = []
    for n in out:
        if n not in seen:
            seen.append(n)
    return seen


def uses_bare_style(text: str) -> bool:
    """True when bare numbers after punctuation are this document's citation style.

    Decided per document: several such numbers, and none of the typographic forms.
    """
    if any(p.search(text) for name, p in PATTERNS.items() if name != "caret_bare"):
        return False
    return len(BARE.findall(text)) >= 3


def find_markers(text: str, max_ref: int | None = None) -> list[Marker]:
    """All citation markers in ``text``, in order, without overlaps.

    ``max_ref``: the number of entries in the document's reference list, when known; bracketed and
    bare numbers above it are taken as prose, not markers, unless the document cites in brackets
    (two or more bracketed markers within its list): then ``[31]`` in a list of 30 is a marker that
    points to a missing reference, which the integrity report names.
    """
    found: list[Marker] = []
    taken: list[tuple[int, int]] = []
    bracket_style = max_ref is not None and sum(
        1 for m in PATTERNS["bracket"].finditer(text)
        if all(1 <= r <= max_ref for r in expand(m.group("nums")))) >= 2

    def add(m: re.Match[str], style: str) -> None:
        a, b = m.span()
        if any(a < e and s < b for s, e in taken):
            return
        refs = tuple(expand(m.group("nums")))
        if not refs:
            return
        out_of_list = max_ref and any(r > max_ref or r < 1 for r in refs)
        if out_of_list and (style == "bare" or (style == "bracket" and not bracket_style)):
            return
        taken.append((a, b))
        found.append(Marker(a, b, m.group(0), refs, style))

    for style, pat in PATTERNS.items():
        for m in pat.finditer(text):
            add(m, style)
    if uses_bare_style(text):
        for m in BARE.finditer(text):
            add(m, "bare")
    found.sort(key=lambda mk: mk.start)
    return found


def mask(text: str, markers: list[Marker]) -> str:
    """``text`` with every marker overwritten by spaces (same length, same offsets)."""
    chars = list(text)
    for mk in markers:
        for k in range(mk.start, mk.end):
            chars[k] = " "
    return "".join(chars)
