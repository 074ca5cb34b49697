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
  are made again for each narrative whenever the literature changed. Each pair of a narrative and
  a review that has rows is a named graph of its own, and so is the rest of a narrative's
  comparisons (:mod:`spasmkg.graph.compare.to_rdf`): a pair leaves the graph by dropping its named
  graph, and each graph's block of ``graph.trig`` is cached in ``OUT/.cache/`` to be copied, not
  serialized again. A new or changed narrative is read against every review.
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
    from spasmkg.graph.compare.to_rdf import is_comparison_graph
    ds = working_dataset(folder, keep=True)
    if ds.store.kept.get("fingerprint") != fingerprint():
        ds.store.destroy()
        ds = working_dataset(folder)
    for name in ds.store.graph_names():
        if name not in ds.store.documents() and not is_comparison_graph(name):
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
    added or changed are made, and the graphs of those changed or removed are dropped. Its rows of
    the literature as a whole, and the patient statements its rows quote, are made again whenever
    the literature changed. Returns the number of comparisons, of the narratives whose comparisons
    were all kept, and of the comparisons made by this call."""
    from spasmkg.graph.compare import engine, to_rdf
    kinds = _documents_of_kind(ds)
    narratives = sorted(i for i, k in kinds.items() if k == "narrative")
    reviews = sorted(i for i, k in kinds.items() if k == "review")
    kept: dict[str, dict] = ds.store.kept.get(COMPARISONS, {})
    if not (narratives and reviews):
        _keep_only(ds, {})
        ds.store.kept[COMPARISONS] = {}
        return 0, 0, 0
    stems = {r: entries[r].graph.stem for r in reviews}
    literature = hashlib.sha256("\x1f".join(stems[i] for i in reviews).encode()).hexdigest()
    keys = {n: hashlib.sha256(f"{literature}\x1f{entries[n].graph.stem}".encode()).hexdigest() for n in narratives}
    if not all(_whole(r) for r in kept.values()):
        _keep_only(ds, {})                      # a record without its blocks: all again
        kept = {}
    records: dict[str, dict] = {}               # narratives whose comparisons are all kept
    partial: dict[str, dict] = {}               # unchanged narratives read against a changed literature
    for n, r in kept.items():
        if keys.get(n) == r["key"]:
            records[n] = r
            continue
        if n in keys and r["narrative"] == entries[n].graph.stem:
            for rid, pair in r["pairs"].items():
                if stems.get(rid) != pair["review"] and pair.get("rows"):
                    ds.store.drop_graph(to_rdf.graph_iri(n, rid))
            partial[n] = r
        else:
            for name in _blocks_of(n, r):
                ds.store.drop_graph(name)
    reused = len(records)
    # narratives to read against every review, or against the reviews added or changed since their last reading
    groups: dict[frozenset | None, list[str]] = {}
    for n in narratives:
        if n in records:
            continue
        old = partial.get(n)
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
    _keep_only(ds, records)
    ds.store.kept[COMPARISONS] = records
    return sum(r["rows"] + sum(p.get("rows", 0) for p in r["pairs"].values()) for r in records.values()), reused, made


def _whole(record: dict) -> bool:
    """True when a narrative's record is of this layout and every block file it names is there: its
    graphs can then be kept, and copied into ``graph.trig``."""
    try:
        return all(Path(b["block"]).exists() and len(b["range"]) == 2
                   for b in (record, *(p for p in record["pairs"].values() if p.get("rows"))))
    except (KeyError, TypeError, AttributeError):
        return False


def _blocks_of(n: str, record: dict) -> dict:
    """The named graphs of a narrative's comparisons that ``record`` holds (its literature-wide graph,
    and one per review whose rows it has), each with where its block of ``graph.trig`` is cached:
    (file, start, end)."""
    from spasmkg.graph.compare import to_rdf

    def place(b: dict) -> tuple[Path, int, int]:
        return Path(b["block"]), int(b["range"][0]), int(b["range"][1])
    return {to_rdf.graph_iri(n): place(record),
            **{to_rdf.graph_iri(n, r): place(p) for r, p in record["pairs"].items() if p.get("rows")}}


def comparison_blocks(ds: Dataset) -> dict:
    """Graph IRI -> (file, start, end) of its block of ``graph.trig``, for every comparison graph the
    store holds: copied into the file, as a document's block is, not serialized again."""
    return {name: path for n, record in ds.store.kept.get(COMPARISONS, {}).items()
            for name, path in _blocks_of(n, record).items()}


