"""The timeline of a patient's account, read through the real spaCy pipeline (texts written for the tests)."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text

ACCOUNT = """I'm a 41-year-old man and my lower back has been locking up for years.

The first bad episode happened in March 2016 after lifting a heavy box at work, and it lasted about a week. I went to urgent care the next day. They gave me Robaxin.

In August 2018 I had another spasm while gardening that lasted 4-5 days. On October 3, 2019 I saw a physical therapist. On November 20 I had an MRI.

On January 12 the spasms started again after a long drive. It continued for three days. About 10 days later it came back. I had no spasms on February 14. If I get another spasm on my birthday I will scream.

Spasms now come twice a year, usually when the weather turns cold.

- Dan
"""


@pytest.fixture(scope="module")
def result():
    return analyse_text(ACCOUNT, "dan", "dan.txt", "narrative")


def episodes(res):
    return [e for e in res.events if e.type == "episode" and e.date]


def test_patient(result):
    p = result.patient
    assert (p.age, p.sex, p.name) == (41, "male", "Dan")


def test_episode_dates_with_inferred_years_and_a_relative_date(result):
    assert [e.date for e in episodes(result)] == ["2016-03", "2018-08", "2020-01-12", "2020-01-22"]


def test_durations_from_the_sentence_or_the_next_one(result):
    by_date = {e.date: e for e in episodes(result)}
    assert by_date["2016-03"].duration == "a week"
    assert by_date["2018-08"].duration == "4-5 days"
    assert by_date["2020-01-12"].duration == "three days"      # "It continued for three days."


def test_triggers_are_the_phrases_after_the_marker(result):
    by_date = {e.date: e for e in episodes(result)}
    assert by_date["2016-03"].trigger == "lifting a heavy box at work"
    assert by_date["2018-08"].trigger == "gardening"
    assert by_date["2020-01-12"].trigger == "a long drive"
    assert by_date["2016-03"].trigger_concept == "lifting_trigger"


def test_negated_and_conditional_episodes_are_not_on_the_timeline(result):
    dates = [e.date for e in result.events if e.type == "episode"]
    assert not any(d and d.endswith("02-14") for d in dates)
    assert len(episodes(result)) == 4


def test_a_recurring_pattern_keeps_its_frequency_and_trigger(result):
    (rec,) = [e for e in result.events if e.type == "episode" and e.date is None]
    assert rec.frequency == "twice a year"
    assert rec.trigger.startswith("the weather turns cold")


def test_visits_tests_and_treatments(result):
    got = {(e.type, e.date, e.label) for e in result.events if e.type != "episode"}
    assert ("visit", "2016-03", "urgent care") in got                 # "the next day" after March 2016
    assert ("treatment", "2016-03", "methocarbamol") in got           # brand -> generic
    assert ("visit", "2019-10-03", "physical therapy") in got
    assert ("test", "2019-11-20", "MRI") in got


def test_a_trigger_mention_is_added_for_a_treatment_word_that_set_off_an_episode():
    text = ("I am a 50 year old woman. My back spasms started in 2010. "
            "On May 5, 2012 my back went into spasm after a yoga class.")
    res = analyse_text(text, "t", "t.txt", "narrative")
    (ep,) = [e for e in res.events if e.date == "2012-05-05"]
    assert ep.trigger == "a yoga class"
    assert any(m.type == "trigger" and m.text == "yoga class" for m in res.mentions)


def test_a_treatment_word_modifying_another_noun_is_not_a_treatment():
    text = "I am 30. It felt like biting an ice cube with a bad tooth. Ice helps my back though."
    res = analyse_text(text, "t", "t.txt", "narrative")
    ice = [m for m in res.mentions if m.type == "treatment" and m.text.lower() == "ice"]
    assert [m.text for m in ice] == ["Ice"]


def test_a_trigger_the_vocabulary_does_not_know_is_still_a_trigger_mention():
    text = "I am 30 and my back spasms are awful. On May 5, 2012 I had a spasm after shoveling snow."
    res = analyse_text(text, "t", "t.txt", "narrative")
    assert [m.text for m in res.mentions if m.type == "trigger"] == ["shoveling snow"]


def test_an_attack_dated_by_its_copula_and_a_while_clause_trigger():
    text = ("I am a 39 year old man with cramps in my back. The first attack came on May 5, 2021 while I was "
            "moving furniture. The next attack was on 8/14/21 and lasted a week.")
    res = analyse_text(text, "t", "t.txt", "narrative")
    eps = {e.date: e for e in res.events if e.type == "episode"}
    assert eps["2021-05-05"].trigger == "moving furniture"
    assert eps["2021-08-14"].duration == "a week"
