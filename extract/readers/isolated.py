"""A reader run in a child process with a deadline and a memory cap.

A PDF is a program of sorts: a stream compressed a thousandfold unpacks to gigabytes, a page of
deeply nested forms can keep a parser busy for minutes. The build reads its inputs in its own
process, so a reader of such a format runs its work in a child forked from it, with ``RLIMIT_AS``
set to what the child holds plus a cap, and is killed past a deadline: the file is skipped by name
and the build goes on. Where ``fork`` is not available (or this process may not have children, a
daemon worker) the work runs here, without the limits.
"""
from __future__ import annotations

import multiprocessing as mp
from typing import Callable, TypeVar

from spasmkg.common.errors import SpasmkgError
from spasmkg.common.memory import cap_address_space, send_result

T = TypeVar("T")


def _child(conn, work: Callable[[], object], mb: float) -> None:
    try:
        cap_address_space(mb)
        message = ("ok", work())
    except MemoryError:
        message = ("memory", None)
    except SpasmkgError as exc:
        message = ("coded", exc)
    except BaseException as exc:   # noqa: BLE001 - told to the parent, which names the file
        message = ("error", f"{type(exc).__name__}: {exc}")
    send_result(conn, message)


def can_isolate() -> bool:
    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


def run_isolated(work: Callable[[], T], seconds: float, mb: float,
                 over: Callable[[str], SpasmkgError], failed: Callable[[str], SpasmkgError]) -> T:
    """``work()`` in a child process; its result, or its :class:`SpasmkgError` raised here.
    ``over("time" | "memory")`` is raised when it passes a limit, ``failed(reason)`` when it
    fails otherwise (an exception, a crash)."""
    if not can_isolate():
        return work()
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, work, mb), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise over("time")
        try:
            kind, payload = receive.recv()
        except (EOFError, OSError):
            proc.join(5)
            # killed without a word: the kernel's out-of-memory killer, or a crash in C code
            raise failed(f"the reading process ended with code {proc.exitcode}") from None
    finally:
        receive.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if kind == "ok":
        return payload            # type: ignore[return-value]
    if kind == "memory":
        raise over("memory")
    if kind == "coded":
        raise payload
    raise failed(payload)
