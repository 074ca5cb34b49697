"""What each general library query answers on the seeds, checked against facts read from the graph
with rdflib's Python API (not SPARQL) or stated by the seed documents themselves."""
from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from spasmkg.ontology.namespaces import CITO, KG, SKG
from spasmkg.queries import runner

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(seeds_memory):
    return seeds_memory


def rows(store, name, **params):
    return runner.select(store, name, params)[1]


def test_exam_signs_for_nerve_root_irritation(store):
    got = rows(store, "exam-signs", condition="nerve root irritation")
    assert {str(r["signLabel"]) for r in got} == {"Lasègue sign", "straight leg raise test"}
    assert {int(r["refNumber"]) for r in got} == {28}


def test_conditions_for_sign_inverts_exam_signs(store):
    got = rows(store, "conditions-for-sign", sign="straight leg raise test")
    assert "nerve root irritation" in {str(r["conditionLabel"]) for r in got}
    for r in got:   # every row is one of the sign's indicates statements, read the other way
        back = rows(store, "exam-signs", condition=str(r["conditionLabel"]))
        assert "straight leg raise test" in {str(b["signLabel"]) for b in back}


def test_conditions_for_sign_accepts_any_name_in_any_case(store, seeds_dataset):
    sign = KG["entity/straight_leg_raise_test"]
    names = {str(n) for n in seeds_dataset.objects(sign, SKOS.altLabel)} | {str(seeds_dataset.value(sign, RDFS.label))}
    answers = {frozenset(str(r["condition"]) for r in rows(store, "conditions-for-sign", sign=n.upper())) for n in names}
    assert len(answers) == 1 and next(iter(answers))


def test_claims_matching_finds_the_demographics_claim(store, review_text):
    (row,) = rows(store, "claims-matching", text="84% of US adults")
    start, end = int(row["start"]), int(row["end"])
    assert review_text[start:end] == str(row["claimText"])
    assert str(row["section"]) == "Demographics"


def test_claims_citing_and_references_of_claim_agree(store):
    citing = rows(store, "claims-citing", ref="28")
    assert len(citing) > 3
    for r in citing[:: max(1, len(citing) // 3)]:      # first, middle and last ones
        refs = rows(store, "references-of-claim", claim=str(r["claim"]))
        assert 28 in {int(x["refNumber"]) for x in refs}


def test_references_of_claim_gives_full_records(store):
    claim = "https://w3id.org/spasmkg/id/claim/spasm-review/4379-4476"
    got = rows(store, "references-of-claim", claim=claim)
    assert [int(r["refNumber"]) for r in got] == [12, 16]
    assert str(got[0]["authors"]) == "Chou R"
    assert int(str(got[0]["year"])) == 2014


def test_reference_authors_in_order(store, seeds_dataset):
    ref = "https://w3id.org/spasmkg/id/ref/spasm-review/16"
    got = rows(store, "reference-authors", ref=ref)
    assert [int(r["position"]) for r in got] == list(range(1, len(got) + 1))
    assert [str(r["name"]) for r in got][:2] == ["Chang E", "Ghosh N"]


def test_uncited_references(store):
    got = rows(store, "uncited-references")
    assert [(str(r["document"]).rsplit("/", 1)[-1], int(r["refNumber"])) for r in got] == [("spasm-review", 23)]



def test_most_cited_references_counts(store, seeds_dataset):
    from rdflib.namespace import RDF
    counts = Counter(ref for claim, ref in set(seeds_dataset.subject_objects(CITO.citesAsEvidence))
                     if (claim, RDF.type, SKG.Claim) in seeds_dataset)
    got = rows(store, "most-cited-references", min="5")
    assert {str(r["ref"]): int(r["claims"]) for r in got} == {str(k): v for k, v in counts.items() if v >= 5}
    assert [int(r["claims"]) for r in got] == sorted((int(r["claims"]) for r in got), reverse=True)
    assert str(got[0]["ref"]) == str(counts.most_common(1)[0][0])


def test_co_mentioned_counts(store, seeds_dataset):
    from rdflib.namespace import RDF
    x = KG["entity/acute_muscle_spasm"]
    claims = [c for c in seeds_dataset.subjects(SKG.mentions, x) if (c, RDF.type, SKG.Claim) in seeds_dataset]
    expected = Counter(str(o) for c in set(claims) for o in set(seeds_dataset.objects(c, SKG.mentions)) if o != x)
    got = rows(store, "co-mentioned", entity="Acute Muscle Spasm")
    assert {str(r["other"]): int(r["claims"]) for r in got} == dict(expected)
    for r in got:   # the example claim does mention both
        assert str(r["exampleClaim"])


def test_claim_by_iri(store, review_text):
    (row,) = rows(store, "claim-by-iri", claim="https://w3id.org/spasmkg/id/claim/spasm-review/4379-4476")
    assert (int(row["start"]), int(row["end"])) == (4379, 4476)
    assert review_text[4379:4476] == str(row["claimText"])


def test_statistics_carry_values_and_references(store, review_text):
    got = rows(store, "statistics", condition="acute muscle spasm")
    by_value = {str(r["value"]): r for r in got}
    pct = by_value["84%"]
    assert float(pct["low"]) == float(pct["high"]) == 84 and str(pct["population"]) == "US adults"
    assert {int(r["refNumber"]) for r in got if str(r["value"]) == "84%"} == {12, 16}
    for r in got:     # each statistic points at its own words in the review
        start = int(r["start"])
        assert str(r["value"]).split()[0] in review_text[start:start + 40]


def test_a_name_matches_whatever_its_case_and_spacing(store):
    plain = rows(store, "exam-signs", condition="nerve root irritation")
    assert plain
    assert rows(store, "exam-signs", condition="  Nerve   ROOT\tirritation ") == plain


def test_references_of_claim_lists_authors_in_the_reference_order(store, seeds_dataset):
    claim = "https://w3id.org/spasmkg/id/claim/spasm-review/4379-4476"
    (ref16,) = [r for r in rows(store, "references-of-claim", claim=claim) if int(r["refNumber"]) == 16]
    listed = [str(r["name"]) for r in rows(store, "reference-authors", ref=str(ref16["ref"]))]
    assert str(ref16["authors"]).split("; ") == listed and len(listed) > 1
