"""RIS libraries, read with rispy.

rispy passes over what it cannot read (a file of no tags is an empty list; an entry without its
closing ``ER`` line is dropped), so the file's shape is checked first: its first line opens an
entry (``TY``; a counter line such as ``1.``, which rispy writes, may come before) and every entry is closed, else the whole file is refused (``E106``, with the line).
PubMed identifiers travel as the accession number of a PubMed record (``AN`` with ``DB PubMed``),
a PMCID in ``C2``, as PubMed's own export writes them, or as ``PMID: n`` in a note.
"""
from __future__ import annotations

import re
from pathlib import Path

import rispy

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.library import LibraryEntry
from spasmkg.extract.library.names import split_name
from spasmkg.extract.model import Reference

KINDS = {"JOUR": "JournalArticle", "JFULL": "JournalArticle", "MGZN": "JournalArticle", "EJOUR": "JournalArticle",
         "BOOK": "Book", "CHAP": "Book", "EBOOK": "Book", "ECHAP": "Book", "EDBOOK": "Book",
         "ELEC": "WebPage", "WEB": "WebPage", "BLOG": "WebPage", "RPRT": "Report", "GOVDOC": "Report"}
_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_COUNTER = re.compile(r"^\d{1,9}\.\s*$")
_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_PMCID_NOTE = re.compile(r"\b(PMC\d{1,9})\b")


def _check_shape(text: str, path: Path) -> None:
    open_at = None
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _TAG.match(line.rstrip())
        tag = m.group(1) if m else None
        if open_at is None and _COUNTER.match(line):      # rispy's '1.' before a record
            continue
        if open_at is None and tag != "TY":
            raise SpasmkgError("E106", path=path, format="RIS",
                               reason=f"line {i}: an entry must start with a 'TY  - ' line")
        if tag == "TY":
            if open_at is not None:
                raise SpasmkgError("E106", path=path, format="RIS",
                                   reason=f"line {open_at}: the entry is not closed by an 'ER  - ' line")
            open_at = i
        elif tag == "ER":
            open_at = None
    if open_at is not None:
        raise SpasmkgError("E106", path=path, format="RIS",
                           reason=f"line {open_at}: the entry is not closed by an 'ER  - ' line")


def _one(rec: dict, *keys: str) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, list):
            v = next((x for x in v if x), None)
        if v and str(v).strip():
            return str(v).strip()
    return None


def read(text: str, path: Path) -> list[LibraryEntry]:
    _check_shape(text.lstrip("\ufeff"), path)
    out = []
    for n, rec in enumerate(rispy.loads(text.lstrip("\ufeff")), start=1):
        notes = " ".join(str(x) for k in ("notes", "note", "custom1", "custom2", "custom6")
                         for x in (rec.get(k) if isinstance(rec.get(k), list) else [rec.get(k)]) if x)
        pubmed = "pubmed" in (_one(rec, "name_of_database") or "").lower() or \
            "medline" in (_one(rec, "name_of_database") or "").lower()
        pmid = _one(rec, "accession_number") if pubmed else None
        if not (pmid and pmid.isdigit()):
            pmid = (m.group(1) if (m := _PMID_NOTE.search(notes)) else None)
        year = re.search(r"\b(1[6-9]|20)\d{2}\b", _one(rec, "year", "publication_year", "date") or "")
        start, end = _one(rec, "start_page"), _one(rec, "end_page")
        authors = [split_name(a).display() for k in ("authors", "first_authors")
                   for a in rec.get(k) or [] if a and a.strip()]
        ref = Reference(n=n, raw=_one(rec, "id") or str(n), start=0, end=0,
                        kind=KINDS.get(_one(rec, "type_of_reference") or "", "Report"),
                        authors=authors, title=_one(rec, "title", "primary_title"),
                        container=_one(rec, "secondary_title", "journal_name", "alternate_title3", "alternate_title1"),
                        year=int(year.group(0)) if year else None, volume=_one(rec, "volume"),
                        issue=_one(rec, "number"), pages=f"{start}-{end}" if start and end else start,
                        url=_one(rec, "urls"), accessed=_one(rec, "access_date"),
                        publisher=_one(rec, "publisher"), doi=_one(rec, "doi"), pmid=pmid,
                        pmcid=(m.group(1) if (m := _PMCID_NOTE.search(notes)) else None))
        out.append(LibraryEntry(ref.raw, ref))
    return out
