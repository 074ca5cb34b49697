"""Symptoms, triggers, treatments, risks and drugs a patient tells in clauses rather than nouns, and
the second readings a narrative gives a mention (accounts written for the tests)."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text


def mentions(text: str, kind: str = "narrative") -> set[tuple[str, str]]:
    res = analyse_text("I am a 47 year old man. " + text, "t", "t.txt", kind)
    return {(m.type, m.text) for m in res.mentions}


def outcomes(text: str) -> set[tuple[str, str]]:
    res = analyse_text("I am a 47 year old man. " + text, "t", "t.txt", "narrative")
    return {(o.treatment, o.outcome) for o in res.outcomes}


# ---------------------------------------------------------------------- symptoms
def test_what_the_writer_cannot_do_with_the_body_is_a_symptom():
    found = mentions("On Tuesday I couldn't bend down to tie my laces. By Friday I was unable to walk straight.")
    assert ("symptom", "couldn't bend down") in found
    assert ("symptom", "unable to walk straight") in found


def test_what_the_writer_cannot_do_otherwise_is_no_symptom():
    found = mentions("I couldn't afford the physio, and I can't remember the name of the cream.")
    assert not any(t == "symptom" and "afford" in x or t == "symptom" and "remember" in x for t, x in found)


def test_a_body_part_doing_something_is_a_symptom():
    found = mentions("By lunchtime my right arm was tingling all the way to my fingers.")
    assert ("symptom", "right arm was tingling all the way to my fingers") in found


def test_a_change_of_state_and_a_complaint_adjective_are_symptoms():
    found = mentions("My toes were cold and then they began to turn numb. After the pills I felt groggy and dizzy.")
    assert ("symptom", "began to turn numb") in found
    assert ("symptom", "groggy and dizzy") in found


def test_someone_elses_tiredness_is_not_the_writers_symptom():
    assert not any(t == "symptom" and x == "tired" for t, x in mentions("My husband was tired after the drive."))


def test_pain_that_makes_the_writer_do_something_and_pain_on_a_movement():
    found = mentions("I was groaning in pain all night. It hurt whenever I turned my head.")
    assert ("symptom", "groaning in pain") in found
    assert ("symptom", "hurt whenever I turned my head") in found


# ---------------------------------------------------------------------- second readings
def test_a_spasm_the_writer_has_is_also_a_symptom_with_its_place():
    found = mentions("For years I have had back spasms in my lower back.")
    assert ("condition", "back spasms") in found
    assert ("symptom", "back spasms in my lower back") in found


def test_a_chronic_pain_is_also_a_condition():
    found = mentions("Ten years of chronic pain have worn me down.")
    assert {("symptom", "chronic pain"), ("condition", "chronic pain")} <= found


def test_a_second_reading_is_a_narrative_reading():
    found = mentions("Muscle spasms of the back are common in older adults.", kind="review")
    assert not any(t == "symptom" and "spasm" in x.lower() for t, x in found)


# ---------------------------------------------------------------------- triggers
def test_an_accident_the_writer_tells_is_a_trigger_and_a_cause():
    found = mentions("In May I tripped over a garden hose and my back seized up.")
    assert ("trigger", "tripped over a garden hose") in found
    assert ("cause", "tripped over a garden hose") in found


def test_a_participle_accident_without_subject_is_a_trigger():
    found = mentions("The worst weeks came after I had hurt it again, having slipped getting out of the bath.")
    assert ("trigger", "slipped getting out of the bath") in found


def test_falling_asleep_and_a_lemmatizer_slip_are_no_accidents():
    found = mentions("I fell asleep on the couch. I hoped a day off would help.")
    assert not any(t == "trigger" and ("asleep" in x or "hoped" in x) for t, x in found)


def test_what_sets_the_pain_off_through_a_movement_is_a_trigger():
    found = mentions("I can still provoke the sciatica through a deep lunge.")
    assert ("trigger", "a deep lunge") in found or ("trigger", "deep lunge") in found


def test_running_out_of_a_named_drug_is_a_trigger():
    found = mentions("Two weeks later I ran out of baclofen and the spasms came back.")
    assert ("trigger", "ran out of baclofen") in found


def test_what_the_writer_blames_is_a_trigger():
    found = mentions("Perhaps it's the drive to the office that really hurts me. The hard chairs at work don't help.")
    assert ("trigger", "drive to the office") in found
    assert ("trigger", "hard chairs") in found


# ---------------------------------------------------------------------- risk factors
def test_inactivity_and_a_posture_held_all_day_are_risk_factors():
    found = mentions("I have a sedentary lifestyle now. At work I stand at a counter all day.")
    assert ("risk_factor", "sedentary lifestyle") in found
    assert ("risk_factor", "stand at a counter all day") in found


def test_a_posture_held_briefly_is_no_risk_factor():
    assert not any(t == "risk_factor" for t, _ in mentions("I sit at my desk to write this."))


# ---------------------------------------------------------------------- treatments
def test_exercise_measured_out_and_a_schedule_are_treatments():
    found = mentions("The physio said to swim 20 laps twice a week (get up every hour, stretch your hamstrings every morning).")
    assert ("treatment", "swim 20 laps") in found or ("treatment", "swim 20 laps twice a week") in found
    assert any(t == "treatment" and x.startswith("get up every hour") for t, x in found)


def test_what_the_writer_did_every_night_is_no_tip():
    assert not any(t == "treatment" and "woke" in x for t, x in mentions("I woke up every hour that week."))


def test_lying_down_as_a_remedy_but_not_as_a_state():
    found = mentions("Lying down was the only thing that helped. One evening I was lying down on the floor.")
    assert ("treatment", "Lying down") in found
    assert not any(t == "treatment" and x == "lying down" for t, x in found)


def test_an_activity_a_practitioner_recommends_and_how_a_stretch_is_done():
    found = mentions("My osteopath recommended sleeping on my side with a pillow between my knees. "
                     "Do stretches by pulling each knee to your chest.")
    assert ("treatment", "sleeping on my side with a pillow between my knees") in found
    assert ("treatment", "stretches by pulling each knee to your chest") in found


def test_devices_poses_practitioners_and_self_care_are_treatments():
    found = mentions("I bought a memory foam pillow and tried downward dog pose. I went to a physio. "
                     "The advice was rest and losing weight.")
    assert {("treatment", "memory foam pillow"), ("treatment", "physio"), ("treatment", "rest"),
            ("treatment", "losing weight")} <= found
    assert ("treatment", "downward dog pose") in found or ("treatment", "dog pose") in found


def test_a_treatment_taken_along_with_another_is_one_treatment():
    found = mentions("A warm shower along with menthol rub worked well.")
    assert any(t == "treatment" and x.endswith("along with menthol rub") for t, x in found)


def test_a_treatment_phrase_an_outcome_is_reported_for_is_a_mention():
    text = "Last month I did some bird dogs on the mat; they helped a lot."
    assert ("bird dogs", "helped") in outcomes(text) or ("some bird dogs", "helped") in outcomes(text)
    assert any(t == "treatment" and "bird dogs" in x for t, x in mentions(text))


def test_an_outcome_follows_a_treatment_told_as_a_clause():
    assert any(o == "helped" and "lying down" in t.lower()
               for t, o in outcomes("Lying down flat helped more than anything else."))


# ---------------------------------------------------------------------- drugs and conditions
def test_a_misspelt_drug_name_is_that_drug():
    res = analyse_text("I am a 47 year old man. The doctor gave me cyclobenzeprine and tizanadine.", "t", "t.txt",
                       "narrative")
    drugs = {(m.text, m.concept) for m in res.mentions if m.type == "drug"}
    assert ("cyclobenzeprine", "cyclobenzaprine") in drugs
    assert ("tizanadine", "tizanidine") in drugs


def test_an_ordinary_word_near_a_drug_name_is_no_drug():
    assert not any(t == "drug" for t, _ in mentions("We were preventing problems by walking."))


def test_a_dose_and_the_examples_of_a_drug_class_are_drugs():
    found = mentions("In the ambulance they gave me a shot of morphine. I now take pills like co-dydramol and naproxen.")
    assert ("drug", "shot of morphine") in found
    assert ("drug", "co-dydramol") in found


def test_an_injury_told_as_what_was_done_to_a_body_part_is_a_condition():
    found = mentions("The surgeon thinks I ruptured a disc when I fell.")
    assert ("condition", "ruptured a disc") in found


def test_feeling_better_reports_on_an_exercise_the_writer_does_in_own_words():
    found = outcomes("These days I go to physio twice a week and I am walking about 2 miles per day. "
                     "I think things are improving.")
    assert any(o == "partial" and t.startswith("walking about 2 miles") for t, o in found)


def test_a_tip_that_paid_off_helped():
    found = outcomes("My physio recommended sleeping on my back with a rolled towel. "
                     "It took me many nights to get used to it, but it did pay off.")
    assert ("sleeping on my back with a rolled towel", "helped") in found


def test_a_dose_of_a_drug_class_and_running_out_of_it():
    found = mentions("The nurse gave me a jab of painkiller and a leaflet. A week later I ran out of painkillers.")
    assert ("drug", "jab of painkiller") in found
    assert ("trigger", "ran out of painkillers") in found


def test_an_activity_done_with_a_complaint_is_a_trigger_but_living_with_it_is_not():
    found = mentions("It was foolish to go skiing with a sore knee. For months I have been coping with pain in my hip.")
    assert ("trigger", "skiing with a sore knee") in found
    assert not any(t == "trigger" and "coping" in x for t, x in found)


def test_a_role_given_for_a_complaint_is_a_risk_factor():
    found = mentions("As a user of heavy power tools, I suffer from pain in my wrists.")
    assert ("risk_factor", "user of heavy power tools") in found


def test_what_the_pain_stems_from_is_a_cause():
    assert ("cause", "posture problem") in mentions("My physio thinks it stems from a posture problem.")


def test_a_spinal_part_with_what_happened_to_it_is_a_condition():
    found = mentions("The scan showed that I have a bulging and degenerated disc.")
    assert ("condition", "bulging and degenerated disc") in found


def test_a_lemmatizer_that_drops_an_e_is_mended():
    from spasmkg.extract.narrative.phrases import _lemma
    from spasmkg.extract.pipeline import load_model
    doc = load_model()("I have been coping with it and I hopped off the bus.")
    assert _lemma(doc[3]) == "cope"
    assert _lemma(doc[9]) == doc[9].lemma_.lower()


def test_what_the_writer_was_doing_when_a_complaint_set_in_is_a_trigger():
    found = mentions("The pain started after shoveling snow for an hour. While I was vacuuming the stairs, I felt a "
                     "sharp pain in my lower back. Another day I was gardening when my back went into spasm.")
    assert {("trigger", "shoveling snow for an hour"), ("trigger", "vacuuming the stairs"),
            ("trigger", "gardening")} <= found


def test_what_someone_else_did_or_an_unnamed_activity_is_no_trigger():
    found = mentions("The spasm stopped when she released the pressure. It hurt after seeing it.")
    assert not any(t == "trigger" and ("released" in x or "seeing" in x) for t, x in found)


def test_a_complaint_of_the_writers_own_body_part_is_a_symptom():
    found = mentions("By noon my whole right calf was numb. Her hand was numb too.")
    assert ("symptom", "numb") in found, found
    # someone else's body is not the writer's complaint
    assert sum(1 for t, x in found if t == "symptom") == 1, found


def test_being_unable_to_roll_over_is_a_symptom():
    assert ("symptom", "unable to roll over") in mentions("Some mornings I was unable to roll over in bed.")


def test_what_a_practitioner_did_to_the_writers_back_is_no_injury():
    found = mentions("On Friday I saw an osteopath. She cracked my neck twice.")
    assert not any(t == "condition" for t, _x in found), found
    assert ("condition", "cracked a rib") in mentions("I fell off my bike and cracked a rib.")


def test_a_word_that_orders_the_story_is_not_part_of_a_trigger():
    found = mentions("My back already hurt after dinner. We then went for a long walk when my back seized up.")
    assert ("trigger", "went for a long walk") in found, found
