"""One pathological document costs only itself: the parser never sees a run the tokenizer takes
quadratic time over, a text too long for the parser is refused with spasmkg's message, and a document
past its time or memory budget is skipped by name while the rest of the corpus builds. The budgets
are set far below what the document needs (a factor of ten or more), so no result hangs on speed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spasmkg.extract.text.long_runs import break_long_runs

SMALL = ("Cyclobenzaprine relieved acute muscle spasm of the lower back in most patients [1].\n\nReferences\n\n"
         "1. Quill D. Muscle relaxants. Pain Med. 2012;4:5-6.\n")
OTHER = ("Local heat eased paraspinal spasm within days [1].\n\nReferences\n\n"
         "1. Reed M. Heat wraps. Spine J. 2019;2:1-9.\n")


def test_long_runs_are_cut_in_place():
    text = "spasm " + "(" * 450 + "x" + ")" * 450 + " ends"
    cut = break_long_runs(text, 200)
    assert len(cut) == len(text) and max(map(len, cut.split())) <= 200
    assert all(a == b or b == " " for a, b in zip(text, cut))
    assert break_long_runs("short words only", 200) == "short words only"


def test_nested_parentheses_reach_the_parser_in_short_runs():
    from spasmkg.extract.document import DocumentInput, prepare as _prepare
    text = "Acute spasm of the back " + "(" * 5000 + "cramp" + ")" * 5000 + " is common.\n"
    body = _prepare(DocumentInput("d", "d.txt", "review", None, text)).body
    assert len(body) == len(text) and max(map(len, body.split())) <= 200


def test_a_text_longer_than_the_parser_takes_is_refused_by_name():
    from spasmkg.common.errors import SpasmkgError
    from spasmkg.extract.document import DocumentInput, analyse_batch
    long_text = "Back spasm. " * 90_000                            # 1,080,000 characters
    (item, result), = analyse_batch([DocumentInput("long", "long.txt", "review", None, long_text)])
    assert isinstance(result, SpasmkgError) and result.code == "E090" and "long.txt" in str(result)


def build(tmp_path: Path, files: dict[str, str], **env: str) -> subprocess.CompletedProcess:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "spasmkg.cli", "build", str(src), "--out", str(tmp_path / "out"),
                           "--quiet"], capture_output=True, text=True, timeout=600, env={**os.environ, **env})


@pytest.mark.slow
def test_a_document_past_its_time_is_skipped_and_the_rest_builds(tmp_path):
    """The tokenizer guard switched off: 6,000 nested parentheses take the tokenizer over 30 s here;
    the budget is 2 s a document."""
    slow = "Lumbar spasm " + "(" * 6000 + "x" + ")" * 6000 + " resolved.\n"
    p = build(tmp_path, {"a.txt": SMALL, "b-slow.txt": slow, "c.txt": OTHER},
              SPASMKG_MAX_RUN_CHARS="1000000", SPASMKG_DOC_SECONDS="2")
    assert p.returncode == 0, p.stderr
    assert "skipped: [E091]" in p.stdout and "b-slow.txt" in p.stdout
    assert "a.txt" in p.stdout and "c.txt" in p.stdout and "from 2 document(s)" in p.stdout


@pytest.mark.slow
def test_a_document_past_its_memory_is_skipped_and_the_rest_builds(tmp_path):
    """A 250,000-character document needs several hundred MB to parse; the budget is 100 MB, which a
    short document stays well inside."""
    large = "Acute low back pain with muscle spasm is common in adults and cyclobenzaprine helps. " * 3000
    p = build(tmp_path, {"a.txt": SMALL, "b-large.txt": large, "c.txt": OTHER}, SPASMKG_DOC_MB="100")
    assert p.returncode == 0, p.stderr
    assert "skipped: [E092]" in p.stdout and "b-large.txt" in p.stdout
    assert "from 2 document(s)" in p.stdout


@pytest.mark.slow
def test_a_2_mb_file_gets_spasmkgs_message_not_spacys(tmp_path):
    p = build(tmp_path, {"a.txt": SMALL, "huge.txt": "Spasm of the back is common. " * 75_000})
    assert p.returncode == 0, p.stderr
    assert "[E090]" in p.stdout and "huge.txt" in p.stdout and "E088" not in p.stdout + p.stderr


def _work(batch: list) -> list:
    """Doubles numbers; ``sleep`` sleeps far past the budget, ``hog`` asks for 2 GB, ``die`` exits."""
    out = []
    for item in batch:
        if item == "sleep":
            import time
            time.sleep(120)
        elif item == "hog":
            try:
                bytearray(2 * 1024 ** 3)
            except MemoryError as exc:
                out.append((item, exc))
                continue
        elif item == "die":
            os._exit(3)
        out.append((item, item * 2))
    return out


def test_the_budget_finds_the_document_at_fault_and_keeps_order(monkeypatch):
    from spasmkg.build.budget import guarded
    from spasmkg.common import limits
    from spasmkg.common.errors import SpasmkgError
    monkeypatch.setattr(limits, "DOC_SECONDS", 1.0)
    monkeypatch.setattr(limits, "DOC_MB", 200)
    batches = [[1, 2], [3, "sleep", 4], ["hog", 5], [6, "die"], [7]]
    got = list(guarded(batches, _work, workers=2, source=lambda item: f"{item}.txt"))
    assert [item for item, _ in got] == [1, 2, 3, "sleep", 4, "hog", 5, 6, "die", 7]
    results = dict(got)
    assert [results[k] for k in (1, 2, 3, 4, 5, 6, 7)] == [2, 4, 6, 8, 10, 12, 14]
    for item, code in (("sleep", "E091"), ("hog", "E092"), ("die", "E019")):
        err = results[item]
        assert isinstance(err, SpasmkgError) and err.code == code and f"{item}.txt" in str(err)
