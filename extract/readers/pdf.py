"""PDF articles, read from their text layer with pdfminer.six (or, with ``grobid``, by a GROBID
server: :mod:`spasmkg.extract.readers.grobid`).

The text is laid out as the plain-text reader expects (:mod:`spasmkg.extract.readers.base`), in
reading order across two columns and pages, without running headers, footers and page numbers
(:mod:`~spasmkg.extract.readers.pdf_layout`), with words broken at line ends joined again
(:mod:`~spasmkg.extract.readers.hyphens`). Superscript citation markers are told by their glyphs
(smaller, raised: :mod:`~spasmkg.extract.readers.pdf_lines`), written as Unicode superscripts and
given with their reference numbers; the reference list's entries are parsed one by one
(:func:`spasmkg.extract.text.references.parse_entry`). Every line of the text has a
:class:`~spasmkg.extract.readers.base.Place`: its page and box in points from the page's top-left.

Reading runs in a child process with a deadline and a memory cap, and stops at a number of pages
(:mod:`spasmkg.common.limits`: ``SPASMKG_PDF_SECONDS``, ``SPASMKG_PDF_MB``, ``SPASMKG_PDF_PAGES``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.model import Reference
from spasmkg.extract.readers.base import GivenMarker, Reading, Record, TextBuilder
from spasmkg.extract.readers.hyphens import document_words, join, known_words
from spasmkg.extract.readers.isolated import run_isolated
from spasmkg.extract.readers.pdf_blocks import LABEL, Block, blocks, body_size, reference_heading
from spasmkg.extract.readers.pdf_layout import drop_furniture, footnotes_last, reading_order
from spasmkg.extract.readers.pdf_lines import Line, page_lines
from spasmkg.extract.text.markers import expand
from spasmkg.extract.text.references import DOI, parse_entry

#: pdfminer's grouping of glyphs into lines; the page's own order is found by pdf_layout, so its
#: box ordering (quadratic in the boxes of a page) is turned off
LAPARAMS = dict(line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.1, boxes_flow=None)
#: fewer characters a page than this, on average, and the PDF is taken for a scan
SCAN_CHARS_PER_PAGE = 40
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: a raised run that is a citation: numbers, lists and ranges ('1', '2,3', '4–6', '1, 3-5')
MARKER = re.compile(r"^\d{1,3}(?:\s?[,–—\-‐‑]\s?\d{1,3}){0,30},?$")
#: the headings that open an article proper, after its authors and affiliations
OPENING = re.compile(r"^(?:\d+\.?\s*)?(?:abstract|summary|background|introduction|keywords?|key words|methods?)\b", re.I)
#: a citation in brackets, as the text reader finds it
BRACKETS = re.compile(r"\[\d{1,3}(?:\s?[,–—\-]\s?\d{1,3})*\]")
#: a one-letter variable whose raised number is a power ('A² + B²', 'R²')
VARIABLE = re.compile(r"(?:^|[\s(=+−-])[A-Za-zα-ωΑ-Ω]$")
#: units whose raised number is a power ('kg/m²', 'cm³'), not a citation
UNIT = re.compile(r"(?:^|[\s/(·])(?:m|cm|mm|km|µm|μm|ft|in|s|kg/m|mg/m|ml/m|g/m)$")


def read(path: Path, grobid: str | None = None) -> Iterator[Reading]:
    """The article in the PDF at ``path``; with ``grobid`` (a server's base URL), as GROBID reads it."""
    path = Path(path)
    if grobid:
        from spasmkg.extract.readers import grobid as grobid_server
        from spasmkg.extract.readers.tei import reading_from_tei
        yield reading_from_tei(grobid_server.fulltext_tei(path, grobid), path, fmt="pdf")
        return
    known_words()                   # loaded once here, not in every child

    def over(what: str) -> SpasmkgError:
        if what == "time":
            return SpasmkgError("E110", path=path, limit=f"{limits.PDF_SECONDS:g} s", setting="SPASMKG_PDF_SECONDS")
        return SpasmkgError("E110", path=path, limit=f"{limits.PDF_MB:g} MB", setting="SPASMKG_PDF_MB")

    yield run_isolated(lambda: read_pdf(path), limits.PDF_SECONDS, limits.PDF_MB, over,
                       lambda reason: SpasmkgError("E105", path=path, reason=reason))


def read_pdf(path: Path) -> Reading:
    """The reading of one PDF, in this process (:func:`read` runs it in a child)."""
    try:
        pages, sizes = _pages(path)
    except (SpasmkgError, MemoryError):
        raise
    except Exception as exc:   # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise SpasmkgError("E105", path=path, reason=f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
    chars = sum(len(ln.text) for page in pages for ln in page)
    if chars < SCAN_CHARS_PER_PAGE * max(1, len(pages)):
        raise SpasmkgError("E101", path=path)
    pages = drop_furniture(pages, [h for _, h in sizes], [w for w, _ in sizes])
    body = body_size([ln for page in pages for ln in page])
    runs: list[list[Line]] = []
    listed = False                    # past the reference list's heading: notes stay where they are
    for k, page in enumerate(pages):
        ordered = reading_order(page, sizes[k][0])
        if not listed:
            ordered, listed = footnotes_last(ordered, body, sizes[k][1], reference_heading)
        runs += ordered
    return _reading(blocks(runs))


def _pages(path: Path) -> tuple[list[list[Line]], list[tuple[float, float]]]:
    """Each page's lines and its (width, height)."""
    with open(path, "rb") as fh:
        parser = PDFParser(fh)
        try:
            document = PDFDocument(parser, password="")
        except PDFPasswordIncorrect:
            raise SpasmkgError("E102", path=path, reason="no password was given") from None
        except PDFEncryptionError as exc:
            raise SpasmkgError("E102", path=path, reason=str(exc) or "its encryption is not supported") from None
        count = resolve1(resolve1(document.catalog.get("Pages")) or {}).get("Count") if "Pages" in document.catalog else None
        if isinstance(count, int) and count > limits.PDF_PAGES:
            raise _too_many(path)
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=LAParams(**LAPARAMS))
        interpreter = PDFPageInterpreter(manager, device)
        pages, sizes = [], []
        for k, page in enumerate(PDFPage.create_pages(document), 1):
            if k > limits.PDF_PAGES:
                raise _too_many(path)
            interpreter.process_page(page)
            layout = device.get_result()
            pages.append(page_lines(layout, k))
            sizes.append((layout.width, layout.height))
    return pages, sizes


