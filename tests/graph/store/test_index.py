"""The index beside a built graph (``OUT/index/``): the build leaves it, queries answer from it without
reading the TriG, a changed ``graph.trig`` is indexed again before anyone reads it, and an index that
is missing, unreadable or half written is never the one that answers."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from spasmkg.cli import main
from spasmkg.graph.store import index

SKG = "https://w3id.org/spasmkg/ontology#"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def graph_folder(folder: Path, labels: list[str]) -> Path:
    """A small built-graph folder of our own: one named graph, one labelled entity per label."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["<https://w3id.org/spasmkg/id/graph/notes> {"]
    for i, label in enumerate(labels):
        lines.append(f'<https://w3id.org/spasmkg/id/entity/e{i}> a <{SKG}Condition> ; '
                     f'<http://www.w3.org/2000/01/rdf-schema#label> "{label}" .')
    lines.append("}")
    (folder / "graph.trig").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def ask(capsys, graph: Path, *extra: str) -> tuple[str, str]:
    assert main(["sparql", COUNT, "--graph", str(graph), "--format", "csv", *extra]) == 0
    out, err = capsys.readouterr()
    return out.splitlines()[1], err


def test_a_first_query_indexes_and_later_ones_ask_the_index(tmp_path, capsys):
    graph = graph_folder(tmp_path / "g", ["cramp", "spasm"])
    n, err = ask(capsys, graph)
    assert n == "4" and err.startswith("note: ") and err.count("\n") == 1
    assert "has no index yet: indexed it into" in err and "(4 quads, " in err
    assert index.state(graph) == "fresh"
    n, err = ask(capsys, graph)
    assert n == "4" and err == ""                                  # fresh: asked, not rebuilt
    recorded = json.loads((graph / "index" / index.STAMP).read_text())["files"]["graph.trig"]
    assert recorded["sha256"] == hashlib.sha256((graph / "graph.trig").read_bytes()).hexdigest()


def test_a_changed_graph_is_indexed_again_and_the_answer_follows_it(tmp_path, capsys):
    graph = graph_folder(tmp_path / "g", ["cramp", "spasm"])
    ask(capsys, graph)
    graph_folder(graph, ["cramp", "spasm", "stiffness"])
    n, err = ask(capsys, graph)
    assert n == "6" and "changed since it was indexed" in err
    assert ask(capsys, graph, "--store", "memory")[0] == "6"       # what rdflib reads from the file


def test_the_same_bytes_written_again_are_not_indexed_again(tmp_path, capsys):
    graph = graph_folder(tmp_path / "g", ["cramp"])
    ask(capsys, graph)
    graph_folder(graph, ["cramp"])                                 # written again: a new time, the same text
    n, err = ask(capsys, graph)
    assert n == "2" and err == ""


@pytest.mark.parametrize("damage", ["stamp", "pointer", "database"])
def test_an_unreadable_index_is_built_again(tmp_path, capsys, damage):
    graph = graph_folder(tmp_path / "g", ["cramp"])
    ask(capsys, graph)
    where = graph / "index"
    if damage == "stamp":
        (where / index.STAMP).write_text("{not json", encoding="utf-8")
    elif damage == "pointer":
        (where / "ACTIVE").write_text("data-gone\n", encoding="utf-8")
    else:
        db = next(p for p in where.iterdir() if p.is_dir())
        shutil.rmtree(db)
        db.mkdir()
    n, err = ask(capsys, graph)
    assert n == "2" and "indexed it into" in err
    n, err = ask(capsys, graph)
    assert n == "2" and err == ""


def test_the_index_answers_as_rdflib_does_and_several_readers_share_it(seeds_out):
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.queries import runner
    assert index.state(seeds_out) == "fresh"                       # the build left it
    one, two = index.open_index(seeds_out, announce=None), index.open_index(seeds_out, announce=None)
    memory = MemoryStore(load(seeds_out))
    for name in ("statement-support", "patient-events", "most-cited-references"):
        params = runner.get(name).example_params()
        want = runner.select(memory, name, params)[1]
        assert runner.select(one, name, params)[1] == runner.select(two, name, params)[1]
        assert sorted(map(repr, runner.select(one, name, params)[1])) == sorted(map(repr, want))


PROBE = textwrap.dedent("""
    import sys
    opened = []
    sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
    from spasmkg.cli import main
    code = main(sys.argv[1:])
    print("read graph.trig:", any(p.endswith("graph.trig") for p in opened), "exit:", code)
""")


def probe(*args: str) -> tuple[str, str]:
    p = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300)
    return p.stdout, p.stderr


def test_a_cold_query_never_reads_the_trig(seeds_out):
    """A new process answers from the index the build left: it never opens ``graph.trig`` (its
    ``stat`` matches the index's record), where the in-memory store reads it whole."""
    out, err = probe("query", "uncited-references", "--graph", str(seeds_out))
    assert "kg:doc/spasm-review  23" in out and out.rstrip().endswith("read graph.trig: False exit: 0")
    assert "index" not in err
    out, _ = probe("query", "uncited-references", "--graph", str(seeds_out), "--store", "memory")
    assert "kg:doc/spasm-review  23" in out and "read graph.trig: True" in out    # the probe can tell


def killed_at(point: str, graph: Path) -> None:
    """A query that must index ``graph``, killed with SIGKILL at the fault point ``point``."""
    p = subprocess.Popen([sys.executable, "-m", "spasmkg.cli", "sparql", COUNT, "--graph", str(graph)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "SPASMKG_FAULT_PAUSE": point})
    try:
        for line in p.stderr:
            if line.startswith(f"fault point {point}"):
                break
        else:
            pytest.fail(f"never reached {point}")
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()


@pytest.mark.parametrize("point", ["index:written", "index:swapping"])
def test_a_killed_indexing_leaves_no_half_index_in_use(tmp_path, capsys, point):
    graph = graph_folder(tmp_path / "g", ["cramp"])
    ask(capsys, graph)
    graph_folder(graph, ["cramp", "spasm"])
    killed_at(point, graph)
    # before the swap the old index is still there, and stale; during it there is none
    assert index.state(graph) == ("stale" if point == "index:written" else "missing")
    n, err = ask(capsys, graph)
    assert n == "4" and "indexed it into" in err
    assert not list(graph.glob(".index-*"))                        # the killed one's folders are gone


def test_the_build_keeps_the_index_out_of_exports(seeds_out, capsys):
    assert main(["export", "turtle", "--graph", str(seeds_out), "--out", str(seeds_out / "index" / "x.ttl")]) == 2
    assert "[E096]" in capsys.readouterr().err


def test_a_folder_the_index_cannot_be_written_in_is_a_coded_error(tmp_path, capsys):
    graph = graph_folder(tmp_path / "g", ["cramp"])
    (graph / index.LOCK).mkdir()                                   # where the lock file must go
    assert main(["sparql", COUNT, "--graph", str(graph)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spasmkg: error: [E130]") and str(graph / "index") in err and "--store memory" in err
    n, _ = ask(capsys, graph, "--store", "memory")
    assert n == "2" and not (graph / "index").exists()
