"""CSL-JSON items as a BibTeX library, written with bibtexparser.

Text fields and names are LaTeX-encoded with pylatexenc (``Müller`` is ``M{\\"u}ller``, ``&`` is
``\\&``), as bibtexparser's own encoder does; identifiers and addresses (``doi``, ``url``,
``pmid``, ``pmcid``, ``urldate``) stay verbatim, as BibLaTeX reads them. An organisation as author
is braced (``{World Health Organization}``) so BibTeX does not split it into names.
"""
from __future__ import annotations

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.writer import BibtexFormat
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import unicode_to_latex

from spasmkg.extract.library.dates import text_of

#: CSL type -> BibTeX entry type
ENTRY_TYPES = {"article-journal": "article", "book": "book", "chapter": "incollection", "webpage": "misc",
               "report": "techreport", "document": "misc"}


def _tex(text: str) -> str:
    return unicode_to_latex(text, non_ascii_only=False, unknown_char_policy="keep")


def _person(name: dict) -> str:
    if "literal" in name:
        return "{" + _tex(name["literal"]) + "}"
    parts = [_tex(name.get("family", ""))]
    if name.get("suffix"):
        parts.append(_tex(name["suffix"]))
    if name.get("given"):
        parts.append(_tex(name["given"]))
    return ", ".join(parts)


def entry(item: dict) -> Entry:
    """One BibTeX entry for CSL item ``item``."""
    kind = ENTRY_TYPES.get(item["type"], "misc")
    if kind == "techreport" and not item.get("publisher"):
        kind = "misc"                              # BibTeX's techreport needs its institution
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", " and ".join(_person(a) for a in item["author"])))
    for key, var in (("title", "title"), ("journal" if kind == "article" else "booktitle", "container-title")):
        if item.get(var):
            fields.append((key, _tex(item[var])))
    if "issued" in item:
        fields.append(("year", str(item["issued"]["date-parts"][0][0])))
    for key, var in (("volume", "volume"), ("number", "issue")):
        if item.get(var):
            fields.append((key, _tex(item[var])))
    if item.get("page"):
        fields.append(("pages", item["page"].replace("–", "-").replace("-", "--")))
    if item.get("publisher"):
        fields.append(("institution" if kind == "techreport" else "publisher", _tex(item["publisher"])))
    for key, var in (("doi", "DOI"), ("pmid", "PMID"), ("pmcid", "PMCID"), ("url", "URL")):
        if item.get(var):
            fields.append((key, item[var]))
    accessed = item.get("accessed") or {}
    if accessed.get("date-parts"):
        fields.append(("urldate", text_of(accessed["date-parts"][0])))
    elif accessed.get("raw"):
        fields.append(("note", _tex(f"Accessed {accessed['raw']}")))
    return Entry(kind, item["id"], [Field(k, v) for k, v in fields])


def dumps(items: list[dict]) -> str:
    lib = Library()
    for item in items:
        lib.add(entry(item))
    layout = BibtexFormat()
    layout.block_separator = "\n"          # one blank line between entries
    layout.indent = "  "
    return bibtexparser.write_string(lib, bibtex_format=layout)
