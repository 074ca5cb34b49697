"""Readers: one per format, behind one interface (:class:`~spasmkg.extract.readers.base.Reading`).

:func:`sniff` tells the format from the file's first bytes first and its name second (a PubMed
export saved as ``.txt`` is still MEDLINE XML; a ``.pdf`` that is not a PDF is refused by name).
:data:`READERS` maps each format to the module that reads it; plain text keeps its own path in
:mod:`spasmkg.build.inputs`, which decodes text.
"""
from __future__ import annotations

import re
from pathlib import Path

#: formats told by a file's name when its first bytes do not tell
SUFFIXES = {".pdf": "pdf", ".nxml": "jats", ".xml": "xml", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".nbib": "pubmed-text",
            ".text": "text", "": "text", ".tei": "tei",
            # reference libraries: not documents; their entries fill the corpus's references
            ".bib": "bibtex", ".ris": "ris", ".json": "csl-json"}
_XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(PubmedArticleSet|PubmedArticle|MedlineCitationSet|"
                       rb"MedlineCitation|PubmedBookArticle|article|TEI|teiCorpus|html)\b")
_HTML = re.compile(rb"<!doctype\s+html|<html\b|<body\b|<head\b", re.I)


def sniff(path: Path, head: bytes) -> str:
    """The format of a file whose first bytes (a few kilobytes) are ``head``: ``pdf``, ``jats``,
    ``medline``, ``tei``, ``html``, ``markdown``, ``text``, or the suffix's format name for the
    rest (``xml`` for XML of no known kind)."""
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"%PDF-"):
        return "pdf"
    if re.match(rb"PMID- ?\d", lead):         # PubMed's own text format starts every record so
        return "pubmed-text"
    by_name = SUFFIXES.get(path.suffix.lower(), path.suffix.lower().lstrip("."))
    if lead.startswith(b"<"):
        if (m := _XML_ROOT.search(head)):
            root = m.group(1)
            if root in (b"PubmedArticleSet", b"PubmedArticle", b"MedlineCitationSet", b"MedlineCitation",
                        b"PubmedBookArticle"):
                return "medline"
            if root == b"article":
                return "jats"
            if root in (b"TEI", b"teiCorpus"):
                return "tei"
            return "html"
        if _HTML.search(head):
            return "html"
    return by_name


#: the formats read by a reader module of this package (``spasmkg.extract.readers.<module>``),
#: each with a ``read(path) -> Iterator[Reading]``
READERS: dict[str, str] = {"pdf": "pdf", "tei": "tei", "jats": "jats", "medline": "medline", "html": "html",
                           "markdown": "markdown", "pubmed-text": "pubmed_text"}
#: the options a reader takes beside the path (``spasmkg build --grobid URL``: PDFs read by GROBID)
OPTIONS: dict[str, tuple[str, ...]] = {"pdf": ("grobid",)}
#: formats read one document at a time from a file of many (memory stays flat whatever the size)
STREAMED = {"medline"}


def read_file(path: Path, fmt: str, **options: object):
    """The readings of ``path`` in format ``fmt`` (one per document the file holds). Of
    ``options``, those the format's reader takes (:data:`OPTIONS`) and that are set are passed on."""
    from importlib import import_module
    given = {k: v for k, v in options.items() if v is not None and k in OPTIONS.get(fmt, ())}
    return import_module(f"spasmkg.extract.readers.{READERS[fmt]}").read(path, **given)
