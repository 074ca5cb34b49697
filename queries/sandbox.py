"""Running a user's SPARQL query with a time limit, a result limit and no network.

Neither rdflib nor pyoxigraph can stop a query from inside: a ``FILTER regex(?l, "^(a+)+$")`` can
run for hours. So the query runs in a forked worker process that inherits the loaded graph; the
parent waits for at most the time limit and then kills the worker. The worker cuts the answer to
the result limit before sending it back, and an audit hook refuses every network connection in it
(a second net behind the ``SERVICE`` guard of :mod:`spasmkg.graph.store.safety`).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, Callable

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.safety import check_utf8

_NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "urllib.Request")


def _no_network(event: str, args: tuple) -> None:
    if event in _NETWORK_EVENTS:
        raise SpasmkgError("E023", reason="a query on the local graph may not reach the network")


def _cap(answer: Any, max_rows: int) -> bool:
    """Cut ``answer`` (an object with ``rows`` or ``graph``) to ``max_rows``; True when it was cut,
    here or already by the store while it read the answer (``answer.cut``)."""
    cut = bool(getattr(answer, "cut", False))
    rows = getattr(answer, "rows", None)
    if rows and len(rows) > max_rows:
        answer.rows = rows[:max_rows]
        return True
    graph = getattr(answer, "graph", None)
    if graph is not None and len(graph) > max_rows:
        from rdflib import Graph
        trimmed = Graph()
        for i, t in enumerate(graph):
            if i >= max_rows:
                break
            trimmed.add(t)
        answer.graph = trimmed
        return True
    return cut


def check_max_rows(max_rows: object) -> int:
    """A row limit of at least 1: 0 would return nothing and look like an empty answer."""
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise SpasmkgError("E082", value=max_rows)
    return max_rows


def user_query_text(arg: str) -> str:
    """The query a user gave: ``arg`` itself, or the content of the ``.rq``/``.sparql`` file it
    names; either must be valid UTF-8 (E083)."""
    path = Path(arg)
    if len(arg) < 4096 and "\n" not in arg and path.suffix in (".rq", ".sparql") and path.exists():
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpasmkgError("E083", source=str(path), reason=f"byte 0x{exc.object[exc.start]:02x} at byte {exc.start + 1}") from None
        except OSError as exc:
            raise SpasmkgError("E002", path=path, reason=exc.strerror or type(exc).__name__) from None
    return check_utf8(arg, "the query")


def _one_line(record: logging.LogRecord) -> bool:
    """Keep an engine's warning but not its traceback: rdflib logs one for every literal it cannot
    convert (a 5,000-digit integer, a malformed date), which a user reads as a crash."""
    record.exc_info, record.exc_text = None, None
    return True


def _worker(fn: Callable[[], Any], conn, max_rows: int, offline: bool) -> None:
    try:
        logging.getLogger("rdflib.term").addFilter(_one_line)
        if offline:
            sys.addaudithook(_no_network)
        answer = fn()
        cut = _cap(answer, max_rows)
        conn.send(("ok", answer, cut))
    except SpasmkgError as exc:
        conn.send(("error", exc.code, exc.values))
    except BaseException as exc:   # report any failure of the engine to the parent, by type
        first = (str(exc).strip().splitlines() or [""])[0]
        conn.send(("fail", f"{type(exc).__name__}: {first}".rstrip(": "), None))
    finally:
        conn.close()
        os._exit(0)   # a forked child must not run the parent's exit handlers


def run_limited(fn: Callable[[], Any], timeout: float | None = None, max_rows: int | None = None,
                offline: bool = True) -> tuple[Any, int]:
    """``fn()`` run in a worker process: its answer, and ``max_rows`` when it was cut to that
    many rows or triples (else 0). ``fn`` should itself stop reading at ``max_rows`` (a store's
    ``query(..., max_rows=)``), so a huge answer is never built; the cut here is a second net.

    Raises E082 for a ``max_rows`` below 1, E022 when it runs longer than ``timeout`` seconds (the worker is killed), and the
    worker's own error when it fails. ``offline`` refuses network connections in the worker."""
    timeout = limits.QUERY_TIMEOUT_S if timeout is None else timeout
    max_rows = check_max_rows(limits.MAX_RESULT_ROWS if max_rows is None else max_rows)
    logging.getLogger("rdflib.term").addFilter(_one_line)   # the answer's literals are made again here
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(fn, send, max_rows, offline), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise SpasmkgError("E022", seconds=timeout)
        status, payload, extra = recv.recv()
    except EOFError:
        proc.join(5)
        raise SpasmkgError("E023", reason=f"the query process ended unexpectedly (exit code {proc.exitcode})") from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if status == "error":
        raise SpasmkgError(payload, **extra)
    if status == "fail":
        raise SpasmkgError("E023", reason=payload)
    return payload, max_rows if extra else 0


def check_limits(timeout: float | None, max_rows: int | None) -> int:
    """The row limit to apply, after refusing a timeout under a second (E044) or a row limit under one
    (E082): called before a graph is loaded."""
    from spasmkg.common import limits
    from spasmkg.graph.store.endpoint import check_timeout
    logging.getLogger("rdflib.term").addFilter(_one_line)   # the query is parsed here too (paging)
    if timeout is not None:
        check_timeout(timeout)
    return check_max_rows(limits.MAX_RESULT_ROWS if max_rows is None else max_rows)


def run_sparql(store, text: str, timeout: float | None = None, max_rows: int | None = None,
               allow_service: bool = False) -> tuple[Any, int]:
    """A user's read-only query on ``store`` with the limits of :func:`run_limited`: its answer,
    and the row count it was cut to (0 when whole). The limits are checked before anything runs.

    On a local store the worker has no network unless ``allow_service``; an endpoint is never sent
    SERVICE, and its limit is the sum of its per-request timeouts and retries."""
    from spasmkg.graph.store.remote import time_budget
    max_rows = check_limits(timeout, max_rows)
    local = store.name != "endpoint"
    limit = timeout if local else time_budget(store.timeout)
    store.allow_service = local and allow_service
    def ask():
        # an embedded database is opened again in the worker, never used through the forked handle
        own = store.reopened() if hasattr(store, "reopened") else store
        return own.query(text, max_rows=max_rows)
    return run_limited(ask, timeout=limit, max_rows=max_rows, offline=local and not allow_service)
