"""Extraction on a Dask cluster (a LocalCluster here) gives the same graph as the plain build."""
from __future__ import annotations

import shutil

import pytest
from rdflib import Dataset

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


def quads(folder) -> set[str]:
    ds = Dataset()
    ds.parse(folder / "graph.trig", format="trig")
    return set(ds.serialize(format="nquads").splitlines())


@pytest.mark.slow
def test_dask_build_equals_plain_build(tmp_path):
    pytest.importorskip("distributed")
    from spasmkg.build.run import build
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("case-report-lumbar.txt", "guideline-imaging.txt", "patient-marco.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    plain = build([inputs], tmp_path / "plain")
    dask = build([inputs], tmp_path / "dask", engine="dask")
    assert [d[0] for d in plain.documents] == [d[0] for d in dask.documents]
    assert (plain.claims, plain.mentions, plain.relations) == (dask.claims, dask.mentions, dask.relations)
    a, b = quads(tmp_path / "plain"), quads(tmp_path / "dask")
    assert len(a) > 500 and a == b
