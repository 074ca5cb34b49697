"""A build into a folder that holds an earlier build changes only what its inputs changed.

The build's store (:mod:`spasmkg.graph.store.build_store`) is kept in ``OUT/.store/`` between
builds: a document whose extraction is unchanged stays attached, a new or changed one is attached,
one gone from the inputs is detached. The graphs the build makes across documents are handled by
what they read:

* **comparisons** of a narrative read that narrative and the literature (every review). They are
  kept, with the key of both, and made again only for a narrative that is new or changed, or when
  the literature changed; the triples of each narrative's comparisons are cached in ``OUT/.cache/``
  so that they can leave the graph again exactly.
* **assembly, reference libraries, inferences** read every document: they are dropped when the
  store is opened and made again, as in a build from nothing. What assembly reads of each document
  (its records: :mod:`spasmkg.graph.assembly.records`) is cached with the document, and so is what
  the entity graph counts of it (the entities it names together; for a narrative with the key of
  its comparisons too, a patient statement being a passage): only a new or changed document is
  read from the store, and assembly reads the records of all in memory.

The store is kept only for the pipeline that built it (the extraction cache's fingerprint): after an
upgrade, the build starts from an empty store.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS

from spasmkg.build.cache import Entry, fingerprint
from spasmkg.common.atomic import atomic_write_bytes, atomic_write_text
from spasmkg.graph.document_graph import doc_iri, graph_iri
from spasmkg.graph.store.build_store import working_dataset
from spasmkg.ontology.namespaces import SKG

COMPARISONS = "comparisons"     # the record of each narrative's comparisons in the store's state


def open_store(folder: Path) -> Dataset:
    """The build's dataset in ``folder``: the last build's, with the graphs that read every document
    dropped, when it was made by this pipeline; else an empty one."""
    from spasmkg.graph.compare.to_rdf import GRAPH
    ds = working_dataset(folder, keep=True)
    if ds.store.kept.get("fingerprint") != fingerprint():
        ds.store.destroy()
        ds = working_dataset(folder)
    for name in ds.store.graph_names():
        if name not in ds.store.documents() and name != GRAPH:
            ds.store.drop_graph(name)
    return ds


def attach(ds: Dataset, doc_id: str, entry: Entry) -> None:
    """The document's graph in the store as extracted now (attached again when it changed)."""
    iri = graph_iri(doc_id)
    held = ds.store.attached(iri)
    if held == entry.graph:
        return
    if held is not None:
        ds.store.detach(iri)
    ds.store.attach(iri, entry.graph)


def forget_others(ds: Dataset, doc_ids) -> None:
    """Documents no longer among the inputs leave the store."""
    keep = {graph_iri(i) for i in doc_ids}
    for iri in ds.store.documents():
        if iri not in keep:
            ds.store.detach(iri)


def save(ds: Dataset) -> None:
    """Keep the store for the next build."""
    ds.store.save({**ds.store.kept, "fingerprint": fingerprint()})


def _documents_of_kind(ds: Dataset) -> dict[str, str]:
    """Document id -> kind, as the graph states them."""
    return {str(ds.value(d, DCTERMS.identifier)): str(kind) for d, kind in ds.subject_objects(SKG.kind)}


def compare(ds: Dataset, texts: dict[str, str], entries: dict[str, Entry], cache_folder: Path) -> tuple[int, int]:
    """Every narrative read against the literature (both kinds needed); the comparisons of a narrative
    read against the same literature before are kept. Returns the number of comparisons and of the
    narratives whose comparisons were kept."""
    from spasmkg.graph.compare import engine, to_rdf
    kinds = _documents_of_kind(ds)
    narratives = sorted(i for i, k in kinds.items() if k == "narrative")
    reviews = sorted(i for i, k in kinds.items() if k == "review")
    kept: dict[str, dict] = ds.store.kept.get(COMPARISONS, {})
    records: dict[str, dict] = {}
    if not (narratives and reviews):
        ds.store.drop_graph(to_rdf.GRAPH)
        ds.store.kept[COMPARISONS] = {}
        return 0, 0
    literature = hashlib.sha256("\x1f".join(entries[i].graph.stem for i in reviews).encode()).hexdigest()
    keys = {n: hashlib.sha256(f"{literature}\x1f{entries[n].graph.stem}".encode()).hexdigest() for n in narratives}
    stale = [(n, r) for n, r in kept.items() if keys.get(n) != r["key"]]
    if any(not Path(r["file"]).exists() for _, r in stale):       # cannot be taken out exactly: all again
        ds.store.drop_graph(to_rdf.GRAPH)
        kept, stale = {}, []
    for n, r in stale:
        ds.store.remove_triples(to_rdf.GRAPH, (t for t in _triples(Path(r["file"])) if t[0] != to_rdf.ACTIVITY))
    records = {n: r for n, r in kept.items() if keys.get(n) == r["key"]}
    todo = [n for n in narratives if n not in records]
    reused = len(records)
    if todo:
        comparer = engine.Comparer(ds, texts)
        target = ds.graph(to_rdf.GRAPH)
        for n, rows in zip(todo, comparer.per_narrative(only=set(todo))):
            made = Dataset()
            to_rdf.add(made, rows, texts)
            g = made.graph(to_rdf.GRAPH)
            path = Path(cache_folder) / f"comparisons-{keys[n]}.nt"
            atomic_write_text(path, g.serialize(format="nt"))
            ds.addN((s, p, o, target) for s, p, o in g)
            records[n] = {"key": keys[n], "file": str(path), "rows": len(rows)}
    ds.store.kept[COMPARISONS] = records
    return sum(r["rows"] for r in records.values()), reused


