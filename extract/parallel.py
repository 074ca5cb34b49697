"""Analysis on several cores: whole batches go to worker processes, results come back in order.

Each worker loads the pipeline once (forked from a parent that has it already when it can) and
analyses a batch with ``nlp.pipe``; the parent keeps at most two batches per worker in flight, so
memory stays bounded however long the input stream is. Results are plain dataclasses, pickled back.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from typing import Callable, Iterable, Iterator

_VOCAB_DIR: str | None = None


def _init(vocab_dir: str | None) -> None:
    global _VOCAB_DIR
    _VOCAB_DIR = vocab_dir
    from .pipeline import load_nlp
    load_nlp(vocab_dir)


def _work(batch, then):
    from .document import _analyse_batch
    return _analyse_batch(batch, _VOCAB_DIR, then)


def analyse_in_processes(items: Iterable, batch_size: int, n_process: int,
                         vocab_dir: str | None = None, then: Callable | None = None) -> Iterator:
    """What :func:`spasmkg.extract.document.analyse_many` yields, computed by ``n_process`` workers."""
    from .document import _batches
    from .pipeline import load_nlp
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        load_nlp(vocab_dir)          # loaded once here, shared copy-on-write by the forked workers
    with ctx.Pool(n_process, initializer=_init, initargs=(vocab_dir,)) as pool:
        pending: deque = deque()
        for batch in _batches(items, batch_size):
            pending.append(pool.apply_async(_work, (batch, then)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
