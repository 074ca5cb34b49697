"""TEI XML as GROBID writes it (a ``.tei`` or ``.xml`` file whose root is ``<TEI>``, or GROBID's
answer for a PDF): the same :class:`~spasmkg.extract.readers.base.Reading` as the PDF reader's.

The title and abstract come from ``<teiHeader>``, headings and paragraphs from ``<body>`` (and the
non-reference parts of ``<back>``); a ``<ref type="bibr" target="#b3">`` callout is a citation marker
of the entry ``xml:id="b3"`` of ``<listBibl>``, whose ``<biblStruct>`` fields (authors, title,
journal, year, volume, issue, pages, DOI, PMID) fill the reference. GROBID's ``coords``
(``page,x,y,width,height`` in points from the page's top-left, ``;`` between boxes) become places.

XML is parsed with lxml without DTDs, entities or network access; a document that declares a DTD
or entities is refused (``E104``), one that is not well-formed too (``E103``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.model import Reference
from spasmkg.extract.readers.base import GivenMarker, Place, Reading, Record, TextBuilder
from spasmkg.extract.text.markers import expand
from spasmkg.extract.text.references import parse_entry

NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: what a DTD brings in: refused before parsing
DECLARATION = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
#: a callout's text that lists numbers: '[3]', '3-5', '(1, 2)'
NUMERIC = re.compile(r"^[\[(]?\s*\d{1,3}(?:\s*[,–—\-‐‑;]\s*\d{1,3})*\s*[\])]?$")


def read(path: Path) -> Iterator[Reading]:
    """The article in the TEI file at ``path``."""
    yield reading_from_tei(Path(path).read_bytes(), Path(path), fmt="tei")


def parse_xml(data: bytes, path: Path) -> etree._Element:
    """The root of ``data``, parsed without DTDs, entities or network access."""
    if (m := DECLARATION.search(data)):
        raise SpasmkgError("E104", path=path, what="a DOCTYPE" if b"DOCTYPE" in m.group(0).upper() else "an entity")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SpasmkgError("E103", path=path, reason=str(exc)) from None


def places(coords: str | None) -> list[tuple[int, tuple[float, float, float, float]]]:
    """GROBID's ``coords`` as (page, (x0, top, x1, bottom)) boxes."""
    out = []
    for part in (coords or "").split(";"):
        bits = part.split(",")
        if len(bits) != 5:
            continue
        try:
            page, x, y, w, h = int(float(bits[0])), *(float(b) for b in bits[1:])
        except ValueError:
            continue
        out.append((page, (round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2))))
    return out


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def reading_from_tei(data: bytes, path: Path, fmt: str = "tei") -> Reading:
    """The reading of a TEI document (``fmt`` is the format the graph records: ``pdf`` for a PDF
    GROBID read, whose places point into the PDF)."""
    root = parse_xml(data, path)
    if etree.QName(root).localname != "TEI":
        found = root.find(".//t:TEI", NS)
        if found is None:
            raise SpasmkgError("E103", path=path, reason="no <TEI> element")
        root = found
    numbers = _numbers(root)
    tb = TextBuilder()
    markers: list[GivenMarker] = []
    title = _text(root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS)) or None
    if title:
        tb.block(title)
    abstract = root.find("t:teiHeader/t:profileDesc/t:abstract", NS)
    if abstract is not None and _text(abstract):
        tb.block("Abstract")
        for p in abstract.iter(f"{T}p"):
            _paragraph(tb, p, numbers, markers)
    for part in (root.find("t:text/t:body", NS), root.find("t:text/t:back", NS)):
        if part is not None:
            _divs(tb, part, numbers, markers)
    references = _references(tb, root, numbers)
    text = tb.text()
    return Reading(text=text, format=fmt, title=title, places=sorted(tb.places, key=lambda p: (p.start, p.end)),
                   markers=_chained(text, markers), references=references, record=_record(root, title))


def _chained(text: str, markers: list[GivenMarker]) -> list[GivenMarker]:
    """Callouts GROBID split ('[2,' '3]', '[4]–[6]') as one marker: those with nothing but a comma,
    a semicolon or a dash between them; a dash between two numbers cites the numbers between."""
    out: list[GivenMarker] = []
    for m in markers:
        if out and re.fullmatch(r"\s?[,;–—-]?\s?", text[out[-1].end:m.start]):
            last = out[-1]
            refs = list(last.refs)
            if re.search(r"[–—-]", text[last.end:m.start]) and last.refs and m.refs and last.refs[-1] < m.refs[0]:
                refs += range(last.refs[-1] + 1, m.refs[0])
            out[-1] = GivenMarker(last.start, m.end, tuple(dict.fromkeys(refs + list(m.refs))))
        else:
            out.append(m)
    return out


