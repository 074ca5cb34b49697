"""Assertion status in patients' accounts: negation, speculation, things considered, history."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text


def assertion_of(text: str, mention: str) -> str:
    res = analyse_text("I am a 33 year old woman. " + text, "t", "t.txt", "narrative")
    found = [m.assertion for m in res.mentions if m.text.lower() == mention]
    assert found, f"no mention {mention!r} in {[m.text for m in res.mentions]}"
    return found[0]


@pytest.mark.parametrize("text,mention,expected", [
    ("I had no spasms during the holidays.", "spasms", "negated"),
    ("I never took the morphine they prescribed.", "morphine", "negated"),
    ("I have not had any numbness.", "numbness", "negated"),
    ("I wake up without pain.", "pain", "negated"),
    ("Sometimes I wonder if this is really something nerve related.", "nerve related", "possible"),
    ("Maybe it is fibromyalgia.", "fibromyalgia", "possible"),
    ("I am considering acupuncture.", "acupuncture", "hypothetical"),
    ("If the spasms come back I will call.", "spasms", "hypothetical"),
    ("I used to have sciatica.", "sciatica", "historical"),
    ("My back spasms started after a yoga class.", "back spasms", "present"),
])
def test_assertion_kinds(text, mention, expected):
    assert assertion_of(text, mention) == expected


def test_the_report_that_denies_what_it_lists_keeps_both():
    text = ("The MRI report says there is no evidence of disc bulge, but then it says:\n"
            "L4-L5: mild disc bulging\n")
    res = analyse_text("I am a 33 year old woman.\n" + text, "t", "t.txt", "narrative")
    states = {(m.text, m.assertion) for m in res.mentions if m.type == "finding"}
    assert ("disc bulge", "negated") in states and ("mild disc bulging", "present") in states
    (f,) = res.findings
    assert f.conflict is not None and f.conflict.text == "disc bulge"
