"""Where extraction runs: here in batches, in worker processes, or on a Dask cluster.

Extraction of one document is a pure function from its text to its outputs (its own named graph as
N-Triples, that graph's TriG block, its annotations), so it can run anywhere and the results can be
loaded in any order: the same inputs give the same graph.

* ``local``: :func:`analyse_many` parses ``batch_size`` documents at a time with ``nlp.pipe``, each
  batch in a child process forked from a parent that has the pipeline loaded, under a per-document
  time and memory budget (:mod:`spasmkg.build.budget`); with several processes, several children
  run at once. Batches come back in order, at most two per worker waiting, so memory stays bounded
  however long the input stream is.
* ``dask``: :func:`run_dask` sends batches of documents to a Dask cluster — a scheduler address in real use, or
  a ``LocalCluster`` on this machine when no address is given — and gathers their outputs.
"""
from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from spasmkg.build.budget import guarded
from spasmkg.extract.document import DocumentInput, analyse_batch
from spasmkg.extract.pipeline import load_nlp

if TYPE_CHECKING:
    from spasmkg.build.document_outputs import DocumentOutputs

ENGINES = ("local", "dask")



def batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_many(items: Iterable[DocumentInput], batch_size: int = 64, n_process: int = 1,
                 vocab_dir: str | None = None, then: Callable[[Any], Any] | None = None
                 ) -> Iterator[tuple[DocumentInput, Any]]:
    """Documents to results, in input order. ``then`` (a module-level function) turns each result
    into what is yielded instead, in the process that made the result, so that work is spread over
    the workers too. A document whose analysis fails yields its exception instead of a result; the
    others go on.

    Each batch runs in a child process under the per-document budget (:mod:`spasmkg.build.budget`):
    a document that takes too long or too much memory yields an ``E091``/``E092`` error."""
    items = iter(items)
    first = next(items, None)
    if first is None:            # every document came from the cache: no pipeline to load
        return
    load_nlp(vocab_dir)          # loaded once here, shared copy-on-write by the forked children
    items = chain([first], items)

    def work(batch: list[DocumentInput]) -> list:
        return analyse_batch(batch, vocab_dir, then)

    yield from guarded(batches(items, batch_size), work, workers=max(1, n_process),
                       source=lambda item: item.path or item.source)


def extract_batch(jobs: list[DocumentInput]) -> list[tuple[str, DocumentOutputs | BaseException]]:
    """Several documents -> their outputs, parsed together with ``nlp.pipe`` as a local build does;
    a document that fails gives its error and costs only itself."""
    from spasmkg.build.document_outputs import document_outputs
    return [(job.doc_id, result) for job, result in analyse_batch(jobs, None, document_outputs)]


def run_dask(jobs: Iterable[DocumentInput], scheduler: str | None = None, workers: int = 2,
             progress: Callable[[str], None] | None = None,
             batch_size: int = 32) -> Iterator[tuple[DocumentInput, DocumentOutputs | BaseException]]:
    """Extract ``jobs`` on a Dask cluster, yielding (job, result or the error it raised) as each
    batch ends. A task is a batch of ``batch_size`` documents: one task per document would pay
    the scheduler's round trip and lose ``nlp.pipe``'s batching for every document.

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); without it a
    ``LocalCluster`` of ``workers`` single-threaded processes is started and closed here.
    """
    from dask.distributed import Client, LocalCluster, as_completed
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
    client = Client(scheduler or cluster)
    try:
        jobs = list(jobs)
        chunks = list(batches(jobs, max(1, batch_size)))
        futures = client.map(extract_batch, chunks, key=[f"extract-{c[0].doc_id}-{len(c)}" for c in chunks])
        chunk_of = {f.key: c for f, c in zip(futures, chunks)}
        done = 0
        for fut in as_completed(futures):
            chunk = chunk_of[fut.key]
            exc = fut.exception()
            results = dict(fut.result()) if exc is None else {}
            for job in chunk:
                done += 1
                if progress:
                    progress(f"[{done}/{len(jobs)}] {job.doc_id} (dask)")
                yield job, (exc if exc is not None else results[job.doc_id])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
