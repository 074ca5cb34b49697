"""BibTeX (and BibLaTeX) libraries, read with bibtexparser.

Text fields and names are LaTeX-decoded (``M{\\"u}ller`` is Müller) with pylatexenc, the decoder
bibtexparser itself uses; identifiers and addresses (``doi``, ``url``, ``pmid``) are kept as
written, since BibLaTeX reads them verbatim. A block bibtexparser cannot parse, or a key given
twice, refuses the whole file (``E106``, with its line).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.library import LibraryEntry
from spasmkg.extract.library.names import Name
from spasmkg.extract.model import Reference

KINDS = {"article": "JournalArticle", "book": "Book", "inbook": "Book", "incollection": "Book",
         "booklet": "Book", "online": "WebPage", "electronic": "WebPage", "www": "WebPage",
         "techreport": "Report", "report": "Report", "manual": "Report"}
VERBATIM = {"doi", "url", "pmid", "pmcid", "eprint", "urldate", "pages"}
_latex = LatexNodes2Text(strict_latex_spaces=True)


def _text(value: str) -> str:
    return " ".join(_latex.latex_to_text(value).split())


def _names(value: str) -> list[str]:
    out = []
    for person in split_multiple_persons_names(value):
        person = person.strip()
        if person.startswith("{") and person.endswith("}"):        # '{World Health Organization}'
            out.append(_text(person[1:-1]))
            continue
        parts = parse_single_name_into_parts(person, strict=False)
        out.append(Name(_text(" ".join(parts.von + parts.last)), _text(" ".join(parts.first)),
                        _text(" ".join(parts.jr))).display())
    return [n for n in out if n]


def read(text: str, path: Path) -> list[LibraryEntry]:
    splitter = logging.getLogger("bibtexparser.splitter")
    level = splitter.level
    splitter.setLevel(logging.CRITICAL)         # its warnings would repeat on stderr what E106 says
    try:
        lib = bibtexparser.parse_string(text.lstrip("\ufeff"))
    finally:
        splitter.setLevel(level)
    if lib.failed_blocks:
        block = lib.failed_blocks[0]
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", None) or str(error or "") or type(error or block).__name__
        line = (block.start_line or 0) + 1
        raise SpasmkgError("E106", path=path, format="BibTeX",
                           reason=f"line {line}: {' '.join(str(reason).split())[:200]}")
    out = []
    for n, entry in enumerate(lib.entries, start=1):
        f = {k.lower(): (v.value if k.lower() in VERBATIM else _text(v.value)) for k, v in entry.fields_dict.items()
             if isinstance(v.value, str)}
        kind = KINDS.get(entry.entry_type.lower(), "WebPage" if f.get("url") else "Report")
        if kind == "Report" and entry.entry_type.lower() == "misc" and not f.get("url") and f.get("journal"):
            kind = "JournalArticle"
        year = re.search(r"\b(1[6-9]|20)\d{2}\b", f.get("year") or f.get("date") or "")
        author = entry.fields_dict.get("author") or entry.fields_dict.get("editor")
        ref = Reference(n=n, raw=entry.key, start=0, end=0, kind=kind,
                        authors=_names(author.value) if author and isinstance(author.value, str) else [],
                        title=f.get("title") or None,
                        container=f.get("journal") or f.get("journaltitle") or f.get("booktitle") or None,
                        year=int(year.group(0)) if year else None, volume=f.get("volume") or None,
                        issue=f.get("number") or f.get("issue") or None,
                        pages=re.sub(r"\s*-{1,2}\s*", "-", f["pages"]) if f.get("pages") else None,
                        url=f.get("url") or None, accessed=f.get("urldate") or None,
                        publisher=f.get("publisher") or f.get("institution") or f.get("organization") or None,
                        doi=f.get("doi") or None, pmid=f.get("pmid") or None, pmcid=f.get("pmcid") or None)
        out.append(LibraryEntry(entry.key, ref))
    return out
