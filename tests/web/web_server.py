"""A real ``spasmkg serve`` on a free loopback port, over the seeds graph plus one entity of our own
whose label is markup and whose match is a ``javascript:`` IRI (to show both reach a page as text)."""
from __future__ import annotations

import contextlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HOSTILE = "https://w3id.org/spasmkg/id/entity/markup_in_label"
HOSTILE_LABEL = "<script>alert('label')</script> <b>bold</b> syndrome"
HOSTILE_TRIG = f"""
<https://w3id.org/spasmkg/id/graph/markup-fixture> {{
  <{HOSTILE}> a <https://w3id.org/spasmkg/ontology#Condition> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "{HOSTILE_LABEL}" ;
    <http://www.w3.org/2000/01/rdf-schema#label> "{HOSTILE_LABEL}" ;
    <https://w3id.org/spasmkg/ontology#nameKey> "{HOSTILE_LABEL.lower()}" ;
    <http://www.w3.org/2004/02/skos/core#exactMatch> <javascript:alert(1)> .
}}
"""


@contextlib.contextmanager
def serve(graph: Path, *extra: str):
    """``spasmkg serve --graph GRAPH --port 0``; yields its base URL (read from its first line), and
    stops it with Ctrl-C (SIGINT) so it removes its temporary store."""
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([sys.executable, "-m", "spasmkg.cli", "serve", "--graph", str(graph), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        line = proc.stdout.readline() if ready else ""
        if not line.startswith("serving "):
            proc.kill()
            log.seek(0)
            raise RuntimeError(f"spasmkg serve did not start: {line!r} {log.read()[-2000:]}")
        yield line.split()[1].rstrip("/")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


@pytest.fixture(scope="session")
def web_graph(seeds_out, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("web-graph") / "out"
    shutil.copytree(seeds_out, out, ignore=shutil.ignore_patterns(".cache", ".store", ".staging"))
    with (out / "graph.trig").open("a", encoding="utf-8") as f:
        f.write(HOSTILE_TRIG)
    return out


@pytest.fixture(scope="session")
def web(web_graph):
    """The base URL of a running server (default store: an Oxigraph copy of the graph)."""
    with serve(web_graph) as base:
        yield base


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", errors="replace")


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> Response:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers, e.read())
