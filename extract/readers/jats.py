"""PubMed Central full texts (JATS XML) to a :class:`Reading`.

The markup states what plain text leaves to guessing, so nothing here guesses: ``<xref
ref-type="bibr">`` callouts are the citation markers (a dash between two callouts is a range, as
PMC sets ``[3]–[5]``), ``<ref-list>`` entries are the references with their DOI and PMID, and the
front matter is the article's own record. Body sections become headings, paragraphs stay apart,
figure and table captions are set as captions. Each block's place is its element path.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from spasmkg.extract.model import Reference
from spasmkg.extract.readers import xml
from spasmkg.extract.readers.base import GivenMarker, Place, Reading, Record, TextBuilder
from spasmkg.extract.text.references import parse_entry

XLINK = "{http://www.w3.org/1999/xlink}href"
#: the characters between two callouts that make them one marker; a dash makes a range
_JOIN = re.compile(r"^[\s,;\[\]()]*(?P<dash>[–—-])?[\s,;\[\]()]*$")
#: elements read as their own block, not as running text
_BLOCKS = {"p", "sec", "title", "fig", "table-wrap", "list", "list-item", "disp-quote", "boxed-text",
           "def-list", "ref-list", "supplementary-material", "caption", "label", "statement"}
#: inline elements whose text is not part of the prose
_SKIP_INLINE = {"fn", "table", "graphic", "media", "alternatives", "inline-graphic", "tex-math",
                "object-id", "fn-group"}
KIND = {"journal": "JournalArticle", "book": "Book", "web": "WebPage", "webpage": "WebPage",
        "report": "Report", "confproc": "JournalArticle", "thesis": "Book"}


def read(path: Path) -> Iterator[Reading]:
    tree = xml.parse(path)
    root = tree.getroot()
    yield JatsReader(tree).reading(root)


class JatsReader:
    """One article: its front matter, body and back matter, walked once in document order."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.out = TextBuilder()
        self.numbers: dict[str, int] = {}          # ref id -> its number in the reference list
        self.callouts: list[tuple[int, int, int]] = []   # (start, end, number) of each bibr xref

    def reading(self, root: etree._Element) -> Reading:
        refs_el = [r for r in root.iter("ref") if r.getparent() is not None and xml.local(r.getparent().tag) == "ref-list"]
        for k, r in enumerate(refs_el, 1):
            self.numbers[r.get("id", f"#{k}")] = k
        record = self._record(root)
        self.out.block(record.title or "", path=self._path(root.find(".//article-meta/title-group/article-title")))
        for abstract in root.findall("./front/article-meta/abstract"):
            if abstract.get("abstract-type") in ("graphical", "teaser", "web-summary"):
                continue
            self.out.block(xml.text_of(abstract.find("title")) or "Abstract")
            self._blocks(abstract, skip_title=True)
        body = root.find("body")
        if body is not None:
            self._blocks(body)
        references = self._references(refs_el)
        markers = self._markers()
        return Reading(text=self.out.text(), format="jats", title=record.title, kind="review",
                       places=self.out.places, markers=markers, references=references, record=record)

    # --- front matter -------------------------------------------------------------------------
    def _record(self, root: etree._Element) -> Record:
        meta = root.find("./front/article-meta")
        jmeta = root.find("./front/journal-meta")
        rec = Record()
        if meta is None:
            return rec
        rec.title = xml.text_of(meta.find("./title-group/article-title")) or None
        for c in meta.findall(".//contrib"):
            if c.get("contrib-type", "author") != "author":
                continue
            name = _name(c.find(".//name")) or xml.text_of(c.find(".//collab")) or None
            if name:
                rec.authors.append(name)
        if jmeta is not None:
            rec.journal = xml.text_of(jmeta.find(".//journal-title")) or None
        for ident in meta.findall("article-id"):
            kind, value = ident.get("pub-id-type"), (ident.text or "").strip()
            if kind == "doi":
                rec.doi = value
            elif kind == "pmid":
                rec.pmid = value
            elif kind in ("pmc", "pmcid"):
                rec.pmcid = value if value.upper().startswith("PMC") else f"PMC{value}"
        years = [int(y.text) for y in meta.findall("./pub-date/year") if (y.text or "").strip().isdigit()]
        rec.year = min(years) if years else None
        lic = meta.find(".//permissions/license")
        if lic is not None:
            rec.license = lic.get(XLINK) or xml.text_of(lic) or None
        if rec.license is None and (ali := meta.find(".//{http://www.niso.org/schemas/ali/1.0/}license_ref")) is not None:
            rec.license = (ali.text or "").strip() or None
        rec.publication_types = [t for t in [root.get("article-type")] if t]
        return rec

    # --- body ---------------------------------------------------------------------------------
    def _path(self, el: etree._Element | None) -> str | None:
        return self.tree.getpath(el) if el is not None else None

    def _blocks(self, el: etree._Element, skip_title: bool = False) -> None:
        for child in el:
            tag = xml.local(child.tag)
            if tag == "title" and not skip_title:
                self.out.block(xml.text_of(child), path=self._path(child))
            elif tag == "sec" or tag in ("boxed-text", "list", "list-item", "disp-quote", "statement", "def-list"):
                self._blocks(child)
            elif tag == "p":
                self.out.new_block()
                self._inline(child)
            elif tag in ("fig", "table-wrap"):
                self._caption(child)
            elif tag in ("ref-list", "back", "fn-group", "ack", "app-group", "glossary"):
                continue

    def _caption(self, el: etree._Element) -> None:
        """'Figure 2. Caption …' on a line of its own, as captions are set in plain text."""
        label = xml.text_of(el.find("label")) or ("Figure" if xml.local(el.tag) == "fig" else "Table")
        caption = el.find("caption")
        if caption is None:
            return
        label = label.rstrip(".:")
        if not re.search(r"\d", label):
            label += f" {sum(1 for _ in el.itersiblings(preceding=True)) + 1}"
        self.out.new_block()
        self.out.add(f"{label}. ", path=self._path(el))
        for part in caption:
            self._inline(part)
            self.out.add(" ")

    def _inline(self, el: etree._Element) -> None:
        """An element's running text, with each bibr callout recorded where it falls."""
        where = self._path(el)
        start = self.out.offset
        self._walk(el)
        if self.out.offset > start and where:
            self.out.places.append(Place(start, self.out.offset, path=where))

    def _walk(self, el: etree._Element) -> None:
        if el.text:
            self.out.add(_flat(el.text))
        for child in el:
            tag = xml.local(child.tag)
            if tag == "xref" and child.get("ref-type") == "bibr":
                a = self.out.offset
                self.out.add(_flat(xml.text_of(child)) or "")
                for rid in (child.get("rid") or "").split():
                    if rid in self.numbers:
                        self.callouts.append((a, self.out.offset, self.numbers[rid]))
            elif tag in _SKIP_INLINE or tag in ("fig", "table-wrap"):
                pass
            elif tag in _BLOCKS:
                self.out.add(" ")
                self._walk(child)
            else:
                self._walk(child)
            if child.tail:
                self.out.add(_flat(child.tail))

    def _markers(self) -> list[GivenMarker]:
        """Callouts next to each other ('1,2', '[3]–[5]') are one marker; a dash between two is a range."""
        text = self.out.text()
        groups: list[list[tuple[int, int, int]]] = []
        for c in sorted(self.callouts):
            if groups and (m := _JOIN.match(text[groups[-1][-1][1]:c[0]])):
                if m.group("dash") and c[2] > groups[-1][-1][2]:
                    lo = groups[-1][-1][2]
                    groups[-1] += [(c[0], c[0], n) for n in range(lo + 1, c[2])]
                groups[-1].append(c)
            else:
                groups.append([c])
        out = []
        for g in groups:
            a, b = g[0][0], max(x[1] for x in g)
            if a > 0 and text[a - 1] in "[(" and b < len(text) and text[b] in "])":   # the brackets belong to it
                a, b = a - 1, b + 1
            out.append(GivenMarker(a, b, tuple(sorted({x[2] for x in g}))))
        return out

    # --- back matter --------------------------------------------------------------------------
    def _references(self, refs: list[etree._Element]) -> list[Reference]:
        if not refs:
            return []
        self.out.block("References")
        out = []
        for n, r in enumerate(refs, 1):
            cit = next((c for c in r if xml.local(c.tag) in ("element-citation", "mixed-citation", "citation",
                                                             "nlm-citation")), None)
            raw = _citation_text(cit) if cit is not None else xml.text_of(r)
            self.out.new_block()
            a, b = self.out.add(f"{n}. {raw}", path=self._path(r))
            ref = parse_entry(n, raw, a + len(f"{n}. "), b)
            if cit is not None:
                _fill(ref, cit)
            out.append(ref)
        return out


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _name(el: etree._Element | None) -> str:
    if el is None:
        return ""
    surname = xml.text_of(el.find("surname"))
    given = xml.text_of(el.find("given-names"))
    return f"{surname} {given}".strip() if surname else xml.text_of(el)


