"""The claim and reference pages across documents: the seeds with the corpus texts of tests/corpus
built into one graph, where a review and a guideline state the same and cite the same work."""
from __future__ import annotations

import shutil

import pytest

from web_server import fetch, serve, web, web_graph  # noqa: F401  (web, web_graph: fixtures)

pytestmark = pytest.mark.slow

KG = "https://w3id.org/spasmkg/id/"


@pytest.fixture(scope="module")
def corpus_web(tmp_path_factory):
    from pathlib import Path

    from spasmkg.build.run import build
    root = Path(__file__).resolve().parents[2]
    inputs = tmp_path_factory.mktemp("web-corpus-in")
    for f in [*(root / "seeds").glob("*"), *(root / "tests" / "corpus").glob("*.txt")]:
        shutil.copy(f, inputs / f.name)
    out = tmp_path_factory.mktemp("web-corpus-out")
    build([inputs], out)
    with serve(out) as base:
        yield base


def _run(base):
    """A library query through the server's own download, as rows of strings."""
    import csv
    import io
    from urllib.parse import urlencode

    def run(name: str, **params: str) -> list[dict]:
        r = fetch(f"{base}/queries/{name}/results.csv?{urlencode(params or {'run': '1'})}")
        assert r.status == 200, r.text[:300]
        return list(csv.DictReader(io.StringIO(r.text)))
    return run


def test_a_claim_shows_the_other_documents_that_state_the_same(corpus_web):
    from urllib.parse import urlencode
    run = _run(corpus_web)
    statement = next(r for r in run("statement-support") if r["subjectLabel"] == "straight leg raise test"
                     and r["objectLabel"] == "nerve root irritation")
    assert statement["documents"] == "2"
    claim = next(r["claim"] for r in run("claims-matching", text="provocative sign of nerve root")
                 if r["document"].endswith("/spasm-review"))
    same = run("claims-stating-the-same", claim=claim)
    assert {r["via"] for r in same} == {"statement", "work"}
    assert all(not r["otherDocument"].endswith("/spasm-review") for r in same)
    html = fetch(f"{corpus_web}/claim?{urlencode({'iri': claim})}").text
    other = next(r for r in same if r["via"] == "statement")
    assert f'/claim?{urlencode({"iri": other["other"]})}' in html
    assert "same statement" in html and "straight leg raise test indicates nerve root irritation" in html


def test_a_reference_page_gathers_the_claims_of_every_document_citing_the_work(corpus_web):
    from urllib.parse import urlencode
    run = _run(corpus_web)
    shared = {r["citingDocument"] for r in run("shared-references")
              if r["title"] == "Assessment and management of acute low back pain"}
    assert len(shared) == 3
    citing = run("claims-citing-work", ref=KG + "ref/spasm-review/28")
    assert {r["document"].rsplit("/", 1)[-1] for r in citing} == shared
    html = fetch(f"{corpus_web}/reference?{urlencode({'iri': KG + 'ref/spasm-review/28'})}").text
    assert html.count("<h3>") == 3
