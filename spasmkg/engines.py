"""Where extraction runs: in this process, or on a Dask cluster.

Extraction of one document is a pure function from its text to its outputs (its own named graph as
N-Triples, that graph's TriG block, its annotations), so it can run anywhere and the results can be
loaded in any order: the same inputs give the same graph. The ``dask`` engine sends documents to a
Dask cluster — a scheduler address in real use, or a ``LocalCluster`` on this machine when no
address is given — and gathers their outputs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from spasmkg.extract.document import DocumentInput

if TYPE_CHECKING:
    from spasmkg.graph.document_outputs import DocumentOutputs

ENGINES = ("local", "dask")


#: what a worker needs to extract one document (plain data, cheap to send)
Job = DocumentInput


def extract(job: Job) -> DocumentOutputs:
    """One document -> its outputs (named graph, TriG block, annotations, counts)."""
    from spasmkg.extract.document import analyse_text
    from spasmkg.graph.document_outputs import document_outputs
    return document_outputs(analyse_text(job.text, job.doc_id, job.source, job.kind, title=job.title))


def run_dask(jobs: Iterable[Job], scheduler: str | None = None, workers: int = 2,
             progress: Callable[[str], None] | None = None) -> Iterator[tuple[Job, DocumentOutputs | BaseException]]:
    """Extract ``jobs`` on a Dask cluster, yielding (job, result or the error it raised) as each ends.

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
        futures = client.map(extract, jobs, key=[f"extract-{j.doc_id}" for j in jobs])
        job_of = {f.key: j for f, j in zip(futures, jobs)}
        for k, fut in enumerate(as_completed(futures), start=1):
            job = job_of[fut.key]
            if progress:
                progress(f"[{k}/{len(jobs)}] {job.doc_id} (dask)")
            exc = fut.exception()
            yield job, (exc if exc is not None else fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
