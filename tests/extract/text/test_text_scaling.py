"""The text-only steps (layout, reference list, markers, claims' sentence starts) on the shapes that
once went cubic or quadratic: thousands of blank lines, a reference list of hundreds of entries,
tens of thousands of markers. Each shape runs at a moderate size and must come out whole; the
timings at several sizes are in ``bench/run.py`` (section "text shapes")."""
import pytest

from spasmkg.extract.document import DocumentInput, prepare
from spasmkg.extract.text.citations import sentence_starts

INTRO = "Cramps\n\nIntroduction\n\n"
LONG = "Night cramps are common in older adults who walk little and sleep with their feet pointed"


def entries(n: int, sep: str = "\n") -> str:
    return "".join(f"{i}.{sep}Ash K, Bell L. Heat wraps for back pain, part {i}. Pain. 2010;{i}(2):1-9.{sep}"
                   for i in range(1, n + 1))


def steps(text: str):
    return prepare(DocumentInput("shape", "shape.txt", "review", None, text))


@pytest.mark.parametrize("blank", ["\n", "  \n", "\t\n"])
def test_a_review_followed_by_thousands_of_blank_lines(blank):
    text = INTRO + LONG + ".[1] Heat helps.[2]\n\nReferences\n\n" \
        + entries(2) + blank * 6000
    prep = steps(text)
    assert [r.year for r in prep.refs] == [2010, 2010]
    assert [m.refs for m in prep.markers] == [(1,), (2,)]


def test_blank_lines_between_paragraphs_and_entries():
    text = INTRO + (LONG + "\n" * 3000 + "and in runners.[1]\n") \
        + "\n" * 3000 + "References\n\n" + entries(1, "\n" * 50)
    prep = steps(text)
    assert "feet pointed" in prep.body and prep.body.index("and in runners") > 3000
    assert prep.body[prep.body.index("feet pointed") + 12:prep.body.index("and in runners")].strip() == ""
    assert [(r.n, r.year) for r in prep.refs] == [(1, 2010)]
    assert [m.refs for m in prep.markers] == [(1,)]


@pytest.mark.parametrize("sep", ["\n", "\n\n", "\n\n\n"])
def test_a_reference_list_of_500_entries(sep):
    text = INTRO + LONG + ".[1] Heat helps.[500]\n\nReferences\n\n" + entries(500, sep)
    prep = steps(text)
    assert [r.n for r in prep.refs] == list(range(1, 501))
    assert prep.refs[-1].title == "Heat wraps for back pain, part 500" and prep.refs[-1].volume == "500"


@pytest.mark.parametrize("marker", ["[{n}]", "^{{{n}}}", " {n}.", ".({n})"])
def test_tens_of_thousands_of_markers(marker):
    sentences = " ".join("Cramps are common in runners" + marker.format(n=i % 40 + 1) + (" Then" if "." not in marker else "")
                         for i in range(20000))
    prep = steps(INTRO + sentences + "\n\nReferences\n\n" + entries(40))
    assert len(prep.markers) == 20000
    assert {r for m in prep.markers for r in m.refs} == set(range(1, 41))


def test_sentence_starts_on_a_long_text():
    body = "Cramps are common. " * 50000
    starts = sentence_starts(body, [i * 19 for i in range(50000)])
    assert len(starts) == 50000
