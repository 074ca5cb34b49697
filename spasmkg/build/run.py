"""The main job: input documents -> extraction -> ontology typing -> RDF graph -> output files.

Outputs go to one folder: ``graph.trig`` (one named graph per document), ``graph.gexf`` (Gephi),
``annotations.json`` (the annotations export, read back from the graph). The folder is locked
while a build writes to it, and the outputs are staged and then renamed into place as one set
(:func:`spasmkg.common.atomic.staged`): a build that fails or is killed leaves the previous outputs whole.

Memory does not grow with the corpus: each document's graph, TriG block and annotations are made
where it is extracted and kept in the extraction cache (``OUT/.cache/``); the steps that read across
documents query an on-disk store of their union (:mod:`spasmkg.graph.store.build_store`, in
``OUT/.store/``); the outputs are written one graph or document at a time.

A build into a folder that holds an earlier one updates that build's store instead of starting
again: documents added, changed or removed are attached or detached, and a narrative's comparisons
with one review are kept while it and that review are unchanged (:mod:`spasmkg.build.growth`). The outputs are
the bytes a build from nothing would write.

A file that cannot be read or analysed is skipped and listed in the summary; the rest of the corpus
still builds. With ``strict=True`` any skipped file fails the build and nothing is written.
"""
from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from filelock import FileLock, Timeout

from spasmkg.common import faults
from spasmkg.common.atomic import atomic_write_text, recover, staged
from spasmkg.common.errors import SpasmkgError
from spasmkg.build.inputs import check_paths, count_files, iter_documents

OUTPUT_GRAPH = "graph.trig"
OUTPUTS = {OUTPUT_GRAPH: "trig", "graph.gexf": "gexf", "annotations.json": "annotations"}
PROVENANCE = "provenance.trig"   # the build's PROV-O activity, kept apart so graph.trig is reproducible
REPORT = "build-report.txt"      # the summary in full: every document, note and skipped file
SHOWN = 10                       # documents, notes and skipped files the printed summary lists of each
WORK = ".store"                  # the build's on-disk store, kept for the next build when this one ends well