def _numbers(root: etree._Element) -> dict[str, int]:
    """Each reference's ``xml:id`` -> its number (its place in the list, from 1)."""
    entries = root.findall(".//t:listBibl/t:biblStruct", NS)
    return {b.get(XML_ID): k for k, b in enumerate(entries, 1) if b.get(XML_ID)}


def _divs(tb: TextBuilder, part: etree._Element, numbers: dict[str, int], markers: list[GivenMarker]) -> None:
    for el in part.iter(f"{T}div", f"{T}figure"):
        if el.get("type") == "references" or el.find("t:listBibl", NS) is not None:
            continue
        if etree.QName(el).localname == "figure":
            caption = " ".join(x for x in (_text(el.find("t:head", NS)), _text(el.find("t:figDesc", NS))) if x)
            if caption:
                tb.new_block()
                _add(tb, caption, el.get("coords"))
            continue
        head = el.find("t:head", NS)
        if head is not None and _text(head):         # its number ('n') left out: '1. Methods' reads as a list item
            tb.new_block()
            _add(tb, _text(head), head.get("coords"))
        for p in el.findall("t:p", NS):
            _paragraph(tb, p, numbers, markers)


def _add(tb: TextBuilder, text: str, coords: str | None) -> tuple[int, int]:
    """Append ``text`` with a place for each of its boxes (a sentence over three lines has three)."""
    start, end = tb.add(text)
    for page, box in places(coords):
        tb.places.append(_place(start, end, page, box))
    return start, end


def _place(start: int, end: int, page: int, box: tuple[float, float, float, float]) -> Place:
    return Place(start, end, page=page, box=box)


def _paragraph(tb: TextBuilder, p: etree._Element, numbers: dict[str, int], markers: list[GivenMarker]) -> None:
    """A paragraph on one line: its sentences (``<s>``, each with its boxes) or its text, with the
    callouts as markers."""
    tb.new_block()
    sentences = p.findall("t:s", NS)
    parts = sentences or [p]
    for k, s in enumerate(parts):
        if k:
            tb.add(" ")
        start = tb.offset
        _inline(tb, s, numbers, markers)
        text_end = tb.offset
        for page, box in places(s.get("coords")):
            tb.places.append(_place(start, text_end, page, box))


