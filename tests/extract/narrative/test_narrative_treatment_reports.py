"""Treatment outcomes for treatments in the writer's own words, read from the parse and from lists
(accounts written for the tests)."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text


def outcomes(text: str) -> set[tuple[str, str]]:
    res = analyse_text("I am a 52 year old woman. " + text, "t", "t.txt", "narrative")
    return {(o.treatment, o.outcome) for o in res.outcomes}


def test_the_object_of_an_intake_verb_is_a_treatment_even_unlisted():
    assert ("Feldenkrais lessons", "no_effect") in outcomes(
        "In spring I took a series of Feldenkrais lessons; that did not do anything.")


def test_a_drug_called_by_its_name_is_that_name():
    found = outcomes("The pain clinic gave me a medication called Zorvex, which did nothing.")
    assert ("Zorvex", "no_effect") in found


def test_a_purpose_is_no_outcome():
    assert not any(o == "helped" for _, o in outcomes("They gave me Zorvex to help me relax."))


def test_a_question_is_no_outcome():
    assert outcomes("Did the Zorvex really help?") == set()


def test_this_stuff_points_back_to_the_treatment_named_last():
    found = outcomes("On Friday I took a tablet called Zorvex. We watched a film afterwards. That stuff completely knocked me out.")
    assert ("Zorvex", "side_effect") in found


def test_feeling_better_after_a_treatment_reports_on_it_in_the_writers_words():
    assert ("deep massage", "helped") in outcomes("On Monday I had a deep massage. Afterwards I felt better.")


def test_a_mixed_report_with_although_is_partial():
    assert ("hydrotherapy", "partial") in outcomes(
        "In May I turned to hydrotherapy. It did not help much, though I usually felt better afterwards.")


def test_an_adjective_describing_a_noun_is_no_report():
    assert outcomes("I took Zorvex daily. It is hard to keep a positive attitude.") == set()


def test_a_cue_inside_a_parsed_phrase_is_the_report():
    assert ("osteopath", "helped") in outcomes(
        "We would recommend the osteopath who did wonders for my wife's shoulder.")


def test_nested_list_items_report_on_the_item_above():
    found = outcomes("Here is what I tried:\n\n-   Foam roller\n    -   It helped a great deal.\n"
                     "-   Zorvex\n    -   Pointless for me, it was ineffective.\n")
    assert {("Foam roller", "helped"), ("Zorvex", "no_effect")} <= found


def test_a_list_introduction_reports_on_each_item():
    found = outcomes("All of these sports aggravated my back:\n\n-   Golf\n-   Rowing.\n\nThat was that.")
    assert {("Golf", "worse"), ("Rowing", "worse")} <= found
    assert not any(t == "That was that" for t, _ in found)


def test_a_practitioner_as_subject_is_the_treatment():
    assert ("chiropractor", "worse") in outcomes("The chiropractor made it worse.")


def test_a_gerund_or_named_subject_of_an_evaluation_is_the_treatment():
    assert ("Stretching every morning", "helped") in outcomes("Stretching every morning has made a huge difference.")
    assert ("Epsom salt baths", "helped") in outcomes("Epsom salt baths are a lifesaver.")
    assert ("Zorvex", "no_effect") in outcomes("Zorvex did nothing for me.")


def test_a_state_subject_is_no_treatment():
    assert outcomes("My posture improved.") == set()
    assert outcomes("The earlier attack was far worse.") == set()


def test_relief_after_a_treatment_is_its_outcome():
    assert ("dry needling", "helped") in outcomes("After two sessions of dry needling the spasms stopped.")


def test_never_better_praises_and_never_helped_denies():
    assert ("yoga", "helped") in outcomes("I started yoga in June and my back has never felt better.")
    assert ("Heat", "no_effect") in outcomes("Heat never helped.")


def test_no_improvement_after_a_treatment():
    assert ("acupuncture", "no_effect") in outcomes("I tried acupuncture twice with no improvement.")


def test_qualified_and_temporary_relief_is_partial():
    assert outcomes("The heating pad gives me some relief.") == {("heating pad", "partial")}
    assert ("Ibuprofen", "partial") in outcomes("Ibuprofen helps but only for a few hours.")
    assert ("injection", "partial") in outcomes("The injection wore off after two weeks.")


def test_without_relief_is_no_effect():
    assert outcomes("I've been taking gabapentin for a month without any relief.") == {("gabapentin", "no_effect")}


def test_side_effects_named_after_a_treatment():
    assert ("Zorvex", "side_effect") in outcomes("I stopped taking the Zorvex because of the side effects.")
    assert ("Muscle relaxers", "side_effect") in outcomes("Muscle relaxers knock me out.")
