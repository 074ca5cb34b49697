"""Fixtures for the ontology tests: the seeds built once with the reasoner on."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def reasoned_out(tmp_path_factory) -> Path:
    if shutil.which("java") is None:
        pytest.skip("HermiT needs a Java runtime")
    from spasmkg.build import build
    out = tmp_path_factory.mktemp("seeds-reasoned")
    build([SEEDS], out, reason=True)
    return out


@pytest.fixture(scope="session")
def reasoned_dataset(reasoned_out):
    from spasmkg.graph.store import load
    return load(reasoned_out)
