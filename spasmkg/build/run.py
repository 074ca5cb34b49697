"""The main job: input documents -> extraction -> ontology typing -> RDF graph -> output files.

Outputs go to one folder: ``graph.trig`` (one named graph per document), ``graph.gexf`` (Gephi),
``annotations.json`` (the annotations export, read back from the graph). The folder is locked
while a build writes to it, and the outputs are staged and then renamed into place as one set
(:func:`spasmkg.common.atomic.staged`): a build that fails or is killed leaves the previous outputs whole.

Memory does not grow with the corpus: each document's graph, TriG block and annotations are made
where it is extracted and kept in the extraction cache (``OUT/.cache/``); the steps that read across
documents query an on-disk store of their union (:mod:`spasmkg.graph.store.build_store`, in
``OUT/.store/`` while the build runs); the outputs are written one graph or document at a time.

A file that cannot be read or analysed is skipped and listed in the summary; the rest of the corpus
still builds. With ``strict=True`` any skipped file fails the build and nothing is written.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from filelock import FileLock, Timeout

from spasmkg.common import faults
from spasmkg.common.atomic import recover, staged
from spasmkg.common.errors import SpasmkgError
from spasmkg.build.inputs import iter_documents

OUTPUTS = {"graph.trig": "trig", "graph.gexf": "gexf", "annotations.json": "annotations"}
PROVENANCE = "provenance.trig"   # the build's PROV-O activity, kept apart so graph.trig is reproducible
WORK = ".store"                  # the build's on-disk store, removed when the build ends


@dataclass
class BuildSummary:
    out_dir: Path
    documents: list[tuple[str, str, str]] = field(default_factory=list)   # id, kind, source
    claims: int = 0
    references: int = 0
    entities_by_type: Counter = field(default_factory=Counter)
    mentions: int = 0
    relations: int = 0
    triples: int = 0
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # one message per file left out, naming it
    comparisons: int = 0                                # patient statements read against the literature
    assembly: str = ""                                  # merging across documents, in one line
    reused: int = 0                                     # documents whose extraction came from the cache
    reasoning: str | None = None                        # the reasoner's one-line report, with --reason

    def render(self) -> str:
        lines = [f"Built {self.out_dir}/ from {len(self.documents)} document(s):"]
        for doc_id, kind, source in self.documents:
            lines.append(f"  {doc_id:<24} {kind:<10} {source}")
        lines.append(f"claims {self.claims} · references {self.references} · mentions {self.mentions} · "
                     f"relations {self.relations} · comparisons {self.comparisons} · triples {self.triples}")
        lines.append("entities by type: " + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items())))
        if self.reused:
            lines.append(f"{self.reused} of {len(self.documents)} document(s) unchanged: extraction reused from the cache")
        if self.assembly:
            lines.append(self.assembly)
        for p in self.problems:
            lines.append(f"note: {p}")
        for p in self.skipped:
            lines.append(f"skipped: {p}")
        if self.reasoning:
            lines.append(self.reasoning)
        lines.append("outputs: " + ", ".join([*OUTPUTS, PROVENANCE]))
        return "\n".join(lines)


def build(paths: list[Path], out_dir: Path, kind: str | None = None,
          progress: Callable[[str], None] | None = None, strict: bool = False,
          reason: bool = False, engine: str = "local", scheduler: str | None = None,
          processes: int = 1, batch_size: int = 32) -> BuildSummary:
    """Build one graph from every document under ``paths`` into ``out_dir``.

    ``engine="dask"`` extracts the documents on a Dask cluster (``scheduler`` address, or a local
    cluster) and caches their outputs here; the graph is the same as with the local engine. The local
    engine parses ``batch_size`` documents at a time (``nlp.pipe``) in ``processes`` processes."""
    from spasmkg.graph.document_graph import graph_iri
    from spasmkg.graph.store.build_store import working_dataset

    from spasmkg.build.cache import DocumentCache
    from spasmkg.graph.export import export
    from spasmkg.graph.provenance import BuildRecord, activity_dataset

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".build.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise SpasmkgError("E017", path=out_dir) from None
    ds = None
    try:
        recover(out_dir)
        skipped: list[SpasmkgError] = []
        ds = working_dataset(out_dir / WORK)
        record = BuildRecord()
        summary = BuildSummary(out_dir=out_dir)
        texts: dict[str, str] = {}
        cache = DocumentCache(out_dir)
        if engine == "dask":
            entries = _extract_on_dask(list(iter_documents(paths, kind, skipped, summary.problems)), scheduler, cache, ds, summary,
                                       record, texts, skipped, progress)
        else:
            entries = _extract_here(iter_documents(paths, kind, skipped, summary.problems), cache, ds, summary, record, texts,
                                    skipped, progress, processes, batch_size)
        summary.reused = cache.hits
        summary.skipped = [str(e) for e in skipped]
        if progress:
            for e in skipped:
                progress(f"skipped: {e}")
        if strict and skipped:
            raise SpasmkgError("E027", count=len(skipped))
        if not summary.documents:
            raise SpasmkgError("E020", reasons=_reasons(skipped))
        summary.comparisons = _compare(ds, texts)
        summary.assembly = _assemble(ds)
        summary.entities_by_type = _entities_by_type(ds)
        if reason:
            summary.reasoning = _reason(ds, progress)
        summary.triples = len(ds)
        record.finish()
        # each document's TriG block and annotations were made when it was extracted: copied, not redone
        cached = {"trig": {"cached": {graph_iri(i): e.trig for i, e in entries.items()}},
                  "annotations": {"cached": {i: e.annotations for i, e in entries.items()}}}
        with staged(out_dir) as stage:
            for name, fmt in OUTPUTS.items():
                export(fmt, ds, stage / name, **cached.get(fmt, {}))
                faults.point(f"stage:{name}")
            export("trig", activity_dataset(record), stage / PROVENANCE)
        return summary
    finally:
        if ds is not None:
            ds.store.destroy()
        lock.release()


def _skip(doc, exc: BaseException) -> SpasmkgError:
    """Why ``doc`` is left out, naming its file: spasmkg's own message when the failure has one
    (a budget exceeded, a text too long), else ``E019`` with the exception."""
    if isinstance(exc, SpasmkgError) and "path" in exc.values:
        return SpasmkgError(exc.code, **{**exc.values, "path": doc.path})
    return SpasmkgError("E019", path=doc.path, reason=f"{type(exc).__name__}: {exc}")


def _reasons(skipped: list[SpasmkgError], shown: int = 3) -> str:
    """Why nothing was built, in one line: the first few skipped files' messages, then a count."""
    if not skipped:
        return "no text file (.txt, .md, .text or no suffix) among the inputs"
    head = "; ".join(str(e) for e in skipped[:shown])
    return head + (f"; and {len(skipped) - shown} more" if len(skipped) > shown else "")


