"""Who the patient is, and the narrative readers on odd input."""
from __future__ import annotations

import datetime as dt

import pytest

from spasmkg.extract.narrative.patient import patient
from spasmkg.extract.narrative.dates import DateResolver
from spasmkg.extract.narrative.imaging import level_mentions
from spasmkg.extract.narrative.timeline import TimelineReader


@pytest.mark.parametrize("text,expected", [
    ("I am a 49 year old female who has spasms.", (49, "female", None)),
    ("I'm a 36-year-old man and I have had spasms.\n\nThanks. - Mark", (36, "male", "Mark")),
    ("I am 28, female, and a runner.", (28, "female", None)),
    ("I’m 61 and retired. I am a mother of three.", (61, "female", None)),
    ("My back hurts.\n\nBest wishes to all. - Clare", (None, None, "Clare")),
    ("I am 40 percent better now.", (None, None, None)),
    ("My husband (52, male) asked me to post this. He gets spasms.", (52, "male", None)),
    ("My mother is a 71-year-old woman with spasms.", (71, "female", None)),
    ("Has anyone had this? Any advice welcome. Jen\n", (None, None, "Jen")),
    ("Has anyone had this? Any advice welcome. Thanks", (None, None, None)),
])
def test_patient(text, expected):
    p = patient(text)
    assert (p.age, p.sex, p.name) == expected


def test_durations_and_frequencies_as_written():
    r = TimelineReader()
    assert r.duration("and it lasted about 3-4 days")[0] == "3-4 days"
    assert r.duration("it goes on for days and days")[0] == "days and days"
    assert r.duration("I was in pain all weekend")[0] == "all weekend"
    assert r.duration("nothing here") is None
    assert r.frequency("episodes went from once a year to twice a year") == "twice a year"
    assert r.frequency("I should visit her 2x a week") == "2x a week"


def test_long_pathological_input_is_read_without_blowing_up():
    digits = "1" * 5000
    text = ("January " + ", ".join(["1"] * 2000) + " " + digits + " T" + digits + "-" + digits
            + " for " + "a few " * 2000 + "days")
    assert level_mentions(text) == []
    got = DateResolver(dt.date(2020, 6, 1)).resolve(text)
    assert got and got[0].value == "2021-01-01"
    assert TimelineReader().duration(text) is None     # "for a few a few … days" is no duration
