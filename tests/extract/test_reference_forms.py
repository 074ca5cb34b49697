"""Reference lists as real texts lay them out: headings with a colon or markdown marks, entry 1
right under the heading, lists in parts that count from 1 again, notes between entries, and
run-together tails (Cochrane numbers, 'Spine (Phila Pa 1976)', books, web pages, DOIs, PMIDs)."""
import pytest

from spasmkg.extract.document import analyse_text
from spasmkg.extract.text import layout
from spasmkg.extract.text.references import parse_entry, parse_reference_list


def refs_of(text: str):
    lay = layout.analyse(text)
    assert lay.references is not None
    return parse_reference_list(lay.unheadered, lay.references.start, lay.references.end)


@pytest.mark.parametrize("heading", ["References:", "## References", "**References**", "REFERENCES"])
def test_reference_heading_forms_followed_directly_by_entry_one(heading):
    text = (f"Cramps\n\nBody\n\nNight cramps are common in older adults.[1] Heat helps.[2]\n\n{heading}\n"
            "1. Adams B. Leg cramps at night. Sleep Med. 2005;6(2):10-15.\n"
            "2. Brown C. Heat for back pain. Pain. 2019;160(1):1-9.\n")
    refs = refs_of(text)
    assert [(r.n, r.authors[0], r.year) for r in refs] == [(1, "Adams B", 2005), (2, "Brown C", 2019)]


def test_lists_in_parts_are_numbered_in_reading_order_and_notes_stay_out():
    text = ("Cramps\n\nBody\n\nNight cramps are common in older adults and in runners.(1) Heat may help with the pain of a cramp.(2)\n\nReferences:\n\n"
            "Earlier reviews\nThe most recent one\n"
            "1. Adams B. Leg cramps at night. Sleep Med. 2005;6(2):10-15.\n\n"
            "New trials\n"
            "1. Brown C. Heat for back pain. Pain. 2019;160(1):1-9. Only the first week was reported.\n"
            "2. Cole D. Cramp and magnesium. BMJ. 2011;342:d1-d9.\n\n"
            "Trials still under review\nNone\n")
    refs = refs_of(text)
    assert [(r.n, r.authors[0], r.year) for r in refs] == [(1, "Adams B", 2005), (2, "Brown C", 2019),
                                                           (3, "Cole D", 2011)]
    assert "New trials" not in refs[0].raw and "None" not in refs[2].raw
    res = analyse_text(text, "p", "p.txt", "review")
    assert [c.refs for c in res.citations] == [[1], [2]]
    assert res.problems == ["reference 3 is never cited"]


def test_a_number_alone_on_its_line_then_the_entry():
    text = ("Cramps\n\nBody\n\nNight cramps are common. [1] [2]\n\nReferences\n\n1.\n\n"
            "Adams B. Leg cramps at night. Sleep Med. 2005;6(2):10-15. [ PubMed: 123 ]\n\n2.\n\n"
            "Brown C. Heat for back pain. Pain. 2019;160(1):1-9.\n")
    assert [(r.n, r.authors[0], r.title) for r in refs_of(text)] == [
        (1, "Adams B", "Leg cramps at night"), (2, "Brown C", "Heat for back pain")]
