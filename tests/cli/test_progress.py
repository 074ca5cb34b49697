"""Progress a person can read on a long build, and a summary that stays short."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spasmkg.build.progress import Progress

DOCUMENTS = 150


def _review(i: int) -> str:
    """A tiny review of its own whose marker points past its reference list (a note each)."""
    return (f"Lumbar muscle spasm number {i} is a frequent cause of low back pain in adults [{i + 1}].\n")


def spasmkg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spasmkg.cli", *args], capture_output=True, text=True,
                          timeout=600, **kw)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    src = tmp_path_factory.mktemp("many")
    for i in range(DOCUMENTS):
        (src / f"review-{i:03d}.txt").write_text(_review(i), encoding="utf-8")
    out = tmp_path_factory.mktemp("many-out") / "out"
    return out, spasmkg("build", str(src), "--out", str(out))


@pytest.mark.slow
def test_a_long_build_prints_a_short_summary_and_keeps_the_rest_in_a_file(many):
    out, p = many
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) < 40
    assert f"from {DOCUMENTS} document(s)" in lines[0]
    assert sum(1 for line in lines if line.startswith("  review-")) == 10
    assert f"… and {DOCUMENTS - 10} more document(s)" in p.stdout
    assert sum(1 for line in lines if line.startswith("note: ")) == 10
    assert f"… and {DOCUMENTS - 10} more note(s)" in p.stdout and "build-report.txt" in p.stdout
    full = (out / "build-report.txt").read_text(encoding="utf-8")
    assert len(re.findall(r"^  review-\d{3} ", full, flags=re.M)) == DOCUMENTS
    assert len(re.findall(r"^note: review-\d{3}\.txt: ", full, flags=re.M)) == DOCUMENTS
    assert "more document(s)" not in full


@pytest.mark.slow
def test_progress_off_a_terminal_is_one_plain_line_per_document(many):
    _, p = many
    assert "\r" not in p.stderr
    steps = re.findall(r"^\[(\d+)/(\d+)\] review-\d{3}\.txt", p.stderr, flags=re.M)
    assert [int(k) for k, _ in steps] == list(range(1, DOCUMENTS + 1))
    assert {int(n) for _, n in steps} == {DOCUMENTS}
    assert "documents/s" in p.stderr and " left" in p.stderr
    assert re.search(rf"^{DOCUMENTS} document\(s\) in ", p.stderr, flags=re.M)


def _two(tmp_path: Path) -> Path:
    src = tmp_path / "two"
    src.mkdir()
    for i in range(2):
        (src / f"review-{i}.txt").write_text(_review(i), encoding="utf-8")
    return src


@pytest.mark.slow
def test_quiet_build_prints_nothing_on_stderr(tmp_path):
    p = spasmkg("build", str(_two(tmp_path)), "--out", str(tmp_path / "out"), "--quiet")
    assert p.returncode == 0 and p.stderr == "" and "from 2 document(s)" in p.stdout


@pytest.mark.slow
def test_progress_on_a_terminal_is_one_line_rewritten_in_place(tmp_path):
    import pty
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "build", str(_two(tmp_path)), "--out",
                            str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=slave, timeout=300)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert p.returncode == 0
    text = seen.decode("utf-8")
    assert "\r[1/2] review-0.txt" in text and "\r[2/2] review-1.txt" in text
    between = text[text.index("[1/2]"): text.index("[2/2]")]
    assert "\n" not in between                        # the second step overwrote the first
    assert re.search(r"2 document\(s\) in \d+ s\r?\n", text)


def test_rate_and_time_left_come_from_the_clock():
    now = [100.0]
    stream = io.StringIO()
    p = Progress(stream=stream, clock=lambda: now[0])
    p.begin(10)
    now[0] += 4
    p.step("a.txt")
    now[0] += 4
    p.step("b.txt")
    assert stream.getvalue().splitlines() == ["[1/10] a.txt · 0.2 documents/s · about 36 s left",
                                              "[2/10] b.txt · 0.2 documents/s · about 32 s left"]
    now[0] += 2000
    p.end()
    assert stream.getvalue().splitlines()[-1] == "2 document(s) in 33 min 28 s"


def test_the_summary_cuts_each_long_list_and_counts_the_rest(tmp_path):
    from spasmkg.build.run import SHOWN, BuildSummary
    summary = BuildSummary(out_dir=tmp_path)
    summary.documents = [(f"doc-{i}", "review", f"doc-{i}.txt") for i in range(SHOWN + 1)]
    summary.problems = [f"doc-{i}.txt: reference 9 is never cited" for i in range(SHOWN + 5)]
    text = summary.render()
    assert text.count("\n  doc-") == SHOWN + 1                     # one over the limit: shown whole
    assert text.count("note: ") == SHOWN and "… and 5 more note(s)" in text and "build-report.txt" in text
    full = summary.render(shown=None)
    assert full.count("note: ") == SHOWN + 5 and "more" not in full
