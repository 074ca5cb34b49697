"""``spasmkg build`` on a folder holding a PDF: the graph's claim cites the reference its
superscript marker names."""
from __future__ import annotations

import json

import pytest

from spasmkg.cli import main
from pdf_articles import article, article_pdf  # noqa: F401  (fixtures)


@pytest.mark.slow
def test_a_claim_in_a_pdf_cites_its_references(tmp_path, article_pdf, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.pdf").write_bytes(article_pdf.read_bytes())
    (folder / "locked.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00\xff" * 300)
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert "article.pdf" in summary and "skipped: [E105]" in summary and "locked.pdf" in summary
    assert main(["trace", "Dehydration causes muscle cramps", "--graph", str(tmp_path / "out"), "--format", "json"]) == 0
    [claim] = json.loads(capsys.readouterr().out)
    assert claim["text"] == "Dehydration causes muscle cramps in athletes"
    assert claim["section"] == "Introduction"
    assert [(r["n"], r["title"], r["year"]) for r in claim["references"]] == [
        (2, "Fluid balance and cramps", 2018), (3, "Heat, sweat and spasm in endurance events", 2017)]
    annotations = json.loads((tmp_path / "out" / "annotations.json").read_text(encoding="utf-8"))
    [doc] = annotations["documents"]
    assert doc["kind"] == "review" and doc["title"] == "Managing Paraspinal Spasm in Primary Care"
