"""Where the patient's symptoms are and what sets them off."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text


def relations(text: str) -> set[tuple[str, str, str]]:
    res = analyse_text(text, "t", "t.txt", "narrative")
    return {(r.type, r.head.text, r.tail.text) for r in res.relations if r.rule.startswith("narrative")}


def test_sites_listed_after_the_complaint():
    got = relations("I am a 60 year old man with painful back spasms in my lower back, across my shoulder blades.")
    assert ("located_in", "back spasms", "lower back") in got
    assert ("located_in", "back spasms", "shoulder blades") in got


def test_a_site_hung_on_the_complaints_verb():
    got = relations("I am 60. I have been dealing with muscle spasms in my neck for weeks.")
    # the complaint's mention may carry its place ("muscle spasms in my neck"); the site is still its own
    assert any(t == "located_in" and h.startswith("muscle spasms") and s == "neck" for t, h, s in got)


def test_an_episode_is_triggered_by_its_trigger():
    got = relations("I am 60 and get back spasms. On June 7, 2015 the spasms came back after a yoga class.")
    assert ("triggered_by", "spasms", "yoga class") in got


def test_a_worsening_factor_points_back_to_the_complaint():
    got = relations("I am 60 and have muscle spasms every week. Cold weather makes them worse.")
    assert ("triggered_by", "muscle spasms", "Cold weather") in got


def test_a_negated_complaint_has_no_site():
    assert not any(t == "located_in" for t, _h, _t in relations("I am 60. I have no spasms in my neck."))
