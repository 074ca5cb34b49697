"""Relations stated by lists: items under a heading or lead line that names causes, risk factors or
symptoms are heads of that relation, with the document's topic (or the lead line's condition) as tail."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text

TEXT = """Sciatica

Sciatica is pain along the sciatic nerve. Sciatica is common in adults.

Risk factors

- obesity 2

- a sedentary occupation

Etiology

Many conditions can cause sciatica (most are benign):

- herniated disc

- spinal stenosis

- piriformis entrapment

Living with it

- Symptoms: numbness and tingling in the leg, often with burning pain
- Next step: see a doctor

References

1. Doe J. Sciatica today. Spine J. 2019;19(2):10-20.
2. Roe R. Weight and the back. Pain. 2018;5:1-9.
"""


def relations():
    res = analyse_text(TEXT, "t", "t.txt", "review")
    return res, {(r.type, r.head.text, r.tail.text.lower()) for r in res.relations}


def test_items_under_a_risk_factor_heading_are_risk_factors():
    res, got = relations()
    assert ("risk_factor_for", "obesity", "sciatica") in got
    assert ("risk_factor_for", "sedentary occupation", "sciatica") in got
    new = [m for m in res.mentions if m.text == "sedentary occupation"]
    # named by the list's structure or its parse, not by a word list
    assert new and new[0].type == "risk_factor" and new[0].source in ("rule", "parser")


def test_items_after_a_lead_line_naming_causes_are_causes_of_its_condition():
    _res, got = relations()
    assert {("causes", "herniated disc", "sciatica"), ("causes", "spinal stenosis", "sciatica"),
            ("causes", "piriformis entrapment", "sciatica")} <= got


def test_a_labelled_line_of_symptoms_points_to_the_topic():
    _res, got = relations()
    assert ("indicates", "numbness", "sciatica") in got
    assert not [r for r in got if r[1] == "see a doctor"]


def test_prose_lines_are_not_list_items():
    _res, got = relations()
    assert not [r for r in got if "sciatic nerve" in r[1] or "adults" in r[1]]


def test_items_of_a_list_about_exercise_or_medicines_are_typed_by_it():
    text = ("I am 40 and my back hurts.\n\n### Exercise\n\nWhat I could do:\n\n-   Walking\n    -   long walks helped\n"
            "-   Rowing.\n\n### Medicine\n\n-   Turmeric\n    -   did little\n-   Ibuprofen\n\n### Work\n\n-   Meetings\n")
    res = analyse_text(text, "t", "t.txt", "narrative")
    got = {(m.text, m.type) for m in res.mentions}
    assert {("Walking", "treatment"), ("Rowing", "treatment"), ("Turmeric", "drug")} <= got, got
    assert not [m for m in res.mentions if m.text in ("Meetings", "long walks helped", "did little")]


def test_a_hard_wrapped_label_line_keeps_its_condition():
    text = ("Sciatica is pain along the sciatic nerve.\n\n"
            "- Urgent Symptoms: groin numbness or severe leg weakness, which may\n"
            "need care within hours for cauda equina syndrome.\n- Next step: rest\n")
    res = analyse_text(text, "t", "t.txt", "review")
    got = {(r.type, r.head.text, r.tail.text.lower()) for r in res.relations}
    assert ("indicates", "groin numbness", "cauda equina syndrome") in got, got


def test_a_label_about_relief_lists_treatments_up_to_its_verb():
    res = analyse_text("I am 40 and my back hurts.\n\n- Relief: Lying down, gentle walking, or changing positions "
                       "may reduce discomfort.\n- Next step: call a doctor\n", "t", "t.txt", "narrative")
    got = {(m.text, m.type) for m in res.mentions if m.source == "rule"}
    assert got == {("Lying down", "treatment"), ("gentle walking", "treatment"), ("changing positions", "treatment")}, got