def _pieces(el: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """The text of ``el`` in order, each callout apart: (text, the ``<ref>`` or None)."""
    yield el.text or "", None
    for child in el:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "ref" and child.get("type") == "bibr":
            yield _text(child), child
        elif name not in ("note", "figure", "table"):
            yield from _pieces(child)
        yield child.tail or "", None


def _inline(tb: TextBuilder, el: etree._Element, numbers: dict[str, int], markers: list[GivenMarker]) -> None:
    """The text of ``el`` with its ``<ref>`` callouts as markers, its spaces collapsed."""
    pieces = [(re.sub(r"\s+", " ", text), ref) for text, ref in _pieces(el)]
    spaced = True                               # no space at the start
    kept: list[tuple[str, etree._Element | None]] = []
    for text, ref in pieces:
        if spaced:
            text = text.lstrip()
        if text:
            kept.append((text, ref))
            spaced = text.endswith(" ")
    if kept:
        kept[-1] = (kept[-1][0].rstrip(), kept[-1][1])
    for text, ref in kept:
        start, end = tb.add(text)
        if ref is None:
            continue
        refs = _callout_refs(text, ref.get("target"), numbers)
        if refs:
            markers.append(GivenMarker(start, end, refs))
        for page, box in places(ref.get("coords")):
            tb.places.append(_place(start, end, page, box))


def _callout_refs(text: str, target: str | None, numbers: dict[str, int]) -> tuple[int, ...]:
    """The reference numbers a callout cites: the numbers it prints ('3–5' is 3, 4, 5) when it
    prints numbers, else the entry its target names."""
    if NUMERIC.match(text.strip()):
        refs = tuple(n for n in expand(re.sub(r"[\[\]()\s]", "", text)) if 0 < n and (not numbers or n <= len(numbers)))
        if refs:
            return refs
    if target and (n := numbers.get(target.lstrip("#").split()[0])):
        return (n,)
    return ()


def _references(tb: TextBuilder, root: etree._Element, numbers: dict[str, int]) -> list[Reference] | None:
    entries = root.findall(".//t:listBibl/t:biblStruct", NS)
    if not entries:
        return None
    tb.block("References")
    tb.new_block()
    out = []
    for n, bib in enumerate(entries, 1):
        if n > 1:
            tb.add("\n")
        tb.add(f"{n}. ")
        raw = _text(bib.find("t:note[@type='raw_reference']", NS)) or _compose(bib)
        start, end = _add(tb, raw, bib.get("coords"))
        ref = parse_entry(n, raw, start, end)
        _fill(ref, bib)
        out.append(ref)
    return out


def _authors(el: etree._Element | None) -> list[str]:
    """'Surname AB' for each author (the form reference lists use)."""
    out = []
    for pers in (el.findall("t:author/t:persName", NS) if el is not None else []):
        surname = _text(pers.find("t:surname", NS))
        initials = "".join(_text(f)[:1].upper() for f in pers.findall("t:forename", NS) if _text(f))
        if surname:
            out.append(f"{surname} {initials}".strip())
    return out


def _compose(bib: etree._Element) -> str:
    """An entry's text from its fields, in Vancouver order, when GROBID gave no raw citation."""
    analytic, monogr = bib.find("t:analytic", NS), bib.find("t:monogr", NS)
    authors = _authors(analytic) or _authors(monogr)
    title = _text(analytic.find("t:title", NS)) if analytic is not None else ""
    journal = _text(monogr.find("t:title", NS)) if monogr is not None else ""
    imprint = monogr.find("t:imprint", NS) if monogr is not None else None
    year = _year(imprint)
    volume = _scope(imprint, "volume")
    issue = _scope(imprint, "issue")
    pages = _pages(imprint)
    tail = f"{year or ''}" + (f";{volume}" if volume else "") + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    parts = [", ".join(authors), title, journal, tail]
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def _year(imprint: etree._Element | None) -> int | None:
    date = imprint.find("t:date", NS) if imprint is not None else None
    if date is None:
        return None
    m = re.search(r"\b(1[6-9]|20)\d{2}\b", date.get("when") or _text(date))
    return int(m.group(0)) if m else None


def _scope(imprint: etree._Element | None, unit: str) -> str | None:
    el = imprint.find(f"t:biblScope[@unit='{unit}']", NS) if imprint is not None else None
    return (_text(el) or None) if el is not None else None


def _pages(imprint: etree._Element | None) -> str | None:
    el = imprint.find("t:biblScope[@unit='page']", NS) if imprint is not None else None
    if el is None:
        return None
    if el.get("from"):
        return el.get("from") + (f"-{el.get('to')}" if el.get("to") else "")
    return _text(el) or None


def _idno(bib: etree._Element, kind: str) -> str | None:
    for el in bib.iter(f"{T}idno"):
        if (el.get("type") or "").upper() == kind:
            return _text(el) or None
    return None


def _fill(ref: Reference, bib: etree._Element) -> None:
    """The fields GROBID states, over what the entry's text gave."""
    analytic, monogr = bib.find("t:analytic", NS), bib.find("t:monogr", NS)
    imprint = monogr.find("t:imprint", NS) if monogr is not None else None
    ref.authors = _authors(analytic) or _authors(monogr) or ref.authors
    article_title = _text(analytic.find("t:title", NS)) if analytic is not None else ""
    source = monogr.find("t:title", NS) if monogr is not None else None
    if article_title:
        ref.title = article_title
        ref.container = _text(source) or ref.container
    elif source is not None and _text(source):
        ref.title = _text(source)
        if source.get("level") == "m":
            ref.kind = "Book"
    ref.year = _year(imprint) or ref.year
    ref.volume = _scope(imprint, "volume") or ref.volume
    ref.issue = _scope(imprint, "issue") or ref.issue
    ref.pages = _pages(imprint) or ref.pages
    ref.doi = _idno(bib, "DOI") or ref.doi
    ref.pmid = _idno(bib, "PMID") or ref.pmid
    if imprint is not None and (publisher := _text(imprint.find("t:publisher", NS))):
        ref.publisher = publisher


def _record(root: etree._Element, title: str | None) -> Record:
    source = root.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:biblStruct", NS)
    record = Record(title=title)
    if source is None:
        return record
    record.authors = _authors(source.find("t:analytic", NS))
    monogr = source.find("t:monogr", NS)
    if monogr is not None:
        record.journal = _text(monogr.find("t:title", NS)) or None
        record.year = _year(monogr.find("t:imprint", NS))
    record.doi = _idno(source, "DOI")
    record.pmid = _idno(source, "PMID")
    return record
