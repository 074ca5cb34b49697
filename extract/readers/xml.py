"""XML read safely: no DTD loaded, no entity expanded, nothing fetched from the network.

Real PubMed Central and PubMed files open with a ``<!DOCTYPE … PUBLIC …>`` line naming their DTD;
that line alone is harmless and accepted (the DTD is never loaded). An internal subset that
declares entities (the "billion laughs" and external-entity attacks) is refused before parsing.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from spasmkg.common.errors import SpasmkgError

#: a declaration inside a DOCTYPE's internal subset, or anywhere: never needed by the formats read
_DECLARATION = re.compile(rb"<!(ENTITY|ELEMENT|ATTLIST|NOTATION)\b")
_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")


def _parser(**extra: object) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, **extra)


def check_declarations(path: Path, head: bytes) -> None:
    """Refuse (E104) a file whose prolog declares entities or other DTD content."""
    if (m := _DECLARATION.search(head)):
        raise SpasmkgError("E104", path=path, what=f"<!{m.group(1).decode()}>")
    if _SUBSET.search(head):
        raise SpasmkgError("E104", path=path, what="a DOCTYPE with an internal subset")


def parse(path: Path) -> etree._ElementTree:
    """The whole file as a tree (one article: JATS, TEI)."""
    raw = Path(path).read_bytes()
    check_declarations(path, raw[:65536])
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise SpasmkgError("E103", path=path, reason=_reason(exc)) from None
    _no_entities(path, root)
    return root.getroottree()


def iterate(path: Path, tag: str) -> Iterator[etree._Element]:
    """Each ``tag`` element of a large file, one at a time, cleared after use (a PubMed file holds
    thousands of records: memory stays flat)."""
    opener = gzip.open if Path(path).suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(65536)
    except (OSError, EOFError) as exc:          # a gzip file cut short
        raise SpasmkgError("E103", path=path, reason=str(exc)) from None
    check_declarations(path, head)
    source = opener(path, "rb")
    context = etree.iterparse(source, events=("end",), tag=tag, resolve_entities=False, no_network=True,
                              load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        for _, el in context:
            _no_entities(path, el)
            yield el
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise SpasmkgError("E103", path=path, reason=_reason(exc)) from None
    except (OSError, EOFError) as exc:          # a gzip file cut short
        raise SpasmkgError("E103", path=path, reason=str(exc)) from None
    finally:
        source.close()


def _no_entities(path: Path, el: etree._Element) -> None:
    """An entity reference left unexpanded is text the reader would lose: refuse it by name."""
    for node in el.iter(etree.Entity):
        raise SpasmkgError("E104", path=path, what=f"the entity &{node.name};")


def _reason(exc: etree.XMLSyntaxError) -> str:
    line = f"line {exc.lineno}: " if getattr(exc, "lineno", None) else ""
    return line + str(exc.msg if hasattr(exc, "msg") and exc.msg else exc).split(", line")[0]


def text_of(el: etree._Element | None) -> str:
    """An element's text with its descendants', whitespace collapsed ('' for None)."""
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def local(tag: object) -> str:
    """A tag without its namespace ('{http://…}p' -> 'p'); '' for comments and the like."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
