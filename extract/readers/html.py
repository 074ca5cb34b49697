"""Saved web pages (HTML) to a :class:`Reading`: the article, not the page around it.

Navigation, headers, footers, sidebars, forms and scripts are dropped; the article is the
``<article>``/``<main>`` element, else the block holding most paragraph text. Headings, paragraphs,
list items and captions keep their structure. Citation callouts are what the markup raises or
links: a ``<sup>`` holding a number list, or a link to an entry of the reference list. The
reference list is the ordered list under a "References" heading (or marked as one by its id or
class); its entries are numbered in order.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree, html as lxml_html

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.model import Reference
from spasmkg.extract.readers import xml
from spasmkg.extract.readers.base import GivenMarker, Place, Reading, Record, TextBuilder
from spasmkg.extract.text.layout import REFERENCE_HEADINGS, heading_text
from spasmkg.extract.text.markers import expand
from spasmkg.extract.text.references import parse_entry

#: never article text
DROP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
        "svg", "template", "select", "input", "textarea", "object", "embed", "canvas", "map"}
#: ids and classes of page furniture
FURNITURE = re.compile(r"\b(nav|navbar|menu|breadcrumbs?|cookie|banner|footer|sidebar|share|social|"
                       r"advert|ads?|promo|related|comments?|skip)\b", re.I)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "blockquote", "dd", "dt", "pre"}
CONTAINERS = {"div", "section", "article", "main", "ol", "ul", "dl", "body", "span", "figure", "details",
              "summary", "center"}
#: a callout's text: '12', '1,3', '4–6', '[7]'
CALLOUT = re.compile(r"^\s*[\[(]?\s*\d{1,3}(?:\s*[,–—\-;]\s*\d{1,3}){0,30}\s*[\])]?\s*$")
#: an id or class that marks the reference list
REFLIST = re.compile(r"\b(references?|ref-?list|bibliography|citations?|footnotes)\b", re.I)


def read(path: Path) -> Iterator[Reading]:
    raw = Path(path).read_bytes()
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml_html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SpasmkgError("E103", path=path, reason=str(exc) or "no HTML content") from None
    yield HtmlReader(root).reading(path)


class HtmlReader:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.tree = root.getroottree()
        self.out = TextBuilder()
        self.markers: list[GivenMarker] = []
        self.ref_items: list[etree._Element] = []
        self.ref_ids: dict[str, int] = {}

    def reading(self, path: Path) -> Reading:
        for el in list(self.root.iter()):
            if not isinstance(el.tag, str):
                continue
            if el.tag in DROP or el.get("role") in ("navigation", "banner", "contentinfo", "search") or \
                    (el.tag not in ("body", "html", "article", "main") and FURNITURE.search(f"{el.get('id', '')} {el.get('class', '')}")):
                if el.getparent() is not None:
                    el.drop_tree()
        main = self._main()
        self._find_reference_list(main)
        title = self._title(main)
        if title:
            self.out.block(title)
        self._walk_blocks(main, skip_first_h1=bool(title))
        references = self._references()
        if not self.out.offset or not self.out.text().strip():
            raise SpasmkgError("E003", path=path)
        return Reading(text=self.out.text(), format="html", title=title or None, places=self.out.places,
                       markers=self.markers if (self.markers or self.ref_items) else None,
                       references=references if self.ref_items else None, record=Record(title=title or None))

    def _main(self) -> etree._Element:
        for xp in ("//article", "//main", "//*[@role='main']"):
            found = self.root.xpath(xp)
            if found:
                return max(found, key=lambda e: len(e.text_content()))
        body = self.root.find("body")
        best, score = body if body is not None else self.root, 0
        for div in self.root.iter("div", "section"):
            s = sum(len(p.text_content()) for p in div.findall("p"))
            if s > score:
                best, score = div, s
        return best if score > 200 else (body if body is not None else self.root)

    def _title(self, main: etree._Element) -> str:
        h1 = main.find(".//h1")
        if h1 is not None and h1.text_content().strip():
            return " ".join(h1.text_content().split())
        t = self.root.find(".//title")
        return " ".join(t.text_content().split()) if t is not None else ""

    def _find_reference_list(self, main: etree._Element) -> None:
        lists = [el for el in main.iter("ol", "ul") if REFLIST.search(f"{el.get('id', '')} {el.get('class', '')}")]
        if not lists:
            for h in main.iter(*HEADINGS):
                if REFERENCE_HEADINGS.match(heading_text(h.text_content())):
                    nxt = h.getnext()
                    while nxt is not None and nxt.tag not in ("ol", "ul") and nxt.tag not in HEADINGS:
                        inner = nxt.find(".//ol") if nxt.tag == "div" else None
                        if inner is not None:
                            nxt = inner
                            break
                        nxt = nxt.getnext()
                    if nxt is not None and nxt.tag in ("ol", "ul"):
                        lists = [nxt]
                    break
        if lists:
            self.ref_items = [li for li in lists[0] if li.tag == "li"]
            start = int(lists[0].get("start", "1")) if (lists[0].get("start") or "1").isdigit() else 1
            for k, li in enumerate(self.ref_items, start):
                for el in li.iter():
                    if isinstance(el.tag, str) and el.get("id"):
                        self.ref_ids[el.get("id")] = k
                li.set("data-spasmkg-ref", str(k))
            lists[0].set("data-spasmkg-reflist", "1")

    def _walk_blocks(self, el: etree._Element, skip_first_h1: bool = False) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if child.get("data-spasmkg-reflist"):
                continue
            if tag in HEADINGS:
                if skip_first_h1 and tag == "h1":
                    skip_first_h1 = False
                    continue
                text = " ".join(child.text_content().split())
                if text:
                    self.out.block(text, path=self.tree.getpath(child))
            elif tag in ("figcaption", "caption"):
                text = " ".join(child.text_content().split())
                if text:
                    if not re.match(r"(figure|fig\.|table|box)\s*\d", text, re.I):
                        text = f"Figure {sum(1 for _ in self.root.iter('figcaption'))}. {text}" if tag == "figcaption" else f"Table. {text}"
                    self.out.block(text, path=self.tree.getpath(child))
            elif tag == "table":
                caption = child.find("caption")
                if caption is not None:
                    self._walk_blocks(child)
            elif tag in BLOCKS and not any(isinstance(c.tag, str) and c.tag in BLOCKS | HEADINGS | {"ol", "ul", "div", "table"} for c in child):
                self.out.new_block()
                a = self.out.offset
                self._inline(child)
                if self.out.offset > a:
                    self.out.places.append(Place(a, self.out.offset, path=self.tree.getpath(child)))
            elif tag in CONTAINERS or tag in BLOCKS:
                self._walk_blocks(child)

    def _inline(self, el: etree._Element) -> None:
        if el.text:
            self.out.add(_flat(el.text))
        for child in el:
            if isinstance(child.tag, str):
                refs = self._callout(child)
                if refs:
                    a = self.out.offset
                    self.out.add(_flat(child.text_content()).strip())
                    self._add_marker(a, self.out.offset, refs)
                elif child.tag == "br":
                    self.out.add(" ")
                else:
                    self._inline(child)
            if child.tail:
                self.out.add(_flat(child.tail))

    def _callout(self, el: etree._Element) -> tuple[int, ...]:
        """The reference numbers a raised or linked callout cites; () when it is not one."""
        text = el.text_content()
        if el.tag == "a":
            target = (el.get("href") or "").split("#")[-1] if "#" in (el.get("href") or "") else ""
            if target in self.ref_ids:
                nums = expand(re.sub(r"[\[\]()\s]", "", text)) if CALLOUT.match(text) else []
                return tuple(nums) or (self.ref_ids[target],)
            return ()
        if el.tag == "sup" and CALLOUT.match(text):
            nums = expand(re.sub(r"[\[\]()\s]", "", text))
            if self.ref_items:
                nums = [n for n in nums if 1 <= n <= len(self.ref_items) + 1000]
            return tuple(nums)
        return ()

    def _add_marker(self, a: int, b: int, refs: tuple[int, ...]) -> None:
        """Callouts next to each other ('<sup>1</sup>,<sup>2</sup>') are one marker."""
        if self.markers:
            last = self.markers[-1]
            gap = self.out.text()[last.end:a]
            if re.fullmatch(r"[\s,;\[\]]*", gap) or re.fullmatch(r"\s*[–—-]\s*", gap):
                nums = set(last.refs) | set(refs)
                if re.fullmatch(r"\s*[–—-]\s*", gap) and refs and last.refs and max(last.refs) < min(refs) <= max(last.refs) + 60:
                    nums |= set(range(max(last.refs), min(refs)))
                self.markers[-1] = GivenMarker(last.start, b, tuple(sorted(nums)))
                return
        self.markers.append(GivenMarker(a, b, refs))

    def _references(self) -> list[Reference]:
        if not self.ref_items:
            return []
        self.out.block("References")
        out = []
        for li in self.ref_items:
            n = int(li.get("data-spasmkg-ref"))
            raw = " ".join(li.text_content().split())
            raw = re.sub(r"^\[?\d{1,3}[.\])]\s*", "", raw)
            if not raw:
                continue
            self.out.new_block()
            a, b = self.out.add(f"{n}. {raw}", path=self.tree.getpath(li))
            ref = parse_entry(n, raw, a + len(f"{n}. "), b)
            if ref.url is None and (link := li.find(".//a[@href]")) is not None and \
                    (link.get("href") or "").startswith(("http://", "https://")):
                ref.url = link.get("href")
            out.append(ref)
        return out


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)