def _too_many(path: Path) -> SpasmkgError:
    return SpasmkgError("E110", path=path, limit=f"{limits.PDF_PAGES} pages", setting="SPASMKG_PDF_PAGES")


def _markers(line: Line, last_ref: int | None) -> list[tuple[int, int, tuple[int, ...]]]:
    """The citation markers among a line's raised runs: ``(start, end, refs)`` in the line."""
    runs = list(line.raised)
    merged: list[tuple[int, int]] = []
    for a, b in runs:                # '¹,²' set with a comma of body size is one marker
        if merged and a - merged[-1][1] <= 1 and line.text[merged[-1][1]:a] in ("", ",", "-", "–"):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    out = []
    for a, b in merged:
        raw = line.text[a:b]
        if not MARKER.match(raw.replace(" ", "")):
            continue
        before = line.text[:a].rstrip()
        if before and (before[-1].isdigit() or UNIT.search(before) or VARIABLE.search(before)):
            continue                 # a power: '10⁶', 'kg/m²', 'A² + B²'
        if (a == 0 or line.text[a - 1] == " ") and line.text[b:b + 1].isalpha():
            continue                 # a label glued to the words it numbers: '²Department of ...'
        refs = tuple(n for n in expand(raw) if n > 0)
        if refs and (last_ref is None or max(refs) <= last_ref):
            out.append((a, b, refs))
    return out


