"""Second readings a sentence gives a mention, and body parts kept inside longer names."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text


def readings(text: str, kind: str = "review") -> dict[tuple[str, str], str]:
    res = analyse_text(text, "t", "t.txt", kind)
    for m in res.mentions:
        assert text[m.start:m.end] == m.text
    return {(m.text, m.type): m.source for m in res.mentions}


def test_a_herniation_seen_on_an_image_is_a_finding_and_named_elsewhere_a_condition():
    seen = readings("A sagittal MRI showed a large disc herniation at L4-5.")
    plain = readings("A large disc herniation at L4-5 may settle without surgery.")
    assert any(t == "finding" and "herniation" in x for x, t in seen), seen
    assert any(t == "condition" and "herniation" in x for x, t in plain), plain
    # outside an image the finding reading is not made, inside the condition one is not kept as first
    assert not any(t == "finding" and "herniation" in x and s == "context" for (x, t), s in plain.items())


def test_a_named_kind_of_pain_is_a_condition_but_a_quality_of_pain_is_not():
    got = readings("Patients described neuropathic pain and severe pain in the evening.")
    assert got.get(("neuropathic pain", "condition")) == "context", got
    assert ("severe pain", "condition") not in got, got


def test_compression_of_a_structure_is_read_as_a_mechanism():
    got = readings("Leg symptoms follow compression of the nerve root by disc material; "
                   "spinal cord impingement is rarer.")
    assert ("compression of the nerve root", "mechanism") in got, got
    assert ("spinal cord impingement", "mechanism") in got, got


def test_a_history_of_a_disease_is_a_risk_factor():
    got = readings("A history of lymphoma calls for imaging.")
    assert ("history of lymphoma", "risk_factor") in got, got
    assert ("lymphoma", "condition") in got, got


def test_advice_to_change_a_behaviour_is_a_treatment():
    got = readings("Patients were told to stop smoking and to reduce their body weight.")
    assert ("stop smoking", "treatment") in got, got
    assert ("reduce their body weight", "treatment") in got, got
    assert not any(t == "treatment" and x.startswith("Patients") for x, t in got)


def test_a_negated_mention_keeps_its_assertion_in_every_reading():
    res = analyse_text("The MRI showed no spinal stenosis.", "t", "t.txt", "review")
    stenosis = [m for m in res.mentions if m.text == "spinal stenosis"]
    assert {m.type for m in stenosis} >= {"condition", "finding"}, stenosis
    assert {m.assertion for m in stenosis} == {"negated"}, stenosis


@pytest.mark.parametrize("text, part, whole", [
    ("Cauda equina syndrome needs urgent decompression.", "Cauda equina", "Cauda equina syndrome"),
    ("Ligamentum flavum ossification narrows the recess.", "Ligamentum flavum", "Ligamentum flavum ossification"),
    ("Conus medullaris syndrome is rarer.", "Conus medullaris", "Conus medullaris syndrome"),
])
def test_a_body_part_inside_a_longer_name_is_a_mention_too(text, part, whole):
    got = readings(text)
    assert (part, "anatomy") in got, got
    assert any(x == whole and t != "anatomy" for x, t in got), got


def test_a_body_part_list_after_of_is_not_read_as_one_place():
    got = readings("The scan showed compression of the conus medullaris and dural sac effacement.")
    assert ("compression of the conus medullaris", "finding") in got, got
    assert any(x == "dural sac effacement" for x, _t in got), got


def test_readings_do_not_add_relations_or_change_the_first_reading():
    res = analyse_text("Lumbar disc herniation causes sciatica.", "t", "t.txt", "review")
    firsts = {(m.start, m.end): m for m in res.mentions if m.source != "context"}
    for r in res.relations:
        assert r.head.source != "context" and r.tail.source != "context"
        assert (r.head.start, r.head.end) in firsts


@pytest.mark.parametrize("text, want", [
    ("She reported decreased sensation on walking.", "decreased sensation"),
    ("Loss of bladder control needs urgent review.", "Loss of bladder control"),
    ("Reduced grip strength was the first sign.", "Reduced grip strength"),
])
def test_a_function_of_the_body_named_with_its_change_is_a_symptom(text, want):
    assert (want, "symptom") in readings(text)


def test_reflexes_named_with_their_change_are_also_an_exam_sign():
    got = readings("Absence of knee reflexes suggested a root lesion.")
    assert ("Absence of knee reflexes", "symptom") in got, got
    assert ("Absence of knee reflexes", "exam_sign") in got, got
    assert ("knee", "anatomy") in got, got


def test_a_body_part_named_with_what_went_wrong_is_a_finding():
    got = readings("A calcified anterior longitudinal ligament was seen on the film.")
    assert ("calcified anterior longitudinal ligament", "finding") in got, got
    assert ("anterior longitudinal ligament", "anatomy") in got, got
    assert ("calcified anterior longitudinal ligament", "anatomy") not in got, got


def test_a_pain_named_as_a_condition_is_also_a_symptom():
    got = readings("Chronic low back pain is common in older adults.")
    types = {t for x, t in got if x.lower().endswith("low back pain")}
    assert {"condition", "symptom"} <= types, got


def test_items_listed_as_kinds_of_a_named_thing_take_its_type():
    got = readings("Conservative care with traction, massage, or heat packs can be tried first.")
    assert {("traction", "treatment"), ("massage", "treatment")} <= set(got), got
    warning = readings("Warning signs such as fever, unexplained weight loss or saddle numbness need imaging.")
    assert ("fever", "symptom") in warning, warning


def test_a_thing_followed_by_with_and_no_list_gives_no_reading():
    got = readings("Fusion surgery with good results was reported in the series.")
    assert not any(x == "good results" for x, _t in got), got


def test_an_imperative_the_tagger_reads_as_a_noun_is_still_advice():
    got = readings("Advice: exercise daily, quit smoking and sleep well.")
    assert ("quit smoking", "treatment") in got, got


def test_an_unnamed_item_in_a_list_of_one_kind_takes_that_kind():
    got = readings("The pain is thought to come from hypertrophy or spasm of the muscle.")
    assert ("hypertrophy", "condition") in got, got
    got = readings("She was given naproxen, ibuprofen, and zorbamycet for the pain.")
    assert ("zorbamycet", "drug") in got, got


def test_a_list_of_mixed_kinds_or_of_people_gives_no_reading():
    got = readings("Care involves physiotherapists, surgeons and pain specialists.")
    assert not any(s == "context" for s in got.values()), got
    got = readings("I had some soup and ibuprofen at noon.", "narrative")
    assert ("soup", "drug") not in got, got


def test_a_clinical_syndrome_named_beside_an_image_is_not_a_finding():
    got = readings("Conus medullaris syndrome was suspected, and an MRI was ordered the same night.")
    assert ("Conus medullaris syndrome", "condition") in got, got
    assert ("Conus medullaris syndrome", "finding") not in got, got


def test_a_diagnosed_condition_is_not_read_as_a_symptom():
    got = readings("Cervical spondylotic myelopathy was confirmed on examination.")
    assert not any(t == "symptom" and "myelopathy" in x for x, t in got), got
