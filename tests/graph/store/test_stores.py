"""The stores and the endpoint client: push by either protocol, persistence of the embedded store,
clear errors for an endpoint that is down or a bad setting, and the command line on each store."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.endpoint import EndpointStore, check_timeout
from spasmkg.graph.store.push import push
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.graph.store.oxigraph import OxigraphStore
from spasmkg.graph.store.registry import open_store
from spasmkg.queries import runner

pytestmark = pytest.mark.slow
SPASMKG = [sys.executable, "-m", "spasmkg.cli"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_push_replaces_each_document_graph(seeds_out, seeds_dataset, oxigraph_server):
    store = EndpointStore(f"{oxigraph_server}/query")
    before = int(store.select(COUNT)[1][0]["n"])
    assert before == len(set(seeds_dataset.quads()))
    sent = push(seeds_out, f"{oxigraph_server}/store")           # a second push: PUT replaces
    assert sum(n for _, n in sent) == before
    assert int(store.select(COUNT)[1][0]["n"]) == before


def test_push_by_sparql_update(seeds_out, seeds_dataset, oxigraph_server):
    sent = push(seeds_out, f"{oxigraph_server}/update", protocol="update")
    assert {iri.rsplit("/", 1)[-1] for iri, _ in sent} >= {"spasm-review", "patient-clare", "build"}
    store = EndpointStore(f"{oxigraph_server}/query")
    assert int(store.select(COUNT)[1][0]["n"]) == len(set(seeds_dataset.quads()))
    names, rows = runner.select(store, "exam-signs", {"condition": "nerve root irritation"})
    assert len(rows) == 2


def test_endpoint_down_is_a_clear_error(seeds_out):
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(SpasmkgError) as err:
        EndpointStore(f"{url}/query", timeout=2).select("ASK {}")
    assert err.value.code == "E016" and url in str(err.value)
    with pytest.raises(SpasmkgError) as err:
        push(seeds_out, f"{url}/store", timeout=2)
    assert err.value.code == "E016"


def test_endpoint_that_does_not_answer_in_time(seeds_out):
    with socket.socket() as listener:          # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        with pytest.raises(SpasmkgError) as err:
            EndpointStore(url, timeout=1).select("ASK {}")
        assert err.value.code == "E016" and "timed out" in str(err.value)


def test_endpoint_refusal_is_reported(oxigraph_server):
    with pytest.raises(SpasmkgError) as err:
        EndpointStore(f"{oxigraph_server}/no-such-path").select("ASK {}")
    assert err.value.code == "E043" and "404" in str(err.value)


@pytest.mark.parametrize("bad", [0, 0.5, -1, 2.5])
def test_timeout_must_be_whole_positive_seconds(bad):
    with pytest.raises(SpasmkgError) as err:
        check_timeout(bad)
    assert err.value.code == "E044"


def test_timeout_in_force_is_positive():
    assert EndpointStore("http://127.0.0.1:9/query", timeout=3).timeout == 3
    assert EndpointStore("http://127.0.0.1:9/query").timeout > 0


@pytest.mark.parametrize("url", ["ftp://example.org/sparql", "file:///etc/passwd", "127.0.0.1:7878/query"])
def test_only_http_endpoints(url):
    with pytest.raises(SpasmkgError):
        EndpointStore(url)


def test_oxigraph_store_persists(seeds_out, tmp_path, seeds_dataset):
    where = tmp_path / "oxi"
    st = OxigraphStore(where)
    assert st.is_empty()
    st.load_graph(seeds_out)
    del st
    again = OxigraphStore(where)                      # reopened: the data is on disk
    assert int(again.select(COUNT)[1][0]["n"]) == len(set(seeds_dataset.quads()))


def test_open_store(seeds_out, tmp_path):
    default = open_store(None, seeds_out)                       # the index the build left beside the graph
    assert isinstance(default, OxigraphStore) and default.read_only and default.path == seeds_out / "index"
    assert isinstance(open_store("index", seeds_out), OxigraphStore)
    assert isinstance(open_store("memory", seeds_out), MemoryStore)
    st = open_store(f"oxigraph:{tmp_path / 'x'}", seeds_out)     # empty: filled from the built graph
    assert not st.is_empty()
    with pytest.raises(SpasmkgError) as err:
        open_store("postgres:db", seeds_out)
    assert err.value.code == "E042"
    with pytest.raises(SpasmkgError) as err:
        OxigraphStore(tmp_path / "empty").select("ASK {}")
    assert err.value.code == "E041"


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*SPASMKG, *args], capture_output=True, text=True, timeout=120)


def test_cli_same_table_from_every_store(seeds_out, oxigraph_server, tmp_path):
    q = ["query", "exam-signs", "--param", "condition=nerve root irritation", "--graph", str(seeds_out)]
    memory = _cli(*q)
    assert memory.returncode == 0, memory.stderr
    assert "Lasègue sign" in memory.stdout and "(2 rows)" in memory.stdout
    pushed = _cli("push", "--store", f"oxigraph:{tmp_path / 'oxi'}", "--graph", str(seeds_out))
    assert pushed.returncode == 0 and "quads" in pushed.stdout
    assert _cli(*q, "--store", f"oxigraph:{tmp_path / 'oxi'}").stdout == memory.stdout
    assert _cli(*q, "--endpoint", f"{oxigraph_server}/query").stdout == memory.stdout


def test_cli_trace_and_sparql_on_endpoint(seeds_out, oxigraph_server):
    local = _cli("trace", "84% of US adults", "--graph", str(seeds_out))
    remote = _cli("trace", "84% of US adults", "--endpoint", f"{oxigraph_server}/query")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and "[12] Chou R" in remote.stdout
    ask = _cli("sparql", "ASK { ?c a <https://w3id.org/spasmkg/ontology#Claim> }", "--endpoint", f"{oxigraph_server}/query")
    assert ask.returncode == 0 and ask.stdout.strip() == "true"


def test_cli_endpoint_down(seeds_out):
    url = f"http://127.0.0.1:{_closed_port()}"
    r = _cli("query", "uncited-references", "--endpoint", f"{url}/query", "--timeout", "2")
    assert r.returncode == 2 and "E016" in r.stderr and url in r.stderr
    r = _cli("push", "--endpoint", f"{url}/store", "--graph", str(seeds_out), "--timeout", "2")
    assert r.returncode == 2 and "E016" in r.stderr


def test_cli_build_straight_into_an_oxigraph_store(tmp_path):
    from conftest import SEEDS
    r = _cli("build", str(SEEDS / "000_13e9793492f49aec.txt"), "--out", str(tmp_path / "out"), "--quiet",
             "--store", f"oxigraph:{tmp_path / 'kg'}")
    assert r.returncode == 0, r.stderr
    assert f"quads into {tmp_path / 'kg'}" in r.stdout
    ask = _cli("sparql", "ASK { ?p a <https://w3id.org/spasmkg/ontology#Patient> }", "--store", f"oxigraph:{tmp_path / 'kg'}",
               "--graph", str(tmp_path / "nowhere"))
    assert ask.returncode == 0 and ask.stdout.strip() == "true", ask.stderr


@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?c a <https://w3id.org/spasmkg/ontology#Claim> } WHERE { ?c a <https://w3id.org/spasmkg/ontology#Claim> }",
    "DESCRIBE ?c WHERE { ?c a <https://w3id.org/spasmkg/ontology#Claim> } LIMIT 1",
])
def test_endpoint_graph_answers_are_read_as_rdf(seeds_out, oxigraph_server, query):
    """A CONSTRUCT or DESCRIBE answer arrives as Turtle or N-Triples and is read into a graph."""
    remote = EndpointStore(f"{oxigraph_server}/query").query(query)
    assert remote.kind == "CONSTRUCT" and len(remote.graph) > 0
    if query.startswith("CONSTRUCT"):
        local = MemoryStore.open(seeds_out).query(query)
        assert set(remote.graph) == set(local.graph)
