"""The persistent Oxigraph store under ``kill -9``: a load killed at any point leaves a store that
opens and answers with the whole previous graph; the next load succeeds."""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from spasmkg.graph.store.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow

LOADER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from spasmkg.graph.store.oxigraph import OxigraphStore
    print("loading", flush=True)
    n = OxigraphStore(Path(sys.argv[1])).load_graph(Path(sys.argv[2]))
    print("done", n, flush=True)
""")


def graph_folder(folder: Path, n: int, tag: str) -> Path:
    folder.mkdir(parents=True)
    with open(folder / "graph.trig", "w", encoding="utf-8") as fh:
        fh.write(f"<urn:x:graph/{tag}> {{\n")
        for i in range(n):
            fh.write(f'<urn:x:s{i}> <urn:x:p> "{tag} {i}" .\n')
        fh.write("}\n")
    return folder


def count(store_dir: Path) -> tuple[int, set[str]]:
    st = OxigraphStore(store_dir)
    rows = st.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")[1]
    del st
    gc.collect()                 # pyoxigraph query results hold the database open through a cycle
    return sum(int(r["n"]) for r in rows), {str(r["g"]) for r in rows}


def start_load(store_dir: Path, src: Path, env: dict | None = None) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", LOADER, str(store_dir), str(src)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    assert p.stdout.readline().strip() == "loading"
    return p


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("oxsrc")
    return graph_folder(root / "old", 1000, "old"), graph_folder(root / "big", 400_000, "big")


@pytest.mark.parametrize("delay", [0.3, 1.0])
def test_kill_9_in_the_middle_of_a_load_keeps_the_previous_graph(tmp_path, sources, delay):
    old, big = sources
    store_dir = tmp_path / "store"
    OxigraphStore(store_dir).load_graph(old)
    p = start_load(store_dir, big)
    time.sleep(delay)
    if p.poll() is not None:
        pytest.skip("the load finished before the kill (machine too fast for this delay)")
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert count(store_dir) == (1000, {"urn:x:graph/old"})
    assert OxigraphStore(store_dir).load_graph(old) == 1000      # and it loads again


@pytest.mark.parametrize("point", ["oxigraph:loaded", "oxigraph:switched"])
def test_kill_9_around_the_switch(tmp_path, sources, point):
    old, _ = sources
    new = graph_folder(tmp_path / "new", 50, "new")
    store_dir = tmp_path / "store"
    OxigraphStore(store_dir).load_graph(old)
    p = start_load(store_dir, new, env={"SPASMKG_FAULT_PAUSE": point})
    line = ""
    while f"fault point {point}" not in line:
        line = p.stderr.readline()
        assert line or p.poll() is None, p.stderr.read()
    p.send_signal(signal.SIGKILL)
    p.wait()
    expected = (1000, {"urn:x:graph/old"}) if point == "oxigraph:loaded" else (50, {"urn:x:graph/new"})
    assert count(store_dir) == expected
    assert OxigraphStore(store_dir).load_graph(new) == 50
    assert len([d for d in store_dir.iterdir() if d.is_dir()]) == 1            # debris cleaned up