def _triples(path: Path):
    """The triples of an N-Triples file, as rdflib terms (parsed by Oxigraph: the faster reader)."""
    import pyoxigraph as ox
    from spasmkg.graph.store.terms import to_rdflib
    with open(path, "rb") as fh:
        return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                for q in ox.parse(fh, format=ox.RdfFormat.N_TRIPLES)]


def pipeline(ds: Dataset) -> dict:
    """The pipeline's description for the build's provenance, kept with the store (it is the same
    while the fingerprint is) so that a build that extracts nothing need not load spaCy."""
    from spasmkg.graph.provenance import pipeline_description
    if "pipeline" not in ds.store.kept:
        ds.store.kept["pipeline"] = pipeline_description()
    return ds.store.kept["pipeline"]


def cooccurrence_counts(ds: Dataset, entries: dict[str, Entry], cache_folder: Path):
    """For :func:`spasmkg.graph.cooccurrence.together`: a document's co-occurrence counts, read from
    the cache when the document (and, for a narrative, its comparisons) is unchanged, else counted
    and cached."""
    from spasmkg.graph import cooccurrence
    compared = ds.store.kept.get(COMPARISONS, {})
    ids = {doc_iri(i): i for i in entries}

    def counted(doc) -> tuple[Counter, Counter] | None:
        doc_id = ids.get(doc)
        if doc_id is None:
            return None
        key = entries[doc_id].graph.stem + "\x1f" + compared.get(doc_id, {}).get("key", "")
        path = Path(cache_folder) / f"cooccurrence-{hashlib.sha256(key.encode()).hexdigest()}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return tuple(Counter({(a, b): n for a, b, n in data[k]}) for k in ("same", "near"))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        same, near = cooccurrence.in_document(ds, doc)
        atomic_write_text(path, json.dumps({"same": [[a, b, n] for (a, b), n in sorted(same.items())],
                                            "near": [[a, b, n] for (a, b), n in sorted(near.items())]},
                                           ensure_ascii=False))
        return same, near
    return counted


def assembly_records(ds: Dataset, entries: dict[str, Entry], cache_folder: Path) -> tuple[Graph, int]:
    """For :func:`spasmkg.graph.assembly.run.assemble`: what it reads of every document
    (:mod:`spasmkg.graph.assembly.records`), from the cache when the document is unchanged, else read
    from the document's graph and cached, as one in-memory graph; with the reference libraries'
    additions of this build. Returns it and the number of documents whose graph was read."""
    from spasmkg.graph.assembly import library, records
    read, files = 0, []
    for doc_id in sorted(entries):
        path = Path(cache_folder) / f"assembly-{entries[doc_id].graph.stem}.nt"
        if not path.exists():
            atomic_write_bytes(path, _n_triples(records.of_document(ds.graph(graph_iri(doc_id)))))
            read += 1
        files.append(path)
    added = list(ds.graph(library.GRAPH)) if library.GRAPH in ds.store.graph_names() else []
    return records.view(files, added), read


def _n_triples(triples) -> bytes:
    import pyoxigraph as ox
    from spasmkg.graph.store.terms import from_rdflib
    return ox.serialize((ox.Triple(*map(from_rdflib, t)) for t in triples), format=ox.RdfFormat.N_TRIPLES) or b""