def _front_matter(found: list[Block]) -> set[int]:
    """The blocks of page 1 before the article proper (authors, affiliations: their raised numbers
    are not citations): up to a heading such as 'Abstract' or 'Introduction', or the first
    paragraph of some length."""
    for k, block in enumerate(found):
        if block.lines[0].page > 1:
            return set(range(k))
        if block.kind == "heading" and OPENING.match(block.text.strip()):
            return set(range(k))
        if block.kind == "paragraph" and len(block.text.split()) >= 40:
            return set(range(k))
    return set()


def _superscript_style(found: list[Block], front: set[int], last_ref: int | None) -> bool:
    """Whether the article cites with raised numbers: it has some, and no more bracketed
    numbers ('[3]', '[4, 5]') than raised ones (a few raised numbers in an article that cites in
    brackets are powers or notes)."""
    raised = brackets = 0
    for k, block in enumerate(found):
        if block.kind in ("paragraph", "caption") and k not in front:
            raised += sum(len(_markers(ln, last_ref)) for ln in block.lines)
            brackets += sum(len(BRACKETS.findall(ln.text)) for ln in block.lines)
    return raised > 0 and raised >= brackets


def _reading(found: list[Block]) -> Reading:
    tb = TextBuilder()
    seen = document_words([ln.text for b in found for ln in b.lines])
    entries = [b for b in found if b.kind == "entry"]
    numbered = any(b.label is not None for b in entries)
    last_ref = (max((b.label or 0 for b in entries), default=0) if numbered else len(entries)) or None
    front = _front_matter(found)
    raised = _superscript_style(found, front, last_ref)
    markers: list[GivenMarker] = []
    references: list[Reference] | None = None
    title = None
    record = Record()
    in_list = False
    for k, block in enumerate(found):
        if block.kind == "entry":
            references = references if references is not None else []
            n = block.label if block.label is not None else len(references) + 1
            if in_list:
                tb.add("\n")
            else:
                tb.new_block()
                in_list = True
            if block.label is not None:
                tb.add(f"{n}. ")
            start = tb.offset
            _, raw = _lines(tb, block.lines, seen, label=block.label is not None)
            references.append(parse_entry(n, raw, start, tb.offset))
            continue
        in_list = False
        tb.new_block()
        cites = raised and block.kind in ("paragraph", "caption") and k not in front
        markers.extend(_lines(tb, block.lines, seen, cites=cites, last_ref=last_ref)[0])
        if block.kind == "title":
            title = " ".join(ln.text for ln in block.lines)
        elif block.kind == "heading" and reference_heading(block.lines[0]) and references is None:
            references = []
        if record.doi is None and block.kind != "entry" and references is None and block.lines[0].page == 1:
            if (m := DOI.search(" " + block.text)):
                record.doi = m.group("doi").rstrip(".,;")
    record.title = title
    return Reading(text=tb.text(), format="pdf", title=title, places=tb.places,
                   markers=markers or None, references=references, record=record)


def _lines(tb: TextBuilder, lines: list[Line], seen: frozenset[str], label: bool = False,
           cites: bool = False, last_ref: int | None = None) -> tuple[list[GivenMarker], str]:
    """Append a block's lines, joined (hyphens undone) into one line of text, each with its place.
    Returns the citation markers found in them (when ``cites``) and the text appended."""
    out: list[GivenMarker] = []
    written: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        if i == 0 and label and (m := LABEL.match(text)):
            text = text[m.end():]
        found = _markers(line, last_ref) if cites else []
        chars = list(text)
        shift = len(line.text) - len(text)
        for a, b, _ in found:
            for j in range(a - shift, b - shift):
                chars[j] = chars[j].translate(SUPERSCRIPTS)
        text = "".join(chars)
        sep = ""
        if i + 1 < len(lines):
            text, sep = join(text, lines[i + 1].text, seen)
        start, _ = tb.add(text, page=line.page, box=line.box)
        for a, b, refs in found:
            out.append(GivenMarker(start + a - shift, start + b - shift, refs))
        written.append(text + sep)
        if sep:
            tb.add(sep)
    return out, "".join(written)
