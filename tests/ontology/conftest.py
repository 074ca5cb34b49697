"""Fixtures for the ontology tests: the seeds graph, loaded afresh and run through HermiT."""
from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def reasoned_dataset(seeds_out):
    """A private copy of the built seeds graph with the reasoner's inferences materialized."""
    if shutil.which("java") is None:
        pytest.skip("HermiT needs a Java runtime")
    from spasmkg.graph.store import load
    from spasmkg.ontology import reasoning
    ds = load(seeds_out)
    result = reasoning.reason(ds)
    reasoning.materialize(ds, result)
    return ds