def _authors(cit: etree._Element) -> list[str]:
    """A cited work's authors: its author group (or bare names), else its corporate author, else
    its editors (as reference managers list an edited book)."""
    groups = cit.findall("person-group")
    by_role = {g.get("person-group-type", "author"): g for g in reversed(groups)}
    names = [_name(n) for n in by_role["author"].iter("name")] if "author" in by_role else []
    names = names or [_name(n) for n in cit.findall("./name")]
    if not names and (collab := xml.text_of(cit.find(".//collab"))):
        names = [collab]
    if not names and "editor" in by_role:
        names = [_name(n) for n in by_role["editor"].iter("name")]
    return [n for n in names if n]


def _citation_text(cit: etree._Element) -> str:
    """A reference entry as a line of text: mixed citations as written, element citations
    composed in the Vancouver order the plain-text parser reads."""
    if xml.local(cit.tag) == "mixed-citation":
        return xml.text_of(cit)
    who = ", ".join(_authors(cit))
    title = xml.text_of(cit.find("article-title")) or xml.text_of(cit.find("chapter-title"))
    source = xml.text_of(cit.find("source"))
    year = xml.text_of(cit.find("year"))
    vol, issue = xml.text_of(cit.find("volume")), xml.text_of(cit.find("issue"))
    fpage, lpage = xml.text_of(cit.find("fpage")), xml.text_of(cit.find("lpage"))
    pages = f"{fpage}-{lpage}" if fpage and lpage else fpage or xml.text_of(cit.find("elocation-id"))
    parts = [f"{who}." if who else "", f"{title.rstrip('.')}." if title else "", f"{source}." if source else ""]
    tail = year + (f";{vol}" if vol else "") + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    if tail:
        parts.append(tail + ".")
    for pid in cit.findall("pub-id"):
        kind = pid.get("pub-id-type")
        if kind == "doi":
            parts.append(f"doi:{(pid.text or '').strip()}")
        elif kind == "pmid":
            parts.append(f"PMID: {(pid.text or '').strip()}")
    return " ".join(p for p in parts if p)


