"""Careless and hostile query input: a huge answer is cut while it is read, row and time limits
that would mean nothing are refused, and numbers too long for Python or bytes that are not UTF-8
give coded messages, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Literal, URIRef

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.graph.store.oxigraph import OxigraphStore
from spasmkg.queries import runner
from spasmkg.queries.sandbox import check_max_rows, run_limited, user_query_text

SPASMKG = [sys.executable, "-m", "spasmkg.cli"]
# 300 triples joined with themselves three times over: 27 million rows, far past any memory here
CARTESIAN = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
LONG_NUMBER = "7" * 5000


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("urn:x:g"))
    for i in range(300):
        g.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:label"), Literal(f"thing {i}")))
    out = tmp_path_factory.mktemp("small-graph")
    ds.serialize(out / "graph.trig", format="trig")
    ox = OxigraphStore(tmp_path_factory.mktemp("small-ox"))
    ox.load_graph(out)
    return {"memory": MemoryStore(ds), "oxigraph": ox, "dir": out}


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_the_row_cap_applies_while_the_answer_is_read(stores, kind):
    st = stores[kind]
    # built whole, this answer would take minutes and gigabytes: the time limit would stop it (E022)
    answer, cut = run_limited(lambda: st.query(CARTESIAN, max_rows=50), timeout=60, max_rows=50)
    assert len(answer.rows) == 50 and answer.cut and cut == 50
    answer = st.query("SELECT * WHERE { ?s ?p ?o }", max_rows=300)       # exactly the limit: not cut
    assert len(answer.rows) == 300 and not answer.cut
    answer = st.query("SELECT * WHERE { ?s ?p ?o }", max_rows=299)
    assert len(answer.rows) == 299 and answer.cut


def test_oxigraph_cuts_a_construct_while_reading(stores):
    answer = stores["oxigraph"].query("CONSTRUCT { ?a ?p ?b . ?c ?q ?d } WHERE { ?a ?p ?b . ?c ?q ?d }", max_rows=10)
    assert len(answer.graph) <= 10 and answer.cut


@pytest.mark.parametrize("bad", [0, -1, -10_000, True, 2.5])
def test_a_row_limit_below_one_is_refused(bad):
    with pytest.raises(SpasmkgError) as info:
        check_max_rows(bad)
    assert info.value.code == "E082"


def _cli(*args: str | bytes) -> subprocess.CompletedProcess:
    argv = [a.encode() if isinstance(a, str) else a for a in (*SPASMKG, *args)]
    return subprocess.run(argv, capture_output=True, timeout=300, env={**os.environ, "LC_ALL": "C.UTF-8"})


@pytest.mark.parametrize("value", ["0", "-1"])
def test_cli_refuses_a_meaningless_row_limit(stores, value):
    r = _cli("sparql", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(stores["dir"]), "--max-rows", value)
    assert r.returncode == 2 and b"[E082]" in r.stderr and r.stdout == b""


def test_cli_always_says_when_the_answer_was_cut(stores):
    base = ["sparql", "--graph", str(stores["dir"]), "--format", "json"]
    r = _cli(*base, "SELECT * WHERE { ?s ?p ?o } LIMIT 2", "--max-rows", "1")
    assert r.returncode == 0 and len(json.loads(r.stdout)["results"]["bindings"]) == 1
    assert b"cut at 1 rows" in r.stderr
    r = _cli(*base, "SELECT * WHERE { ?s ?p ?o } LIMIT 2", "--max-rows", "2")
    assert r.returncode == 0 and len(json.loads(r.stdout)["results"]["bindings"]) == 2 and b"cut" not in r.stderr


@pytest.mark.parametrize("value", ["0", "-5"])
def test_cli_refuses_a_timeout_below_a_second_before_running(stores, value):
    r = _cli("sparql", "ASK { ?s ?p ?o }", "--graph", str(stores["dir"]), "--timeout", value)
    assert r.returncode == 2 and b"[E044]" in r.stderr and b"[E022]" not in r.stderr
    r = _cli("query", "uncited-references", "--graph", str(stores["dir"]), "--timeout", value)
    assert r.returncode == 2 and b"[E044]" in r.stderr


def test_a_number_longer_than_python_converts_is_a_coded_error(stores, seeds_out):
    with pytest.raises(SpasmkgError) as info:
        runner.select(stores["memory"], "claims-citing", {"ref": LONG_NUMBER})
    assert info.value.code == "E028" and len(str(info.value)) < 300
    r = _cli("query", "claims-citing", "--param", f"ref={LONG_NUMBER}", "--graph", str(seeds_out))
    assert r.returncode == 2 and b"[E028]" in r.stderr and b"Traceback" not in r.stderr
    r = _cli("sparql", f"SELECT ?n WHERE {{ BIND({LONG_NUMBER} AS ?n) }}", "--graph", str(seeds_out), "--format", "csv")
    assert r.returncode == 0 and r.stdout.split()[1] == LONG_NUMBER.encode()
    r = _cli("sparql", f"SELECT ?n WHERE {{ BIND(1 + {LONG_NUMBER} AS ?n) }}", "--graph", str(seeds_out))
    assert b"Traceback" not in r.stderr


def test_bytes_that_are_not_utf8_are_a_coded_error(stores, tmp_path):
    r = _cli("query", "claims-matching", "--param", b"text=back \xff\xfe pain", "--graph", str(stores["dir"]))
    assert r.returncode == 2 and b"[E083]" in r.stderr and b"0xff" in r.stderr and b"Traceback" not in r.stderr
    r = _cli("sparql", b"SELECT * WHERE { ?s ?p \"\xc3\" }", "--graph", str(stores["dir"]))
    assert r.returncode == 2 and b"[E083]" in r.stderr and b"Traceback" not in r.stderr
    bad = tmp_path / "latin1.rq"
    bad.write_bytes("SELECT * WHERE { ?s ?p \"caf\u00e9\" }".encode("latin-1"))
    r = _cli("sparql", str(bad), "--graph", str(stores["dir"]))
    assert r.returncode == 2 and b"[E083]" in r.stderr and b"latin1.rq" in r.stderr and b"0xe9" in r.stderr
    with pytest.raises(SpasmkgError) as info:
        user_query_text(str(bad))
    assert info.value.code == "E083"
    with pytest.raises(SpasmkgError) as info:
        stores["memory"].query("SELECT * WHERE { ?s ?p \"\udcff\" }")
    assert info.value.code == "E083"
