"""The numbers the build and push print are what the files hold."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import oxigraph_serve
from spasmkg.cli import main

REVIEW = ("Spasms of the paraspinal muscles are a frequent cause of low back pain in adults [1]. "
          "Obesity is a risk factor for low back pain [2].\n\nReferences\n"
          "1. Nguyen T, Ortiz P. Paraspinal spasm in adults. J Spine Care. 2019;4(2):10-15.\n"
          "2. Adeyemi K. Body weight and back pain. Back Health Rev. 2020;7:22-30.\n")
PATIENT = ("I am a 52 year old man. My lower back went into spasm on March 3 2021 while I was lifting boxes. "
           "Ibuprofen helped a little. The spasm lasted about four days.\n")


def _quads(path: Path) -> list[ox.Quad]:
    with open(path, "rb") as fh:
        return list(ox.parse(fh, format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> tuple[Path, str]:
    src = tmp_path_factory.mktemp("texts")
    (src / "review.txt").write_text(REVIEW, encoding="utf-8")
    (src / "patient.txt").write_text(PATIENT, encoding="utf-8")
    out = tmp_path_factory.mktemp("built") / "out"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["build", str(src), "--out", str(out), "--quiet"]) == 0
    return out, buf.getvalue()


@pytest.mark.slow
def test_build_summary_counts_what_the_files_hold(small_build):
    out, printed = small_build
    m = re.search(r"graph\.trig: (\d+) quads in (\d+) named graphs \((\d+) distinct triples\) · "
                  r"provenance\.trig: (\d+) quads", printed)
    assert m, printed
    quads, graphs, triples, prov = map(int, m.groups())
    held = _quads(out / "graph.trig")
    assert quads == len(held) > 0
    assert graphs == len({q.graph_name for q in held})
    assert triples == len({(q.subject, q.predicate, q.object) for q in held}) <= quads
    assert prov == len(_quads(out / "provenance.trig")) > 0


@pytest.mark.slow
def test_push_prints_per_graph_counts_that_add_up_to_the_files(small_build, capsys, tmp_path):
    out, _ = small_build
    held = len(_quads(out / "graph.trig")) + len(_quads(out / "provenance.trig"))
    assert main(["push", "--store", f"oxigraph:{tmp_path / 'kg'}", "--graph", str(out)]) == 0
    assert f"loaded {held} quads" in capsys.readouterr().out
    with oxigraph_serve(tmp_path / "served") as base:
        assert main(["push", "--endpoint", f"{base}/store", "--graph", str(out)]) == 0
    printed = capsys.readouterr().out
    per_graph = [int(n) for n in re.findall(r"^\S+  (\d+) triples$", printed, flags=re.M)]
    m = re.search(r"pushed (\d+) quads in (\d+) named graphs", printed)
    assert m and int(m.group(1)) == sum(per_graph) == held and int(m.group(2)) == len(per_graph)
