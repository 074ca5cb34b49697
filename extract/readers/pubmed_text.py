"""PubMed records in PubMed's own text format (the site's "Save → PubMed" and citation managers'
``.nbib`` files): tagged lines (``PMID- ``, ``TI  - ``, ``AB  - ``), continued on lines indented by
six spaces, one record after another.

Each record becomes a document, as with MEDLINE XML. MeSH terms in this format carry no
identifiers (only their names), so they are kept as publication subjects by name only; no MeSH
identifier is guessed from a name.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from spasmkg.common.decoding import decode
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers.base import Reading, Record, TextBuilder

#: a tag line: up to four capitals or digits, padded to four, then '- '
TAG = re.compile(r"^([A-Z0-9]{2,4}) {0,2}- ?(.*)$")
#: the first tag of a record; the format starts every record with it
FIRST = re.compile(rb"(?m)^PMID- ?\d+")
#: labelled abstract parts run inline: 'BACKGROUND: ... METHODS: ...'
LABEL = re.compile(r"(?:(?<=^)|(?<=[.!?] ))([A-Z][A-Z /&-]{2,40}): ")


def looks_like(head: bytes) -> bool:
    return FIRST.search(head) is not None


def read(path: Path) -> Iterator[Reading]:
    try:
        text = decode(Path(path).read_bytes()).text
    except Exception as exc:   # noqa: BLE001 - any decoding failure is the file's
        raise SpasmkgError("E002", path=path, reason=f"not text ({type(exc).__name__})") from None
    records = list(_records(text))
    if not records:
        raise SpasmkgError("E003", path=path)
    for fields in records:
        yield _reading(fields)


def _records(text: str) -> Iterator[list[tuple[str, str, int]]]:
    """Each record as (tag, value, line) in order, continuation lines joined to their tag's value."""
    record: list[tuple[str, str, int]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("      ") and record:
            tag, value, at = record[-1]
            record[-1] = (tag, f"{value} {line.strip()}", at)
        elif (m := TAG.match(line)):
            if m.group(1) == "PMID" and record:
                yield record
                record = []
            record.append((m.group(1), m.group(2).strip(), n))
        elif not line.strip() and record and any(t == "PMID" for t, _, _ in record):
            continue
    if record:
        yield record


def _reading(fields: list[tuple[str, str, int]]) -> Reading:
    values: dict[str, list[tuple[str, int]]] = {}
    for tag, value, line in fields:
        values.setdefault(tag, []).append((value, line))
    first = lambda tag: values.get(tag, [("", 0)])[0][0] or None  # noqa: E731
    rec = Record(pmid=first("PMID"), title=first("TI") or first("BTI"), journal=first("JT") or first("TA"))
    rec.authors = [v for v, _ in values.get("FAU", [])] or [v for v, _ in values.get("AU", [])]
    if (m := re.search(r"\d{4}", first("DP") or "")):
        rec.year = int(m.group())
    for v, _ in values.get("LID", []) + values.get("AID", []):
        if v.endswith("[doi]") and rec.doi is None:
            rec.doi = v[:-5].strip()
        elif v.endswith("[pmc]") and rec.pmcid is None:
            rec.pmcid = v[:-5].strip()
    rec.pmcid = rec.pmcid or first("PMC")
    rec.publication_types = [v for v, _ in values.get("PT", [])]
    out = TextBuilder()
    title_line = values.get("TI", [("", None)])[0][1]
    out.block(rec.title or f"PMID {rec.pmid}", line=title_line)
    for abstract, line in values.get("AB", []):
        out.block("Abstract")
        parts = LABEL.split(abstract)
        if len(parts) > 2:                      # 'BACKGROUND: ... METHODS: ...' -> sections
            if parts[0].strip():
                out.block(parts[0], line=line)
            for label, body in zip(parts[1::2], parts[2::2]):
                out.block(label.strip().capitalize())
                out.block(body, line=line)
        else:
            out.block(abstract, line=line)
    return Reading(text=out.text(), format="pubmed-text", title=rec.title, kind="review", places=out.places,
                   markers=[], references=[], record=rec, part=f"pmid-{rec.pmid}" if rec.pmid else None,
                   own_claims=True)