def _keep_only(ds: Dataset, records: dict[str, dict]) -> None:
    """Comparison graphs that no record in ``records`` holds leave the store: every one when the
    records cannot be trusted, and any a record lost track of, which would otherwise stay for good."""
    from spasmkg.graph.compare import to_rdf
    held = {name for n, r in records.items() for name in _blocks_of(n, r)}
    documents = set(ds.store.documents())
    for name in ds.store.graph_names():
        if to_rdf.is_comparison_graph(name) and name not in held and name not in documents:
            ds.store.drop_graph(name)


def _store_rows(ds: Dataset, to_rdf, comparer, n: str, rows: list, made_for, old: dict | None,
                stems: dict[str, str], key: str, texts: dict[str, str], entry: Entry, cache_folder: Path) -> dict:
    """A narrative's rows just made, into the graph and the cache. The rows that read one review's
    claims make that pair's named graph (the graph of a pair changed was dropped already). The rest
    (the activity, the rows of the literature as a whole, the patient statements any row quotes) is
    made whole: the narrative's own graph is replaced only when its block differs from the last
    build's (``old``, the record of an unchanged narrative read against a changed literature). The
    blocks of ``graph.trig`` of the graphs made here are cached in one file (a file per graph would
    be tens of thousands of small writes in a large corpus), each graph's record holding its range."""
    from rdflib import Graph
    from spasmkg.graph.compare.engine import Passage
    parts: dict[str | None, list] = {}
    for row in rows:
        parts.setdefault(comparer.part(row), []).append(row)
    record = old or {"pairs": {}}
    pairs = {r: p for r, p in record["pairs"].items() if stems.get(r) == p["review"]}
    blocks: list[tuple[dict, bytes]] = []              # records whose block goes into this call's file
    for r in made_for:
        own = parts.get(r, [])
        pairs[r] = {"review": stems[r]}                 # read, and (most often) nothing to say
        if own:
            g = Graph()
            for row in own:
                to_rdf.add_row(g, row)
            name = to_rdf.graph_iri(n, r)
            target = ds.graph(name)
            ds.addN((s, p, o, target) for s, p, o in g)
            pairs[r].update(rows=len(own), statements=sorted({(row.patient.start, row.patient.end) for row in own}))
            blocks.append((pairs[r], _block(g, name)))
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
    name = to_rdf.graph_iri(n)
    data = _block(g, name)
    out = {"key": key, "narrative": entry.graph.stem, "rows": len(wide), "pairs": pairs,
           "digest": hashlib.sha256(data).hexdigest()}
    if record.get("digest") == out["digest"] and _whole(record):   # the same block: the same graph, left as it is
        out.update(block=record["block"], range=record["range"])
    else:
        if old is not None:
            ds.store.drop_graph(name)
        target = ds.graph(name)
        ds.addN((s, p, o, target) for s, p, o in g)
        blocks.append((out, data))
    _write_blocks(blocks, cache_folder)
    return out


def _block(g: Graph, name) -> bytes:
    """The TriG block of ``g`` as the named graph ``name``."""
    import pyoxigraph as ox
    from spasmkg.graph.export import trig
    from spasmkg.graph.store.terms import from_rdflib
    graph = from_rdflib(name)
    return trig.block(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), graph) for s, p, o in g)


def _write_blocks(blocks: list[tuple[dict, bytes]], cache_folder: Path) -> None:
    """The blocks, one after another, into one cache file named by the digest of its bytes; each record
    is given the file and its block's range in it."""
    if not blocks:
        return
    data = b"".join(b for _, b in blocks)
    path = Path(cache_folder) / f"comparisons-{hashlib.sha256(data).hexdigest()}.trig"
    if not path.exists():
        atomic_write_bytes(path, data)
    at = 0
    for record, block in blocks:
        record.update(block=str(path), range=[at, at + len(block)])
        at += len(block)


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
