"""Hostile and careless use over the network, against real servers started here on 127.0.0.1:
redirects that would carry credentials elsewhere, endpoints that trickle, never stop, talk garbage
or stall, pushes the endpoint did not keep, and URLs with a bad port."""
from __future__ import annotations

import base64
import json
import os
import socket
import socketserver
import struct
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

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote
from spasmkg.graph.store.endpoint import EndpointStore
from spasmkg.graph.store.push import push

pytestmark = pytest.mark.slow

SECRET = "k33p-0ut-Of-Logs"
ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()
SPASMKG = [sys.executable, "-m", "spasmkg.cli"]


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch):
    monkeypatch.setattr(remote, "BACKOFF_S", 0.05)
    for name in (remote.ENV_TOKEN, remote.ENV_USER, remote.ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(remote.ENV_NETRC, "/nonexistent")


CREDENTIALS = {
    "basic": {remote.ENV_USER: "alice", remote.ENV_PASSWORD: SECRET},
    "bearer": {remote.ENV_TOKEN: SECRET},
}


class Recorder:
    """An HTTP server that records each request; ``reply(handler)`` answers it (default: ASK true)."""

    def __init__(self, reply=None):
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.reply = reply or (lambda h: h.answer(200, ASK_TRUE))
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                self.body = self.rfile.read(n) if n else b""
                outer.requests.append((self.command, self.path, dict(self.headers)))
                outer.reply(self)

            def answer(self, status: int, data: bytes = b"", headers: dict[str, str] | None = None):
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class _Threading(socketserver.ThreadingTCPServer):
    daemon_threads = True


class Raw:
    """A TCP server whose ``behave(sock)`` writes whatever bytes it likes after reading a request."""

    def __init__(self, behave):
        self.stop = threading.Event()
        self.seen: list[bytes] = []      # each request's head, as it arrived
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = self.request.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                outer.seen.append(data)
                try:
                    behave(self.request, outer.stop)
                except OSError:
                    pass

        self.server = _Threading(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers():
    made = []

    def make(kind, *args):
        made.append(kind(*args))
        return made[-1]
    yield make
    for s in made:
        s.close()


@pytest.fixture(scope="module")
def small_out(tmp_path_factory) -> Path:
    """A built output folder of two small named graphs (a push needs nothing more)."""
    out = tmp_path_factory.mktemp("small-out")
    (out / "graph.trig").write_text(
        "<urn:x:graph/one> { <urn:x:a> <urn:x:p> 1 , 2 , 3 . }\n"
        "<urn:x:graph/two> { <urn:x:b> <urn:x:p> \"two\" . }\n", encoding="utf-8")
    return out


def _run(*args, env_extra: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, remote.ENV_NETRC: "/nonexistent", **(env_extra or {})}
    for name in (remote.ENV_TOKEN, remote.ENV_USER, remote.ENV_PASSWORD):
        if name not in (env_extra or {}):
            env.pop(name, None)
    return subprocess.run([*SPASMKG, *args], capture_output=True, env=env, timeout=timeout)


# --- 1. credentials never follow a redirect to another origin ---------------------------------

def _redirector(target: str, status: int):
    return lambda h: h.answer(status, b"", {"Location": target + h.path})


@pytest.mark.parametrize("scheme", sorted(CREDENTIALS))
@pytest.mark.parametrize("status", [302, 307])
def test_a_query_is_not_redirected_to_another_origin(servers, monkeypatch, scheme, status):
    other = servers(Recorder)
    first = servers(Recorder, _redirector(other.url, status))
    for k, v in CREDENTIALS[scheme].items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{first.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E080" and other.url in str(info.value) and SECRET not in str(info.value)
    assert first.requests[0][2]["Authorization"].split()[0] == {"basic": "Basic", "bearer": "Bearer"}[scheme]
    assert other.requests == []                       # the other origin never saw the request


@pytest.mark.parametrize("scheme", sorted(CREDENTIALS))
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_push_is_not_redirected_to_another_origin(servers, monkeypatch, small_out, scheme, protocol):
    other = servers(Recorder)
    first = servers(Recorder, _redirector(other.url, 307))
    for k, v in CREDENTIALS[scheme].items():
        monkeypatch.setenv(k, v)
    url = f"{first.url}/store" if protocol == "gsp" else f"{first.url}/update"
    with pytest.raises(SpasmkgError) as info:
        push(small_out, url, protocol=protocol, timeout=5)
    assert info.value.code == "E080" and SECRET not in str(info.value)
    assert first.requests and all("Authorization" in r[2] for r in first.requests)
    assert other.requests == []


def test_a_redirect_within_the_origin_is_followed_only_when_it_keeps_the_request(servers, monkeypatch):
    def moved(h):
        if h.path.startswith("/old"):
            h.answer(307, b"", {"Location": "/query"})
        elif h.path.startswith("/gone"):
            h.answer(302, b"", {"Location": "/query"})
        else:
            h.answer(200, ASK_TRUE if h.body.startswith(b"query=") else b"no query in the body")
    srv = servers(Recorder, moved)
    monkeypatch.setenv(remote.ENV_TOKEN, SECRET)
    assert EndpointStore(f"{srv.url}/old", timeout=5).query("ASK {}").boolean is True
    assert [r[1] for r in srv.requests] == ["/old", "/query"]
    assert srv.requests[1][2]["Authorization"] == f"Bearer {SECRET}"
    with pytest.raises(SpasmkgError) as info:            # a 302 turns a POST into a GET without its body
        EndpointStore(f"{srv.url}/gone", timeout=5).query("ASK {}")
    assert info.value.code == "E080" and "307" in str(info.value)


def test_the_command_line_names_the_redirect_without_credentials(servers):
    other = servers(Recorder)
    first = servers(Recorder, _redirector(f"{other.url}/x?token={SECRET}&", 302))
    r = _run("query", "uncited-references", "--endpoint", f"{first.url}/query", "--timeout", "5",
             env_extra={remote.ENV_USER: "alice", remote.ENV_PASSWORD: SECRET})
    err = r.stderr.decode()
    assert r.returncode == 2 and "[E080]" in err and f"{other.url}/x" in err and "Traceback" not in err
    assert SECRET not in err + r.stdout.decode() and other.requests == []


# --- 2. limits that limit: one deadline per request, a cap on the answer, coded failures ------

def _trickle(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(0.5):
        sock.sendall(b" ")


def _trickle_headers(sock: socket.socket, stop: threading.Event) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
        if stop.wait(0.3):
            return
        sock.sendall(bytes([byte]))


def _endless(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[")
    block = b"0," * 32768
    while not stop.is_set():
        sock.sendall(block)


def _garbage(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"\x16\x03\x01 this is not HTTP at all\r\n\r\n")


def _stall_after_headers(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"head\"")
    stop.wait(60)


@pytest.mark.parametrize("behave", [_trickle, _trickle_headers, _stall_after_headers])
def test_a_slow_answer_is_stopped_at_the_deadline(servers, behave):
    srv = servers(Raw, behave)
    t0 = time.monotonic()
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=1).query("ASK {}")
    assert info.value.code == "E016" and "timed out" in str(info.value)
    assert time.monotonic() - t0 < remote.time_budget(1)


def test_query_timeout_holds_against_a_trickling_endpoint(servers):
    srv = servers(Raw, _trickle)
    r = _run("query", "uncited-references", "--endpoint", f"{srv.url}/query", "--timeout", "2",
             timeout=remote.time_budget(2) + 30)
    assert r.returncode == 2 and "[E016]" in r.stderr.decode() and "timed out" in r.stderr.decode()


def test_an_endless_answer_is_cut_at_the_size_limit(servers, monkeypatch):
    srv = servers(Raw, _endless)
    monkeypatch.setattr(limits, "MAX_RESPONSE_MB", 2)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=60).query("SELECT * WHERE { ?s ?p ?o }")
    assert info.value.code == "E081" and "2 MB" in str(info.value)
    r = _run("sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{srv.url}/query", "--timeout", "60",
             env_extra={"SPASMKG_MAX_RESPONSE_MB": "3"})
    assert r.returncode == 2 and "[E081]" in r.stderr.decode() and "3 MB" in r.stderr.decode()


def test_an_answer_that_is_not_http_is_a_coded_error(servers):
    srv = servers(Raw, _garbage)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E043" and "not HTTP" in str(info.value)
    r = _run("sparql", "ASK {}", "--endpoint", f"{srv.url}/query", "--timeout", "5")
    assert r.returncode == 2 and "[E043]" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_a_stalled_answer_through_the_command_line_is_a_coded_error(servers):
    srv = servers(Raw, _stall_after_headers)
    r = _run("sparql", "ASK {}", "--endpoint", f"{srv.url}/query", "--timeout", "1")
    assert r.returncode == 2 and "[E016]" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


# --- 4. a push is done only when the endpoint holds it ----------------------------------------

class Proxy:
    """Forwards to a real server; ``mode(method, path, body)`` may instead ``"swallow"`` a request
    (answer 204, forward nothing), ``"drop"`` it (reset the connection, forward nothing), or
    ``"reset"`` the connection after forwarding it."""

    def __init__(self, upstream: str):
        self.mode = lambda method, path, body: "forward"
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else None
                mode = outer.mode(self.command, self.path, body or b"")
                if mode == "drop":
                    self._reset()
                    return
                if mode == "swallow":
                    self.send_response(204)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                req = urllib.request.Request(upstream + self.path, data=body, method=self.command,
                                             headers={k: v for k, v in self.headers.items()
                                                      if k.lower() in ("content-type", "accept")})
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        status, data, ctype = resp.status, resp.read(), resp.headers.get("Content-Type", "")
                except urllib.error.HTTPError as exc:
                    status, data, ctype = exc.code, exc.read(), "text/plain"
                if mode == "reset":
                    self._reset()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def _reset(self):
                """Close with a TCP reset, no answer sent."""
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture(scope="module")
def proxied_oxigraph(tmp_path_factory):
    with oxigraph_serve(tmp_path_factory.mktemp("ox-hostile")) as base:
        proxy = Proxy(base)
        yield base, proxy
        proxy.server.shutdown()


def graphs(base: str) -> dict[str, int]:
    rows = EndpointStore(f"{base}/query", timeout=30).select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")[1]
    return {str(r["g"]): int(r["n"]) for r in rows}


def _folder(tmp_path: Path, value: str) -> Path:
    out = tmp_path / value
    out.mkdir()
    (out / "graph.trig").write_text(f"<urn:x:graph/one> {{ <urn:x:a> <urn:x:p> \"{value}\" , 1 . }}\n",
                                    encoding="utf-8")
    return out


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_push_the_endpoint_did_not_keep_is_a_failure(proxied_oxigraph, tmp_path, protocol):
    base, proxy = proxied_oxigraph
    before = graphs(base)
    proxy.mode = lambda method, path, body: "swallow" if method in ("PUT", "POST") and "/query" not in path else "forward"
    target = f"{proxy.url}/store" if protocol == "gsp" else f"{proxy.url}/update"
    with pytest.raises(SpasmkgError) as info:
        push(_folder(tmp_path, "kept"), target, protocol=protocol, timeout=5)
    assert info.value.code == "E084" and "urn:x:graph/one" in str(info.value)
    r = _run("push", "--endpoint", target, "--protocol", protocol, "--graph", str(tmp_path / "kept"), "--timeout", "5")
    assert r.returncode == 2 and "[E084]" in r.stderr.decode() and b"pushed to" not in r.stdout
    assert graphs(base) == before


def test_push_by_update_to_a_redirecting_endpoint_is_a_failure(servers, small_out):
    other = servers(Recorder)
    first = servers(Recorder, _redirector(other.url, 302))
    r = _run("push", "--endpoint", f"{first.url}/update", "--protocol", "update", "--graph", str(small_out),
             "--timeout", "5")
    assert r.returncode == 2 and "[E080]" in r.stderr.decode() and b"pushed to" not in r.stdout
    assert other.requests == []


def test_a_lost_answer_to_the_switch_is_checked_before_it_is_reported(proxied_oxigraph, tmp_path):
    base, proxy = proxied_oxigraph
    # the endpoint applies the MOVE, and the connection is reset before its answer arrives
    proxy.mode = lambda method, path, body: "reset" if b"MOVE" in body else "forward"
    sent = push(_folder(tmp_path, "applied"), f"{proxy.url}/store", timeout=5)
    assert sent == [("urn:x:graph/one", 2)]
    now = graphs(base)
    assert now["urn:x:graph/one"] == 2 and not any(g.startswith("urn:spasmkg:push:") for g in now)
    assert EndpointStore(f"{base}/query", timeout=5).query(
        'ASK { GRAPH <urn:x:graph/one> { <urn:x:a> <urn:x:p> "applied" } }').boolean is True
    # the MOVE never reaches the endpoint and the connection is reset: a failure, nothing changed
    proxy.mode = lambda method, path, body: "drop" if b"MOVE" in body else "forward"
    with pytest.raises(SpasmkgError) as info:
        push(_folder(tmp_path, "lost"), f"{proxy.url}/store", timeout=5)
    assert info.value.code == "E016"
    after = graphs(base)
    assert after == now                                  # no temporary graph left either
    proxy.mode = lambda *a: "forward"


# --- 5. a bad port in a URL with credentials --------------------------------------------------

@pytest.mark.parametrize("url", [
    f"http://alice:{SECRET}@127.0.0.1:99999/query",
    f"http://alice:{SECRET}@127.0.0.1:port/query",
    f"http://alice:{SECRET}/x@127.0.0.1:7/query",
    "http://127.0.0.1:99999/query",
    "http://127.0.0.1:-1/query",
    "http:///query",
    "http://127.0.0.1:7/qu ery",
    "http://127.0.0.1:7/query\r\nX-Injected: 1",
])
def test_a_bad_url_is_a_coded_error_that_never_shows_credentials(small_out, monkeypatch, url):
    monkeypatch.setenv(remote.ENV_TOKEN, SECRET)
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(url, timeout=2).query("ASK {}")
    assert info.value.code in ("E043", "E045") and SECRET not in str(info.value)
    with pytest.raises(SpasmkgError) as info:
        push(small_out, url.replace("/query", "/store"), timeout=2)
    assert info.value.code in ("E043", "E045") and SECRET not in str(info.value)


def test_the_command_line_refuses_a_bad_port_without_a_traceback(small_out):
    url = f"http://alice:{SECRET}@127.0.0.1:99999"
    for args in (("query", "uncited-references", "--endpoint", f"{url}/query"),
                 ("sparql", "ASK {}", "--endpoint", f"{url}/query"),
                 ("push", "--endpoint", f"{url}/store", "--graph", str(small_out))):
        r = _run(*args, env_extra={remote.ENV_TOKEN: SECRET})
        out = (r.stdout + r.stderr).decode()
        assert r.returncode == 2 and "[E04" in out and "Traceback" not in out and SECRET not in out, out


def test_a_letter_outside_ascii_in_the_url_is_sent_percent_encoded(servers):
    srv = servers(Recorder)
    assert EndpointStore(f"{srv.url}/dataset-\u00e9/query?name=caf\u00e9&x=%41", timeout=5).query("ASK {}").boolean is True
    assert srv.requests[0][1] == "/dataset-%C3%A9/query?name=caf%C3%A9&x=%41"


# --- proxies from the environment, never for this machine --------------------------------------

@pytest.fixture
def proxy_env(monkeypatch):
    for name in ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_http_goes_through_the_proxy_of_the_environment(servers, proxy_env):
    proxy = servers(Recorder)
    proxy_env.setenv("http_proxy", proxy.url)
    assert EndpointStore("http://endpoint.test:8890/sparql", timeout=5).query("ASK {}").boolean is True
    method, target, headers = proxy.requests[0]
    assert (method, target, headers["Host"]) == ("POST", "http://endpoint.test:8890/sparql", "endpoint.test:8890")
    proxy_env.setenv("no_proxy", "endpoint.test")
    with pytest.raises(SpasmkgError) as info:                 # named in no_proxy: asked directly
        EndpointStore("http://endpoint.test:8890/sparql", timeout=5).query("ASK {}")
    assert info.value.code == "E016" and len(proxy.requests) == 1


def test_this_machine_is_never_asked_through_a_proxy(servers, proxy_env):
    proxy, endpoint = servers(Recorder), servers(Recorder)
    proxy_env.setenv("http_proxy", proxy.url)
    proxy_env.setenv(remote.ENV_TOKEN, SECRET)
    assert EndpointStore(f"{endpoint.url}/query", timeout=5).query("ASK {}").boolean is True
    assert proxy.requests == [] and endpoint.requests[0][2]["Authorization"] == f"Bearer {SECRET}"


def test_https_goes_through_a_tunnel_the_proxy_cannot_read(servers, proxy_env):
    proxy = servers(Raw, lambda sock, stop: sock.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n"))
    proxy_env.setenv("https_proxy", f"http://bob:{SECRET}@{proxy.url.split('//')[1]}")
    proxy_env.setenv(remote.ENV_TOKEN, SECRET)
    with pytest.raises(SpasmkgError) as info:                 # the tunnel opens, then TLS finds no server
        EndpointStore("https://endpoint.test/sparql", timeout=5).query("ASK {}")
    assert info.value.code == "E016" and SECRET not in str(info.value)
    head = proxy.seen[0].decode()
    assert head.startswith("CONNECT endpoint.test:443 HTTP/")
    assert "Proxy-Authorization: Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode() in head
    assert "Authorization: Bearer" not in head               # the endpoint's token stays inside the tunnel


# --- SPARQLWrapper builds the query and reads the answer; the bounded transport carries them ----

def _recording_bodies(bodies: list[bytes]):
    def reply(h):
        bodies.append(h.body)
        h.answer(200, ASK_TRUE)
    return reply


def test_a_query_is_the_form_post_sparqlwrapper_builds(servers, monkeypatch):
    bodies: list[bytes] = []
    srv = servers(Recorder, _recording_bodies(bodies))
    monkeypatch.setenv(remote.ENV_TOKEN, SECRET)
    assert EndpointStore(f"{srv.url}/query", timeout=5).query("ASK { ?s ?p 'caf\u00e9' }").boolean is True
    method, path, sent = srv.requests[0]
    headers = {k.lower(): v for k, v in sent.items()}
    assert (method, path) == ("POST", "/query")
    assert headers["user-agent"].lower().startswith("sparqlwrapper")
    assert headers["accept"].startswith("application/sparql-results+json")
    assert headers["authorization"] == f"Bearer {SECRET}"
    assert urllib.parse.parse_qs(bodies[0].decode("ascii")) == {"query": ["ASK { ?s ?p 'caf\u00e9' }"]}


@pytest.mark.parametrize("query", [
    "PREFIX : <urn:x:insert:>\nASK { :a ?p ?o }",
    "PREFIX : <http://example.org/delete#>\nSELECT * WHERE { ?s :p ?o }",
])
def test_a_query_whose_prefix_holds_an_update_word_is_still_sent_as_a_query(servers, query):
    bodies: list[bytes] = []
    srv = servers(Recorder, _recording_bodies(bodies))
    EndpointStore(f"{srv.url}/query", timeout=5).query(query)
    assert list(urllib.parse.parse_qs(bodies[0].decode("ascii"))) == ["query"]     # never "update"
    assert {k.lower(): v for k, v in srv.requests[0][2].items()}["accept"].startswith("application/sparql-results+json")


def _answer_typed(content_type: bytes | None):
    head = b"HTTP/1.1 200 OK\r\n" + (b"Content-Type: " + content_type + b"\r\n" if content_type else b"")

    def behave(sock: socket.socket, stop: threading.Event) -> None:
        sock.sendall(head + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(ASK_TRUE) + ASK_TRUE)
    return behave


@pytest.mark.parametrize("content_type", [b"application/sparql-results+xml", b"text/html; charset=utf-8"])
def test_an_answer_of_another_type_is_refused_before_it_is_parsed(servers, content_type):
    srv = servers(Raw, _answer_typed(content_type))
    with pytest.raises(SpasmkgError) as info:
        EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}")
    assert info.value.code == "E043" and "not SPARQL JSON" in str(info.value)
    assert content_type.split(b";")[0].decode() in str(info.value)


def test_an_answer_without_a_type_is_read_as_the_type_asked_for(servers):
    srv = servers(Raw, _answer_typed(None))
    assert EndpointStore(f"{srv.url}/query", timeout=5).query("ASK {}").boolean is True
