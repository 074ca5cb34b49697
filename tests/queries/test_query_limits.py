"""Hostile queries: a pathological regex is stopped at the time limit, a huge answer is cut, updates
and SERVICE are refused, FROM does not fetch, the worker cannot reach the network, and parameters
are bound so a crafted value stays a value."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rdflib import Dataset, Literal, URIRef

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries import runner
from spasmkg.queries.sandbox import run_limited

EVIL = 'SELECT ?s WHERE { ?s ?p ?l FILTER regex(str(?l), "^(a+)+$") }'


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("urn:x:g"))
    for i in range(200):
        g.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:label"), Literal("a" * 40 + "b")))
    return MemoryStore(ds)


@pytest.fixture(scope="module")
def listener():
    """A local HTTP server that counts the requests it gets: nothing may reach it."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<urn:x:a> <urn:x:b> <urn:x:c> .")
        do_POST = do_GET

        def log_message(self, *args):
            pass

    srv = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}/sparql", hits
    srv.shutdown()


def test_a_catastrophic_regex_is_stopped_at_the_time_limit(store):
    t0 = time.monotonic()
    with pytest.raises(SpasmkgError) as info:
        run_limited(lambda: store.query(EVIL), timeout=2)
    assert info.value.code == "E022"
    assert time.monotonic() - t0 < 10                 # unguarded, this query runs for days


def test_the_answer_is_cut_at_the_result_limit(store):
    answer, cut = run_limited(lambda: store.query("SELECT * WHERE { ?s ?p ?o }"), max_rows=25)
    assert len(answer.rows) == 25 and cut == 25
    answer, cut = run_limited(lambda: store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), max_rows=7)
    assert len(answer.graph) == 7 and cut == 7
    answer, cut = run_limited(lambda: store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 3"), max_rows=25)
    assert len(answer.rows) == 3 and cut == 0


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
])
def test_updates_are_refused(store, update):
    with pytest.raises(SpasmkgError) as info:
        store.query(update)
    assert info.value.code == "E014"
    assert len(store.ds) == 200


@pytest.mark.parametrize("where", [
    "SERVICE <{url}> {{ ?s ?p ?o }}",
    "SERVICE SILENT <{url}> {{ ?s ?p ?o }}",
    "?s ?p ?o OPTIONAL {{ SERVICE <{url}> {{ ?s ?q ?r }} }}",
    "{{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
])
def test_service_to_another_address_is_refused(store, listener, where):
    url, hits = listener
    with pytest.raises(SpasmkgError) as info:
        run_limited(lambda: store.query("SELECT * WHERE { " + where.format(url=url) + " }"))
    assert info.value.code == "E015" and hits == []


def test_from_does_not_fetch_a_graph(store, listener):
    url, hits = listener
    try:
        answer, _ = run_limited(lambda: store.query(f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"))
    except SpasmkgError:
        answer = None
    assert hits == []
    assert answer is None or all(str(r["s"]) != "urn:x:a" for r in answer.rows)


def test_the_worker_cannot_open_a_connection(listener):
    url, hits = listener
    host, port = url.split("//")[1].split("/")[0].split(":")
    with pytest.raises(SpasmkgError) as info:
        run_limited(lambda: socket.create_connection((host, int(port)), timeout=2))
    assert info.value.code == "E023" and hits == []


INJECTIONS = [
    'x")) } ; DROP ALL ; INSERT DATA { <urn:pwn> <urn:p> "1',
    "x' } UNION { ?claim ?p ?o } #",
    '"\\"\\u0022 } } SELECT * WHERE { ?s ?p ?o',
    "\u0000\ufeff\u202e",
    "\\",
]


@pytest.fixture(scope="module")
def seeds_stores(seeds_out, seeds_dataset, tmp_path_factory):
    from spasmkg.graph.store.oxigraph import OxigraphStore
    ox = OxigraphStore(tmp_path_factory.mktemp("ox"))
    ox.load_graph(seeds_out)
    return {"memory": MemoryStore(seeds_dataset), "oxigraph": ox}


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
@pytest.mark.parametrize("value", INJECTIONS)
def test_a_crafted_parameter_stays_a_value(seeds_stores, kind, value):
    st = seeds_stores[kind]
    before = st.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0]["n"]
    assert runner.select(st, "claims-matching", {"text": value})[1] == []
    assert runner.select(st, "exam-signs", {"condition": value})[1] == []
    for name, key in (("claims-citing", "ref"), ("claim-by-iri", "claim")):   # typed: refused, never run
        with pytest.raises(SpasmkgError) as err:
            runner.select(st, name, {key: value})
        assert err.value.code == "E028"
    assert st.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0]["n"] == before
    assert runner.select(st, "claims-matching", {"text": "84% of US adults"})[1]


def test_cli_sparql_applies_the_limits(seeds_out):
    base = [sys.executable, "-m", "spasmkg.cli", "sparql", "--graph", str(seeds_out)]
    # rdflib backtracks on this pattern for hours (Oxigraph's regex engine does not): the limit stops it.
    # A count reads every literal, so the answer cannot come from the first page before a bad one
    p = subprocess.run([*base, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?l FILTER regex(str(?l), "^(\\\\w+\\\\s?)+$") }',
                        "--timeout", "2", "--store", "memory"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 2 and "[E022]" in p.stderr
    p = subprocess.run([*base, "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "5", "--format", "json"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and len(json.loads(p.stdout)["results"]["bindings"]) == 5
    assert "cut at 5 rows" in p.stderr
