"""Remote endpoints that are down, slow, failing or talking garbage: bounded retries with backoff,
clear errors, no half-pushed graph, credentials from the environment or netrc and never shown,
TLS verified."""
from __future__ import annotations

import base64
import json
import shutil
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import oxigraph_serve

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote
from spasmkg.graph.store.endpoint import EndpointStore
from spasmkg.graph.store.push import push

pytestmark = pytest.mark.slow

SECRET = "s3cr3t-Pa55"
ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()


class Scripted:
    """A local HTTP server answering each request with the next scripted reply:
    ``(status, body)`` or ``("sleep", seconds)``; the last reply repeats. It records every request."""

    def __init__(self, replies, tls: ssl.SSLContext | None = None):
        self.replies, self.requests = list(replies), []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                outer.requests.append((self.command, self.path, dict(self.headers), body))
                reply = outer.replies.pop(0) if len(outer.replies) > 1 else outer.replies[0]
                if reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = (200, ASK_TRUE)
                status, data = reply
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/sparql-results+json" if data[:1] == b"{" else "text/html")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted():
    servers = []

    def make(replies, tls=None):
        servers.append(Scripted(replies, tls))
        return servers[-1]
    yield make
    for s in servers:
        s.close()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(remote, "BACKOFF_S", 0.05)
    for name in (remote.ENV_TOKEN, remote.ENV_USER, remote.ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(remote.ENV_NETRC, "/nonexistent")


def test_transient_failures_are_retried(scripted):
    srv = scripted([(503, b"busy"), (502, b"bad gateway"), (200, ASK_TRUE)])
    assert EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}").boolean is True
    assert len(srv.requests) == 3


def test_retries_are_bounded(scripted):
    srv = scripted([(500, b"Internal error: out of memory")])
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E043" and "500" in str(info.value)
    assert len(srv.requests) == remote.ATTEMPTS


def test_a_client_error_is_not_retried(scripted):
    srv = scripted([(400, b"Parse error at line 1")])
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E043" and "400" in str(info.value) and len(srv.requests) == 1


def test_a_slow_endpoint_times_out_on_every_attempt(scripted):
    srv = scripted([("sleep", 3)])
    t0 = time.monotonic()
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=1).query("ASK {}")
    assert info.value.code == "E016" and "timed out" in str(info.value)
    assert len(srv.requests) == remote.ATTEMPTS and time.monotonic() - t0 < 10


@pytest.mark.filterwarnings("ignore:unknown response content type:RuntimeWarning")
@pytest.mark.parametrize("query,reply,words", [
    ("SELECT * WHERE { ?s ?p ?o }", b"<html><body>Proxy login</body></html>", "not SPARQL JSON"),
    ("SELECT * WHERE { ?s ?p ?o }", b'{"results": 7}', "not SPARQL JSON"),
    ("SELECT * WHERE { ?s ?p ?o }", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {}}]}}', "not SPARQL JSON"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", b"<html>oops</html> <<<", "not Turtle"),
])
def test_garbage_answers_are_clear_errors(scripted, query, reply, words):
    srv = scripted([(200, reply)])
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query(query)
    assert info.value.code == "E043" and words in str(info.value)


def test_credentials_come_from_the_environment_and_are_never_shown(scripted, monkeypatch):
    srv = scripted([(401, b"Unauthorized")])
    monkeypatch.setenv(remote.ENV_USER, "alice")
    monkeypatch.setenv(remote.ENV_PASSWORD, SECRET)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert "401" in str(info.value) and SECRET not in str(info.value)
    sent = srv.requests[0][2].get("Authorization")
    assert sent == "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
    monkeypatch.setenv(remote.ENV_TOKEN, "tok-" + SECRET)
    assert remote.auth_headers(srv.url) == {"Authorization": f"Bearer tok-{SECRET}"}


def test_credentials_never_travel_over_plain_http_to_another_machine(monkeypatch):
    monkeypatch.setenv(remote.ENV_TOKEN, SECRET)
    with pytest.raises(SpasmkgError) as info:        # 192.0.2.1 is a documentation address: never reached
        EndpointStore("http://192.0.2.1/query", timeout=1).query("ASK {}")
    assert info.value.code == "E047" and SECRET not in str(info.value)
    assert remote.auth_headers("https://192.0.2.1/query") == {"Authorization": f"Bearer {SECRET}"}


def test_credentials_from_a_netrc_file(scripted, tmp_path, monkeypatch):
    srv = scripted([(200, ASK_TRUE)])
    rc = tmp_path / "netrc"
    rc.write_text(f"machine 127.0.0.1 login bob password {SECRET}\n", encoding="utf-8")
    rc.chmod(0o600)
    monkeypatch.setenv(remote.ENV_NETRC, str(rc))
    assert EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}").boolean is True
    assert srv.requests[0][2]["Authorization"] == "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()
    rc.write_text(f"machine 127.0.0.1 login bob password {SECRET} bogus\n", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        remote.auth_headers(srv.url)
    assert info.value.code == "E046" and SECRET not in str(info.value)


def test_credentials_in_a_url_are_refused_without_echoing_them(seeds_out):
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"http://alice:{SECRET}@127.0.0.1:9/query")
    assert info.value.code == "E045" and SECRET not in str(info.value)
    with pytest.raises(SpasmkgError) as info:
        push(seeds_out, f"http://alice:{SECRET}@127.0.0.1:9/store")
    assert info.value.code == "E045" and SECRET not in str(info.value)
    assert SECRET not in remote.redact(f"http://127.0.0.1:9/sparql?api_key={SECRET}&graph=g")


