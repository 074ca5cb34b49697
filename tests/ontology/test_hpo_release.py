"""The HPO release is read once per installation: later processes read the derived file."""
from __future__ import annotations

import json

import pytest

from spasmkg.ontology import hpo_release


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SPASMKG_CACHE_DIR", str(tmp_path))
    hpo_release.terms.cache_clear()
    yield tmp_path
    hpo_release.terms.cache_clear()


@pytest.mark.slow
def test_the_first_read_writes_the_derived_file_and_later_reads_use_it(fresh_cache, monkeypatch):
    data = hpo_release.terms()
    files = list(fresh_cache.glob("hpo-terms-*.json"))
    assert len(files) == 1
    assert data["names"]["muscle spasm"] == ["HP:0003394", "Muscle spasm"]
    assert "HP:0003394" in data["phenotypic_abnormality"]
    assert "HP:0000118" not in data["phenotypic_abnormality"]          # the root itself is not below it

    def no_release():
        raise AssertionError("the release was loaded although the derived file exists")
    monkeypatch.setattr(hpo_release, "_from_release", no_release)
    hpo_release.terms.cache_clear()
    assert hpo_release.terms() == data


def test_a_damaged_derived_file_is_rebuilt_from_the_release(fresh_cache):
    first = hpo_release.terms()
    path = next(fresh_cache.glob("hpo-terms-*.json"))
    path.write_text("{not json", encoding="utf-8")
    hpo_release.terms.cache_clear()
    assert hpo_release.terms() == first
    assert json.loads(path.read_text(encoding="utf-8")) == first