def _fill(ref: Reference, cit: etree._Element) -> None:
    """The fields the markup states, over what the text parse found."""
    ref.kind = KIND.get((cit.get("publication-type") or cit.get("citation-type") or "").lower(), ref.kind)
    if (authors := _authors(cit)):
        ref.authors = authors
    for tag, attr in (("article-title", "title"), ("source", "container"), ("volume", "volume"),
                      ("issue", "issue"), ("publisher-name", "publisher")):
        if (v := xml.text_of(cit.find(tag))):
            setattr(ref, attr, v)
    if ref.title is None and (v := xml.text_of(cit.find("chapter-title"))):
        ref.title = v
    if ref.kind == "Book" and not xml.text_of(cit.find("article-title")) and not xml.text_of(cit.find("chapter-title")):
        ref.title, ref.container = xml.text_of(cit.find("source")) or ref.title, None
    if (y := re.search(r"\d{4}", xml.text_of(cit.find("year")))):
        ref.year = int(y.group())
    fpage, lpage = xml.text_of(cit.find("fpage")), xml.text_of(cit.find("lpage"))
    if fpage:
        ref.pages = f"{fpage}-{lpage}" if lpage else fpage
    for pid in cit.findall("pub-id"):
        kind, value = pid.get("pub-id-type"), (pid.text or "").strip()
        if kind == "doi" and value:
            ref.doi = value
        elif kind == "pmid" and value:
            ref.pmid = value
    for link in cit.findall("ext-link") + cit.findall("uri"):
        if (href := link.get(XLINK) or (link.text or "").strip()):
            ref.url = href
            break
