"""A whole review of our own (HTML superscript markers, Vancouver list) read end to end: citations at
clause grain, relations with their references, statistics, abbreviations, assertion, integrity."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.extract.document import analyse_text

TEXT = (Path(__file__).parent / "texts" / "primary_care_guide.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def res():
    return analyse_text(TEXT, "guide", "primary_care_guide.txt", "review")


def test_each_marker_supports_its_own_clause(res):
    claims = {c.claim.text: c.refs for c in res.citations}
    assert claims["Most episodes resolve within 6 weeks"] == [3]
    assert claims["but recurrence within 1 year is reported in about 33% of patients"] == [2, 3, 4]
    assert len(res.citations) == 10


def test_relations_carry_their_references(res):
    got = {(r.type, r.head.text, r.tail.text, tuple(r.refs)) for r in res.relations}
    assert ("risk_factor_for", "Obesity", "LBP", (5,)) in got
    assert ("risk_factor_for", "psychological distress", "LBP", (5, 6)) in got
    assert ("causes", "herniated disc", "LBP", (7,)) in got
    assert ("causes", "cancer", "LBP", (8,)) in got
    assert ("indicates", "straight leg raise test", "nerve root irritation", (9,)) in got
    assert not any(r.type == "causes" and r.head.text == "LBP" for r in res.relations)   # passive read right


def test_statistics_abbreviations_and_assertion(res):
    stats = {s.text: s for s in res.statistics}
    assert stats["about 33%"].time_frame == "within 1 year" and stats["about 33%"].refs == [2, 3, 4]
    assert stats["between 30 and 70 degrees"].kind == "angle_range"
    assert [(a.short.text, a.long.text, a.concept) for a in res.abbreviations] == \
        [("LBP", "Low back pain", "low_back_pain")]
    status = {m.text: m.assertion for m in res.mentions}
    assert status["cauda equina syndrome"] == "hypothetical" and status["neurological deficit"] == "negated"


def test_reference_list_and_integrity(res):
    assert [r.n for r in res.references] == list(range(1, 11))
    assert res.references[8].authors[:2] == ["Deville WL", "van der Windt DA"]
    assert (res.references[9].kind, res.references[9].publisher) == ("Book", "Churchill Livingstone")
    assert res.problems == ["reference 10 is never cited"]
