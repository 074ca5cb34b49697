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
from spasmkg.ontology.namespaces import KG

CORPUS = ROOT / "tests" / "corpus"


COMPARISONS = str(KG["graph/comparisons/"])


def _comparison_graphs(names) -> set[str]:
    """The comparison graphs among the graph IRIs ``names``, as ``narrative`` or ``narrative/review``."""
    return {g[len(COMPARISONS):] for g in names if g.startswith(COMPARISONS)}


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
    for name in ("review-brackets-vancouver.txt", "case-report-lumbar.txt", "patient-ana.txt", "patient-marco.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    out = tmp_path / "out"
    build([inputs], out)
    first = _same_as_whole(out, tmp_path, "first")
    assert first["taken_in"] is None                                         # built whole
    assert _comparison_graphs(first["graphs"]) == {"patient-ana", "patient-ana/review-brackets-vancouver",
                                                   "patient-marco", "patient-marco/review-brackets-vancouver",
                                                   "patient-marco/case-report-lumbar"}

    shutil.copy(CORPUS / "review-acs-superscript.txt", inputs)                # a review added
    build([inputs], out)
    stamp = _same_as_whole(out, tmp_path, "added")
    taken = [g.rsplit("/", 1)[1] for g in stamp["taken_in"] if not g.startswith(COMPARISONS)]
    assert taken == ["assembly", "review-acs-superscript"]                   # not the unchanged documents
    # of the comparisons, only each narrative's literature-wide graph and its pair with the new review:
    # never a graph of every comparison, nor a pair with an unchanged review
    new_pairs = {g for g in _comparison_graphs(stamp["graphs"]) if g.endswith("/review-acs-superscript")}
    assert new_pairs == {"patient-ana/review-acs-superscript", "patient-marco/review-acs-superscript"}
    assert _comparison_graphs(stamp["taken_in"]) == {"patient-ana", "patient-marco"} | new_pairs

    review = inputs / "case-report-lumbar.txt"                               # a review changed
    review.write_text(review.read_text(encoding="utf-8") + "\nLumbar muscle spasm eased with rest [1].\n",
                      encoding="utf-8")
    build([inputs], out)
    stamp = _same_as_whole(out, tmp_path, "changed")
    assert "case-report-lumbar" in [g.rsplit("/", 1)[1] for g in stamp["taken_in"]]
    assert all("/" not in g or g.endswith("/case-report-lumbar") for g in _comparison_graphs(stamp["taken_in"]))
    before = stamp["graphs"]

    (inputs / "patient-ana.txt").unlink()                                    # a narrative removed
    build([inputs], out)
    stamp = _same_as_whole(out, tmp_path, "removed")
    assert [g.rsplit("/", 1)[1] for g in stamp["taken_in"] if not g.startswith(COMPARISONS)] == \
        ["assembly", "patient-ana"]
    assert _comparison_graphs(stamp["taken_in"]) == {g for g in _comparison_graphs(before) if g.startswith("patient-ana")}
    assert not any("patient-ana" in g for g in stamp["graphs"])
    assert _comparison_graphs(stamp["graphs"]) == {g for g in _comparison_graphs(before) if g.startswith("patient-marco")}
