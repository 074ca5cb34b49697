"""Where a built graph is queried: three stores behind one interface.

* ``memory`` (default): the graph files loaded into an rdflib Dataset;
* ``oxigraph:DIR``: a persistent embedded Oxigraph store (pyoxigraph) in folder ``DIR``;
* a remote SPARQL endpoint (see :mod:`spasmkg.graph.endpoint`).

Each store answers ``select(query, bindings) -> (variables, rows)`` and ``query(text)`` with rows of
rdflib terms, so :mod:`spasmkg.queries.results` renders every store's answers the same way. Every
store sees the union of the named graphs as its default graph, so library queries need no ``GRAPH``.
Parameters are bound by each engine's own mechanism (rdflib ``initBindings``, pyoxigraph
``substitutions``), never pasted into query text; every query passes the safety checks of
:mod:`spasmkg.queries.safety` first (read-only, no ``SERVICE``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from spasmkg.errors import SpasmkgError

Rows = list[dict[str, Node | None]]
Bindings = dict[str, "Node | str"]     # a variable's value: an rdflib term, or text for a plain literal


def as_terms(bindings: Bindings | None) -> dict[str, Node]:
    """``bindings`` with every plain text value made a literal."""
    return {k: v if isinstance(v, Node) else Literal(v) for k, v in (bindings or {}).items()}


@dataclass
class Answer:
    """One query's answer: ``kind`` is SELECT, ASK or CONSTRUCT (CONSTRUCT also covers DESCRIBE)."""
    kind: str
    variables: list[str] = field(default_factory=list)
    rows: Rows = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(Protocol):
    name: str

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]: ...

    def query(self, query: str, bindings: Bindings | None = None) -> Answer: ...


