"""A build says where its time went, step by step, in its summary and its report."""
from __future__ import annotations

import shutil
from pathlib import Path

from spasmkg.build.run import REPORT, build

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STEPS = ["opening the store", "extraction", "documents removed", "comparisons", "assembly", "counting",
         "provenance", "graph.trig", "graph.gexf", "annotations.json", "index"]


def test_every_step_is_timed_in_the_order_it_ran_and_the_report_shows_them(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "review-brackets-vancouver.txt", src)
    summary = build([src], tmp_path / "out")
    assert list(summary.timings) == STEPS
    assert all(t >= 0 for t in summary.timings.values())
    assert summary.timings["extraction"] > 0          # a document was analysed
    line = summary.render_timings()
    assert line.startswith("time by step: opening the store ") and line in summary.render()
    report = (tmp_path / "out" / REPORT).read_text(encoding="utf-8")
    assert "time by step: opening the store" in report and " · index " not in report   # written before the index
