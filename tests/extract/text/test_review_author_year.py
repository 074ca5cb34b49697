"""Author-year citations resolved against an unnumbered APA reference list."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.extract.text.author_year import find_author_year
from spasmkg.extract.document import analyse_text
from spasmkg.extract.text.references import parse_entry

TEXT = (Path(__file__).parents[1] / "texts" / "author_year_review.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def res():
    return analyse_text(TEXT, "apa", "author_year_review.txt", "review")


def test_unnumbered_list_is_split_one_entry_per_line(res):
    assert [(r.n, r.authors[0], r.year) for r in res.references] == [
        (1, "Deyo, R. A.", 2001), (2, "Hartvigsen, J.", 2018), (3, "Maher, C.", 2017),
        (4, "Shiri, R.", 2010), (5, "Waddell, G.", 2004)]
    for r in res.references:
        assert TEXT[r.start:r.end] == r.raw


def test_parenthetical_and_narrative_citations(res):
    got = [(c.marker.text, c.refs, c.claim.text) for c in res.citations]
    assert got == [
        ("(Hartvigsen et al., 2018)", [2], "Low back pain is the leading cause of disability worldwide"),
        ("(Maher & Buchbinder, 2017; Deyo, 2001)", [3, 1], "Most episodes are nonspecific"),
        ("(Shiri et al., 2010)", [4], "and obesity is a risk factor for low back pain"),
        ("(2001)", [1], "noted that imaging is rarely needed"),
    ]
    assert res.problems == ["reference 5 is never cited"]


def test_relations_take_author_year_references(res):
    assert ("risk_factor_for", "obesity", "low back pain", [4]) in \
        [(r.type, r.head.text, r.tail.text, r.refs) for r in res.relations]


def test_a_date_or_an_unknown_author_is_not_a_citation():
    refs = [parse_entry(1, "Deyo, R. A. (2001). Low back pain. N Engl J Med, 344(5), 363–370.")]
    assert find_author_year("A release (March 2012) and a trial (Smith et al., 2001) and (Deyo, 1999).", refs) == []
    assert [m.refs for m in find_author_year("As shown (Deyo, 2001).", refs)] == [(1,)]
