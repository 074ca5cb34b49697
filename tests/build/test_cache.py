"""Adding one document to a built corpus extracts that document only, and gives the same graph."""
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


def _inputs(tmp_path, *names: str):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, inputs / name)
    return inputs


@pytest.mark.slow
def test_adding_a_document_reuses_the_others(tmp_path):
    from spasmkg.build.run import build
    inputs = _inputs(tmp_path, "case-report-lumbar.txt", "patient-ana.txt")
    out = tmp_path / "out"
    first = build([inputs], out)
    assert first.reused == 0
    shutil.copy(CORPUS / "guideline-imaging.txt", inputs)
    second = build([inputs], out)
    assert second.reused == 2 and len(second.documents) == 3
    fresh = build([inputs], tmp_path / "fresh")           # no cache: everything extracted again
    assert fresh.reused == 0
    assert quads(out) == quads(tmp_path / "fresh")


def test_a_changed_document_is_extracted_again(tmp_path):
    from spasmkg.build.run import build
    inputs = _inputs(tmp_path, "patient-ana.txt")
    out = tmp_path / "out"
    build([inputs], out)
    (inputs / "patient-ana.txt").write_text((CORPUS / "patient-ana.txt").read_text(encoding="utf-8")
                                           + "\nHeat helped a little.\n", encoding="utf-8")
    again = build([inputs], out)
    assert again.reused == 0


def _outputs(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in ("graph.trig", "annotations.json", "graph.gexf")}


def test_a_rebuild_from_the_cache_writes_the_same_files(tmp_path):
    """Every document's TriG block and annotations come from the cache; the files are the same bytes."""
    from spasmkg.build.run import build
    inputs = _inputs(tmp_path, "case-report-lumbar.txt", "patient-ana.txt", "guideline-imaging.txt")
    out = tmp_path / "out"
    build([inputs], out)
    first = _outputs(out)
    assert build([inputs], out).reused == 3
    assert _outputs(out) == first


def test_an_entry_missing_one_of_its_files_is_extracted_again(tmp_path):
    from spasmkg.build.run import build
    inputs = _inputs(tmp_path, "case-report-lumbar.txt", "patient-ana.txt")
    out = tmp_path / "out"
    build([inputs], out)
    first = _outputs(out)
    blocks = sorted(b for b in (out / ".cache").glob("*.trig") if not b.name.startswith("comparisons-"))
    assert len(blocks) == 2
    blocks[0].unlink()
    again = build([inputs], out)
    assert again.reused == 1
    assert _outputs(out) == first
    compared = sorted((out / ".cache").glob("comparisons-*.trig"))    # a comparison graph's block: made again
    assert compared
    compared[0].unlink()
    again = build([inputs], out)
    assert again.comparisons_kept == 0 and again.comparisons_made == again.comparisons
    assert _outputs(out) == first
