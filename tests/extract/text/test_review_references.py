"""Reference styles beyond the seed's AMA list: APA, Harvard, colon-tail author-year, DOIs and PMIDs,
bracketed numbering, web pages with day-month dates, books."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text
from spasmkg.extract.text.references import parse_entry, parse_reference_list


def fields(r):
    return (r.kind, r.authors, r.title, r.container, r.year, r.volume, r.issue, r.pages)


def test_author_year_with_colon_tail():
    r = parse_entry(1, "Kent P, Keating JL (2005) The epidemiology of low back pain in primary care. "
                       "Chiropr Osteopat 13:13-20")
    assert fields(r) == ("JournalArticle", ["Kent P", "Keating JL"],
                         "The epidemiology of low back pain in primary care", "Chiropr Osteopat", 2005, "13", None,
                         "13-20")


def test_apa_with_doi():
    r = parse_entry(2, "Maher, C., Underwood, M., & Buchbinder, R. (2017). Non-specific low back pain. "
                       "The Lancet, 389(10070), 736–747. https://doi.org/10.1016/S0140-6736(16)30970-9")
    assert fields(r) == ("JournalArticle", ["Maher, C.", "Underwood, M.", "Buchbinder, R."],
                         "Non-specific low back pain", "The Lancet", 2017, "389", "10070", "736–747")
    assert r.doi == "10.1016/S0140-6736(16)30970-9"


def test_harvard_with_quoted_title_and_pp():
    r = parse_entry(3, "Hartvigsen, J. et al. (2018) 'What low back pain is and why we need to pay attention', "
                       "Lancet, 391(10137), pp. 2356-2367.")
    assert fields(r) == ("JournalArticle", ["Hartvigsen, J."], "What low back pain is and why we need to pay attention",
                         "Lancet", 2018, "391", "10137", "2356-2367")


def test_vancouver_with_doi_and_pmid_after_the_pages():
    r = parse_entry(4, "Deyo RA, Weinstein JN. Low back pain. N Engl J Med. 2001;344(5):363-370. "
                       "doi:10.1056/NEJM200102013440508. PMID: 11172169")
    assert fields(r) == ("JournalArticle", ["Deyo RA", "Weinstein JN"], "Low back pain", "N Engl J Med", 2001,
                         "344", "5", "363-370")
    assert (r.doi, r.pmid) == ("10.1056/NEJM200102013440508", "11172169")


def test_book_and_web_page_in_author_year_style():
    book = parse_entry(5, "Waddell, G. (2004). The back pain revolution (2nd ed.). Churchill Livingstone.")
    assert (book.kind, book.title, book.publisher, book.year) == \
        ("Book", "The back pain revolution (2nd ed.)", "Churchill Livingstone", 2004)
    web = parse_entry(6, "World Health Organization (2023) Low back pain fact sheet. "
                         "https://www.who.int/news-room/fact-sheets/detail/low-back-pain. Accessed 2 May 2024")
    assert (web.kind, web.authors, web.title, web.year) == \
        ("WebPage", ["World Health Organization"], "Low back pain fact sheet", 2023)
    assert web.url == "https://www.who.int/news-room/fact-sheets/detail/low-back-pain"
    assert web.accessed == "2 May 2024"


def test_bracketed_numbering_and_integrity_of_a_whole_document():
    text = ("Back pain is common [1]. Spasms recur [2, 3]. One study disagreed [5].\n\nReferences\n\n"
            "[1] Kent P, Keating JL (2005) The epidemiology of low back pain in primary care. Chiropr Osteopat 13:13-20\n"
            "[2] Deyo RA, Weinstein JN. Low back pain. N Engl J Med. 2001;344(5):363-370.\n"
            "[3] Maher, C., & Buchbinder, R. (2017). Non-specific low back pain. The Lancet, 389(10070), 736–747.\n"
            "[4] Waddell, G. (2004). The back pain revolution. Churchill Livingstone.\n")
    res = analyse_text(text, "t", "t.txt", "review")
    assert [r.n for r in res.references] == [1, 2, 3, 4]
    assert [r.year for r in res.references] == [2005, 2001, 2017, 2004]
    for r in res.references:
        assert text[r.start:r.end] == r.raw
    assert "reference 4 is never cited" in res.problems
    assert any("reference 5, which is not in the reference list" in p for p in res.problems)


def test_reference_list_with_parenthesised_numbers():
    region = "1) Deyo RA. Low back pain. N Engl J Med. 2001;344(5):363-370.\n2) Waddell G. The back. Spine. 1987;12:632-644.\n"
    refs = parse_reference_list(region, 0, len(region))
    assert [(r.n, r.container, r.volume) for r in refs] == [(1, "N Engl J Med", "344"), (2, "Spine", "12")]
