"""A persistent embedded Oxigraph store (pyoxigraph) in a folder: ``--store oxigraph:DIR``."""
from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import safety
from spasmkg.graph.store.base import Answer, Bindings, QueryStore, as_terms, take
from spasmkg.graph.store.binding import bind_inline, bind_values, projected_variables
from spasmkg.graph.store.terms import from_rdflib, to_rdflib


class OxigraphStore(QueryStore):
    """A persistent pyoxigraph store in a folder; ``load_graph`` fills it from a built output folder.

    The folder holds one database per load (``data-*``) and a file ``ACTIVE`` naming the live one.
    A load writes a new database beside the live one and then switches ``ACTIVE`` atomically, so a
    load that fails or is killed (even ``kill -9`` inside ``bulk_extend``, which is not transactional)
    leaves the previous graph whole; the next load removes the debris."""

    name = "oxigraph"
    ACTIVE = "ACTIVE"
    UNION_COPIED = "default-graph: union of the named graphs"

    def __init__(self, path: Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only       # several processes may read one store at once; none may load it
        if not read_only:
            self.path.mkdir(parents=True, exist_ok=True)
        pointer = self.path / self.ACTIVE
        lines = pointer.read_text(encoding="utf-8").splitlines() if pointer.exists() else []
        self.union_copied = self.UNION_COPIED in lines[1:]
        self.store = self._open(self._active())

    def _active(self) -> Path:
        pointer = self.path / self.ACTIVE
        lines = pointer.read_text(encoding="utf-8").splitlines() if pointer.exists() else []
        return self.path / (lines[0].strip() if lines and lines[0].strip() else "data")

    def reopened(self) -> "OxigraphStore":
        """This store opened afresh, read-only, for a forked worker: the handle a child inherits has
        lost the database's background threads, and a lock one of them held at the fork stays held."""
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.store = twin._open(twin._active(), read_only=True)
        return twin

    def _open(self, where: Path, read_only: bool | None = None):
        import pyoxigraph as ox
        try:
            if self.read_only if read_only is None else read_only:
                if not where.is_dir():
                    raise OSError(f"no database {where.name}")
                return ox.Store.read_only(str(where))
            return ox.Store(str(where))
        except OSError as exc:
            raise SpasmkgError("E040", path=self.path, reason=str(exc).splitlines()[0]) from None

    def load_graph(self, out_dir: Path) -> int:
        """Replace the store's content by the graph files of ``out_dir``; returns the number of quads."""
        import gc
        import shutil

        import pyoxigraph as ox
        from spasmkg.common import faults
        from spasmkg.common.atomic import atomic_write_text
        from spasmkg.graph.store.files import graph_files
        files = graph_files(Path(out_dir))
        new = Path(tempfile.mkdtemp(prefix="data-", dir=self.path))
        try:
            fresh = ox.Store(str(new))
            loaded = 0
            for f in files:
                try:
                    loaded += _load_with_union(fresh, f)
                except SyntaxError as exc:
                    raise SpasmkgError("E026", path=f, format="trig", reason=str(exc).splitlines()[0]) from None
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

    def query(self, query: str, bindings: Bindings | None = None, max_rows: int | None = None) -> Answer:
        import pyoxigraph as ox
        safety.check_read_only(query, self.allow_service)
        if not self.read_only and self.is_empty():     # a read-only store was filled by whoever made it
            raise SpasmkgError("E041", path=self.path)
        res = self._run(query, as_terms(bindings))
        if isinstance(res, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            triples, cut = take(res, max_rows)     # pyoxigraph streams: rows past the limit are never computed
            g = Graph()
            for t in triples:
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
            return Answer("CONSTRUCT", graph=g, cut=cut)
        names = [v.value for v in res.variables]
        rows, cut = take(({n: to_rdflib(sol[n]) for n in names} for sol in res), max_rows)
        return Answer("SELECT", names, rows, cut=cut)

    def _run(self, query: str, bindings: dict[str, Node]):
        """Bind through pyoxigraph ``substitutions`` (SEP-0007). That mechanism only accepts variables
        the query projects; a parameter used only inside the pattern (``?entity skg:nameKey ?label``)
        is written into the query as one escaped term token, a constant where its variable stands
        when it can be, else a ``VALUES`` block (see :mod:`spasmkg.graph.store.binding`)."""
        import pyoxigraph as ox
        projected = projected_variables(query)
        subs = {ox.Variable(k): from_rdflib(v) for k, v in bindings.items() if projected is None or k in projected}
        rest = {k: v for k, v in bindings.items() if projected is not None and k not in projected}
        # a store loaded here holds the union in its default graph, each triple once; an older store
        # falls back to Oxigraph's union view, which repeats a triple once per graph that holds it
        text, rest = bind_inline(query, rest, projected)
        return self.store.query(bind_values(text, rest), use_default_graph_as_union=not self.union_copied,
                                substitutions=subs)


LOAD_CHUNK = 50_000     # quads handed to the bulk loader at a time: what bounds a load's memory


def _load_with_union(store, trig: Path) -> int:
    """Load ``trig`` into ``store``, each named graph's triples written into the default graph too (a
    set, as in rdflib's union): a pattern over an entity that forty documents describe then matches
    once, not forty times, and joins stay the size of the answer. Returns the file's quads.

    The file is parsed once and handed to the bulk loader :data:`LOAD_CHUNK` quads at a time, each
    with its union copy. Given a whole file, the loader sorts batches of a million quads in memory
    (909 MB for a file of 965k quads); in pieces of 50k the same load peaks at 183 MB. The price is
    time: on an idle machine the whole-file loader sorts on every core and is faster (a 1,000-document
    build's index took 92.6 s in pieces, 53.1 s whole, in the benchmark). One parse also keeps a
    blank node the same node in its graph and in the union."""
    import itertools

    import pyoxigraph as ox
    quads = ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
    loaded = 0
    while part := list(itertools.islice(quads, LOAD_CHUNK)):
        loaded += len(part)
        store.bulk_extend(part + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in part])
    return loaded


