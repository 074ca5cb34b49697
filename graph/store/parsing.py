"""Reading N-Triples, N-Quads and TriG into an rdflib Dataset with Oxigraph's parser.

A rebuild reads every cached document graph back, and a query on the in-memory store reads the
whole ``graph.trig``; rdflib's own parsers spend most of that time tokenizing. pyoxigraph parses in
Rust and the terms are converted once each (a corpus repeats its IRIs and literals many times), so
the same quads land in the dataset in about half the time. Literals keep the datatype written in
the file (only Oxigraph's *store* normalizes derived integer types, not its parser).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.terms import to_rdflib

FORMATS = {"nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG"}


def parse_into(ds: Dataset, source: str | Path, fmt: str, graph: Graph | None = None) -> None:
    """Add the quads of ``source`` (text, or a path) in format ``fmt`` to ``ds``; triples without a
    graph name go to ``graph`` (or the default graph)."""
    import pyoxigraph as ox
    rdf_format = getattr(ox.RdfFormat, FORMATS[fmt])
    if isinstance(source, Path):
        try:
            with source.open("rb") as fh:
                _add(ds, ox.parse(fh, format=rdf_format), graph)
        except SyntaxError as exc:     # a broken file is named, with the line Oxigraph stopped at
            raise SpasmkgError("E026", path=source, format=fmt, reason=str(exc).splitlines()[0]) from None
    else:
        _add(ds, ox.parse(source.encode("utf-8"), format=rdf_format), graph)


def _add(ds: Dataset, quads, graph: Graph | None) -> None:
    import pyoxigraph as ox
    term = lru_cache(maxsize=None)(to_rdflib)      # one conversion per distinct term of this parse

    @lru_cache(maxsize=None)
    def target(name) -> Graph:
        if isinstance(name, ox.DefaultGraph):
            return graph if graph is not None else ds.graph(DATASET_DEFAULT_GRAPH_ID)
        return ds.graph(term(name))

    for q in quads:
        target(q.graph_name).add((term(q.subject), term(q.predicate), term(q.object)))
