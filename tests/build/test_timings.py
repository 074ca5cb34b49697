"""A build says where its time went, step by step, in its summary and its report."""
from __future__ import annotations

import shutil
from pathlib import Path

from spasmkg.build.run import REPORT, build

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STEPS = ["opening the store", "extraction", "documents removed", "comparisons", "assembly", "counting",
         "provenance", "graph.trig", "graph.gexf", "annotations.json", "index"]


def _built(tmp_path: Path):
    """The summary of a build of one review."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "review-brackets-vancouver.txt", src)
    return build([src], tmp_path / "out")


def test_every_step_is_timed_in_the_order_it_ran_and_the_report_shows_them(tmp_path):
    summary = _built(tmp_path)
    assert list(summary.timings) == STEPS
    assert all(t >= 0 for t in summary.timings.values())
    assert summary.timings["extraction"] > 0          # a document was analysed
    line = summary.render_timings()
    assert line.startswith("time by step: opening the store ") and line in summary.render()
    report = (tmp_path / "out" / REPORT).read_text(encoding="utf-8")
    assert "time by step: opening the store" in report and " · index " not in report   # written before the index


def test_each_step_records_the_peak_memory_it_ended_with(tmp_path):
    summary = _built(tmp_path)
    assert list(summary.peaks) == STEPS
    peaks = list(summary.peaks.values())
    assert peaks == sorted(peaks) and peaks[0] > 50      # a peak never falls; the interpreter alone is more
    line = summary.render_peaks()
    assert line.startswith("peak memory by step: opening the store ") and line in summary.render()
    assert line.endswith(f" · index {peaks[-1]:.0f} MB")
