"""A folder of literature as researchers keep it (a PDF, PubMed Central XML, PubMed records in XML
and in PubMed's text format, a saved web page, Markdown, text) builds one graph, and a claim from
each traces to its sources, a PDF's to its page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spasmkg.build.run import build
from spasmkg.graph.store.registry import open_store
from spasmkg.queries.trace import trace_store

DATA = Path(__file__).parents[1] / "literature"

MARKDOWN = """# Night cramps and back spasm

Muscle spasm of the lower back often wakes patients at night [1](#r1).

## References

1. Varga E. Nocturnal muscle cramps in adults. Sleep Med Notes. 2014;3:12-19.
"""

TEXT = """Thoracic back spasm

Thoracic muscle spasm is less common than lumbar spasm [1].

References

1. Ngata H. Thoracic pain in general practice. Prim Care Spine. 2013;5:90-97.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("literature")
    for name in ("spine-care-report.pdf", "article.nxml", "pubmed.xml", "pubmed-export.txt", "page.html"):
        shutil.copy(DATA / name, src / name)
    (src / "night.md").write_text(MARKDOWN, encoding="utf-8")
    (src / "thoracic.txt").write_text(TEXT, encoding="utf-8")
    (src / "broken.xml").write_text("<PubmedArticleSet><PubmedArticle>", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = build([src], out)
    return summary, out


def test_one_graph_from_every_format(built):
    summary, out = built
    assert sorted(d[0] for d in summary.documents) == [
        "article", "night", "page", "pubmed-export-pmid-39000003", "pubmed-export-pmid-39000004",
        "pubmed-pmid-39000001", "pubmed-pmid-39000002", "spine-care-report", "thoracic"]
    skipped, = summary.skipped
    assert "[E103]" in skipped and "broken.xml" in skipped


@pytest.mark.parametrize("words, refs, source", [
    ("straight leg raise test reproduces", [3, 5], "jats"),
    ("Heat wrap therapy reduced pain", [], "medline"),
    ("Heavy lifting and poor posture", [2, 3], "html"),
    ("often wakes patients at night", [1], "markdown"),
    ("less common than lumbar spasm", [1], "text"),
    ("Cyclobenzaprine relieves acute muscle spasm", [4, 5, 6], "pdf"),
    ("Spinal manipulation relieved pain faster", [], "pubmed-text"),
])
def test_a_claim_from_each_traces_to_its_sources(built, words, refs, source):
    _, out = built
    (traced,), _ = trace_store(open_store(None, out), text=words)
    assert [r["n"] for r in traced["references"]] == refs
    assert traced["source"].get("format") == source
    if source in ("jats", "html", "medline"):              # the element it stands in
        assert traced["elements"]
    if source == "medline":                                 # an abstract is backed by the article itself
        assert traced["source"]["links"][1] == "https://pubmed.ncbi.nlm.nih.gov/39000001/"
    if source == "pdf":                                     # the page and the box of its lines
        page, = traced["pages"]
        assert page["page"] == 2 and page["fragment"].startswith("page=2&viewrect=")
        x0, top, x1, bottom = page["box"]             # poppler puts its first word at 216.8, 54.9 and its last line under 74
        assert 200 < x0 < 230 and 50 < top < 60 and 70 < bottom < 80


def test_each_claim_says_what_backs_it(built):
    _, out = built
    (traced,), _ = trace_store(open_store(None, out), text="Cyclobenzaprine reduces spasm in the first week")
    assert [(r["n"], r["evidence"]) for r in traced["references"]] == [(5, "randomized_trial")]
    assert traced["backed_by"] == "1 randomized trial"
