"""Every work the graph's documents cite, once each, as CSL-JSON items: the record reference
managers exchange, and the one the BibTeX and RIS writers start from.

The works come from the library query ``cited-works`` (one row per entry citing a work and per
author). A work cited by several documents has several entries; each field is taken from the first
entry (by document, then reference number) that states it, so one list's missing volume is filled
by another's. Names are split into family and given parts (:mod:`spasmkg.extract.library.names`),
dates into CSL ``date-parts``.
"""
from __future__ import annotations

import re
import unicodedata

from spasmkg.extract.library.dates import date_parts
from spasmkg.extract.library.names import split_name
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries.runner import select

#: FaBiO class of a reference -> CSL item type
CSL_TYPES = {"JournalArticle": "article-journal", "Book": "book", "WebPage": "webpage",
             "ReportDocument": "report"}
#: query column -> CSL variable, for the fields copied as text
TEXT_FIELDS = {"title": "title", "container": "container-title", "volume": "volume", "issue": "issue",
               "pages": "page", "doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "url": "URL",
               "publisher": "publisher"}
_STOP = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "at", "is", "what"}


def items(ds) -> list[dict]:
    """The graph's cited works as CSL-JSON items, in the order of their keys."""
    _, rows = select(MemoryStore(ds), "cited-works")
    works: dict[str, list[dict]] = {}
    for row in rows:
        works.setdefault(str(row["work"]), []).append({k: (str(v) if v is not None else None) for k, v in row.items()})
    out = [_item(entries) for _, entries in sorted(works.items())]
    _assign_keys(out)
    return sorted(out, key=lambda i: i["id"])


def _first(rows: list[dict], column: str) -> str | None:
    return next((r[column].strip() for r in rows if r.get(column) and r[column].strip()), None)


def _item(rows: list[dict]) -> dict:
    kind = (_first(rows, "type") or "").rsplit("/", 1)[-1]
    item: dict = {"id": "", "type": CSL_TYPES.get(kind, "document")}
    for column, variable in TEXT_FIELDS.items():
        if (value := _first(rows, column)):
            item[variable] = value
    if item["type"] == "book" and "container-title" in item:
        item["type"] = "chapter"                   # a chapter: its book is the container
    authors = _authors(rows)
    if authors:
        item["author"] = authors
    if (year := _first(rows, "year")) and year[:4].isdigit():
        item["issued"] = {"date-parts": [[int(year[:4])]]}
    elif (parts := date_parts(_first(rows, "published"))):
        item["issued"] = {"date-parts": [parts[:1]]}
    if (accessed := _first(rows, "accessed")):
        parts = date_parts(accessed)
        item["accessed"] = {"date-parts": [parts]} if parts else {"raw": accessed}
    return item


def _authors(rows: list[dict]) -> list[dict]:
    """The authors of the first entry that names any, in its order, as CSL name objects."""
    entry = next(((r["document"], r["refNumber"]) for r in rows if r.get("author")), None)
    if entry is None:
        return []
    names: dict[int, str] = {}
    for r in rows:
        if (r["document"], r["refNumber"]) == entry and r.get("author"):
            names.setdefault(int(r["authorPosition"]), r["author"])
    out = []
    for _, text in sorted(names.items()):
        n = split_name(text)
        if n.literal:
            out.append({"literal": n.literal})
        else:
            out.append({k: v for k, v in (("family", n.family), ("given", n.given), ("suffix", n.suffix)) if v})
    return out


def _ascii(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", "", "".join(c for c in t if not unicodedata.combining(c)).lower())


def _assign_keys(items_: list[dict]) -> None:
    """Keys as reference managers make them: first author's family name, year, first word of the
    title (``marlow2018stretching``); a key taken twice gets ``a``, ``b``… after it."""
    base: dict[int, str] = {}
    for i, item in enumerate(items_):
        a = (item.get("author") or [{}])[0]
        who = _ascii(a.get("family") or (a.get("literal") or "").split(" ")[0]) or "anon"
        year = str(item["issued"]["date-parts"][0][0]) if "issued" in item else "nd"
        word = next((w for w in (_ascii(x) for x in (item.get("title") or "").split()) if w and w not in _STOP), "")
        base[i] = f"{who}{year}{word}"
    taken: dict[str, int] = {}
    for k in base.values():
        taken[k] = taken.get(k, 0) + 1
    seen: dict[str, int] = {}
    for i, item in enumerate(items_):
        k = base[i]
        if taken[k] > 1:
            seen[k] = seen.get(k, 0) + 1
            k = f"{k}{chr(ord('a') + seen[k] - 1)}" if seen[k] <= 26 else f"{k}{seen[k]}"
        item["id"] = k
