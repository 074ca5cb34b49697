"""The query index after a build into a folder that holds an earlier one: the last index with only
the changed graphs taken in, and the same quads, union default graph included, as an index built
whole from the new ``graph.trig``."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

from conftest import ROOT
from spasmkg.graph.store import index
from spasmkg.graph.store.oxigraph import OxigraphStore

CORPUS = ROOT / "tests" / "corpus"


def _quads(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.store.quads_for_pattern(None, None, None, None)}


def _same_as_whole(out, tmp_path, step: str) -> dict:
    """The index in ``out`` against one loaded whole from its files; returns the index's record."""
    kept = OxigraphStore(out / index.INDEX, read_only=True)
    whole = OxigraphStore(tmp_path / f"whole-{step}")
    whole.load_graph(out)
    assert _quads(kept) == _quads(whole), f"the index differs from a whole one after {step}"
    defaults = sum(1 for _ in kept.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert defaults > 0
    del kept, whole
    return json.loads((out / index.INDEX / index.STAMP).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_an_index_updated_graph_by_graph_equals_one_built_whole(tmp_path):
    from spasmkg.build.run import build
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("review-brackets-vancouver.txt", "case-report-lumbar.txt", "patient-ana.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    out = tmp_path / "out"
    build([inputs], out)
    assert _same_as_whole(out, tmp_path, "first")["taken_in"] is None          # built whole

    shutil.copy(CORPUS / "review-acs-superscript.txt", inputs)                # a review added
    build([inputs], out)
    stamp = _same_as_whole(out, tmp_path, "added")
    taken = [g.rsplit("/", 1)[1] for g in stamp["taken_in"]]
    assert taken == ["assembly", "comparisons", "review-acs-superscript"]    # not the unchanged documents

    review = inputs / "case-report-lumbar.txt"                               # a review changed
    review.write_text(review.read_text(encoding="utf-8") + "\nLumbar muscle spasm eased with rest [1].\n",
                      encoding="utf-8")
    build([inputs], out)
    assert "case-report-lumbar" in [g.rsplit("/", 1)[1] for g in _same_as_whole(out, tmp_path, "changed")["taken_in"]]

    (inputs / "patient-ana.txt").unlink()                                    # the narrative removed
    build([inputs], out)
    stamp = _same_as_whole(out, tmp_path, "removed")
    assert [g.rsplit("/", 1)[1] for g in stamp["taken_in"]] == ["assembly", "comparisons", "patient-ana"]
    assert not any("comparisons" in g or "patient-ana" in g for g in stamp["graphs"])
