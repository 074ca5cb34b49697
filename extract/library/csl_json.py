"""CSL-JSON libraries (what Zotero, Mendeley and pandoc exchange), read with the json module.

A file is a JSON array of items, each an object with at least an ``id`` or a ``title``; names are
``{"family", "given"}`` or ``{"literal"}``, dates ``{"date-parts": [[y, m, d]]}`` (or ``raw``). JSON
that does not parse is ``E106`` with its line; an array that does not hold such items is ``E108``
naming the item.
"""
from __future__ import annotations

import json
from pathlib import Path

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.library import LibraryEntry
from spasmkg.extract.library.dates import text_of
from spasmkg.extract.library.names import Name
from spasmkg.extract.model import Reference

KINDS = {"article-journal": "JournalArticle", "article": "JournalArticle", "article-magazine": "JournalArticle",
         "review": "JournalArticle", "book": "Book", "chapter": "Book", "webpage": "WebPage",
         "post-weblog": "WebPage", "post": "WebPage", "report": "Report"}


def _date(value: object, path: Path, entry: str) -> tuple[int | None, str | None]:
    """A CSL date -> (year, ISO text)."""
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise SpasmkgError("E108", path=path, format="CSL-JSON", entry=entry, reason="a date must be an object")
    parts = value.get("date-parts")
    if parts:
        first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else None
        if not first or not all(isinstance(p, int) or (isinstance(p, str) and p.isdigit()) for p in first):
            raise SpasmkgError("E108", path=path, format="CSL-JSON", entry=entry,
                               reason=f"date-parts must be [[year, month, day]], got {json.dumps(parts)[:60]}")
        ints = [int(p) for p in first[:3]]
        return ints[0], text_of(ints)
    raw = value.get("raw") or value.get("literal")
    return None, str(raw) if raw else None


def _names(value: object, path: Path, entry: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
        raise SpasmkgError("E108", path=path, format="CSL-JSON", entry=entry,
                           reason="author must be a list of name objects")
    return [Name(str(a.get("family") or ""), str(a.get("given") or ""), str(a.get("suffix") or ""),
                 str(a.get("literal") or "")).display() for a in value]


def _s(item: dict, key: str) -> str | None:
    v = item.get(key)
    return str(v).strip() or None if v is not None and not isinstance(v, (dict, list)) else None


def read(text: str, path: Path) -> list[LibraryEntry]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise SpasmkgError("E106", path=path, format="CSL-JSON", reason=f"line {exc.lineno}: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):      # a wrapped export
        data = data["items"]
    if not isinstance(data, list):
        raise SpasmkgError("E106", path=path, format="CSL-JSON", reason="a CSL-JSON library is an array of items")
    out = []
    for n, item in enumerate(data, start=1):
        entry = f"#{n}"
        if not isinstance(item, dict) or not (item.get("id") or item.get("title")):
            raise SpasmkgError("E108", path=path, format="CSL-JSON", entry=entry,
                               reason="an item must be an object with an id or a title")
        entry = f"{item.get('id') or entry}"
        year, _ = _date(item.get("issued"), path, entry)
        _, accessed = _date(item.get("accessed"), path, entry)
        ref = Reference(n=n, raw=str(item.get("id") or n), start=0, end=0,
                        kind=KINDS.get(str(item.get("type")), "Report"), authors=_names(item.get("author"), path, entry),
                        title=_s(item, "title"), container=_s(item, "container-title"), year=year,
                        volume=_s(item, "volume"), issue=_s(item, "issue"), pages=_s(item, "page"),
                        url=_s(item, "URL"), accessed=accessed, publisher=_s(item, "publisher"),
                        doi=_s(item, "DOI"), pmid=_s(item, "PMID"), pmcid=_s(item, "PMCID"))
        out.append(LibraryEntry(ref.raw, ref))
    return out
