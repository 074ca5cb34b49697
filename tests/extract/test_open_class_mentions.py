"""Mentions beyond the vocabulary: HPO typed by its branches, the WordNet lexicon, vertebral levels,
and every mention grown to the noun phrase that names its thing."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text


def mentions(text: str, kind: str = "review") -> set[tuple[str, str, str]]:
    res = analyse_text(text, "t", "t.txt", kind)
    for m in res.mentions:
        assert text[m.start:m.end] == m.text
    return {(m.text, m.type, m.source) for m in res.mentions}


@pytest.mark.parametrize("text, want", [
    # HPO files these under Neoplasm, Abnormal reflex and Abnormal skeletal morphology
    ("A mediastinal lymphoma was excluded by the scan.", ("lymphoma", "condition", "hpo")),
    ("On examination a Babinski sign was elicited on the left.", ("Babinski sign", "exam_sign", "hpo")),
    ("Her radiograph showed a spondylolisthesis.", ("spondylolisthesis", "condition", "hpo")),
])
def test_hpo_terms_are_typed_by_their_branch(text, want):
    got = mentions(text)
    assert any(w in (m[0], m[0].split()[-1]) or m[0].endswith(want[0]) for m in got for w in [want[0]]
               if m[1:] == want[1:]), got


@pytest.mark.parametrize("text, want", [
    ("The surgeon examined the sacrum and the coccyx.", ("coccyx", "anatomy", "lexicon")),
    ("She was given amitriptyline for the nights.", ("amitriptyline", "drug", "lexicon")),
    ("He was offered hydrotherapy before anything else.", ("hydrotherapy", "treatment", "lexicon")),
    ("A myelogram was ordered.", ("myelogram", "test", "lexicon")),
])
def test_the_lexicon_types_words_the_vocabulary_lacks(text, want):
    assert want in mentions(text)


def test_proper_names_and_stop_words_are_not_lexicon_mentions():
    got = mentions("Dr Back and Mr Heart met at the Side entrance to talk about the cold weather.")
    assert not [m for m in got if m[2] == "lexicon"], got


@pytest.mark.parametrize("text, want", [
    ("Patients report pain at night and numbness in the left foot.",
     {("pain at night", "symptom"), ("numbness in the left foot", "symptom")}),
    ("Benign or malignant tumors are rare causes.", {("Benign or malignant tumors", "condition")}),
    ("The other common complaint was radicular leg pain.", {("radicular leg pain", "symptom")}),
])
def test_mentions_grow_to_their_noun_phrase(text, want):
    got = {(t, ty) for t, ty, _s in mentions(text)}
    assert want <= got, got


def test_growth_stops_at_who_and_how_many():
    got = {t for t, _ty, _s in mentions("Numbness in 40% of patients and weakness in most cases were seen.")}
    assert "Numbness" in got and not any("patients" in t or "cases" in t for t in got), got


@pytest.mark.parametrize("text, levels", [
    ("Herniations at L4-5 and L5-S1 are common; C5-6 less so.", {"L4-5", "L5-S1", "C5-6"}),
    ("The L5 root and the S1 root were compressed; L4/5 was spared.", {"L5", "S1", "L4/5"}),
])
def test_vertebral_levels_are_anatomy(text, levels):
    got = {t for t, ty, s in mentions(text) if ty == "anatomy"}
    assert levels <= got, got


@pytest.mark.parametrize("text", ["The L7 segment.", "A C12 stamp.", "Form S1-L2 was filed."])
def test_levels_outside_the_spine_are_not_levels(text):
    assert not [m for m in mentions(text) if m[2] == "rule"]


@pytest.mark.parametrize("text, want", [
    ("Spondylodiscitis was seen on the scan.", ("Spondylodiscitis", "condition")),
    ("She underwent a hemilaminectomy last year.", ("hemilaminectomy", "treatment")),
    ("The lesion was a conus medullaris syndrome.", ("conus medullaris syndrome", "condition")),
    ("Activity modification is the first step.", ("Activity modification", "treatment")),
    # an orthosis is worn, not suffered; a modified head names a procedure
    ("She wore a lumbosacral orthosis for twelve weeks.", ("lumbosacral orthosis", "treatment")),
    ("Surgical repair was offered after six months.", ("Surgical repair", "treatment")),
    ("Use warm or cool packs twice a day.", ("warm or cool packs", "treatment")),
    # drug name stems: a local anaesthetic, an opioid, a prostaglandin
    ("The block used ropivacaine before the operation.", ("ropivacaine", "drug")),
    ("Oxymorcodone was tried for a week.", ("Oxymorcodone", "drug")),
    ("An oral alprostadilprost was given.", ("oral alprostadilprost", "drug")),
])
def test_words_no_resource_lists_are_typed_by_their_form(text, want):
    got = mentions(text)
    assert (*want, "rule") in got, got


@pytest.mark.parametrize("text", ["A differential diagnosis was drawn up.", "A serious disorder of sleep."])
def test_form_rules_leave_general_words_alone(text):
    assert not [m for m in mentions(text) if m[2] == "rule"]


def test_a_body_part_inside_a_grown_name_stays_a_mention_of_its_own():
    got = mentions("She felt numbness in her left foot.", "narrative")
    assert ("numbness in her left foot", "symptom") in {(t, ty) for t, ty, _s in got}
    assert ("left foot", "anatomy") in {(t, ty) for t, ty, _s in got}


def test_what_a_drug_is_for_names_the_drug():
    got = mentions("The pain meds did nothing for me.", "narrative")
    assert ("pain meds", "drug", "rule") in got


@pytest.mark.parametrize("text, want", [
    ("The neural foramen was narrowed.", ("neural foramen", "anatomy")),
    ("An intervertebral disc can bulge.", ("intervertebral disc", "anatomy")),
    ("They found hypertrophy of the facet joints.", ("hypertrophy of the facet joints", "condition")),
])
def test_parts_of_the_spine_and_their_lesions_are_named_by_their_form(text, want):
    assert want in {(t, ty) for t, ty, _s in mentions(text)}


def test_two_word_names_are_found_hyphenated_and_closed():
    got = mentions("I sat on my tailbone and took a muscle-relaxant.", "narrative")
    assert {("tailbone", "anatomy", "lexicon"), ("muscle-relaxant", "drug", "lexicon")} <= got, got


def test_a_capitalised_word_opening_a_list_item_is_read():
    got = mentions("Warning signs:\n- Fever and chills\n- Signs: Fever, weight loss\n")
    assert ("Fever", "symptom", "lexicon") in got, got


def test_a_placing_phrase_stops_before_the_next_list_item():
    got = {(t, ty) for t, ty, _s in mentions(
        "This includes hypertrophy of the posterior longitudinal ligament, ligamentum flavum, and facet joints.")}
    assert ("hypertrophy of the posterior longitudinal ligament", "condition") in got, got


def test_a_lesion_head_placed_at_a_level_is_a_condition():
    got = {(t, ty) for t, ty, _s in mentions("It is most frequent when due to degeneration at L4/5.")}
    assert ("degeneration at L4/5", "condition") in got, got


def test_a_procedure_naming_the_kind_of_another_is_one_name():
    res = analyse_text("She had two discectomy surgeries last year.", "t", "t.txt", "review")
    assert ("discectomy surgeries", "treatment") in {(m.text, m.type) for m in res.mentions}
