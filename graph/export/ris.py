"""CSL-JSON items as a RIS file, written with rispy.

RIS has no field for PubMed's identifiers; they go where PubMed's own RIS export puts them: the
PMID as the accession number of a PubMed record (``AN`` with ``DB  - PubMed``), the PMCID in
``C2``. Dates are ``YYYY/MM/DD`` as RIS writes them.
"""
from __future__ import annotations

import re

import rispy

#: CSL type -> RIS reference type
RIS_TYPES = {"article-journal": "JOUR", "book": "BOOK", "chapter": "CHAP", "webpage": "ELEC", "report": "RPRT",
             "document": "GEN"}


def _person(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(p for p in (name.get("family"), name.get("given"), name.get("suffix")) if p)


def record(item: dict) -> dict:
    """One RIS record (rispy's field names) for CSL item ``item``."""
    rec: dict = {"type_of_reference": RIS_TYPES.get(item["type"], "GEN"), "id": item["id"]}
    if item.get("author"):
        rec["authors"] = [_person(a) for a in item["author"]]
    for key, var in (("title", "title"), ("secondary_title", "container-title"), ("volume", "volume"),
                     ("number", "issue"), ("doi", "DOI"), ("publisher", "publisher")):
        if item.get(var):
            rec[key] = item[var]
    if "issued" in item:
        rec["year"] = str(item["issued"]["date-parts"][0][0])
    if item.get("page"):
        pieces = re.split(r"\s*[-–]+\s*", item["page"], maxsplit=1)
        rec["start_page"] = pieces[0]
        if len(pieces) > 1 and pieces[1]:
            rec["end_page"] = pieces[1]
    if item.get("URL"):
        rec["urls"] = [item["URL"]]
    if item.get("PMID"):
        rec["accession_number"] = item["PMID"]
        rec["name_of_database"] = "PubMed"
    if item.get("PMCID"):
        rec["custom2"] = item["PMCID"]
    accessed = item.get("accessed") or {}
    if accessed.get("date-parts"):
        rec["access_date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed["date-parts"][0]))
    elif accessed.get("raw"):
        rec["access_date"] = accessed["raw"]
    return rec


class _Writer(rispy.RisWriter):
    """rispy's writer without the counter line (``1.``) it puts before each record: RIS does not
    define it, and reference managers write none."""

    def set_header(self, count: int) -> str:
        return ""


def dumps(items: list[dict]) -> str:
    return rispy.dumps([record(i) for i in items], implementation=_Writer)
