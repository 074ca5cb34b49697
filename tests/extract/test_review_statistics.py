"""Statistics: percentages, counts, durations, ages and angles, with population, time frame and references."""
from __future__ import annotations

import time

import pytest

from spasmkg.extract.document import analyse_text

TEXT = """Neck pain in office workers

Background

About 67% of office workers (2.1 million) report neck pain each year [1]. Within 6 months, nearly 40% of
patients still have symptoms [2, 3]. Onset is most common in adults aged 40 to 60 years [2]. Acute
episodes typically last from 3 to 6 weeks [1], and a single spasm lasts seconds to a few minutes.
Rotation beyond 45 degrees provokes pain in adults over 70 years [3]. Stiffness may persist for
30 minutes or longer after waking. Patients rated pain from zero to 10 [1].

References

1. Lee A, Kim B. Neck pain at work. Occup Med. 2018;68(2):100-105.
2. Park C. Natural history of neck pain. Spine. 2015;40(3):200-210.
3. Cho D, Han E. Cervical rotation and pain. Eur Spine J. 2019;28(5):1000-1008.
"""


@pytest.fixture(scope="module")
def stats():
    res = analyse_text(TEXT, "t", "t.txt", "review")
    return {" ".join(s.text.split()): s for s in res.statistics}


def test_percentages_with_population_time_frame_and_refs(stats):
    s = stats["About 67%"]
    assert (s.kind, s.value, s.low, s.qualifier) == ("percentage", "67%", 67.0, "about")
    assert s.population == "office workers" and s.time_frame == "each year" and s.refs == [1]
    s = stats["nearly 40%"]
    assert (s.population, s.time_frame, s.refs) == ("patients", "Within 6 months", [2, 3])


def test_counts_durations_ages_and_angles(stats):
    assert stats["2.1 million"].kind == "count" and stats["2.1 million"].low == 2_100_000
    assert (stats["40 to 60 years"].kind, stats["40 to 60 years"].low, stats["40 to 60 years"].high) == \
        ("age_range", 40.0, 60.0)
    assert stats["40 to 60 years"].population == "adults"
    d = stats["from 3 to 6 weeks"]
    assert (d.kind, d.unit, d.low, d.high, d.refs) == ("duration", "weeks", 3.0, 6.0, [1])
    assert stats["seconds to a few minutes"].kind == "duration"
    assert (stats["45 degrees"].kind, stats["45 degrees"].low) == ("angle", 45.0)
    old = stats["over 70 years"]
    assert (old.kind, old.low, old.high) == ("age", 70.0, None)
    open_end = stats["30 minutes or longer"]
    assert (open_end.kind, open_end.low, open_end.high) == ("duration", 30.0, None)


def test_scales_are_not_numbers_and_a_time_frame_is_a_duration(stats):
    assert stats["6 months"].kind == "duration"
    assert not any("zero" in k or "10" == k for k in stats)


def test_statistics_lie_at_their_offsets_in_the_file():
    res = analyse_text(TEXT, "t", "t.txt", "review")
    for s in res.statistics:
        assert TEXT[s.start:s.end] == s.text


def test_long_digit_runs_end_with_their_statistics():
    text = "Back pain. " + "1" * 5000 + " 2" * 3000 + " weeks and " + "9" * 4000 + "% of adults."
    t0 = time.perf_counter()
    res = analyse_text(text, "t", "t.txt", "review")
    assert {s.kind for s in res.statistics} == {"duration", "percentage"}
    # a hang guard against catastrophic backtracking (exponential, hours), not a speed target
    assert time.perf_counter() - t0 < 300


def test_case_report_age():
    res = analyse_text("A 45-year-old man presented with back spasms lasting 3 days [1].", "t", "t.txt", "review")
    got = {s.text: (s.kind, s.low) for s in res.statistics}
    assert got["45-year-old"] == ("age", 45.0) and got["3 days"] == ("duration", 3.0)


def test_a_statistic_is_about_back_pain_not_low_back_pain():
    from spasmkg.extract.document import analyse_text
    res = analyse_text("Acute muscle spasm is common. About 90% of US adults experience back pain at some point.",
                       "t", "t.txt", "review")
    (st,) = res.statistics
    assert st.about == ["back_pain"]


def test_in_a_sentence_of_several_numbers_each_is_about_its_own_stretch():
    res = analyse_text("Over a lifetime, about 70% of adults report sciatica and nearly 40% of adults "
                       "report low back pain. Of workers, 12% had sciatica or low back pain.",
                       "t", "t.txt", "review")
    about = {s.text: set(s.about) for s in res.statistics}
    assert about["about 70%"] == {"sciatica"}, about
    assert about["nearly 40%"] == {"low_back_pain"}, about
    # one number in its sentence is about everything the sentence names
    assert about["12%"] == {"sciatica", "low_back_pain"}, about
