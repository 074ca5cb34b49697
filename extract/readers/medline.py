"""PubMed records (MEDLINE XML, as PubMed's "Save" and E-utilities give them) to readings.

A file holds thousands of ``PubmedArticle`` records; each becomes a document of its own, read one
at a time so memory stays flat. The abstract's labelled parts (BACKGROUND, METHODS, …) become
sections; the PMID, DOI and PMC id, the MeSH headings and the publication types become the
record, which the graph keeps as the article's identifiers, subjects and evidence kind.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from spasmkg.extract.readers import xml
from spasmkg.extract.readers.base import Reading, Record, TextBuilder


def read(path: Path) -> Iterator[Reading]:
    for el in xml.iterate(path, "PubmedArticle"):
        yield from _article(el)


def _article(el: etree._Element) -> Iterator[Reading]:
    cit = el.find("MedlineCitation")
    if cit is None:
        return
    art = cit.find("Article")
    rec = _record(el, cit, art)
    out = TextBuilder()
    out.block(rec.title or f"PMID {rec.pmid}", path="ArticleTitle")
    texts = art.findall("./Abstract/AbstractText") if art is not None else []
    if texts:
        out.block("Abstract")
    for k, t in enumerate(texts, 1):
        label = t.get("Label")
        if label and len(texts) > 1:
            out.block(label.capitalize() if label.isupper() else label)
        out.block(xml.text_of(t), path=f"Abstract/AbstractText[{k}]")
    part = f"pmid-{rec.pmid}" if rec.pmid else None
    yield Reading(text=out.text(), format="medline", title=rec.title, kind="review", places=out.places,
                  markers=[], references=[], record=rec, part=part,
                  own_claims=True)


def _record(el: etree._Element, cit: etree._Element, art: etree._Element | None) -> Record:
    rec = Record(pmid=(cit.findtext("PMID") or "").strip() or None)
    if art is None:
        return rec
    rec.title = xml.text_of(art.find("ArticleTitle")).rstrip() or None
    for a in art.findall("./AuthorList/Author"):
        last, fore = xml.text_of(a.find("LastName")), xml.text_of(a.find("ForeName")) or xml.text_of(a.find("Initials"))
        name = f"{last} {fore}".strip() if last else xml.text_of(a.find("CollectiveName"))
        if name:
            rec.authors.append(name)
    rec.journal = xml.text_of(art.find("./Journal/Title")) or xml.text_of(art.find("./Journal/ISOAbbreviation")) or None
    date = art.find("./Journal/JournalIssue/PubDate")
    if date is not None:
        year = date.findtext("Year") or date.findtext("MedlineDate") or ""
        if (m := re.search(r"\d{4}", year)):
            rec.year = int(m.group())
    for loc in art.findall("ELocationID"):
        if loc.get("EIdType") == "doi" and loc.get("ValidYN", "Y") == "Y":
            rec.doi = (loc.text or "").strip() or None
    for aid in el.findall("./PubmedData/ArticleIdList/ArticleId"):
        kind, value = aid.get("IdType"), (aid.text or "").strip()
        if kind == "doi" and value and rec.doi is None:
            rec.doi = value
        elif kind == "pmc" and value:
            rec.pmcid = value
    rec.publication_types = [xml.text_of(t) for t in art.findall("./PublicationTypeList/PublicationType") if xml.text_of(t)]
    for h in cit.findall("./MeshHeadingList/MeshHeading/DescriptorName"):
        if (ui := h.get("UI")) and (label := xml.text_of(h)):
            rec.subjects.append((ui, label))
    return rec