def _extract_here(docs, cache, ds, summary, record, texts, skipped, progress, processes: int,
                  batch_size: int) -> dict:
    """Documents whose extraction is cached are attached as they come; the others are analysed in
    batches (:func:`spasmkg.build.engines.analyse_many`) and their graphs cached, then attached.
    Returns the cache entry of each document built, by id."""
    from spasmkg.build.engines import analyse_many
    from spasmkg.build.document_outputs import document_outputs

    by_id, order, done = {}, [], {}

    def misses():
        for k, d in enumerate(docs, start=1):
            if progress:
                progress(f"[{k}] {d.path.name} ({d.kind}, {len(d.text):,} characters)")
            by_id[d.doc_id] = d
            order.append(d.doc_id)
            cached = cache.get(d)
            if cached is not None:
                done[d.doc_id] = cached
                continue
            yield d

    for job, outputs in analyse_many(misses(), batch_size=batch_size, n_process=processes, then=document_outputs):
        if isinstance(outputs, Exception):   # one document's failure must not cost the corpus
            skipped.append(_skip(by_id[job.doc_id], outputs))
            continue
        done[job.doc_id] = cache.put(job, outputs)
    return _attach([by_id[i] for i in order if i in done], done, ds, summary, record, texts)


def _extract_on_dask(docs, scheduler, cache, ds, summary, record, texts, skipped, progress) -> dict:
    """Documents not in the cache are extracted on the cluster; each result is cached as it arrives."""
    from spasmkg.build.engines import run_dask
    by_id = {d.doc_id: d for d in docs}
    done, jobs = {}, []
    for d in docs:
        cached = cache.get(d)
        if cached is not None:
            done[d.doc_id] = cached
        else:
            jobs.append(d)
    for job, result in run_dask(jobs, scheduler, progress=progress):
        if isinstance(result, BaseException):
            skipped.append(_skip(by_id[job.doc_id], result))
            continue
        done[job.doc_id] = cache.put(job, result)
    return _attach([d for d in docs if d.doc_id in done], done, ds, summary, record, texts)


def _attach(docs, done: dict, ds, summary, record, texts) -> dict:
    """Each extracted document's graph into the build's store, and into the summary, in input order."""
    from spasmkg.graph.document_graph import graph_iri
    for d in docs:
        entry = done[d.doc_id]
        ds.store.attach(graph_iri(d.doc_id), entry.graph)
        texts[d.doc_id] = d.text
        record.add_input(d.doc_id, d.path)
        summary.documents.append((d.doc_id, d.kind, d.path.name))
        summary.claims += entry.counts["claims"]
        summary.references += entry.counts["references"]
        summary.mentions += entry.counts["mentions"]
        summary.relations += entry.counts["relations"]
        summary.problems.extend(f"{d.path.name}: {p}" for p in entry.counts["problems"])
    return {d.doc_id: done[d.doc_id] for d in docs}


def _assemble(ds) -> str:
    """One knowledge base over all documents: shared works, statements, conflicts, communities."""
    from spasmkg.graph.assembly.run import assemble
    return assemble(ds).render()


def _compare(ds, texts: dict[str, str]) -> int:
    """Read every patient narrative against the literature in the same build (both kinds needed)."""
    from spasmkg.graph.compare import engine, to_rdf
    from spasmkg.ontology.namespaces import SKG
    kinds = {str(k) for k in ds.objects(None, SKG.kind)}
    if not {"review", "narrative"} <= kinds:
        return 0
    count = 0
    for rows in engine.Comparer(ds, texts).per_narrative():   # one narrative's rows in memory at a time
        to_rdf.add(ds, rows, texts)
        count += len(rows)
    return count


def _reason(ds, progress: Callable[[str], None] | None) -> str:
    """HermiT over the graph: raises E060 on an inconsistency, else adds ``kg:graph/inferred``."""
    from spasmkg.ontology import reasoning
    if progress:
        progress("reasoning with HermiT")
    result = reasoning.reason(ds)
    reasoning.materialize(ds, result)
    return result.render()


def _entities_by_type(ds) -> Counter:
    from rdflib.namespace import RDF
    from spasmkg.ontology.namespaces import KG, SKG
    counts: Counter = Counter()
    for e in {s for s in ds.subjects(RDF.type, None) if str(s).startswith(str(KG["entity/"]))}:
        for t in ds.objects(e, RDF.type):
            if str(t).startswith(str(SKG)):
                counts[str(t)[len(str(SKG)):]] += 1
    return counts


def stderr_progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
