"""``--grobid URL``: the PDF goes to a GROBID server and its TEI is read. GROBID does not run here;
the server is a real HTTP server started in the test (http.server on a loopback port) that answers
as GROBID's /api/processFulltextDocument does, with TEI written for the tests."""
from __future__ import annotations

import contextlib
import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import grobid, read_file
from pdf_articles import article, article_pdf  # noqa: F401  (fixtures)

TEI = (Path(__file__).parent / "fixtures" / "review.tei.xml").read_bytes()


@contextlib.contextmanager
def grobid_like(statuses: list[int]):
    """A server answering each POST with the next status of ``statuses`` (the TEI with a 200);
    yields its base URL and the requests it got (path and multipart fields)."""
    got: list[dict] = []
    answers = iter(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body)
            fields = [(part.get_param("name", header="content-disposition"), part.get_filename(),
                       part.get_payload(decode=True)) for part in message.iter_parts()]
            got.append({"path": self.path, "fields": fields})
            status = next(answers, 200)
            payload = TEI if status == 200 else b"busy"
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", got
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_the_pdf_is_posted_with_the_coordinates_asked_for(article_pdf):
    with grobid_like([200]) as (url, got):
        tei = grobid.fulltext_tei(article_pdf, url + "/")
    assert tei == TEI
    [request] = got
    assert request["path"] == "/api/processFulltextDocument"
    fields = request["fields"]
    files = [(f, payload) for name, f, payload in fields if name == "input"]
    assert files == [("article.pdf", article_pdf.read_bytes())]
    asked = [payload.decode() for name, _, payload in fields if name == "teiCoordinates"]
    assert {"s", "ref", "biblStruct"} <= set(asked)
    assert ("segmentSentences", None, b"1") in fields


def test_the_reader_gives_grobids_reading_of_the_pdf(article_pdf):
    with grobid_like([200]) as (url, _):
        reading = next(iter(read_file(article_pdf, "pdf", grobid=url)))
    assert reading.format == "pdf"                  # the places point into the PDF
    assert [m.refs for m in reading.markers] == [(1,), (2, 3), (4, 5, 6), (7,)]
    assert reading.references[6].pmid == "24900000"


def test_a_busy_server_is_asked_again(monkeypatch, article_pdf):
    monkeypatch.setattr(grobid, "PAUSE_S", 0.01)
    with grobid_like([503, 200]) as (url, got):
        assert grobid.fulltext_tei(article_pdf, url) == TEI
    assert len(got) == 2


@pytest.mark.parametrize("statuses, reason", [([500], "HTTP 500"), ([503, 503, 503], "busy")])
def test_a_failing_server_is_e107(monkeypatch, article_pdf, statuses, reason):
    monkeypatch.setattr(grobid, "PAUSE_S", 0.01)
    with grobid_like(statuses) as (url, _):
        with pytest.raises(SpasmkgError) as caught:
            grobid.fulltext_tei(article_pdf, url)
    err = caught.value
    assert err.code == "E107" and "article.pdf" in str(err) and url in str(err) and reason in str(err)


def test_no_server_is_e107(article_pdf):
    import socket
    with socket.socket() as sock:                     # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SpasmkgError) as caught:
        grobid.fulltext_tei(article_pdf, f"http://127.0.0.1:{port}")
    assert caught.value.code == "E107" and "ConnectionError" in str(caught.value)


@pytest.mark.slow
def test_build_with_grobid_cites_through_the_tei(tmp_path, article_pdf, capsys):
    from spasmkg.cli import main
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.pdf").write_bytes(article_pdf.read_bytes())
    with grobid_like([200]) as (url, got):
        assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--grobid", url]) == 0
    assert len(got) == 1
    capsys.readouterr()
    assert main(["trace", "straight leg raise test indicates nerve root irritation", "--graph",
                 str(tmp_path / "out"), "--format", "json"]) == 0
    traced = json.loads(capsys.readouterr().out)
    assert [(r["n"], r["title"]) for c in traced for r in c["references"]] == [(7, "The straight leg raise revisited")]
