"""Abbreviations resolved to their long forms (Schwartz-Hearst), and assertion status of mentions."""
from __future__ import annotations

import pytest

from spasmkg.extract.components.abbreviations import best_long_form
from spasmkg.extract.document import analyse_text
from spasmkg.extract.pipeline import load_nlp


def abbrevs(text: str) -> dict[str, tuple[str, int]]:
    res = analyse_text(text, "t", "t.txt", "review")
    return {a.short.text: (a.long.text, len(a.occurrences)) for a in res.abbreviations}


def test_long_form_then_short_form_and_later_uses():
    text = "Acetylcholine (ACh) is released into the cleft. ACh then binds to its receptors; ACh is cleared."
    assert abbrevs(text) == {"ACh": ("Acetylcholine", 2)}


def test_short_form_then_long_form():
    assert abbrevs("Patients with CWP (chronic widespread pain) were excluded.") == \
        {"CWP": ("chronic widespread pain", 0)}


@pytest.mark.parametrize("text", [
    "Tears (ie, strains) of the muscle are common.",
    "Most adults (175 million) report pain.",
    "(1) The action potential reaches the terminal.",
    "Bending the knee (popliteal compression test) relieves it.",
])
def test_parentheses_that_define_nothing(text):
    assert abbrevs(text) == {}


def test_short_form_of_a_vocabulary_term_becomes_a_mention_of_its_concept():
    text = ("Magnetic resonance imaging (MRI) is rarely needed. An MRI is ordered when a "
            "straight leg raise (SLR) is positive and the SLR reproduces pain.")
    res = analyse_text(text, "t", "t.txt", "review")
    got = {(m.text, m.concept) for m in res.mentions if m.text in ("MRI", "SLR")}
    assert ("SLR", "straight_leg_raise_test") in got
    assert {c for t, c in got if t == "MRI"} == {"mri"}


def test_first_letter_of_the_short_form_starts_a_word():
    assert best_long_form("LBP", "persistent low back pain") == len("persistent ")
    assert best_long_form("XYZ", "low back pain") is None


@pytest.mark.parametrize("text, term, assertion", [
    ("The examination showed no evidence for radicular symptoms.", "radicular symptoms", "negated"),
    ("Imaging is indicated if a fracture or infection is suspected.", "fracture", "hypothetical"),
    ("She denies any numbness but reports sciatica.", "sciatica", "present"),
    ("There was no sign of a spinal infection on the scan.", "spinal infection", "negated"),
])
def test_assertion_status(text, term, assertion):
    doc = load_nlp()(text)
    found = {m.text: m._.assertion for m in doc.spans["mentions"]}
    assert found[term] == assertion


def test_hpo_names_phenotypes_the_vocabulary_lacks():
    res = analyse_text("Some patients report urinary incontinence and muscle weakness after the episode.",
                       "t", "t.txt", "review")
    got = {(m.text, m.concept, m.source) for m in res.mentions if m.type == "symptom"}
    assert ("urinary incontinence", "HP:0000020", "hpo") in got
    assert not any(m.source == "hpo" and m.text == "muscle weakness" for m in res.mentions)  # the vocabulary has it
