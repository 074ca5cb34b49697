"""Citation markers in every form, and numbers that must stay text."""
import pytest

from spasmkg.extract.text.markers import expand, find_markers, mask


@pytest.mark.parametrize("text, marker, refs", [
    ("muscle contractions^{1,2} of a muscle", "^{1,2}", [1, 2]),
    ("are localized within the spine.^{6,7} In most", "^{6,7}", [6, 7]),
    ("that cannot relax,⁵ are localized", "⁵", [5]),
    ("is common.¹³ The prevalence", "¹³", [13]),
    ("as shown before<sup>1-5</sup> in trials", "<sup>1-5</sup>", [1, 2, 3, 4, 5]),
    ("as reported [1] by others", "[1]", [1]),
    ("as reported [1, 2] by others", "[1, 2]", [1, 2]),
    ("three studies [3–5] found", "[3–5]", [3, 4, 5]),
    ("relief was seen^{2,4-6} quickly", "^{2,4-6}", [2, 4, 5, 6]),
    ("ranges ¹⁻³ expand", "¹⁻³", [1, 2, 3]),
])
def test_marker_forms(text, marker, refs):
    found = find_markers(text, max_ref=30)
    assert [(m.text, list(m.refs)) for m in found] == [(marker, refs)]
    start = text.index(marker)
    assert (found[0].start, found[0].end) == (start, start + len(marker))


@pytest.mark.parametrize("text", [
    "Pain occurring when the angle is between 30 and 60 degrees is a provocative sign.",
    "Onset begins in individuals aged 30 to 55 years, and peaks later.",
    "(1) The action potential reaches the axon terminal. (2) Calcium gates open.",
    "Rate the pain on a scale of zero to 10 each day.",
    "A dose of 400 mg twice a day for 2 weeks.",
])
def test_numbers_that_are_not_markers(text):
    assert find_markers(text, max_ref=30) == []


def test_bare_digit_style_is_used_only_when_the_document_uses_it():
    styled = ("Back pain is common.12 Most episodes resolve.3,4 Recurrence is frequent.5-7 "
              "Imaging is rarely needed.8")
    found = find_markers(styled, max_ref=20)
    assert [list(m.refs) for m in found] == [[12], [3, 4], [5, 6, 7], [8]]
    # one stray number after a full stop is not a style
    assert find_markers("It rose by 2 points in 2010.5 More later.", max_ref=20) == []


def test_bracket_numbers_beyond_the_reference_list_are_not_markers():
    assert find_markers("see table [45] for values", max_ref=30) == []


def test_expand_keeps_order_and_drops_duplicates():
    assert expand("3-5,4,9") == [3, 4, 5, 9]
    assert expand("9-2") == [9, 2]       # a descending pair is two numbers, not a range


def test_mask_keeps_length_and_offsets():
    text = "spasm^{1,2} of muscle,⁵ here"
    masked = mask(text, find_markers(text))
    assert len(masked) == len(text)
    assert masked.index("of muscle") == text.index("of muscle")
    assert "^" not in masked and "⁵" not in masked


def test_pathological_input_ends():
    """Unclosed marker lists must not send the patterns into catastrophic backtracking. The bound is
    a hang guard (the patterns are linear and take milliseconds), not a speed target."""
    import time
    t = time.perf_counter()
    found = find_markers("^{" + "1," * 5000 + "x" + "[" + "1, " * 5000)
    assert all(m.style != "caret" for m in found)          # nothing closes the braces: no caret marker
    assert time.perf_counter() - t < 60


def test_bracket_beyond_the_list_is_a_marker_only_in_a_bracket_citing_document():
    cited = "Pain is common [1]. Spasms recur [2, 3]. One trial disagreed [7]."
    assert [m.refs for m in find_markers(cited, max_ref=4)] == [(1,), (2, 3), (7,)]
    prose = "The scale [7] was used once."
    assert find_markers(prose, max_ref=4) == []
