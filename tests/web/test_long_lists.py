"""Long lists stay readable: an entity's page shows its first claims and counts the rest; a patient's
comparisons are asked for by that patient's document. On the seeds graph, in rdflib."""
from __future__ import annotations

import pytest

from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries import comparison_report, runner
from spasmkg.web import records

pytestmark = pytest.mark.slow
KG = "https://w3id.org/spasmkg/id/"


@pytest.fixture(scope="module")
def run(seeds_dataset):
    store = MemoryStore(seeds_dataset)
    return lambda name, params: runner.select(store, name, params)[1]


def test_an_entity_page_shows_the_first_claims_and_counts_all(run, monkeypatch):
    whole = records.entity(run, KG + "entity/acute_muscle_spasm")
    assert whole["claims_total"] == len(whole["claims"]) > 3
    monkeypatch.setattr(records, "MAX_CLAIMS", 3)
    cut = records.entity(run, KG + "entity/acute_muscle_spasm")
    assert cut["claims_total"] == whole["claims_total"]
    assert [c["iri"] for c in cut["claims"]] == [c["iri"] for c in whole["claims"][:3]]


def test_one_patients_comparisons_are_all_of_that_patient(run):
    everyone = comparison_report.rows(run)
    clare = comparison_report.rows(run, patient="patient-clare")
    assert clare and clare == [r for r in everyone if r["patient_document"] == "patient-clare"]
    assert comparison_report.rows(run, patient="no-such-account") == []
