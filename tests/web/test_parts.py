"""The pure parts of the browser view: mention highlighting, which links are followed, and the
timeline's geometry; on values of our own, no server."""
from __future__ import annotations

import datetime as dt

from spasmkg.web import links
from spasmkg.web.patient_view import chart, charts
from spasmkg.web.records import highlighted


def test_a_mention_is_marked_at_its_offsets():
    text = "A raised leg test was positive in the raised leg test group"
    # the claim starts at document offset 100; the mention is the second occurrence
    parts = highlighted(text, 100, [(100 + 38, 100 + 53, "raised leg test")])
    assert parts == [("A raised leg test was positive in the ", False), ("raised leg test", True), (" group", False)]


def test_a_mention_whose_offsets_miss_is_found_by_its_words():
    parts = highlighted("Pain on lifting the knee", 0, [(90, 94, "knee")])
    assert parts == [("Pain on lifting the ", False), ("knee", True)]
    assert highlighted("No match here", 0, [(0, 3, "absent")]) == [("No match here", False)]


def test_overlapping_mentions_do_not_repeat_text():
    parts = highlighted("nerve root irritation", 0, [(0, 10, "nerve root"), (6, 21, "root irritation")])
    assert "".join(p for p, _ in parts) == "nerve root irritation"
    assert parts[0] == ("nerve root", True)


def test_only_web_addresses_become_links():
    assert links.safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//host/x", "http://a b", None, ""):
        assert links.safe_href(bad) is None, bad
    assert links.doi("https://doi.org/10.1000/xyz-1") == "https://doi.org/10.1000/xyz-1"
    assert links.doi("doi: 10.1000/a<b>") == "https://doi.org/10.1000/a%3Cb%3E"
    assert links.doi("not a doi") is None
    assert links.pubmed("12345678") == "https://pubmed.ncbi.nlm.nih.gov/12345678/" and links.pubmed("12a") is None
    assert links.hpo("HP:0003552") == "https://hpo.jax.org/browse/term/HP:0003552" and links.hpo("HP:1") is None


def _event(i: int, kind: str, date: str, days: int = 1, involves=()) -> dict:
    y, m, d = (int(x) for x in date.split("-"))
    start = dt.date(y, m, d)
    return {"iri": f"urn:event:{i}", "type": kind, "date": date, "label": f"{kind} {i}", "duration": None,
            "start": start, "end": start + dt.timedelta(days=days - 1), "anchor": f"event-{i}", "involves": list(involves)}


def test_the_chart_places_events_by_date_and_outcomes_at_their_own_date():
    import datetime as dt
    evs = [_event(1, "episode", "2010-01-01", days=10), _event(2, "treatment", "2011-01-01", involves=[("urn:drug", "drug")]),
           _event(3, "visit", "2011-12-31")]
    # the drug's outcome is told of July 2011, not of the day the drug was first given; ice's of no date
    outs = [{"iri": "urn:o1", "kind": "helped", "text": "the drug", "treatment": "urn:drug", "detail": None,
             "colour": "#1a9850", "start": dt.date(2011, 7, 1)},
            {"iri": "urn:o2", "kind": "worse", "text": "ice", "treatment": "urn:ice", "detail": None,
             "colour": "#d73027", "start": None}]
    ch = chart(evs, outs, width=1010)
    assert (ch["first"], ch["last"]) == ("2010-01-01", "2012-01-01")
    scale = (1010 - 110 - 20) / 730
    bars = {m["href"]: m for m in ch["marks"] if m["lane"] != "outcome"}
    assert bars["#event-1"]["x"] == 110 and abs(bars["#event-1"]["w"] - 10 * scale) < 0.2
    assert abs(bars["#event-2"]["x"] - (110 + 365 * scale)) < 0.2
    dots = [m for m in ch["marks"] if m["lane"] == "outcome"]
    assert len(dots) == 1 and dots[0]["colour"] == "#1a9850" and abs(dots[0]["cx"] - (110 + 546 * scale) - 3) < 0.2
    assert dots[0]["href"] == "#outcome-1"
    assert [t["label"] for t in ch["ticks"]] == ["2010", "2011"]


def test_a_long_history_gets_a_close_up_of_its_last_two_years():
    evs = [_event(1, "episode", "2004-05-01"), _event(2, "episode", "2014-03-01"), _event(3, "visit", "2015-06-10")]
    whole, close = charts(evs, [])
    assert whole["first"] == "2004-01-01" and close.get("close_up")
    assert close["first"] == "2013-07-01" and len(close["marks"]) == 2
    assert charts([_event(1, "episode", "2014-03-01"), _event(2, "visit", "2015-06-10")], [])[0].get("close_up") is None
    assert charts([{**_event(1, "episode", "2014-03-01"), "start": None, "end": None}], []) == []


def test_a_server_on_this_machine_answers_this_machine_names_only():
    from spasmkg.web.server import allowed_hosts
    assert allowed_hosts("127.0.0.1") >= {"127.0.0.1", "localhost", "::1"}
    assert "::1" in allowed_hosts("::1") and "127.0.0.2" in allowed_hosts("127.0.0.2")
    assert allowed_hosts("0.0.0.0") is None and allowed_hosts("192.0.2.7") is None