class MemoryStore:
    """The rdflib Dataset of a built output folder (union default graph)."""

    name = "memory"
    allow_service = False    # True only when the user asks for SERVICE (sparql --allow-service)

    def __init__(self, ds: Dataset):
        self.ds = ds

    @classmethod
    def open(cls, out_dir: Path) -> "MemoryStore":
        from .store import load
        return cls(load(out_dir))

    def query(self, query: str, bindings: Bindings | None = None) -> Answer:
        from spasmkg.queries import safety
        safety.install(self.allow_service)
        safety.check_read_only(query, self.allow_service)
        res = self.ds.query(query, initBindings={Variable(k): v for k, v in as_terms(bindings).items()})
        if res.type == "ASK":
            return Answer("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer("CONSTRUCT", graph=res.graph)
        names = [str(v) for v in res.vars]
        return Answer("SELECT", names, [{n: row[i] for i, n in enumerate(names)} for row in res])

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        a = self.query(query, bindings)
        return a.variables, a.rows


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the equal rdflib term (plain literals stay plain)."""
    import pyoxigraph as ox
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in (str(XSD.string), str(RDF.langString)):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected RDF term {term!r}")


def from_rdflib(term: Node):
    """An rdflib IRI, blank node or literal as the equal pyoxigraph term."""
    import pyoxigraph as ox
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


class OxigraphStore:
    """A persistent pyoxigraph store in a folder; ``load_graph`` fills it from a built output folder.

    The folder holds one database per load (``data-*``) and a file ``ACTIVE`` naming the live one.
    A load writes a new database beside the live one and then switches ``ACTIVE`` atomically, so a
    load that fails or is killed (even ``kill -9`` inside ``bulk_load``, which is not transactional)
    leaves the previous graph whole; the next load removes the debris."""

    name = "oxigraph"
    allow_service = False    # True only when the user asks for SERVICE (sparql --allow-service)
    ACTIVE = "ACTIVE"
    UNION_COPIED = "default-graph: union of the named graphs"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        pointer = self.path / self.ACTIVE
        lines = pointer.read_text(encoding="utf-8").splitlines() if pointer.exists() else []
        self.union_copied = self.UNION_COPIED in lines[1:]
        self.store = self._open(self._active())

    def _active(self) -> Path:
        pointer = self.path / self.ACTIVE
        lines = pointer.read_text(encoding="utf-8").splitlines() if pointer.exists() else []
        return self.path / (lines[0].strip() if lines and lines[0].strip() else "data")

    def _open(self, where: Path):
        import pyoxigraph as ox
        try:
            return ox.Store(str(where))
        except OSError as exc:
            raise SpasmkgError("E040", path=self.path, reason=str(exc).splitlines()[0]) from None

    def load_graph(self, out_dir: Path) -> int:
        """Replace the store's content by the graph files of ``out_dir``; returns the number of quads."""
        import gc
        import shutil
        import tempfile

        import pyoxigraph as ox
        from spasmkg import faults
        from spasmkg.atomic import atomic_write_text
        from .store import graph_files
        files = graph_files(Path(out_dir))
        new = Path(tempfile.mkdtemp(prefix="data-", dir=self.path))
        try:
            fresh = ox.Store(str(new))
            for f in files:
                fresh.bulk_load(path=str(f), format=ox.RdfFormat.TRIG)
            loaded = len(fresh)
            _copy_union_to_default_graph(fresh)
            fresh.flush()
            fresh.optimize()                           # compacts the bulk-loaded files: 5-15% faster reads
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        faults.point("oxigraph:loaded")
        del self.store
        gc.collect()                                   # query results keep the database open in a cycle
        atomic_write_text(self.path / self.ACTIVE, f"{new.name}\n{self.UNION_COPIED}\n")
        faults.point("oxigraph:switched")
        for old in self.path.iterdir():                # the previous database and any killed load
            if old.is_dir() and old != new and old.name.startswith("data"):
                shutil.rmtree(old, ignore_errors=True)
        self.store = fresh
        self.union_copied = True
        return loaded

    def is_empty(self) -> bool:
        # one quad is enough to know (len() would count every quad: 0.2 s at a million)
        return next(iter(self.store.quads_for_pattern(None, None, None, None)), None) is None

    def query(self, query: str, bindings: Bindings | None = None) -> Answer:
        import pyoxigraph as ox
        from spasmkg.queries import safety
        safety.check_read_only(query, self.allow_service)
        if self.is_empty():
            raise SpasmkgError("E041", path=self.path)
        res = self._run(query, as_terms(bindings))
        if isinstance(res, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            g = Graph()
            for t in res:
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
            return Answer("CONSTRUCT", graph=g)
        names = [v.value for v in res.variables]
        rows = [{n: to_rdflib(sol[n]) for n in names} for sol in res]
        return Answer("SELECT", names, rows)

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        a = self.query(query, bindings)
        return a.variables, a.rows

    def _run(self, query: str, bindings: dict[str, Node]):
        """Bind through pyoxigraph ``substitutions`` (SEP-0007). That mechanism only accepts variables
        the query projects; a parameter used only inside the pattern (``?entity skg:nameKey ?label``)
        is bound by the inline ``VALUES`` block the endpoint client uses, whose value is one escaped
        term token (see :mod:`spasmkg.graph.endpoint`)."""
        import pyoxigraph as ox
        from .endpoint import bind_values
        projected = _projected(query)
        subs = {ox.Variable(k): from_rdflib(v) for k, v in bindings.items() if projected is None or k in projected}
        rest = {k: v for k, v in bindings.items() if projected is not None and k not in projected}
        # a store loaded here holds the union in its default graph, each triple once; an older store
        # falls back to Oxigraph's union view, which repeats a triple once per graph that holds it
        return self.store.query(bind_values(query, rest), use_default_graph_as_union=not self.union_copied,
                                substitutions=subs)


def _copy_union_to_default_graph(store) -> None:
    """Write every named graph's triples into the default graph too, once each (a set, as in
    rdflib's union): a pattern over an entity that forty documents describe then matches once, not
    forty times, and joins stay the size of the answer. One named graph is held at a time."""
    import pyoxigraph as ox
    default = ox.DefaultGraph()
    for g in list(store.named_graphs()):
        store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, default)
                           for q in store.quads_for_pattern(None, None, None, g)])


@lru_cache(maxsize=256)
def _projected(query: str) -> frozenset[str] | None:
    """The variables a SELECT query projects, or None for ``SELECT *`` and other query forms
    (remembered per query text: parsing costs up to 90 ms)."""
    from rdflib.plugins.sparql.parser import parseQuery
    q = parseQuery(query)[1]
    if q.name != "SelectQuery" or "projection" not in q:
        return None
    return frozenset(str(dict(p).get("var") or dict(p).get("evar")) for p in q["projection"])


STORE_KINDS = ("memory", "oxigraph:DIR")


def open_store(spec: str | None, graph_dir: Path, endpoint: str | None = None, timeout: int | None = None) -> Store:
    """The store named by ``--store`` / ``--endpoint``: an endpoint URL wins over ``spec``.

    ``oxigraph:DIR`` opens the persistent store in ``DIR``; when it is empty and ``graph_dir`` holds a
    built graph, the graph is loaded into it first, so the first query fills the store.
    """
    if endpoint:
        from .endpoint import EndpointStore
        return EndpointStore(endpoint, timeout=timeout)
    if not spec or spec == "memory":
        return MemoryStore.open(graph_dir)
    kind, sep, where = spec.partition(":")
    if kind == "oxigraph" and sep and where:
        st = OxigraphStore(Path(where))
        if st.is_empty() and (Path(graph_dir) / "graph.trig").exists():
            st.load_graph(graph_dir)
        return st
    raise SpasmkgError("E042", spec=spec, known=", ".join(STORE_KINDS))
