"""A patient's account read as a course of care, through the real pipeline: visits grouped into
courses with dates and provider, treatments given by the provider seen, outcomes dated by the
narrated time, a remission during care, and a trigger of the spasms as a whole."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text
from spasmkg.extract.narrative.course import last_day

STORY = (
    "I am a 52 year old man with back spasms in my lower back. Heat helps. Ice does nothing.\n\n"
    "My first attack was in 2010 after lifting a canoe. It lasted a week. Attacks came back once a year, "
    "usually after lifting a canoe in the spring.\n\n"
    "On March 3, 2019 I saw a physical therapist. I saw the physical therapist again on March 10 and March 17. "
    "Physical therapy did nothing.\n\n"
    "On April 2, 2019 I went to the emergency room. I was given morphine. "
    "Morphine relieved the pain, but the spasm continued for two days.\n\n"
    "On May 6, 2019 I started seeing a massage therapist. I saw the massage therapist May 13, 20 and 27. "
    "I had no spasms the whole time I saw him. I was feeling better!\n\n"
    "I was spasm-free until July 1. That spasm lasted two days.\n"
)


@pytest.fixture(scope="module")
def result():
    return analyse_text(STORY, "story", "story.txt", "narrative")


def course(result, label):
    found = [c for c in result.courses if c.label == label]
    assert found, [c.label for c in result.courses]
    return found[0]


def test_visits_to_one_provider_make_one_dated_course(result):
    pt = course(result, "physical therapy")
    assert (pt.date_from, pt.date_to, pt.provider, pt.kind) == ("2019-03-03", "2019-03-17", "physical therapy", "visits")
    assert len(pt.events) == 3


def test_a_remission_during_care_makes_that_course_helped(result):
    m = course(result, "massage therapist")
    assert (m.date_from, m.date_to) == ("2019-05-06", "2019-05-27")
    assert m.remission is not None and "no spasms" in m.remission.text
    # the care ended on May 27; the account tells the spasms came back on July 1
    assert (m.remission.date_from, m.remission.date_to) == ("2019-05-06", "2019-07-01")
    assert m.outcome == "helped"
    assert [c.label for c in result.courses if c.remission is not None] == ["massage therapist"]


def test_courses_come_in_date_order(result):
    dates = [c.date_from for c in result.courses]
    assert dates == sorted(dates)


def test_a_treatment_is_given_by_the_provider_seen_and_keeps_its_outcome(result):
    mo = course(result, "morphine")
    assert (mo.provider, mo.date_from, mo.outcome) == ("emergency room", "2019-04-02", "partial")


def test_a_report_in_the_past_is_dated_one_in_the_present_is_not(result):
    by = {(o.treatment.lower(), o.outcome): o.date for o in result.outcomes}
    assert by[("morphine", "partial")] == "2019-04-02"
    assert by[("heat", "helped")] is None          # "Heat helps": the whole account, no one date


def test_a_report_told_of_the_course_is_its_outcome(result):
    assert course(result, "physical therapy").outcome == "no_effect"


def test_a_trigger_told_of_several_episodes_is_a_trigger_of_the_spasms_as_a_whole(result):
    assert [(t.kind, t.label, t.habitual, len(t.episodes)) for t in result.course_triggers] == \
        [("recurring", "lifting a canoe", True, 2)]


def test_a_trigger_told_in_the_present_of_the_condition_is_an_aggravating_factor():
    text = ("I am a 61 year old man with back spasms. Most days the ache comes back after I've walked around. "
            "In 2019 I had a spasm after I walked around the lake.")
    res = analyse_text(text, "t", "t.txt", "narrative")
    got = [(t.kind, t.concept) for t in res.course_triggers]
    assert got == [("aggravating", "walking_around")]
    assert [a < text.index("In 2019") for a, _ in res.course_triggers[0].spans] == [True]   # not the 2019 episode


def test_a_spasm_free_week_outside_care_is_no_remission():
    res = analyse_text("I am a 40 year old woman with back spasms. On June 2, 2020 I saw a chiropractor. "
                       "I stayed spasm-free during the week of my holiday.", "t", "t.txt", "narrative")
    assert all(c.remission is None for c in res.courses)


def test_month_dates_end_on_the_last_day_of_the_month():
    assert str(last_day("2014-12")) == "2014-12-31"
    assert str(last_day("2016-02")) == "2016-02-29"
    assert str(last_day("2015")) == "2015-12-31"
