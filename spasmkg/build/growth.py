"""A build into a folder that holds an earlier build changes only what its inputs changed.

The build's store (:mod:`spasmkg.graph.store.build_store`) is kept in ``OUT/.store/`` between
builds: a document whose extraction is unchanged stays attached, a new or changed one is attached,
one gone from the inputs is detached. The graphs the build makes across documents are handled by
what they read:

* **comparisons** of a narrative read that narrative and the literature. A row that reads one claim
  depends on the narrative and that claim's review only: it is kept while both are, and a review
  added or changed costs its own rows, not every review's. The rows of the literature as a whole
  (a feature no claim speaks to, one that picks among every review's claims or references: see
  :meth:`spasmkg.graph.compare.engine.Comparer.part`) and the patient statements the rows quote
  are made again for each narrative whenever the literature changed. A narrative's triples are
  cached in ``OUT/.cache/``, review by review, so that they can leave the graph again exactly; a
  new or changed narrative is read against every review.
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


def compare(ds: Dataset, texts: dict[str, str], entries: dict[str, Entry],
            cache_folder: Path) -> tuple[int, int, int]:
    """Every narrative read against the literature (both kinds needed). A narrative's rows that read
    one review are kept while the narrative and that review are unchanged; only the rows of reviews
    added or changed are made, and those of reviews changed or removed leave the graph. Its rows of
    the literature as a whole, and the patient statements its rows quote, are made again whenever
    the literature changed. Returns the number of comparisons, of the narratives whose comparisons
    were all kept, and of the comparisons made by this call."""
    from spasmkg.graph.compare import engine, to_rdf
    kinds = _documents_of_kind(ds)
    narratives = sorted(i for i, k in kinds.items() if k == "narrative")
    reviews = sorted(i for i, k in kinds.items() if k == "review")
    kept: dict[str, dict] = ds.store.kept.get(COMPARISONS, {})
    if not (narratives and reviews):
        ds.store.drop_graph(to_rdf.GRAPH)
        ds.store.kept[COMPARISONS] = {}
        return 0, 0, 0
    stems = {r: entries[r].graph.stem for r in reviews}
    literature = hashlib.sha256("\x1f".join(stems[i] for i in reviews).encode()).hexdigest()
    keys = {n: hashlib.sha256(f"{literature}\x1f{entries[n].graph.stem}".encode()).hexdigest() for n in narratives}
    if not all("pairs" in r and Path(r["file"]).exists() for r in kept.values()):
        ds.store.drop_graph(to_rdf.GRAPH)       # cannot be taken out exactly: all again
        kept = {}
    records: dict[str, dict] = {}               # narratives whose comparisons are all kept
    partial: dict[str, tuple[dict, dict]] = {}  # unchanged narratives read against a changed literature
    for n, r in kept.items():
        if keys.get(n) == r["key"]:
            records[n] = r
            continue
        cached = _read(Path(r["file"]))
        if n in keys and r["narrative"] == entries[n].graph.stem:
            for rid, pair in r["pairs"].items():
                if stems.get(rid) != pair["review"] and rid in cached["pairs"]:
                    _remove(ds, to_rdf, cached["pairs"].pop(rid))
            partial[n] = (r, cached)
        else:
            for nt in (cached["wide"], *cached["pairs"].values()):
                _remove(ds, to_rdf, nt)
    reused = len(records)
    # narratives to read against every review, or against the reviews added or changed since their last reading
    groups: dict[frozenset | None, list[str]] = {}
    for n in narratives:
        if n in records:
            continue
        old = partial[n][0] if n in partial else None
        todo = None if old is None else frozenset(r for r in reviews if old["pairs"].get(r, {}).get("review") != stems[r])
        groups.setdefault(todo, []).append(n)
    made = 0
    if groups:
        comparer = engine.Comparer(ds, texts)
        for todo, group in groups.items():
            for n, rows in zip(group, comparer.per_narrative(only=set(group), reviews=todo)):
                made += len(rows)
                records[n] = _store_rows(ds, to_rdf, comparer, n, rows, reviews if todo is None else todo,
                                         partial.get(n), stems, keys[n], texts, entries[n], cache_folder)
    ds.store.kept[COMPARISONS] = records
    return sum(r["rows"] + sum(p.get("rows", 0) for p in r["pairs"].values()) for r in records.values()), reused, made


def _read(path: Path) -> dict:
    """A narrative's cached comparisons: N-Triples of the rows of the literature as a whole (with the
    activity and the patient statements), and of the rows of each review."""
    return json.loads(path.read_text(encoding="utf-8"))


def _remove(ds: Dataset, to_rdf, nt: str) -> None:
    """Cached triples leave the graph (the activity every narrative's rows share stays)."""
    ds.store.remove_triples(to_rdf.GRAPH, (t for t in _triples(nt) if t[0] != to_rdf.ACTIVITY))


def _store_rows(ds: Dataset, to_rdf, comparer, n: str, rows: list, made_for, old: tuple[dict, dict] | None,
                stems: dict[str, str], key: str, texts: dict[str, str], entry: Entry, cache_folder: Path) -> dict:
    """A narrative's rows just made, into the graph and the cache. The rows that read one review's
    claims are triples whose subject is one of those rows, which no other part writes: they are added.
    The rest (the activity, the rows of the literature as a whole, the patient statements any row
    quotes) is made whole and put in the graph as a difference from the last build's."""
    from rdflib import Graph
    from spasmkg.graph.compare.engine import Passage
    target = ds.graph(to_rdf.GRAPH)
    parts: dict[str | None, list] = {}
    for row in rows:
        parts.setdefault(comparer.part(row), []).append(row)
    record, cached = old if old else ({"pairs": {}}, {"wide": "", "pairs": {}})
    pairs = {r: p for r, p in record["pairs"].items() if stems.get(r) == p["review"]}
    triples = {r: nt for r, nt in cached["pairs"].items() if r in pairs}
    for r in made_for:
        own = parts.get(r, [])
        if own:
            g = Graph()
            for row in own:
                to_rdf.add_row(g, row)
            triples[r] = g.serialize(format="nt")
            ds.addN((s, p, o, target) for s, p, o in g)
        pairs[r] = {"review": stems[r]}                 # read, and (most often) nothing to say
        if own:
            pairs[r].update(rows=len(own), statements=sorted({(row.patient.start, row.patient.end) for row in own}))
    wide = parts.get(None, [])
    g = Graph()
    to_rdf.add_activity(g)
    for row in wide:
        to_rdf.add_row(g, row)
    quoted = {(row.patient.start, row.patient.end) for row in wide} | \
        {(s, e) for p in pairs.values() for s, e in p.get("statements", [])}
    text = texts[n]
    for s, e in sorted(quoted):
        to_rdf.add_statement(g, n, Passage(n, s, e, text[s:e]), text)
    before, now = set(_triples(cached["wide"])), set(g)
    ds.store.remove_triples(to_rdf.GRAPH, (t for t in before - now if t[0] != to_rdf.ACTIVITY))
    ds.addN((s, p, o, target) for s, p, o in now - before)
    path = Path(cache_folder) / f"comparisons-{key}.json"
    atomic_write_text(path, json.dumps({"wide": g.serialize(format="nt"), "pairs": triples}, ensure_ascii=False))
    return {"key": key, "narrative": entry.graph.stem, "file": str(path), "rows": len(wide), "pairs": pairs}


def _triples(nt: str) -> list:
    """The triples of N-Triples text, as rdflib terms (parsed by Oxigraph: the faster reader)."""
    import pyoxigraph as ox
    from spasmkg.graph.store.terms import to_rdflib
    return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for q in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


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
