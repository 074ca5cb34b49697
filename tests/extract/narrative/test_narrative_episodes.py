"""Every episode a writer tells becomes an event, dated only where the text supports a date
(accounts written for the tests)."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text
from spasmkg.extract.narrative.dates import DateResolver
from spasmkg.extract.narrative.times import TimeFinder

ACCOUNT = """I'm a 38-year-old woman and a keen gardener.

After college I started getting a stiff, aching lower back. On Tuesday evening I strained my back lifting a bag of compost, and I couldn't straighten up. Three weeks ago I hurt it again reaching for a pan.

Over the winter I had a lot of sciatica down my left leg. It began in November 2020. My neck cramps up periodically when I type for hours.

Last month I changed jobs. The chairs there were awful. My lower back was in terrible pain.

Has anyone had spasms like this? I was spasm-free for 2 1/2 weeks after that.
"""


@pytest.fixture(scope="module")
def episodes():
    res = analyse_text(ACCOUNT, "g", "g.txt", "narrative")
    return [e for e in res.events if e.type == "episode"]


def told(episodes, words: str):
    return [e for e in episodes if words.lower() in e.text.lower()]


@pytest.mark.parametrize("words", ["After college", "On Tuesday evening", "Three weeks ago", "Over the winter",
                                   "periodically"])
def test_an_episode_placed_by_words_is_an_event_with_its_time_expression(episodes, words):
    found = told(episodes, words)
    assert found and all(e.date is None for e in found)


def test_an_episode_with_a_calendar_date_is_dated(episodes):
    assert [e.date for e in told(episodes, "It began in November 2020")] == ["2020-11"]


def test_the_time_set_by_an_earlier_sentence_opens_the_episode(episodes):
    scene = told(episodes, "Last month I changed jobs")
    assert len(scene) == 1 and scene[0].text.endswith("in terrible pain.") and scene[0].date is None


def test_questions_and_spasm_free_spells_are_no_episodes(episodes):
    assert not told(episodes, "Has anyone had spasms")
    assert not told(episodes, "spasm-free")


def test_a_frequency_adverb_is_kept_as_the_frequency(episodes):
    assert told(episodes, "periodically")[0].frequency == "periodically"


def test_a_fraction_of_weeks_is_a_duration_not_a_date():
    found = DateResolver().resolve("In May 2019 I was off work for 2 1/2 weeks and took 1/2 tablet a day.")
    assert [d.value for d in found] == ["2019-05"]


def test_a_relative_date_in_a_habitual_sentence_dates_no_episode():
    text = ("I am 50. I had a spasm on March 3, 2021. The spasms would ease after a few days only to come back "
            "about 10 days later.")
    res = analyse_text(text, "h", "h.txt", "narrative")
    dates = [e.date for e in res.events if e.type == "episode"]
    assert dates[0] == "2021-03-03" and "2021-03-13" not in dates


@pytest.mark.parametrize("text,expected", [
    ("I did it on Sunday morning.", ["on Sunday morning"]),
    ("It was about 3 years ago that it started.", ["about 3 years ago"]),
    ("During the first 3 months it was bad.", ["During the first 3 months"]),
    ("At Christmas it hit me.", ["At Christmas"]),
    ("When I was 19 I fell.", ["When I was 19"]),
    ("I took it for 3 days.", []),
    ("Last autumn my neck locked.", ["Last autumn"]),
    ("That winter was the worst.", ["That winter"]),
])
def test_time_expressions(text, expected):
    assert [text[a:b] for a, b in TimeFinder().find(text)] == expected


def test_an_inferred_or_relative_date_keeps_the_anchor_it_was_counted_from():
    text = "I am 61. My first spasm came in March 2019. I had another spasm on April 2. About 3 weeks later it came back."
    res = analyse_text(text, "a", "a.txt", "narrative")
    anchors = {e.date: e.anchor for e in res.events if e.type == "episode"}
    assert anchors == {"2019-03": None, "2019-04-02": "March 2019", "2019-04-23": "April 2"}


SECOND = """I'm 45 and my back has bothered me for years.

Two years ago I threw my back out shoveling snow. It happened again last Christmas while I was carrying presents.

The worst attack was in 2018, it lasted 2 1/2 weeks. When I was 30 my lower back locked up during a football match.
"""


@pytest.fixture(scope="module")
def second():
    return [e for e in analyse_text(SECOND, "s", "s.txt", "narrative").events if e.type == "episode"]


def test_it_happened_again_after_an_injury_is_an_episode(second):
    found = told(second, "last Christmas")
    assert found and found[0].trigger == "carrying presents"


def test_a_fractional_duration_is_read_whole(second):
    assert told(second, "worst attack")[0].duration == "2 1/2 weeks"


def test_a_time_clause_is_no_trigger(second):
    found = told(second, "When I was 30")
    assert found and found[0].trigger == "a football match"


def test_an_episode_placed_by_a_season_is_an_event():
    res = analyse_text("Last autumn I hurt my back lifting a sack of sand. It ached for a week.",
                       "t", "t.txt", "narrative")
    assert any(e.type == "episode" and e.text.startswith("Last autumn") for e in res.events), res.events
