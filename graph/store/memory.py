"""The built graph in memory: ``graph.trig`` (and ``provenance.trig``) loaded into an rdflib Dataset
whose default graph is the union of the named graphs. The default store of ``query``, ``sparql`` and
``trace``."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Variable

from spasmkg.graph.store import safety
from spasmkg.graph.store.base import Answer, Bindings, QueryStore, as_terms, take
from spasmkg.graph.store.files import load


class MemoryStore(QueryStore):
    """The rdflib Dataset of a built output folder (union default graph)."""

    name = "memory"

    def __init__(self, ds: Dataset):
        self.ds = ds

    @classmethod
    def open(cls, out_dir: Path) -> "MemoryStore":
        return cls(load(out_dir))

    def query(self, query: str, bindings: Bindings | None = None, max_rows: int | None = None) -> Answer:
        safety.install(self.allow_service)
        safety.check_read_only(query, self.allow_service)
        res = self.ds.query(query, initBindings={Variable(k): v for k, v in as_terms(bindings).items()})
        if res.type == "ASK":
            return Answer("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer("CONSTRUCT", graph=res.graph)
        names = [str(v) for v in res.vars]
        # rdflib evaluates a SELECT lazily: rows past the limit are never computed
        rows, cut = take(({n: row[i] for i, n in enumerate(names)} for row in res), max_rows)
        return Answer("SELECT", names, rows, cut=cut)
