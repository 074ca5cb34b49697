"""Long lists stay readable: an entity's page shows one page of its claims, counts them all and links
the next and previous pages; a patient's comparisons are asked for by that patient's document. On
the seeds graph, in rdflib."""
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
    return lambda name, params, limit=None, offset=0: runner.select(store, name, params, limit, offset)[1]


def test_an_entity_page_shows_one_page_of_claims_and_counts_all(run, monkeypatch):
    whole = records.entity(run, KG + "entity/acute_muscle_spasm")
    assert whole["claims_total"] == len(whole["claims"]) > 7
    assert whole["claims_next"] is None and whole["claims_previous"] is None
    monkeypatch.setattr(records, "CLAIMS_PAGE", 3)
    pages, offset = [], 0
    while offset is not None:
        page = records.entity(run, KG + "entity/acute_muscle_spasm", offset=offset)
        assert page["claims_total"] == whole["claims_total"] and page["claims_from"] == offset
        assert len(page["claims"]) <= 3
        pages.append(page)
        offset = page["claims_next"]
    assert [p["claims_previous"] for p in pages[:3]] == [None, 0, 3]
    assert [c for p in pages for c in p["claims"]] == whole["claims"]   # consecutive, no overlap, same marks


def test_every_claim_on_an_entity_page_is_the_one_entity_claims_lists(run):
    shown = records.entity(run, KG + "entity/acute_muscle_spasm")["claims"]
    listed = run("entity-claims", {"entity": KG + "entity/acute_muscle_spasm"})
    assert [c["iri"] for c in shown] == list(dict.fromkeys(str(r["claim"]) for r in listed))
    refs = {(str(r["claim"]), str(r["ref"])) for r in listed if r.get("ref") is not None}
    assert {(c["iri"], x["iri"]) for c in shown for x in c["refs"]} == refs


def test_one_patients_comparisons_are_all_of_that_patient(run):
    everyone = comparison_report.rows(run)
    clare = comparison_report.rows(run, patient="patient-clare")
    assert clare and clare == [r for r in everyone if r["patient_document"] == "patient-clare"]
    assert comparison_report.rows(run, patient="no-such-account") == []
