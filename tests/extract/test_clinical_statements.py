"""Statements a clinician acts on, read from a short review written for this test: each kind, in its
stated, negated, hedged and conditional forms, with who recommends, the indication and the
comparison kept as written, and nothing read from the reference list."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text

REVIEW = """Managing lumbar strain in primary care

Current guidelines recommend a careful neurological examination for adults with sciatica.[1] Opioids are not recommended for acute low back pain.[2] Routine radiographs should be avoided in the first six weeks.[2]

Magnetic resonance imaging is indicated for patients with progressive leg weakness.[3] Few patients require computed tomography unless they report saddle anesthesia or they have a history of cancer.[3]

Heat wraps were more effective than oral placebo for acute low back pain.[4] Bed rest was no better than usual activity for back pain.[4] Massage may reduce muscle spasm.[5] Pain worsens with prolonged standing.[5] The pain is relieved by lying down.[5] Gabapentin did not improve sciatica.[4]

The differential diagnosis includes spinal stenosis and ankylosing spondylitis.[1]

What to do at home
- Stay active within the limits of pain.[5]
- Seek medical evaluation if the numbness spreads to both legs.[6]

Fever with back pain needs urgent imaging, because it may point to a spinal infection.[6] Progressive leg weakness may indicate cauda equina syndrome.[6] A history of cancer with new back pain warrants urgent imaging to exclude metastasis.[6]

References
1. Smith A. Examining the back. Spine J. 2001;1:1-5.
2. Jones B. Diazepam is recommended for back spasm: a guideline. Ann Med. 2010;2:2-9.
3. Brown C. Imaging the spine. Radiology. 2005;3:3-8.
4. Green D. Heat for back pain: a randomized trial. BMJ. 2003;4:4-6.
5. White E. Massage therapy. Pain. 2011;5:5-7.
6. Black F. Red flags of the spine. BMJ. 2012;6:6-9.
"""

KINDS = {"recommends", "recommends_against", "indicated_when", "effective_for", "not_effective_for",
         "red_flag_for", "aggravates", "relieves", "differential_of"}


@pytest.fixture(scope="module")
def statements():
    res = analyse_text(REVIEW, "strain-review", "strain.txt", "review")
    return [r for r in res.relations if r.type in KINDS]


def find(statements, kind, head):
    got = [r for r in statements if r.type == kind and r.head.text == head]
    assert got, f"no {kind} statement about {head!r}: {[(r.type, r.head.text) for r in statements]}"
    return got


def test_recommendation_keeps_who_recommends_and_its_references(statements):
    (rec,) = find(statements, "recommends", "careful neurological examination")
    assert rec.agent == "Current guidelines"
    assert rec.refs == [1] and rec.modality == "stated"


def test_negated_recommendations_are_recommendations_against(statements):
    find(statements, "recommends_against", "Opioids")               # "are not recommended"
    find(statements, "recommends_against", "Routine radiographs")   # "should be avoided"
    assert not [r for r in statements if r.type == "recommends" and r.head.text in ("Opioids", "Routine radiographs")]


def test_indication_for_patients(statements):
    (ind,) = find(statements, "indicated_when", "Magnetic resonance imaging")
    assert ind.qualifier == "patients with progressive leg weakness" and ind.qualifier_kind == "indication"
    assert ind.modality == "conditional"


def test_unless_clause_gives_one_indication_per_alternative(statements):
    got = find(statements, "indicated_when", "computed tomography")
    assert sorted(r.qualifier for r in got) == ["they have a history of cancer", "they report saddle anesthesia"]
    assert all(r.refs == [3] for r in got)


def test_efficacy_keeps_the_comparison_and_its_sign(statements):
    (works,) = find(statements, "effective_for", "Heat wraps")
    assert works.qualifier == "than oral placebo" and works.qualifier_kind == "comparison"
    (fails,) = find(statements, "not_effective_for", "Bed rest")    # "no better than"
    assert fails.qualifier == "than usual activity"
    assert not [r for r in statements if r.type == "effective_for" and r.head.text == "Bed rest"]


def test_hedged_efficacy_is_marked_hedged(statements):
    (massage,) = find(statements, "effective_for", "Massage")
    assert massage.hedge == "may" and massage.modality == "hedged"
    assert massage.tail.text == "muscle spasm"


def test_aggravating_factor(statements):
    (agg,) = find(statements, "aggravates", "prolonged standing")
    assert agg.tail.text == "Pain"


def test_red_flags_point_to_serious_causes(statements):
    flags = {(r.head.text, r.tail.text) for r in statements if r.type == "red_flag_for"}
    assert ("Fever", "spinal infection") in flags
    assert ("Progressive leg weakness", "cauda equina syndrome") in flags
    assert not [f for f in flags if f[0] in ("spinal infection", "cauda equina syndrome")]


def test_a_serious_disorder_in_the_past_is_a_red_flag_not_a_cause(statements):
    flags = {(r.head.text, r.tail.text) for r in statements if r.type == "red_flag_for"}
    assert ("history of cancer", "metastasis") in flags
    assert not [f for f in flags if f[1] == "history of cancer"]


def test_reference_titles_make_no_statements(statements):
    start = REVIEW.index("References")
    assert not [r for r in statements if r.sentence.start >= start]
    assert not [r for r in statements if "Diazepam" in r.head.text]


def test_relieving_factor_in_the_passive(statements):
    (rel,) = find(statements, "relieves", "lying down")
    assert rel.tail.text == "pain"


def test_did_not_improve_is_not_effective(statements):
    (fails,) = find(statements, "not_effective_for", "Gabapentin")
    assert fails.tail.text == "sciatica"
    assert not [r for r in statements if r.type == "effective_for" and r.head.text == "Gabapentin"]


def test_efficacy_bears_on_the_condition_the_sentence_names(statements):
    (fails,) = find(statements, "not_effective_for", "Bed rest")
    assert fails.tail.text == "back pain"


def test_differential_diagnoses_of_the_topic(statements):
    got = {r.head.text for r in statements if r.type == "differential_of"}
    assert got == {"spinal stenosis", "ankylosing spondylitis"}


def test_advice_in_the_imperative(statements):
    (seek,) = find(statements, "recommends", "medical evaluation")
    assert seek.modality == "conditional" and seek.qualifier == "if the numbness spreads to both legs"
    find(statements, "recommends", "Stay active")