@dataclass
class BuildSummary:
    out_dir: Path
    documents: list[tuple[str, str, str]] = field(default_factory=list)   # id, kind, source
    claims: int = 0
    references: int = 0
    entities_by_type: Counter = field(default_factory=Counter)
    mentions: int = 0
    relations: int = 0
    triples: int = 0                                    # distinct triples of the union of the graphs
    quads: int = 0                                      # triples summed over the named graphs of graph.trig
    graphs: int = 0                                     # named graphs in graph.trig
    provenance_quads: int = 0                           # the build's activity, in provenance.trig
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # one message per file left out, naming it
    comparisons: int = 0                                # patient statements read against the literature
    assembly: str = ""                                  # merging across documents, in one line
    library: str = ""                                   # what reference libraries filled in, in one line
    reused: int = 0                                     # documents whose extraction came from the cache
    comparisons_kept: int = 0                           # narratives whose comparisons the last build made
    comparisons_made: int = 0                           # comparisons made by this build (the others kept)
    assembly_read: int = 0                              # documents whose records assembly read (the others' were cached)
    reasoning: str | None = None                        # the reasoner's one-line report, with --reason
    timings: dict[str, float] = field(default_factory=dict)   # seconds by step, in the order they ran
    peaks: dict[str, float] = field(default_factory=dict)     # this process's peak memory (MB) at each step's end

    @contextmanager
    def timed(self, step: str):
        """Adds the time the block takes to ``step``: where a build's time goes, for the user who
        wonders why an update took long and for the benchmarks' profile of one."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - began
            self.peaks[step] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux

    def render_timings(self) -> str:
        return "time by step: " + " · ".join(f"{k} {v:.2f} s" for k, v in self.timings.items())

    def render_peaks(self) -> str:
        """The build process's peak memory when each step ended (the extraction processes, when there
        are several, are not counted): the step where it rises is the one that holds the memory."""
        return "peak memory by step: " + " · ".join(f"{k} {v:.0f} MB" for k, v in self.peaks.items())

    def render(self, shown: int | None = SHOWN) -> str:
        """The summary; each list (documents, notes, skipped files) cut to ``shown`` lines and a count
        of the rest, which :data:`REPORT` holds (``shown=None``: everything)."""
        def listed(items: list[str], what: str) -> list[str]:
            if shown is None or len(items) <= shown + 1:   # "… and 1 more" would take the line it saves
                return items
            return items[:shown] + [f"… and {len(items) - shown} more {what} (all in {self.out_dir}/{REPORT})"]

        lines = [f"Built {self.out_dir}/ from {len(self.documents)} document(s):"]
        lines += listed([f"  {doc_id:<24} {kind:<10} {source}" for doc_id, kind, source in self.documents],
                        "document(s)")
        lines.append(f"claims {self.claims} · references {self.references} · mentions {self.mentions} · "
                     f"relations {self.relations} · comparisons {self.comparisons}")
        lines.append(f"{OUTPUT_GRAPH}: {self.quads} quads in {self.graphs} named graphs ({self.triples} distinct "
                     f"triples) · {PROVENANCE}: {self.provenance_quads} quads")
        lines.append("entities by type: " + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items())))
        if self.reused:
            lines.append(f"{self.reused} of {len(self.documents)} document(s) unchanged: extraction reused from the cache")
        if self.comparisons_kept:
            lines.append(f"{self.comparisons_kept} narrative(s) and the literature unchanged: comparisons kept")
        if self.comparisons_made != self.comparisons:
            lines.append(f"comparisons made by this build: {self.comparisons_made} of {self.comparisons}, "
                         "the others kept from the last build")
        if self.library:
            lines.append(self.library)
        if self.assembly:
            lines.append(self.assembly)
        lines += listed([f"note: {p}" for p in self.problems], "note(s)")
        lines += listed([f"skipped: {p}" for p in self.skipped], "skipped file(s)")
        if self.reasoning:
            lines.append(self.reasoning)
        if self.timings:
            lines.append(self.render_timings())
            lines.append(self.render_peaks())
        lines.append("outputs: " + ", ".join([*OUTPUTS, PROVENANCE, REPORT]))
        return "\n".join(lines)


def build(paths: list[Path], out_dir: Path, kind: str | None = None,
          progress: Callable[[str], None] | None = None, strict: bool = False,
          reason: bool = False, engine: str = "local", scheduler: str | None = None,
          processes: int = 1, batch_size: int = 32, grobid: str | None = None) -> BuildSummary:
    """Build one graph from every document under ``paths`` into ``out_dir``.

    ``engine="dask"`` extracts the documents on a Dask cluster (``scheduler`` address, or a local
    cluster) and caches their outputs here; the graph is the same as with the local engine. The local
    engine parses ``batch_size`` documents at a time (``nlp.pipe``) in ``processes`` processes.
    ``grobid``, a GROBID server's base URL, has PDFs read by that server."""
    from spasmkg.graph.document_graph import graph_iri
    from spasmkg.graph.store.index import refresh as refresh_index

    from spasmkg.build import growth
    from spasmkg.build.cache import DocumentCache
    from spasmkg.build.progress import as_progress
    from spasmkg.graph.export import export
    from spasmkg.graph.provenance import BuildRecord, activity_dataset

    out_dir = Path(out_dir)
    check_paths(paths)                     # a missing input leaves no output folder behind
    progress = as_progress(progress)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".build.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise SpasmkgError("E017", path=out_dir) from None
    ds, built = None, False
    try:
        recover(out_dir)
        skipped: list[SpasmkgError] = []
        summary = BuildSummary(out_dir=out_dir)
        with summary.timed("opening the store"):
            ds = growth.open_store(out_dir / WORK)
        record = BuildRecord()
        texts: dict[str, str] = {}
        libraries: list = []           # reference libraries among the inputs: not documents
        cache = DocumentCache(out_dir)
        options = {"grobid": grobid}
        if progress:
            progress.begin(count_files(paths))
        with summary.timed("extraction"):
            if engine == "dask":
                entries = _extract_on_dask(list(iter_documents(paths, kind, skipped, summary.problems, libraries, options)), scheduler, cache, ds, summary,
                                           record, texts, skipped, progress)
            else:
                entries = _extract_here(iter_documents(paths, kind, skipped, summary.problems, libraries, options), cache, ds, summary, record, texts,
                                        skipped, progress, processes, batch_size)
        summary.reused = cache.hits
        summary.skipped = [str(e) for e in skipped]
        if progress:
            progress.end()
            for e in skipped:
                progress.note(f"skipped: {e}")
        if strict and skipped:
            raise SpasmkgError("E027", count=len(skipped))
        if not summary.documents:
            raise SpasmkgError("E020", reasons=_reasons(skipped))
        with summary.timed("documents removed"):
            growth.forget_others(ds, entries)
        if progress:
            progress.note("reading patient accounts against the literature, assembling across documents")
        with summary.timed("comparisons"):
            summary.comparisons, summary.comparisons_kept, summary.comparisons_made = \
                growth.compare(ds, texts, entries, cache.folder)
        with summary.timed("assembly"):
            summary.library = _enrich(ds, libraries)
            source, summary.assembly_read = growth.assembly_records(ds, entries, cache.folder)
            assembled = _assemble(ds, growth.cooccurrence_counts(ds, entries, cache.folder), source)
            summary.assembly = assembled.render()
        with summary.timed("counting"):
            summary.entities_by_type = _entities_by_type(ds)
        if reason:
            with summary.timed("reasoning"):
                summary.reasoning = _reason(ds, progress)
        with summary.timed("counting"):
            summary.triples = len(ds)
            summary.quads = ds.store.quad_count()
            summary.graphs = len(ds.store.graph_names())
        record.finish()
        with summary.timed("provenance"):
            activity = activity_dataset(record, growth.pipeline(ds))
            summary.provenance_quads = sum(1 for _ in activity.quads())
        # each document's TriG block and annotations were made when it was extracted, each comparison
        # graph's block when its rows were: copied, not redone
        contents: dict = {}            # where each graph is in graph.trig: the index takes in only what changed
        blocks = {**{graph_iri(i): e.trig for i, e in entries.items()}, **growth.comparison_blocks(ds)}
        cached = {"trig": {"cached": blocks, "contents": contents},
                  "annotations": {"cached": {i: e.annotations for i, e in entries.items()}},
                  "gexf": {"network": None if reason else assembled.network}}   # inferences may add to it
        if progress:
            progress.note(f"writing {', '.join([*OUTPUTS, PROVENANCE, REPORT])}")
        with staged(out_dir) as stage:
            for name, fmt in OUTPUTS.items():
                with summary.timed(name):
                    export(fmt, ds, stage / name, **cached.get(fmt, {}))
                faults.point(f"stage:{name}")
            export("trig", activity, stage / PROVENANCE)
            atomic_write_text(stage / REPORT, summary.render(shown=None) + "\n")
        with summary.timed("index"):          # after the report is written: the printed summary shows it
            refresh_index(out_dir, contents=contents)
        built = True
        return summary
    finally:
        try:
            if ds is not None:
                growth.save(ds) if built else ds.store.destroy()
        finally:
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
        return "no document among the inputs (text, Markdown, PDF, PubMed Central or PubMed XML, PubMed text, TEI or HTML)"
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
    counted_skips = 0

    def count_skips() -> None:   # files the input reader passed over are done too
        nonlocal counted_skips
        while progress and counted_skips < len(skipped):
            counted_skips += 1
            progress.step("skipped")

    def misses():
        for d in docs:
            count_skips()
            by_id[d.doc_id] = d
            order.append(d.doc_id)
            cached = cache.get(d)
            if cached is not None:
                done[d.doc_id] = cached
                if progress:
                    progress.step(f"{d.path.name} (from the cache)")
                continue
            yield d
        count_skips()

    for job, outputs in analyse_many(misses(), batch_size=batch_size, n_process=processes, then=document_outputs):
        if isinstance(outputs, Exception):   # one document's failure must not cost the corpus
            d = by_id[job.doc_id]
            skipped.append(_skip(d, outputs))
            counted_skips += 1   # its file was counted in the total once; it is done now
            if progress:
                progress.step(f"{d.path.name} (failed)")
            continue
        done[job.doc_id] = cache.put(job, outputs)
        if progress:
            progress.step(f"{by_id[job.doc_id].path.name} ({job.kind})")
    return _attach([by_id[i] for i in order if i in done], done, ds, summary, record, texts)


