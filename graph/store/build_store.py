"""The build's own store: an rdflib Dataset whose memory does not grow with the corpus, kept between
builds so that the next one only adds and removes what changed.

A document's named graph stays in its file (the extraction cache's N-Triples); an on-disk Oxigraph
database indexes the union of all the graphs, which is what the steps that read across documents
(comparisons, assembly, the summary) query, through rdflib's API and unchanged. The graphs those
steps write (assembly, comparisons, inferences) are small and are kept in Oxigraph as named graphs.
Why this is not ``oxrdflib``:

* **Union default graph.** Each triple is indexed once in Oxigraph's default graph, however many
  graphs state it, so a pattern over the dataset is one lookup with no de-duplication, and a
  document's triples are written to three indexes instead of nine.
* **Exact literals.** Oxigraph's store rewrites typed literals to their canonical form
  (``"5"^^xsd:nonNegativeInteger`` comes back as ``"5"^^xsd:integer``, ``"1.50"`` as ``"1.5"``). A
  build must write back exactly what extraction produced, so every literal with an XSD datatype
  other than ``xsd:string`` is stored under a private datatype that carries the real one, and is
  given back as written. The store is internal to a build and never queried with SPARQL.

**Growing and shrinking.** A document removed or changed must leave the union without taking a
triple another graph still states. A second Oxigraph database (``documents/``) keeps each
document's triples under its graph's name: a triple leaves the union only when no document and no
graph written here holds it any more. The store says what it holds in ``state.json``, written when
a build ends well and deleted when the next one opens it: a build that fails or is killed leaves no
state, and the next build starts from an empty store.
"""
from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.store import VALID_STORE, Store

from spasmkg.common.atomic import atomic_write_text
from spasmkg.ontology.namespaces import PREFIXES
from spasmkg.graph.store.terms import from_rdflib, to_rdflib

VERBATIM = "urn:x-spasmkg:verbatim:"     # + the literal's own datatype IRI
_XSD = str(XSD)
_KEPT_AS_IS = {str(XSD.string), str(RDF.langString)}
_TERMS = 1 << 16                          # conversions remembered: bounded, unlike the corpus
_BATCH = 1 << 16                          # quads written to Oxigraph at a time
_BULK = 1 << 12                           # from this many quads on, written by the bulk loader
STATE = "state.json"                      # what a store kept between builds holds (see the module docstring)


@lru_cache(maxsize=_TERMS)
def _to_ox(term):
    """An rdflib term as stored here."""
    return _stored(from_rdflib(term))


@lru_cache(maxsize=_TERMS)
def _from_ox(term):
    """A stored term as the rdflib term that was added."""
    return to_rdflib(_written(term))


@lru_cache(maxsize=4096)
def _verbatim(iri: str) -> ox.NamedNode | None:
    """The datatype a literal of datatype ``iri`` is stored under, when it is not ``iri`` itself."""
    return ox.NamedNode(VERBATIM + iri) if iri.startswith(_XSD) and iri not in _KEPT_AS_IS else None


def _stored(term):
    """A pyoxigraph term as stored here (literals of XSD types under ``VERBATIM``)."""
    if isinstance(term, ox.Literal) and not term.language:
        verbatim = _verbatim(term.datatype.value)
        if verbatim is not None:
            return ox.Literal(term.value, datatype=verbatim)
    return term


def _written(term):
    """A stored pyoxigraph term as it was added (the inverse of :func:`_stored`)."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value.startswith(VERBATIM):
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype.value[len(VERBATIM):]))
    return term


def _parse(path: Path) -> Iterator[ox.Quad]:
    with open(path, "rb") as fh:
        yield from ox.parse(fh, format=ox.RdfFormat.N_TRIPLES)


def _graph_name(context) -> ox.NamedNode | ox.BlankNode | None:
    """The Oxigraph graph of an rdflib context; ``None`` for the dataset's own default graph."""
    ident = getattr(context, "identifier", context)
    if ident is None or ident == DATASET_DEFAULT_GRAPH_ID:
        return None
    return _to_ox(ident)


