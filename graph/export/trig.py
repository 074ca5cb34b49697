"""TriG written one way everywhere: the prefix lines, then one block per named graph, graphs in IRI
order and quads sorted within each, so the same graph is always the same bytes.

A block depends on its graph alone. A build therefore keeps each document's block in the extraction
cache, and each comparison graph's block when it makes that graph, and writes ``graph.trig`` by
copying blocks; only the other graphs the build itself makes (assembly, inferences) are serialized
each time. Oxigraph's serializer writes every block.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

CHUNK = 100_000     # quads serialized at a time


def prefixes() -> dict[str, str]:
    """The graph's prefixes, except spasmkg's own instance IRIs, written whole: their paths would
    need escaped local names."""
    from spasmkg.ontology.namespaces import PREFIXES
    return {p: str(ns) for p, ns in PREFIXES.items() if p != "kg"}


def sort_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)


@lru_cache(maxsize=1)
def header() -> bytes:
    """The prefix lines Oxigraph writes before the first graph."""
    probe = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:g"))
    return _split(ox.serialize([probe], format=ox.RdfFormat.TRIG, prefixes=prefixes()))[0]


def block(quads: Iterable[ox.Quad]) -> bytes:
    """The TriG of one named graph's quads (any order), without the prefix lines."""
    return b"".join(pieces(sorted(quads, key=sort_key)))


def pieces(ordered: Iterable[ox.Quad]) -> Iterator[bytes]:
    """The TriG of one named graph's quads, already in :func:`sort_key` order, ``CHUNK`` quads at a
    time: a larger graph is written as several blocks of the same graph (valid TriG, the same
    graph), so its text is never whole in memory."""
    chunk: list[ox.Quad] = []
    for q in ordered:
        if len(chunk) >= CHUNK and q.subject != chunk[-1].subject:
            yield _serialize(chunk)
            chunk = []
        chunk.append(q)
    if chunk:
        yield _serialize(chunk)


def blocks(ordered: Iterable[ox.Quad]) -> Iterator[bytes]:
    """The pieces of every graph, of quads already in :func:`sort_key` order."""
    for _, quads in groupby(ordered, key=lambda q: str(q.graph_name)):
        yield from pieces(quads)


def write(fh: BinaryIO, parts: Iterable[bytes]) -> None:
    """The prefix lines, then ``parts`` (blocks, in graph order); nothing at all when every part is empty."""
    started = False
    for part in parts:
        if part and not started:
            fh.write(header())
            started = True
        fh.write(part)


def recorded(named_parts: Iterable[tuple[object, bytes]], contents: dict) -> Iterator[bytes]:
    """The parts of (graph name, piece) pairs, as :func:`write` takes them, while ``contents`` is filled
    with each graph's place in the file written: ``{IRI: {"sha256": …, "ranges": [[start, end], …]}}``
    (byte offsets; a large graph is several pieces). A piece whose graph is not named by an IRI makes
    ``contents`` say ``{"complete": False}`` instead: its readers then read the whole file."""
    import hashlib

    from rdflib import URIRef
    position = len(header())                       # the prefix lines come before the first piece
    digests: dict[str, "hashlib._Hash"] = {}
    ranges: dict[str, list[list[int]]] = {}
    complete = True
    for name, part in named_parts:
        if part:
            if not isinstance(name, URIRef):
                complete = False
            else:
                key = str(name)
                digests.setdefault(key, hashlib.sha256()).update(part)
                ranges.setdefault(key, []).append([position, position + len(part)])
            position += len(part)
        yield part
    contents.clear()
    if complete:
        contents.update({"graphs": {k: {"sha256": digests[k].hexdigest(), "ranges": ranges[k]} for k in ranges},
                         "header": len(header())})
    else:
        contents["complete"] = False


def _serialize(quads: list[ox.Quad]) -> bytes:
    return _split(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes()))[1]


def _split(text: bytes) -> tuple[bytes, bytes]:
    """(prefix lines, the rest) of a serialization."""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    return text[:end], text[end:]
