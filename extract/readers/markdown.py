"""Markdown read as structure with markdown-it-py (CommonMark), not as raw characters.

Headings, paragraphs and list items become the blocks the plain-text extraction reads; emphasis,
link and image syntax go, their words stay. A link whose words are a number list and which points
into the page or at a bibliographic record (``[3](#ref-3)``) is a callout and is set as ``[3]``;
raw ``<sup>`` callouts are kept as written. Each block's place is its first line in the file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from spasmkg.common.decoding import decode
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers.base import Reading, TextBuilder

NUMBERS = re.compile(r"^\d{1,3}(?:\s*[,–—\-]\s*\d{1,3}){0,30}$")
#: where a numbered link points when it is a citation: into the page, or at a bibliographic record
CITATION_TARGET = re.compile(r"^#|doi\.org/|pubmed|ncbi\.nlm\.nih\.gov", re.I)


def read(path: Path) -> Iterator[Reading]:
    try:
        text = decode(Path(path).read_bytes()).text
    except Exception as exc:   # noqa: BLE001 - any decoding failure is the file's
        raise SpasmkgError("E002", path=path, reason=f"not text ({type(exc).__name__})") from None
    reading = render(text)
    if not reading.text.strip():
        raise SpasmkgError("E003", path=path)
    yield reading


def render(source: str) -> Reading:
    """The Markdown ``source`` as a reading: its text laid out in blocks, each with its line."""
    tokens = MarkdownIt("commonmark").parse(source)
    out = TextBuilder()
    title = None
    lists: list[list[int]] = []          # per open list: [ordered?, next number]
    in_item = 0
    for k, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 0
            lists.append([tok.type == "ordered_list_open", start])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            in_item += 1
            ordered, n = lists[-1]
            out.add("\n\n" if out.offset and not lists_continue(tokens, k) else ("\n" if out.offset else ""))
            out.add(f"{n}. " if ordered else "- ")
            lists[-1][1] += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type == "inline":
            line = tok.map[0] + 1 if tok.map else None
            words = _inline(tok.children or [])
            if not words.strip():
                continue
            heading = k > 0 and tokens[k - 1].type == "heading_open"
            if in_item and k > 1 and tokens[k - 2].type == "list_item_open":
                out.add(words, line=line)
            else:
                out.new_block()
                out.add(words, line=line)
            if heading and title is None and tokens[k - 1].tag == "h1":
                title = words
    return Reading(text=out.text(), format="markdown", title=title, places=out.places)


def lists_continue(tokens: list[Token], k: int) -> bool:
    """Whether list item ``k`` follows another item of the same list (then one line break, not two)."""
    return k > 0 and tokens[k - 1].type == "list_item_close"


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    link: list[tuple[str, int]] = []       # open links: (href, where their words start in parts)
    for t in children:
        if t.type == "text":
            parts.append(t.content)
        elif t.type == "code_inline":
            parts.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif t.type == "html_inline":
            if re.fullmatch(r"</?sup>", t.content.strip(), re.I):
                parts.append(t.content)          # a raised callout, read by the marker finder
        elif t.type == "link_open":
            link.append((t.attrGet("href") or "", len(parts)))
        elif t.type == "link_close" and link:
            href, at = link.pop()
            words = "".join(parts[at:]).strip()
            if NUMBERS.match(words) and CITATION_TARGET.search(href):
                parts[at:] = [f"[{words}]"]
        elif t.type == "image":
            continue
    return " ".join("".join(parts).split())
