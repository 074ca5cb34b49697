"""Shared fixtures: the seeds built once per test session into a temporary folder."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the properties draw the same examples every run, so a result can be reproduced; elsewhere
# each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@contextlib.contextmanager
def oxigraph_serve(location: Path):
    """A real ``oxigraph serve`` on a free loopback port, storing in ``location``; yields its base URL
    once it answers, and stops it on exit."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.skip("the oxigraph server binary is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory) -> Path:
    from spasmkg.build.run import build
    out = tmp_path_factory.mktemp("seeds-out")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seeds_dataset(seeds_out):
    from spasmkg.graph.store.files import load
    return load(seeds_out)


@pytest.fixture(scope="session")
def seeds_memory(seeds_dataset):
    """The seeds graph in an rdflib store, for tests of what a query answers."""
    from spasmkg.graph.store.memory import MemoryStore
    return MemoryStore(seeds_dataset)


@pytest.fixture(scope="session")
def small_out(tmp_path_factory) -> Path:
    """A short review and a patient's account written for the export tests (``tests/graph/export/texts/``),
    built once per test process: claims, references with a DOI and a PMID, relations, dated events."""
    from spasmkg.build.run import build
    out = tmp_path_factory.mktemp("small-out")
    build([ROOT / "tests" / "graph" / "export" / "texts"], out)
    return out


@pytest.fixture(scope="session")
def small_dataset(small_out):
    from spasmkg.graph.store.files import load
    return load(small_out)


@pytest.fixture(scope="session")
def review_text() -> str:
    return (SEEDS / "002_7dac934f6533a53f.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def narrative_text() -> str:
    return (SEEDS / "000_13e9793492f49aec.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def oxigraph_server(seeds_out, tmp_path_factory):
    """A real ``oxigraph serve`` on 127.0.0.1 (union default graph) holding the seeds graph, pushed
    through the Graph Store Protocol. Yields its base URL; the server is stopped at the end."""
    from spasmkg.graph.store.push import push
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph-serve")) as base:
        push(seeds_out, f"{base}/store")
        yield base


@pytest.fixture(scope="session")
def seeds_stores(seeds_out, seeds_dataset, oxigraph_server, tmp_path_factory):
    """The seeds graph in each kind of store: rdflib in memory, embedded Oxigraph, a remote endpoint,
    and the index the build left beside the graph (opened as a query opens it)."""
    from spasmkg.graph.store.endpoint import EndpointStore
    from spasmkg.graph.store.index import open_index
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.graph.store.oxigraph import OxigraphStore
    oxi = OxigraphStore(tmp_path_factory.mktemp("oxigraph-store"))
    oxi.load_graph(seeds_out)
    return {"memory": MemoryStore(seeds_dataset), "oxigraph": oxi,
            "endpoint": EndpointStore(f"{oxigraph_server}/query", timeout=30),
            "index": open_index(seeds_out, announce=None)}


#: fixtures that build the seeds graph (or a corpus) or start a server: a test using one is slow (``-m "not slow"``
#: leaves it out of ``make test-fast``)
SLOW_FIXTURES = {"seeds_out", "seeds_dataset", "oxigraph_server", "seeds_stores", "shelf"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