class WorkingStore(Store):
    """An rdflib store over an on-disk Oxigraph database in ``folder`` (see the module docstring)."""

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, folder: Path, files: dict[URIRef, Path] | None = None, kept: dict | None = None):
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._ox = ox.Store(str(self.folder / "union"))
        self._owners = ox.Store(str(self.folder / "documents"))   # each document's triples, by graph
        self._prefixes: dict[str, URIRef] = {}
        self._pending: list[ox.Quad] = []       # added, not yet written: one write per batch
        self._owned: list[ox.Quad] = []         # the same, for the documents' database
        self._files: dict[URIRef, Path] = dict(files or {})   # a document's graph -> its N-Triples file
        self.kept: dict = dict(kept or {})      # what the build that saved this store recorded with it

    def _write(self, quads: list[ox.Quad]) -> None:
        self._pending += quads
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        """Write pending quads; every read calls this first, so a read sees every add before it.
        A large batch goes through ``bulk_extend``, which skips the transaction log (a store whose
        build fails is never used again) but writes new files, too costly for a few quads."""
        for store, pending in ((self._ox, self._pending), (self._owners, self._owned)):
            if pending:
                (store.bulk_extend if len(pending) >= _BULK else store.extend)(pending)
        self._pending, self._owned = [], []

    # --- writing ------------------------------------------------------------------------------
    def add(self, triple, context, quoted: bool = False) -> None:
        g = self._writable(context)
        s, p, o = (_to_ox(t) for t in triple)
        self._write([ox.Quad(s, p, o, g), ox.Quad(s, p, o, ox.DefaultGraph())])

    def addN(self, quads: Iterable) -> None:   # noqa: N802 (rdflib's name)
        batch = []
        for s, p, o, c in quads:
            g = self._writable(c)
            s, p, o = _to_ox(s), _to_ox(p), _to_ox(o)
            batch += (ox.Quad(s, p, o, g), ox.Quad(s, p, o, ox.DefaultGraph()))
        self._write(batch)

    def attach(self, graph: URIRef, path: Path) -> None:
        """The named graph ``graph`` is the N-Triples file ``path``; its triples join the union."""
        if graph in self._files or self._ox.contains_named_graph(_to_ox(graph)):
            raise ValueError(f"graph {graph} is already in the build")
        self._files[URIRef(graph)] = Path(path)
        name, union, owned = _to_ox(graph), [], self._owned
        for q in _parse(path):              # parsed into the default graph: the union's quad as it comes
            if isinstance(q.object, ox.Literal):
                stored = _stored(q.object)
                if stored is not q.object:
                    q = ox.Quad(q.subject, q.predicate, stored)
            union.append(q)
            owned.append(ox.Quad(q.subject, q.predicate, q.object, name))
        self._write(union)

    def attached(self, graph: URIRef) -> Path | None:
        """The N-Triples file of the document graph ``graph``, if it is in the store."""
        return self._files.get(URIRef(graph))

    def documents(self) -> list[URIRef]:
        """The document graphs in the store."""
        return list(self._files)

    def detach(self, graph: URIRef) -> None:
        """The document graph ``graph`` leaves the store; its triples leave the union unless another
        graph states them too."""
        self._flush()
        name = _to_ox(graph)
        triples = [(q.subject, q.predicate, q.object) for q in self._owners.quads_for_pattern(None, None, None, name)]
        self._owners.remove_graph(name)
        del self._files[URIRef(graph)]
        self._unite(triples)

    def drop_graph(self, graph: URIRef) -> None:
        """A graph written here (assembly, comparisons...) leaves the store, as :meth:`detach`."""
        self._flush()
        name = _to_ox(graph)
        if not self._ox.contains_named_graph(name):
            return
        triples = [(q.subject, q.predicate, q.object) for q in self._ox.quads_for_pattern(None, None, None, name)]
        self._ox.remove_graph(name)
        self._unite(triples)

    def remove_triples(self, graph: URIRef, triples: Iterable) -> None:
        """Rdflib ``triples`` leave the graph ``graph`` written here, and the union unless another
        graph states them too."""
        self._flush()
        name = _to_ox(graph)
        stored = [tuple(_to_ox(t) for t in triple) for triple in triples]
        for s, p, o in stored:
            self._ox.remove(ox.Quad(s, p, o, name))
        self._unite(stored)

    def _unite(self, triples: list[tuple]) -> None:
        """Each of ``triples`` (stored terms) stays in the union only while a graph states it."""
        union = ox.DefaultGraph()
        for s, p, o in triples:
            if any(True for _ in self._owners.quads_for_pattern(s, p, o, None)):
                continue
            if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in self._ox.quads_for_pattern(s, p, o, None)):
                continue
            self._ox.remove(ox.Quad(s, p, o, union))

    def _writable(self, context) -> ox.NamedNode | ox.BlankNode:
        g = _graph_name(context)
        if g is None:
            raise ValueError("the build's store keeps every triple in a named graph")
        if getattr(context, "identifier", context) in self._files:
            raise ValueError(f"graph {context} is a document's own graph, fixed when it was extracted")
        return g

    def remove(self, triple, context=None) -> None:
        raise NotImplementedError("the build's store only grows; a build starts from an empty one")

    def add_graph(self, graph: Graph) -> None:
        g = _graph_name(graph)
        if g is not None and getattr(graph, "identifier", graph) not in self._files:
            self._flush()
            self._ox.add_graph(g)

    def remove_graph(self, graph: Graph) -> None:
        raise NotImplementedError("the build's store only grows; a build starts from an empty one")

    # --- reading ------------------------------------------------------------------------------
    def triples(self, triple_pattern, context=None) -> Iterator:
        self._flush()
        contexts = (context,)
        ident = getattr(context, "identifier", context)
        if ident in self._files:                       # a whole document read from its file
            pattern = [None if t is None else _written(_to_ox(t)) for t in triple_pattern]
            for q in _parse(self._files[ident]):
                if all(t is None or t == x for t, x in zip(pattern, (q.subject, q.predicate, q.object))):
                    yield (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)), iter(contexts)
            return
        if context is None:
            graph = ox.DefaultGraph()                  # the union of the named graphs
        else:
            graph = _graph_name(context)
            if graph is None:                          # nothing lives in the true default graph
                return
        s, p, o = triple_pattern
        try:
            found = self._ox.quads_for_pattern(None if s is None else _to_ox(s), None if p is None else _to_ox(p),
                                               None if o is None else _to_ox(o), graph)
        except TypeError:                              # a pattern term no store could hold
            return
        for q in found:
            yield (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)), iter(contexts)

    def __len__(self, context=None) -> int:
        self._flush()
        ident = getattr(context, "identifier", context)
        if ident in self._files:
            return sum(1 for _ in _parse(self._files[ident]))
        graph = ox.DefaultGraph() if context is None else _graph_name(context)
        if graph is None:
            return 0
        counted = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph)
        return int(next(iter(counted))[0].value)

    def contexts(self, triple=None) -> Iterator:
        self._flush()
        if triple is None:
            yield from self._files
            for name in self._ox.named_graphs():
                yield _from_ox(name)
            return
        s, p, o = (None if t is None else _to_ox(t) for t in triple)
        for q in self._owners.quads_for_pattern(s, p, o, None):   # the documents that state it
            yield _from_ox(q.graph_name)
        for q in self._ox.quads_for_pattern(s, p, o, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield _from_ox(q.graph_name)

    def graph_names(self) -> list[URIRef]:
        """Every named graph, in the order TriG writes them (by the IRI's N-Triples form)."""
        self._flush()
        names = list(self._files) + [_from_ox(g) for g in self._ox.named_graphs()]
        return sorted(names, key=lambda g: str(_to_ox(g)))

    def graph_quads(self, graph: URIRef) -> Iterator[ox.Quad]:
        """The quads of one named graph as they were added, in (subject, predicate, object) order.
        A document's graph is sorted in memory; a graph written here (comparisons grow with
        narratives times claims) is read one subject at a time."""
        self._flush()
        name = _to_ox(graph)
        if graph in self._files:
            quads = [ox.Quad(q.subject, q.predicate, q.object, name) for q in _parse(self._files[graph])]
            quads.sort(key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
            yield from quads
            return
        subjects = {str(q.subject): q.subject for q in self._ox.quads_for_pattern(None, None, None, name)}
        for key in sorted(subjects):
            quads = [ox.Quad(q.subject, q.predicate, _written(q.object), name)
                     for q in self._ox.quads_for_pattern(subjects[key], None, None, name)]
            quads.sort(key=lambda q: (str(q.predicate), str(q.object)))
            yield from quads

    def quad_count(self) -> int:
        """Triples summed over the named graphs: what TriG of the dataset holds (a triple stated by
        two graphs counts twice, unlike ``len(dataset)``, the distinct triples of their union). A
        document's graph is counted by the lines of its N-Triples file, one triple a line."""
        self._flush()
        in_files = 0
        for path in self._files.values():
            with open(path, "rb") as fh:
                in_files += sum(1 for line in fh if line.strip() and not line.startswith(b"#"))
        counted = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return in_files + int(next(iter(counted))[0].value)

    def ordered_quads(self) -> Iterator[ox.Quad]:
        """Every quad as it was added, in (graph, subject, predicate, object) order."""
        for graph in self.graph_names():
            yield from self.graph_quads(graph)

    # --- prefixes -----------------------------------------------------------------------------
    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if not override and (prefix in self._prefixes or namespace in self._prefixes.values()):
            return
        for p in [p for p, ns in self._prefixes.items() if ns == namespace]:
            del self._prefixes[p]
        self._prefixes[prefix] = URIRef(namespace)

    def prefix(self, namespace: URIRef) -> str | None:
        return next((p for p, ns in self._prefixes.items() if ns == namespace), None)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._prefixes.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._prefixes.items()

    # --- lifetime -----------------------------------------------------------------------------
    def open(self, configuration, create: bool = False) -> int:
        return VALID_STORE

    def close(self, commit_pending_transaction: bool = False) -> None:
        self._flush()
        self._ox.flush()

    def save(self, kept: dict) -> None:
        """Keep the store for the next build, with ``kept`` (JSON) recorded alongside; the store is
        closed."""
        self._flush()
        self._ox.flush()
        self._owners.flush()
        state = {"files": {str(g): str(p) for g, p in self._files.items()}, "kept": kept}
        del self._ox                  # the databases are closed: the next build opens them again
        del self._owners
        atomic_write_text(self.folder / STATE, json.dumps(state, ensure_ascii=False))

    def destroy(self, configuration=None) -> None:
        del self._ox
        del self._owners
        shutil.rmtree(self.folder, ignore_errors=True)


def working_dataset(folder: Path, keep: bool = False) -> Dataset:
    """A build dataset stored in ``folder``: with ``keep``, the store a previous build saved there
    (:meth:`WorkingStore.save`) when there is one, else an empty one."""
    folder = Path(folder)
    state = _take_state(folder) if keep else None
    if state is None and folder.exists():
        shutil.rmtree(folder)
    files = {URIRef(g): Path(p) for g, p in (state or {}).get("files", {}).items()}
    ds = Dataset(store=WorkingStore(folder, files, (state or {}).get("kept")), default_union=True)
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    return ds


def _take_state(folder: Path) -> dict | None:
    """The state a build saved in ``folder``, removed: the store is in use until it is saved again."""
    path = folder / STATE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not all(Path(p).exists() for p in state.get("files", {}).values()):
        return None
    return state


class ReadView(Store):
    """A read-only rdflib store over an in-memory Oxigraph database of a few N-Triples files and
    triples: a part of the build's union, read with the lookups of :class:`WorkingStore` (the same
    terms, given back in the same order) without its disk."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, files: Iterable[Path] = (), triples: Iterable[tuple] = ()):
        super().__init__()
        self._ox = ox.Store()

        def quads() -> Iterator[ox.Quad]:
            for f in files:
                for q in _parse(Path(f)):
                    yield ox.Quad(q.subject, q.predicate, _stored(q.object))
            for s, p, o in triples:
                yield ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o))
        # handed over as they are read: a list of every quad first held the records of 2,000 reviews
        # (1.1M triples) twice over, 1,314 MB at the peak against 539 MB streamed to the loader
        self._ox.bulk_extend(quads())

    def triples(self, triple_pattern, context=None) -> Iterator:
        try:
            found = self._ox.quads_for_pattern(*(None if t is None else _to_ox(t) for t in triple_pattern),
                                               ox.DefaultGraph())
        except TypeError:                              # a pattern term no store could hold
            return
        for q in found:
            yield (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)), iter((context,))

    def __len__(self, context=None) -> int:
        return len(self._ox)

    def add(self, triple, context, quoted: bool = False) -> None:
        raise TypeError("a read view is not written to")
