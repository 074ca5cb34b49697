"""Date resolution in patients' accounts: years inferred from a running reference, relative dates."""
from __future__ import annotations

import datetime as dt

import pytest

from spasmkg.extract.narrative.dates import DateResolver


def values(resolver: DateResolver, text: str) -> list[str]:
    return [d.value for d in resolver.resolve(text)]


def test_a_date_without_year_takes_the_year_of_the_reference_then_rolls_over():
    r = DateResolver()
    assert values(r, "I saw a neurologist in late March 2019.") == ["2019-03"]
    assert values(r, "On April 2 the pain came back.") == ["2019-04-02"]
    assert values(r, "By December 30 I could walk again.") == ["2019-12-30"]
    assert values(r, "On February 11 it returned.") == ["2020-02-11"]


def test_a_short_step_back_stays_in_the_same_year():
    r = DateResolver()
    assert values(r, "It got bad in November of 2010.") == ["2010-11"]
    assert values(r, "I had changed jobs in August and moved house.") == ["2010-08"]


def test_explicit_years_reset_the_reference():
    r = DateResolver()
    assert values(r, "In 2008 it started; on June 3, 2011 it was worse.") == ["2008", "2011-06-03"]
    assert values(r, "July 4 was fine.") == ["2011-07-04"]


@pytest.mark.parametrize("text,expected", [
    ("about 10 days later", "2020-03-15"),
    ("two weeks later", "2020-03-19"),
    ("a month later", "2020-04"),
    ("3 days earlier", "2020-03-02"),
    ("the next day", "2020-03-06"),
])
def test_relative_dates_count_from_the_reference(text, expected):
    r = DateResolver(dt.date(2020, 3, 5))
    (d,) = r.resolve(text)
    assert d.value == expected and d.kind == "relative" and d.approximate


def test_relative_dates_need_a_reference():
    assert DateResolver().resolve("about 10 days later it came back") == []


def test_a_list_of_days_shares_its_month_and_gets_one_date_each():
    r = DateResolver(dt.date(2016, 1, 1))
    got = r.resolve("I went on April 9, 12 and 15, and May 2.")
    assert [d.value for d in got] == ["2016-04-09", "2016-04-12", "2016-04-15", "2016-05-02"]
    assert [d.text for d in got][:3] == ["April 9", "12", "15"]


def test_month_words_that_are_common_words_are_not_dates():
    r = DateResolver(dt.date(2016, 1, 1))
    assert r.resolve("I may 3 times a day take it, and march on.") == []
    assert values(r, "It began on May 3.") == ["2016-05-03"]


def test_numeric_and_iso_dates():
    r = DateResolver()
    assert values(r, "an x-ray on 9/30/2021 and a scan on 2021-10-14") == ["2021-09-30", "2021-10-14"]


def test_numbers_that_are_not_dates():
    r = DateResolver(dt.date(2016, 1, 1))
    assert r.resolve("I took 2000 mg and walked 15 minutes; 84% of people agree.") == []
