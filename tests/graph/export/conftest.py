"""A small built graph for the export tests: a short review and a patient's account written for them
(``texts/``), built once per test process; it holds claims, references, relations and dated events."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).resolve().parent / "texts"


@pytest.fixture(scope="session")
def small_out(tmp_path_factory) -> Path:
    from spasmkg.build.run import build
    out = tmp_path_factory.mktemp("small-out")
    build([TEXTS], out)
    return out


@pytest.fixture(scope="session")
def small_dataset(small_out):
    from spasmkg.graph.store.files import load
    return load(small_out)
