"""Author-year citations: ``(Hoy et al., 2012)``, ``(Maher & Buchbinder, 2017; Deyo, 2001)`` and
``Hoy et al. (2012)``, resolved to entries of an unnumbered reference list by first author's surname
and year.

A citation is kept only when every name-year pair in it resolves, so a parenthetical date
``(March 2012)`` or a study name never becomes a marker. Markers are :class:`Marker` records with the
style ``author_year`` (``author_year_narrative`` for ``Hoy et al. (2012) found ...``, whose claim is
the rest of its sentence), so claims are built from them as from numeric markers.
"""
from __future__ import annotations

import re
import unicodedata

from spasmkg.extract.text.markers import Marker
from spasmkg.extract.model import Reference

YEAR = r"(?:1[6-9]|20)\d{2}[a-z]?"
# a surname ('Hoy', 'van der Windt') or an organisation of up to five capitalised words
NAME = r"(?:[A-Z][\w'’-]{1,40}(?:\s(?:van|von|de|der|den|da|di|du|la|le)\s[A-Z][\w'’-]{1,40})?|[A-Z][\w'’-]{1,40}(?:\s(?:of\s|for\s|and\s)?[A-Z][\w'’-]{1,40}){1,4})"
# whitespace runs (\s+) may hold a line or page break: '[Weber,\n\n1983]'
# co-authors: 'et al.', '& Bain', ', Bain, & Williams'; a page after the year: ', p. 12'
CO = rf"(?:\s+et\s+al\.?|(?:,\s+{NAME}){{0,5}},?\s+(?:and|&)\s+{NAME})"
PAGE = r"(?:,\s*pp?\.\s*\d{1,5}(?:[-–]\d{1,5})?)"
ITEM = rf"{NAME}{CO}?,?\s+{YEAR}(?:,\s*{YEAR}){{0,9}}{PAGE}?"
_BODY = rf"(?P<body>(?:(?:e\.g\.|see|cf\.),?\s+)?{ITEM}(?:;\s*{ITEM}){{0,20}})"
#: '(Hoy et al., 2012)' or '[Lind et al., 2009; Moreau and Park, 2016]'
PARENTHETICAL = re.compile(rf"\({_BODY}\)|\[{_BODY.replace('?P<body>', '?P<bbody>')}\]")
NARRATIVE = re.compile(rf"(?P<name>{NAME})(?:\s(?:et\s+al\.?|(?:and|&)\s{NAME}))?\s\((?P<year>{YEAR})\)")
ITEM_PARTS = re.compile(rf"(?P<name>{NAME}){CO}?,?\s+(?P<years>{YEAR}(?:,\s*{YEAR}){{0,9}})")


def _key(surname: str) -> str:
    s = unicodedata.normalize("NFKD", surname)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def _first_surname(ref: Reference) -> str | None:
    if not ref.authors:
        return None
    first = ref.authors[0]
    if "," in first:                       # 'Hoy, D.'
        return _key(first.split(",")[0])
    words = first.split()                  # 'Hoy D', 'van der Windt DA', 'World Health Organization'
    return _key(" ".join(words[:-1]) if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 4
                else first)


def index(refs: list[Reference]) -> dict[tuple[str, str], int]:
    """(surname, year as written in the list, with its letter) -> reference number."""
    out: dict[tuple[str, str], int] = {}
    for r in refs:
        name = _first_surname(r)
        if name and r.year:
            suffix = re.search(rf"\({r.year}([a-z])\)", r.raw)
            out.setdefault((name, f"{r.year}{suffix.group(1) if suffix else ''}"), r.n)
            out.setdefault((name, str(r.year)), r.n)
            out.setdefault((name.split()[-1], str(r.year)), r.n)
    return out


def _resolve(idx: dict[tuple[str, str], int], name: str, year: str) -> int | None:
    key = _key(name)
    return idx.get((key, year)) or idx.get((key.split()[-1], year)) or idx.get((key, year.rstrip("abcdefghij")))


def find_author_year(text: str, refs: list[Reference]) -> list[Marker]:
    """Author-year citations in ``text`` that resolve to ``refs``, in order, without overlaps."""
    idx = index(refs)
    if not idx:
        return []
    found: list[Marker] = []
    for m in PARENTHETICAL.finditer(text):
        nums: list[int] = []
        for item in re.split(r";\s*", m.group("body") or m.group("bbody")):
            parts = ITEM_PARTS.search(item)
            if parts is None:
                nums = []
                break
            for year in re.split(r",\s*", parts.group("years")):
                n = _resolve(idx, parts.group("name"), year)
                if n is None:
                    nums = []
                    break
                nums.append(n)
            if not nums:
                break
        if nums:
            found.append(Marker(m.start(), m.end(), m.group(0), tuple(dict.fromkeys(nums)), "author_year"))
    taken = [(mk.start, mk.end) for mk in found]
    for m in NARRATIVE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        n = _resolve(idx, m.group("name"), m.group("year"))
        if n is not None:     # 'Hoy et al. (2012) found ...': the marker is the year in parentheses
            a = m.start("year") - 1
            found.append(Marker(a, m.end(), text[a:m.end()], (n,), "author_year_narrative"))
    return sorted(found, key=lambda mk: mk.start)
