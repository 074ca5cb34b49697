"""Starting the web application on a socket: ``serve`` for the command line (until Ctrl-C), and
``running`` for code that needs it for a while in a background thread (the benchmark)."""
from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import threading
from pathlib import Path
from typing import Callable, Iterator

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from spasmkg.graph.store.base import QueryStore
from spasmkg.graph.store.registry import open_store
from spasmkg.web.app import make_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def allowed_hosts(host: str) -> frozenset[str] | None:
    """The Host names a server bound to ``host`` answers: this machine's names when it listens on
    this machine only, any when it listens on a network (the reader chose to share it)."""
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return LOOPBACK_NAMES | {host.strip("[]").lower()} if loopback else None


@contextlib.contextmanager
def store_for_serving(spec: str | None, graph_dir: Path, endpoint: str | None = None,
                      timeout: int | None = None) -> Iterator[QueryStore]:
    """The store the pages read: the one ``--store``/``--endpoint`` names, as for ``spasmkg query``;
    by default the built graph's index (``OUT/index/``, made or renewed first when the graph changed).
    A page runs up to a dozen queries, which rdflib answers in 30-400 ms each at the seeds' size and
    Oxigraph in a few; ``--store memory`` still serves from rdflib."""
    yield open_store(spec, graph_dir, endpoint=endpoint, timeout=timeout)


def warm_up() -> None:
    """Parse every library query once (rdflib's parser takes tens of milliseconds a query; the
    verdict is remembered), so the first reader of a page does not wait for it."""
    from spasmkg.graph.store import safety
    from spasmkg.queries import runner
    for q in runner.library().values():
        safety.check_read_only(q.text)


def _start(store: QueryStore, host: str, port: int, timeout: int | None = None) -> tuple[HTTPServer, str]:
    """The server listening on ``host:port`` (0: a free port) and its base URL."""
    warm_up()
    sockets = bind_sockets(port, address=host)
    server = HTTPServer(make_app(store, timeout=timeout, hosts=allowed_hosts(host)), xheaders=False)
    server.add_sockets(sockets)
    bound = sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return server, f"http://{shown}:{bound}/"


def serve(store: QueryStore, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          announce: Callable[[str], None] = print, timeout: int | None = None) -> None:
    """Answer requests until interrupted; ``announce`` gets the address once it listens; ``timeout``
    limits each SPARQL query a reader writes (seconds)."""
    async def main() -> None:
        server, url = _start(store, host, port, timeout)
        announce(url)
        try:
            await asyncio.Event().wait()
        finally:
            server.stop()
    asyncio.run(main())


@contextlib.contextmanager
def running(store: QueryStore, host: str = DEFAULT_HOST, port: int = 0) -> Iterator[str]:
    """The application served from a background thread for the duration of the block; yields its URL."""
    ready = threading.Event()
    state: dict = {}

    def loop() -> None:
        async def main() -> None:
            server, state["url"] = _start(store, host, port)
            state["stop"] = asyncio.Event()
            state["loop"] = asyncio.get_running_loop()
            ready.set()
            await state["stop"].wait()
            server.stop()
        asyncio.run(main())

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    if not ready.wait(30):
        raise RuntimeError("the web server did not start")
    try:
        yield state["url"]
    finally:
        state["loop"].call_soon_threadsafe(state["stop"].set)
        thread.join(10)
