"""``spasmkg export references``: the graph's cited works for reference managers, in CSL-JSON
(plain JSON, as the CSL-JSON schema lays it out), BibTeX (bibtexparser) or RIS (rispy).

Every format is written from the same CSL-JSON items (:mod:`.cited_works`), so the three carry
the same fields and keys.
"""
from __future__ import annotations

import json
from pathlib import Path

from spasmkg.common.atomic import atomic_write_text
from spasmkg.graph.export import bibtex, cited_works, ris


def _csl_json(items: list[dict]) -> str:
    return json.dumps(items, indent=1, ensure_ascii=False) + "\n"


#: reference format -> (writer of CSL items, file extension)
REFERENCE_FORMATS = {"csl-json": (_csl_json, "json"), "bibtex": (bibtex.dumps, "bib"), "ris": (ris.dumps, "ris")}
DEFAULT = "csl-json"


def write_references(ds, path, reference_format: str | None = None, **_: object) -> None:
    dump, _ext = REFERENCE_FORMATS[reference_format or DEFAULT]
    atomic_write_text(Path(path), dump(cited_works.items(ds)))
