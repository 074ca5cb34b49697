"""Saved web pages: the article without the page around it, callouts and the ordered reference list."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import html, sniff

#: a health-library page of our own, with navigation, a cookie banner, a sidebar and a footer
PAGE = Path(__file__).parents[2] / "literature" / "page.html"


@pytest.fixture(scope="module")
def reading():
    return next(html.read(PAGE))


def test_told_by_content():
    assert sniff(PAGE, PAGE.read_bytes()[:4096]) == "html"


def test_the_article_without_boilerplate(reading):
    t = reading.text
    assert t.startswith("Back spasm explained\n\nA back spasm is a sudden involuntary contraction")
    for furniture in ("Drugs A-Z", "cookies", "stiff neck", "All rights reserved", "tracking", "color:"):
        assert furniture not in t
    assert "\n\nCauses\n\n" in t and "\n\nFigure 1. The erector spinae muscles." in t
    assert "\n\nLifting with a bent back2\n\n" in t                 # a list item is a block of its own


def test_raised_and_linked_callouts_are_markers(reading):
    got = [(reading.text[m.start:m.end], m.refs) for m in reading.markers]
    assert got == [("1", (1,)), ("2,3", (2, 3)), ("[4]", (4,)), ("2", (2,)), ("1–3", (1, 2, 3))]


def test_the_ordered_reference_list(reading):
    refs = reading.references
    assert [r.n for r in refs] == [1, 2, 3, 4]
    assert refs[0].doi == "10.9999/fpr.2017.310" and refs[0].year == 2017
    assert refs[2].pmid == "31000003"
    assert "\n\nReferences\n\n1. Marsh T, Olsen B. Acute back spasm" in reading.text
    for r in refs:
        assert reading.text[r.start:r.end] == r.raw


def test_places_are_element_paths(reading):
    p = next(pl for pl in reading.places if "Heat and gentle" in reading.text[pl.start:pl.end])
    assert p.path.endswith("/article/p[3]")


def test_a_page_without_text_is_named(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        next(html.read(f))
    assert info.value.code == "E003" and "empty.html" in str(info.value)
