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


def fields(entry: str):
    r = parse_entry(1, entry)
    return (r.authors[:1], r.title, r.container, r.year, r.volume, r.issue, r.pages, r.kind)


def test_cochrane_article_number_after_a_semicolon():
    assert fields("Ash K, Bell L. Heat wraps for low back pain. Cochrane Database Syst Rev. 2018;7;CD012345.") == (
        ["Ash K"], "Heat wraps for low back pain", "Cochrane Database Syst Rev", 2018, "7", None, "CD012345",
        "JournalArticle")


@pytest.mark.parametrize("tail", ["Spine (Phila Pa 1976). 2015 Mar 1;40(5):E1-E9.", "Spine (Phila Pa 1976) 2015;40(5):E1-E9."])
def test_a_journal_with_a_year_in_its_name(tail):
    got = fields(f"Ash K, Bell L. Rest or walking for back cramps. {tail}")
    assert got == (["Ash K"], "Rest or walking for back cramps", "Spine (Phila Pa 1976)", 2015, "40", "5", "E1-E9",
                   "JournalArticle")


def test_database_links_printed_with_an_entry_are_not_part_of_it():
    r = parse_entry(1, "Ash K, Bell L. Is it a cramp? A survey of runners. Clin J Sport. 2019 Mar;11(1):8-9. "
                       "[ PMC free article: PMC6000001] [ PubMed: 30000001]")
    assert (r.title, r.container, r.year, r.pmid) == ("Is it a cramp? A survey of runners", "Clin J Sport", 2019, "30000001")
    r = parse_entry(2, "Cole M. Calf cramps. Foot Ankle. 2012;3(2):1-8. doi:10.1000/fa.2012.3 - Pubmed")
    assert (r.title, r.year, r.doi) == ("Calf cramps", 2012, "10.1000/fa.2012.3")
    r = parse_entry(3, "Dunn P. [Cramps in the elderly]. Z Alter. 2014;9 Suppl 1(S1):3-7.")
    assert r.title == "Cramps in the elderly"


def test_books_with_an_isbn_a_quoted_title_or_a_chapter():
    r = parse_entry(1, "Anna B. Carter, Dan Evans. Manual of Back Care. (2011) ISBN: 9780000000002 - Google Books")
    assert (r.authors, r.title, r.year, r.kind) == (["Anna B. Carter", "Dan Evans"], "Manual of Back Care", 2011, "Book")
    r = parse_entry(2, 'Frost TR and Gale LJ "Cramps and their care" Harbor Press, 2006. Google Books')
    assert (r.authors, r.title, r.year, r.publisher, r.kind) == (
        ["Frost TR", "Gale LJ"], "Cramps and their care", 2006, "Harbor Press", "Book")
    r = parse_entry(3, "Kent P, Day R. Night cramps. In: Hall J, ed. Textbook of Muscle Pain. 4th ed. "
                       "London, UK: Churchill; 2012:100-110.")
    assert (r.title, r.container, r.publisher, r.year, r.pages) == (
        "Night cramps", "Textbook of Muscle Pain", "Churchill", 2012, "100-110")


def test_web_pages_dated_or_accessed():
    r = parse_entry(1, "CrampWiki contributors. Night cramp care. CrampWiki. May 2, 2018. Available at: "
                       "http://example.org/wiki/Night_cramp. Accessed  May 2, 2018.")
    assert (r.authors, r.title, r.year, r.url, r.kind) == (
        ["CrampWiki contributors"], "Night cramp care", 2018, "http://example.org/wiki/Night_cramp", "WebPage")
    r = parse_entry(2, "Kent P. [Back cramps in children](https://example.org/kids). *Pediatr Care*. 2011;12(2):e1-e9.")
    assert (r.title, r.container, r.year, r.url) == ("Back cramps in children", "Pediatr Care", 2011, "https://example.org/kids")


def test_group_authors_and_names_with_modifier_letters():
    r = parse_entry(1, "Ash K, Bell L; Cramp Study Group. Magnesium for cramps. Pain. 2010;150(3):1-9.")
    assert r.authors == ["Ash K", "Bell L", "Cramp Study Group"] and r.title == "Magnesium for cramps"
    r = parse_entry(2, "Yilmaz K, Og˘uz M. Cramps in the night. Pain Clin. 2003;15:213-8.")
    assert r.authors == ["Yilmaz K", "Og˘uz M"] and r.year == 2003


def test_pmid_and_doi_run_into_the_tail():
    r = parse_entry(1, "Ash K. Cramps at rest. Turk J Med. 2011;12(3):201-8. PMID: 26000001Short term only.")
    assert (r.year, r.volume, r.pmid) == (2011, "12", "26000001")


MARKDOWN = """# Leg Cramps

## Background

Night cramps are common in older adults who sleep with pointed feet (Adams, 2005). Heat eases back \
pain in most trials (Brown & Diaz, 2019; Evans, 2011).

## References

- Adams, B. (2005). Leg cramps at night. *Sleep Medicine*, 6(2), 10-15. https://doi.org/10.1000/sm.2005.6
- Brown, C., & Diaz, E. (2019). Heat for back pain. *Pain*, 160(1), 1-9.
- Evans, F. (2011). Cramp and magnesium. *BMJ*, 342, d1-d9.
"""


