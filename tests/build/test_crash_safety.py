"""Real builds killed with SIGKILL at chosen points, and two builds racing for one folder: the
output folder always holds one whole set of outputs, the old one or the new one."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spasmkg.common.atomic import STAGING
from spasmkg.build.run import OUTPUTS
from spasmkg.common.atomic import recover

pytestmark = pytest.mark.slow

OLD = "Acute low back pain with muscle spasm is common [1].\n\nReferences\n\n1. Smith J. Back pain. Spine. 2010;35:1-2.\n"
NEW = ("Cyclobenzaprine is a muscle relaxant for acute muscle spasm of the back [1]. Heat also helps [2].\n\n"
       "References\n\n1. Doe A. Relaxants. Pain. 2012;4:5-6.\n2. Roe B. Heat. Spine. 2014;7:8-9.\n")


def spasmkg(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "spasmkg.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **kw)


def digest(out: Path, reproducible: bool = False) -> dict[str, str]:
    """Hash of each output file; ``reproducible`` leaves out the provenance record (it holds the
    build's time, so it differs between two builds of the same input)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")
            and not (reproducible and p.name not in OUTPUTS)}


def wait_for_pause(proc: subprocess.Popen, point: str, timeout: float = 300) -> None:
    """Read the build's stderr until it announces the fault point (it then sleeps there)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if f"fault point {point}" in line:
            return
        if not line and proc.poll() is not None:
            raise AssertionError(f"the build ended ({proc.returncode}) before {point}")
    raise AssertionError(f"no pause at {point}")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    (root / "old").mkdir()
    (root / "old" / "a.txt").write_text(OLD, encoding="utf-8")
    (root / "new").mkdir()
    (root / "new" / "a.txt").write_text(NEW, encoding="utf-8")
    ref_old, ref_new = root / "ref-old", root / "ref-new"
    procs = [spasmkg("build", str(src), "--out", str(out), "--quiet")
             for src, out in ((root / "old", ref_old), (root / "new", ref_new))]
    for p in procs:
        assert p.wait(300) == 0, p.stderr.read()
    return root, digest(ref_old, True), digest(ref_new, True)


def fresh_old_build(root: Path, name: str) -> Path:
    """A copy of the build of the old corpus (a copy is as good as a build, and much faster)."""
    out = root / name
    shutil.copytree(root / "ref-old", out)
    return out


def test_killed_before_the_swap_keeps_the_old_outputs(corpora):
    point = f"stage:{list(OUTPUTS)[1]}"                # one new file staged, the next one written
    root, ref_old, ref_new = corpora
    assert ref_old != ref_new and set(OUTPUTS) <= set(ref_new)
    out = fresh_old_build(root, "kill-stage")
    before = digest(out)
    p = spasmkg("build", str(root / "new"), "--out", str(out), env={"SPASMKG_FAULT_PAUSE": point})
    wait_for_pause(p, point)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert digest(out) == before                     # untouched while the debris is still there
    recover(out)                                     # what the next build does first, under its lock
    assert not (out / STAGING).exists() and digest(out) == before


@pytest.mark.parametrize("when", ["staged", "commit"])
def test_killed_once_the_new_set_is_complete_rolls_forward(corpora, when):
    """``staged``: every new file is written and listed, none renamed yet; ``commit``: the first
    file is renamed into place, the others not yet."""
    root, _, _ = corpora
    out = fresh_old_build(root, f"kill-{when}")
    before = digest(out)
    first = sorted(before)[0]
    point = "staged" if when == "staged" else f"commit:{first}"
    p = spasmkg("build", str(root / "new"), "--out", str(out), env={"SPASMKG_FAULT_PAUSE": point})
    wait_for_pause(p, point)
    p.send_signal(signal.SIGKILL)
    p.wait()
    new_set = digest(out / STAGING)                    # the new files not yet in place ...
    if when == "commit":
        new_set[first] = digest(out)[first]            # ... and the one already moved
        assert digest(out) != before and digest(out) != new_set   # a mixed set on disk until settled,
    assert set(new_set) == set(before) and not set(new_set.items()) & set(before.items())
    from spasmkg.graph.store.files import graph_files
    on_disk = digest(out)
    read = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in graph_files(out)}
    assert read == {k: v for k, v in new_set.items() if k in read}   # a reader sees the whole new set ...
    assert digest(out) == on_disk and (out / STAGING).exists()       # ... and writes nothing
    recover(out)                                       # the next build settles the folder
    assert digest(out) == new_set and not (out / STAGING).exists()


def test_a_second_build_into_a_busy_folder_is_refused(corpora):
    root, ref_old, _ = corpora
    out = fresh_old_build(root, "busy")
    before = digest(out)
    first = spasmkg("build", str(root / "new"), "--out", str(out),
                    env={"SPASMKG_FAULT_PAUSE": f"stage:{next(iter(OUTPUTS))}"})
    try:
        wait_for_pause(first, f"stage:{next(iter(OUTPUTS))}")
        second = spasmkg("build", str(root / "new"), "--out", str(out), "--quiet")
        assert second.wait(300) == 2
        assert "[E017]" in second.stderr.read()
        from spasmkg.graph.store.files import graph_files
        graph_files(out)                              # a reader does not touch a folder being built
        assert (out / STAGING).exists()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert digest(out) == before
