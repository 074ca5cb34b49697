"""What each treatment did: one sentence per outcome kind, read through the real pipeline."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text


def outcomes(text: str) -> set[tuple[str, str]]:
    res = analyse_text("I am a 45 year old man. " + text, "t", "t.txt", "narrative")
    return {(o.treatment.lower(), o.outcome) for o in res.outcomes}


def details(text: str) -> dict[tuple[str, str], str | None]:
    res = analyse_text("I am a 45 year old man. " + text, "t", "t.txt", "narrative")
    return {(o.treatment.lower(), o.outcome): o.detail for o in res.outcomes}


@pytest.mark.parametrize("text,expected", [
    ("A hot shower always helps.", ("hot shower", "helped")),
    ("The massage was soothing.", ("massage", "helped")),
    ("Tylenol relieved the pain, but the spasms returned by evening.", ("tylenol", "partial")),
    ("Ibuprofen helped a little.", ("ibuprofen", "partial")),
    ("Aleve did nothing for me.", ("aleve", "no_effect")),
    ("Physical therapy didn't help at all.", ("physical therapy", "no_effect")),
    ("I don't think the acupuncture made the pain stop.", ("acupuncture", "no_effect")),
    ("Stretching makes it worse.", ("stretching", "worse")),
    ("I went back for an adjustment and was in pain all week.", ("adjustment", "worse")),
    ("Zanaflex made me dizzy.", ("zanaflex", "side_effect")),
    ("I have tolerated Celebrex well.", ("celebrex", "tolerated")),
    ("I never took the oxycodone.", ("oxycodone", "not_taken")),
    ("My doctor recommended yoga.", ("yoga", "recommended")),
    ("I am considering acupuncture.", ("acupuncture", "considered")),
])
def test_each_outcome_kind(text, expected):
    assert expected in outcomes(text)


def test_a_side_effect_names_the_symptoms_it_caused():
    got = details("Robaxin and Soma made me nauseous and drowsy.")
    assert got[("robaxin", "side_effect")] == "nauseous and drowsy"
    assert got[("soma", "side_effect")] == "nauseous and drowsy"


def test_a_relative_clause_takes_its_head_as_the_treatment():
    assert ("injection", "no_effect") in outcomes("The doctor gave me an injection which did nothing.")


def test_an_if_clause_holds_the_treatment():
    got = outcomes("If I take a sleeping pill at night, the spasms calm down, but they return in the morning.")
    assert ("sleeping pill", "partial") in got


def test_spasms_that_continue_after_a_treatment_was_begun_mean_no_effect():
    got = outcomes("He ordered massage therapy, which I started. The spasms continued.")
    assert ("massage therapy", "no_effect") in got


def test_a_pronoun_object_points_back_to_the_treatment():
    got = outcomes("Valium made me groggy but I tolerated it.")
    assert {("valium", "side_effect"), ("valium", "tolerated")} <= got


def test_a_sentence_without_a_treatment_as_agent_gives_no_outcome():
    assert outcomes("She wanted me to work on my posture. My sister helps me a lot.") == set()


def test_tolerating_heat_is_not_a_tolerated_treatment():
    got = outcomes("The hottest heat I can tolerate helps.")
    assert ("heat", "tolerated") not in got


def test_neither_means_no_effect_for_each_treatment_just_named():
    got = outcomes("She prescribed Flexeril and ibuprofen. Neither helped much.")
    assert {("flexeril", "no_effect"), ("ibuprofen", "no_effect")} <= got


def test_an_unnamed_drug_named_by_its_purpose():
    res = analyse_text("I am 40. If I take something to help me sleep, the spasms calm down. "
                       "Something for the pain did nothing.", "t", "t.txt", "narrative")
    got = {(m.text, m.concept, m.assertion) for m in res.mentions if m.type == "drug_class"}
    assert ("something to help me sleep", "sleep_aid", "hypothetical") in got
    assert ("Something for the pain", "analgesic", "present") in got
    assert ("something for the pain", "no_effect") in {(o.treatment.lower(), o.outcome) for o in res.outcomes}


def test_a_treatment_that_did_nothing_at_first_and_then_worked_helped():
    from spasmkg.extract.document import analyse_text
    late = analyse_text("The nerve block did nothing for three days and then it finally worked.", "t", "t.txt", "narrative")
    assert [(o.treatment, o.outcome) for o in late.outcomes] == [("nerve block", "helped")], late.outcomes
    # what the writer did next is not the treatment working
    gave_up = analyse_text("The gel did nothing for the ache, and then I gave up and stopped using it.",
                           "t", "t.txt", "narrative")
    assert ("gel", "helped") not in {(o.treatment, o.outcome) for o in gave_up.outcomes}, gave_up.outcomes
    two = analyse_text("The gel did nothing and the tablets helped.", "t", "t.txt", "narrative")
    assert ("gel", "no_effect") in {(o.treatment, o.outcome) for o in two.outcomes}, two.outcomes


def test_a_hyphenated_drug_name_is_one_treatment_with_its_outcomes():
    from spasmkg.extract.document import analyse_text
    res = analyse_text("The co-dydramol barely touched the pain and gave me constipation.", "t", "t.txt", "narrative")
    assert {(o.treatment, o.outcome) for o in res.outcomes} == {("co-dydramol", "partial"), ("co-dydramol", "side_effect")}


def test_a_misspelt_drug_the_tagger_reads_as_an_adjective_is_a_drug():
    from spasmkg.extract.document import analyse_text
    res = analyse_text("The doctor prescribed tizanadine and rest.", "t", "t.txt", "narrative")
    assert ("tizanadine", "drug") in {(m.text, m.type) for m in res.mentions}, res.mentions