def _extract_on_dask(docs, scheduler, cache, ds, summary, record, texts, skipped, progress) -> dict:
    """Documents not in the cache are extracted on the cluster; each result is cached as it arrives."""
    from spasmkg.build.engines import run_dask
    by_id = {d.doc_id: d for d in docs}
    done, jobs = {}, []
    for _ in skipped if progress else ():
        progress.step("skipped")
    for d in docs:
        cached = cache.get(d)
        if cached is not None:
            done[d.doc_id] = cached
            if progress:
                progress.step(f"{d.path.name} (from the cache)")
        else:
            jobs.append(d)
    for job, result in run_dask(jobs, scheduler):
        if progress:
            progress.step(f"{by_id[job.doc_id].path.name} (dask)")
        if isinstance(result, BaseException):
            skipped.append(_skip(by_id[job.doc_id], result))
            continue
        done[job.doc_id] = cache.put(job, result)
    return _attach([d for d in docs if d.doc_id in done], done, ds, summary, record, texts)


def _attach(docs, done: dict, ds, summary, record, texts) -> dict:
    """Each extracted document's graph into the build's store, and into the summary, in input order."""
    from spasmkg.build.growth import attach
    for d in docs:
        entry = done[d.doc_id]
        attach(ds, d.doc_id, entry)
        texts[d.doc_id] = d.text
        record.add_input(d.doc_id, d.path)
        summary.documents.append((d.doc_id, d.kind, d.path.name))
        summary.claims += entry.counts["claims"]
        summary.references += entry.counts["references"]
        summary.mentions += entry.counts["mentions"]
        summary.relations += entry.counts["relations"]
        summary.problems.extend(f"{d.path.name}: {p}" for p in entry.counts["problems"])
    return {d.doc_id: done[d.doc_id] for d in docs}


def _enrich(ds, libraries: list) -> str:
    """Reference entries completed from the reference libraries among the inputs (before works are
    merged, so a DOI a library gives also joins works)."""
    from spasmkg.graph.assembly.library import enrich
    return enrich(ds, libraries).render() if libraries else ""


def _assemble(ds, counted, source):
    """One knowledge base over all documents: shared works, statements, conflicts, communities."""
    from spasmkg.graph.assembly.run import assemble
    return assemble(ds, counted, source)


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
    """Each line of progress on stderr, as it comes."""
    print(msg, file=sys.stderr, flush=True)
