"""Shared fixtures: the seeds built once per test session into a temporary folder."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory) -> Path:
    from spasmkg.build import build
    out = tmp_path_factory.mktemp("seeds-out")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seeds_dataset(seeds_out):
    from spasmkg.graph.store import load
    return load(seeds_out)


@pytest.fixture(scope="session")
def review_text() -> str:
    return (SEEDS / "002_7dac934f6533a53f.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def narrative_text() -> str:
    return (SEEDS / "000_13e9793492f49aec.txt").read_text(encoding="utf-8")