def test_markdown_review_with_an_unnumbered_bulleted_list():
    res = analyse_text(MARKDOWN, "md", "md.txt", "review")
    assert [s.title for s in res.sections] == ["Background", "References"]
    assert [(r.n, r.authors[0], r.title, r.container, r.year, r.volume, r.pages) for r in res.references] == [
        (1, "Adams, B.", "Leg cramps at night", "Sleep Medicine", 2005, "6", "10-15"),
        (2, "Brown, C.", "Heat for back pain", "Pain", 2019, "160", "1-9"),
        (3, "Evans, F.", "Cramp and magnesium", "BMJ", 2011, "342", "d1-d9")]
    assert res.references[0].doi == "10.1000/sm.2005.6"
    assert [(c.refs, c.claim.text) for c in res.citations] == [
        ([1], "Night cramps are common in older adults who sleep with pointed feet"),
        ([2, 3], "Heat eases back pain in most trials")]
    assert res.problems == []


@pytest.mark.parametrize("entry", [
    '^ Ash K, Bell L (2010). "Heat for cramps". Pain Med. 12 (3): 1–9. doi:10.1000/pm.12. PMID 20000001.',
    '^ a b Ash K, Bell L (2010). "Heat for cramps". Pain Med. 12 (3): 1–9.',
    "Ash K, Bell L. Heat for cramps. Pain Med. 2010 Mar 4;12(3):1-9. doi: 10.1000/pm.12. Epub 2010 Feb 1.",
])
def test_wiki_back_links_and_epub_notes(entry):
    r = parse_entry(1, entry)
    assert (r.authors, r.title, r.container, r.year, r.volume, r.issue, r.pages) == (
        ["Ash K", "Bell L"], "Heat for cramps", "Pain Med", 2010, "12", "3", r.pages)
    assert r.pages in ("1–9", "1-9")


def test_bare_doi_and_an_issue_without_volume():
    r = parse_entry(1, "Ash, K., et al. (2003). Heat wraps for cramps. Cochrane Database of Systematic Reviews, "
                       "(4), CD004999. 10.1002/14651858.CD004999")
    assert (r.container, r.year, r.volume, r.issue, r.pages, r.doi) == (
        "Cochrane Database of Systematic Reviews", 2003, None, "4", "CD004999", "10.1002/14651858.CD004999")


def test_internet_books_and_series():
    r = parse_entry(1, "Ash K, Bell L. Heat for cramps [Internet]. Bethesda (MD): Cramp Library; 2010 "
                       "[cited 2020 Jan 5]. Available from: https://example.org/cramps")
    assert (r.title, r.publisher, r.year, r.accessed, r.url, r.kind) == (
        "Heat for cramps", "Cramp Library", 2010, "2020 Jan 5", "https://example.org/cramps", "Book")
    r = parse_entry(2, "Ash K. Night cramps. CrampPearls [Internet]. Treasure Island (FL): CrampPearls Publishing; 2023 Jan.")
    assert (r.title, r.container, r.publisher, r.year) == ("Night cramps", "CrampPearls", "CrampPearls Publishing", 2023)


@pytest.mark.parametrize("entry", ["Ash K. Heat for cramps. _Pain Med_. 2010;12(3):1-9.",
                                   "Ash K. Heat for cramps. **Pain Med**. 2010;12(3):1-9.",
                                   "Ash, K. (2010). Heat for cramps. _Pain Med_, _12_(3), 1-9."])
def test_markdown_emphasis_marks_the_journal(entry):
    r = parse_entry(1, entry)
    assert (r.title, r.container, r.year, r.volume, r.issue, r.pages) == ("Heat for cramps", "Pain Med", 2010, "12", "3", "1-9")


def test_a_wrapped_line_starting_with_a_number_is_not_an_entry():
    text = ("Cramps\n\nBody\n\nNight cramps are common in older adults who walk little.[1] Heat helps.[2]\n\n"
            "References\n\n1. Adams B, Cole D. Leg cramps in runners older than\n"
            "45. A survey. Sleep Med. 2005;6(2):10-15.\n2. Brown C. Heat for back pain. Pain. 2019;160(1):1-9.\n")
    refs = refs_of(text)
    assert [(r.n, r.year, r.container) for r in refs] == [(1, 2005, "Sleep Med"), (2, 2019, "Pain")]
    assert refs[0].title == "Leg cramps in runners older than 45. A survey"


def test_a_reference_heading_right_under_the_text_when_entry_one_follows():
    text = ("Cramps\n\nBody\n\nNight cramps are common in older adults who walk little.[1]\nReferences\n"
            "1. Adams B. Leg cramps at night. Sleep Med. 2005;6(2):10-15.\n")
    assert [(r.n, r.year) for r in refs_of(text)] == [(1, 2005)]