def test_the_command_line_never_prints_credentials(scripted, seeds_out):
    srv = scripted([(500, b"Internal Server Error")])
    env = {**__import__("os").environ, remote.ENV_USER: "alice", remote.ENV_PASSWORD: SECRET}
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "sparql", "ASK {}", "--endpoint",
                        f"{srv.url}/query?token={SECRET}", "--timeout", "2"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2 and "[E043]" in p.stderr
    assert SECRET not in p.stdout + p.stderr


@pytest.fixture(scope="module")
def tls_context(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")],
                   check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d / "cert.pem", d / "key.pem")
    return ctx, d / "cert.pem"


def test_tls_is_verified(scripted, tls_context):
    ctx, cert = tls_context
    srv = scripted([(200, ASK_TRUE)], tls=ctx)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E016" and "CERTIFICATE_VERIFY_FAILED" in str(info.value)
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "sparql", "ASK {}", "--endpoint", f"{srv.url}/query"],
                       capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "SSL_CERT_FILE": str(cert)})
    assert p.returncode == 0 and p.stdout.strip() == "true", p.stderr   # trusted through SSL_CERT_FILE


# --- pushes against a real Oxigraph server, through a proxy that injects faults -------------

class FaultProxy:
    """Forwards every request to ``upstream``; ``fail(method, path, body)`` picks requests to
    answer with HTTP 500 instead."""

    def __init__(self, upstream: str):
        self.fail = lambda method, path, body: False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else None
                if outer.fail(self.command, self.path, body or b""):
                    self.send_response(500)
                    self.send_header("Content-Length", "14")
                    self.end_headers()
                    self.wfile.write(b"injected fault")
                    return
                req = urllib.request.Request(upstream + self.path, data=body, method=self.command,
                                             headers={k: v for k, v in self.headers.items() if k.lower() == "content-type"})
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        status, data = resp.status, resp.read()
                except urllib.error.HTTPError as exc:
                    status, data = exc.code, exc.read()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture(scope="module")
def own_oxigraph(tmp_path_factory):
    """An ``oxigraph serve`` of this module's own (pushes here must not disturb other tests)."""
    with oxigraph_serve(tmp_path_factory.mktemp("ox-serve")) as base:
        proxy = FaultProxy(base)
        yield base, proxy
        proxy.server.shutdown()


def state(base: str) -> dict[str, int]:
    st = EndpointStore(f"{base}/query", timeout=30)
    rows = st.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")[1]
    return {str(r["g"]): int(r["n"]) for r in rows}


def changed_graph_folder(tmp_path: Path, first: str) -> Path:
    """An output folder whose graph replaces ``first`` with three triples and adds a new graph."""
    out = tmp_path / "changed"
    out.mkdir()
    (out / "graph.trig").write_text(
        f"<{first}> {{ <urn:x:a> <urn:x:p> 1 , 2 , 3 . }}\n"
        "<urn:x:graph/new> { <urn:x:b> <urn:x:p> \"new\" . }\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_push_that_fails_half_way_changes_nothing(own_oxigraph, seeds_out, tmp_path, protocol):
    base, proxy = own_oxigraph
    proxy.fail = lambda *a: False
    push(seeds_out, f"{base}/store")
    before = state(base)
    first = sorted(g for g in before if g.startswith("https://"))[0]
    out = changed_graph_folder(tmp_path, first)
    target = f"{proxy.url}/store" if protocol == "gsp" else f"{proxy.url}/update"
    # 1. the second graph cannot be sent (the first is already staged)
    proxy.fail = lambda method, path, body: (method == "PUT" and urllib.parse.unquote(path).endswith(":1")) or \
        (b"INSERT DATA" in body and b":1>" in body)
    with pytest.raises(SpasmkgError):
        push(out, target, protocol=protocol, timeout=5)
    assert state(base) == before
    # 2. everything is staged, and the switch fails
    proxy.fail = lambda method, path, body: b"MOVE" in body
    with pytest.raises(SpasmkgError):
        push(out, target, protocol=protocol, timeout=5)
    assert state(base) == before                          # no temporary graph left either
    # 3. no fault: the push lands whole
    proxy.fail = lambda *a: False
    push(out, target, protocol=protocol, timeout=5)
    after = state(base)
    assert after[first] == 3 and after["urn:x:graph/new"] == 1
    assert {g: n for g, n in after.items() if g not in (first, "urn:x:graph/new")} == \
        {g: n for g, n in before.items() if g not in (first, "urn:x:graph/new")}
