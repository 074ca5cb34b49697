"""Each batch of documents analysed in a child process with a deadline and a memory cap, so that one
pathological file costs its own place in the graph and nothing else.

A batch runs in a process forked from one that has the pipeline loaded (no start-up cost), with
``RLIMIT_AS`` set to what the process holds plus :data:`~spasmkg.common.limits.DOC_MB`, and with a
deadline of :data:`~spasmkg.common.limits.DOC_SECONDS` per document in the batch. A child past
its deadline is killed; one that runs out of memory, or dies, is reaped. Its documents are then
analysed again one at a time, each with its own budget, so the document at fault is found and
reported (``E091`` time, ``E092`` memory, ``E019`` otherwise) and the others are built as usual.

Up to ``workers`` children run at once; batches come back in input order, and at most two per
worker wait to be handed on, so memory stays bounded however long the input stream is. Where
``fork`` is not available the batches run in this process, without a budget.
"""
from __future__ import annotations

import multiprocessing as mp
import pickle
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.common.memory import cap_address_space, send_result



def available() -> bool:
    return "fork" in mp.get_all_start_methods()


@dataclass
class _Job:
    seq: int                 # which batch of the input it belongs to
    first: int               # the index of its first document in that batch
    items: list
    proc: Any = None
    conn: Any = None
    deadline: float = 0.0


@dataclass
class _Batch:
    size: int
    parts: dict = field(default_factory=dict)   # index of a document in the batch -> [(item, result), ...]

    def done(self) -> bool:
        return sum(map(len, self.parts.values())) == self.size

    def results(self) -> list:
        return [r for k in sorted(self.parts) for r in self.parts[k]]


def _picklable(result: Any) -> Any:
    """An exception that cannot cross a pipe (a C library's, say) as a plain one with its text."""
    if isinstance(result, BaseException):
        try:
            pickle.loads(pickle.dumps(result))
        except Exception:   # noqa: BLE001 - any failure to round-trip
            return RuntimeError(f"{type(result).__name__}: {result}")
    return result


def _child(conn, work: Callable[[list], list], items: list, mb: float) -> None:
    """In the child: cap the address space, analyse, send ``("ok", results)`` or the failure."""
    try:
        cap_address_space(mb)
        out = [(item, _picklable(r)) for item, r in work(items)]
        message = ("ok", out)
    except MemoryError:
        message = ("memory", None)
    except BaseException as exc:   # noqa: BLE001 - reported to the parent, which decides
        message = ("error", f"{type(exc).__name__}: {exc}")
    send_result(conn, message)


def guarded(batches: Iterable[list], work: Callable[[list], list], workers: int = 1,
            source: Callable[[Any], Any] = lambda item: item) -> Iterator[tuple[Any, Any]]:
    """``work(batch)`` -> ``[(item, result or exception), ...]`` for each batch, run under the budget
    (see the module docstring); yields (item, result) in input order. ``source(item)`` names the
    document in a budget message."""
    if not available():
        for batch in batches:
            yield from work(batch)
        return
    ctx = mp.get_context("fork")
    todo: deque[_Job] = deque()
    running: list[_Job] = []
    pending: dict[int, _Batch] = {}
    feed = iter(batches)
    next_seq, fed, exhausted = 0, 0, False

    def start(job: _Job) -> None:
        receive, send = ctx.Pipe(duplex=False)
        job.proc = ctx.Process(target=_child, args=(send, work, job.items, limits.DOC_MB), daemon=True)
        job.proc.start()
        send.close()
        job.conn = receive
        job.deadline = time.monotonic() + limits.DOC_SECONDS * len(job.items)
        running.append(job)

    def finish(job: _Job, kind: str, payload: Any) -> None:
        running.remove(job)
        job.conn.close()
        job.proc.join(5)
        if job.proc.is_alive():
            job.proc.kill()
            job.proc.join()
        if kind == "ok":
            # a document that ran out of memory in a batch may have been crowded out: alone it may pass
            shared = len(job.items) > 1
            for k in reversed(range(len(payload))):
                item, result = payload[k]
                if shared and isinstance(result, MemoryError):
                    todo.appendleft(_Job(job.seq, job.first + k, [item]))
                else:
                    pending[job.seq].parts[job.first + k] = [(item, _as_budget_error(result, item, source))]
        elif len(job.items) > 1:                   # find the document at fault: one at a time
            for k in reversed(range(len(job.items))):
                todo.appendleft(_Job(job.seq, job.first + k, [job.items[k]]))
        else:
            item = job.items[0]
            pending[job.seq].parts[job.first] = [(item, _failure(kind, payload, item, source))]

    try:
        while True:
            while len(running) < workers:
                if not todo:
                    if exhausted or len(pending) > 2 * workers:
                        break
                    batch = next(feed, None)
                    if batch is None:
                        exhausted = True
                        break
                    pending[fed] = _Batch(len(batch))
                    todo.append(_Job(fed, 0, list(batch)))
                    fed += 1
                start(todo.popleft())
            while next_seq in pending and pending[next_seq].done():
                yield from pending.pop(next_seq).results()
                next_seq += 1
            if not running:
                if exhausted and not todo:
                    return
                continue
            timeout = max(0.0, min(j.deadline for j in running) - time.monotonic())
            ready = wait([j.conn for j in running], timeout=timeout)
            for job in [j for j in running if j.conn in ready]:
                try:
                    kind, payload = job.conn.recv()
                except (EOFError, OSError):
                    job.proc.join(5)
                    kind, payload = "died", job.proc.exitcode
                finish(job, kind, payload)
            now = time.monotonic()
            for job in [j for j in running if j.deadline <= now]:
                job.proc.kill()
                finish(job, "time", None)
    finally:
        for job in running:
            job.proc.kill()
            job.proc.join()
            job.conn.close()


def _as_budget_error(result: Any, item: Any, source: Callable[[Any], Any]) -> Any:
    if isinstance(result, MemoryError):
        return SpasmkgError("E092", path=source(item), mb=limits.DOC_MB)
    return result


def _failure(kind: str, payload: Any, item: Any, source: Callable[[Any], Any]) -> SpasmkgError:
    path = source(item)
    if kind == "time":
        return SpasmkgError("E091", path=path, seconds=limits.DOC_SECONDS)
    if kind == "memory":
        return SpasmkgError("E092", path=path, mb=limits.DOC_MB)
    if kind == "died":
        return SpasmkgError("E019", path=path, reason=f"the analysing process ended with code {payload}")
    return SpasmkgError("E019", path=path, reason=str(payload))
