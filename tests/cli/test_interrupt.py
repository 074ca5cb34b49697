"""Ctrl-C during a real build: exit 130 with one coded line, the staging files and the build's work
store gone, the earlier outputs unchanged."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spasmkg.build.run import OUTPUTS, WORK
from spasmkg.common.atomic import STAGING

pytestmark = pytest.mark.slow

FIRST = "Sciatica with paraspinal spasm often settles within weeks [1].\n\nReferences\n\n1. Elm R. Sciatica. Spine. 2008;1:2-3.\n"
SECOND = ("Baclofen reduced spasm frequency in a small trial [1]. Stretching helped as well [2].\n\nReferences\n\n"
          "1. Fir T. Baclofen. Neurol. 2016;5:6-7.\n2. Oak S. Stretching. Physio. 2018;9:1-2.\n")


def _as_from_a_terminal() -> None:
    """In the child: Ctrl-C as a terminal delivers it. A test process may have SIGINT ignored (a
    library in the same test worker can set that), and an ignored signal stays ignored across exec:
    Python then never raises KeyboardInterrupt and the build would sleep on at its fault point."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spasmkg(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "spasmkg.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
                            preexec_fn=_as_from_a_terminal)


def files(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.mark.parametrize("point", [f"stage:{list(OUTPUTS)[1]}", "staged"])
def test_ctrl_c_leaves_the_earlier_outputs_and_no_debris(tmp_path, point):
    for name, text in (("first", FIRST), ("second", SECOND)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "doc.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = spasmkg("build", str(tmp_path / "first"), "--out", str(out), "--quiet")
    assert done.wait(300) == 0, done.stderr.read()
    before = files(out)
    p = spasmkg("build", str(tmp_path / "second"), "--out", str(out), "--quiet", env={"SPASMKG_FAULT_PAUSE": point})
    deadline = time.monotonic() + 300
    while f"fault point {point}" not in p.stderr.readline():
        assert p.poll() is None and time.monotonic() < deadline, "the build ended before the fault point"
    assert (out / STAGING).exists() or point == "staged"
    p.send_signal(signal.SIGINT)
    assert p.wait(60) == 130
    rest = p.stderr.read().strip().splitlines()
    assert len(rest) == 1 and rest[0].startswith("spasmkg: error: [E094]"), rest
    assert "Traceback" not in "".join(rest)
    if point == "staged":                 # every new file was written and listed: the set is complete
        from spasmkg.common.atomic import recover
        assert recover(out) == "completed" and files(out) != before
    else:
        assert not (out / STAGING).exists() and files(out) == before
    assert not (out / WORK).exists()
