"""The clinical questions on the seeds: what the review recommends and on whose authority, when it
says imaging is needed, which signs it treats as red flags, and what backs a claim."""
from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from spasmkg.ontology.namespaces import SKG
from spasmkg.queries import runner

pytestmark = pytest.mark.slow


def rows(store, name, **params):
    return runner.select(store, name, params)[1]


def test_history_and_examination_recommended_by_the_guideline_with_refs_6_and_11(seeds_memory):
    got = [r for r in rows(seeds_memory, "recommendations") if "American College of Physicians" in str(r["recommendedBy"] or "")]
    assert {str(r["whatLabel"]) for r in got} == {"thorough medical history review", "complete physical examination"}
    assert {int(r["refNumber"]) for r in got} == {6, 11}
    assert {str(r["recommendation"]) for r in got} == {"recommended"}
    assert "guideline" in {str(r["evidenceKind"]) for r in got}

def test_imaging_with_its_two_indications(seeds_memory):
    got = [r for r in rows(seeds_memory, "indications") if str(r["testLabel"]) == "imaging"]
    assert {str(r["indication"]) for r in got} == {
        "a medical history review and physical examination indicate a serious underlying condition",
        "the patient presents with severe or progressive neurological deficits"}
    assert {int(r["refNumber"]) for r in got} == {6, 11}

def test_red_flags_name_serious_causes_not_findings(seeds_memory, seeds_dataset):
    got = rows(seeds_memory, "red-flags")
    assert {(str(r["signLabel"]), str(r["causeLabel"])) for r in got} == {("point tenderness", "fracture"),
                                                                          ("point tenderness", "infection")}
    assert not {str(r["signLabel"]) for r in got} & {"cancer", "fracture", "infection"}
    # the sentence about excluding serious disorders does not assert them
    mentions = [m for m in seeds_dataset.subjects(RDF.type, SKG.Mention)
                if str(seeds_dataset.value(m, SKG.exact)) in ("cancer", "compression fracture")]
    assert mentions
    assert {str(seeds_dataset.value(m, SKG.assertion)) for m in mentions} == {"hypothetical"}

def test_hedged_claims_hold_only_hedged_or_conditional_statements(seeds_memory):
    got = rows(seeds_memory, "hedged-claims")
    assert got
    assert all(r["hedge"] is not None or str(r["modality"]) == "conditional" for r in got)
    assert "laboratory investigation" in {str(r["subjectLabel"]) for r in got}

def test_evidence_of_claim_gives_each_reference_and_its_kind(seeds_memory):
    claim = runner.get("evidence-of-claim").example_params()["claim"]
    got = rows(seeds_memory, "evidence-of-claim", claim=claim)
    kinds = {int(r["refNumber"]): str(r["evidenceKind"]) for r in got}
    assert kinds[11] == "guideline"
    assert {str(r["relationType"]) for r in got} >= {"recommends"}
