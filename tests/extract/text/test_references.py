"""The reference parser on AMA/Vancouver entries of the seed review and on other styles."""
import pytest

from spasmkg.extract.text import layout
from spasmkg.extract.text.references import parse_entry, parse_reference_list


def test_ama_journal_article_with_issue():
    r = parse_entry(1, "Pratzel HG, Alken RG, Ramm S. Efficacy and tolerance of repeated oral doses of "
                       "tolperisone hydrochloride in the treatment of painful reflex muscle spasm: results of a "
                       "prospective placebo-controlled double-blind trial. *Pain*. 1996;67(2-3):417-425.")
    assert r.authors == ["Pratzel HG", "Alken RG", "Ramm S"]
    assert r.title.startswith("Efficacy and tolerance") and r.title.endswith("double-blind trial")
    assert (r.container, r.year, r.volume, r.issue, r.pages) == ("Pain", 1996, "67", "2-3", "417-425")
    assert r.kind == "JournalArticle"


def test_ama_et_al_supplement_and_issue_only():
    r = parse_entry(8, "Rao R, Panghate A, Chandanwale A, et al. Clinical comparative study. *Asian Spine J*. "
                       "2012;6(2):115-122.")
    assert r.authors == ["Rao R", "Panghate A", "Chandanwale A"]
    r6 = parse_entry(6, "McCarberg BH, Ruoff GE. Diagnosis of low-back pain. *Pain Med*. 2011;12 suppl 4:S119-S127.")
    assert (r6.volume, r6.pages) == ("12", "S119-S127")
    r23 = parse_entry(23, "Schappert SM. Ambulatory care visits. *Vital Health Stat*. 1999;(143):i-iv, 1-39.")
    assert (r23.volume, r23.issue, r23.pages) == (None, "143", "i-iv, 1-39")


def test_web_page_with_updated_and_accessed_dates():
    r = parse_entry(5, "Cleveland Clinic. Muscle spasms. <https://my.clevelandclinic.org/health/diseases/15466-muscle-spasms>. "
                       "Updated July 8, 2014. Accessed December 18, 2020.")
    assert r.kind == "WebPage" and r.authors == ["Cleveland Clinic"] and r.title == "Muscle spasms"
    assert r.url == "https://my.clevelandclinic.org/health/diseases/15466-muscle-spasms"
    assert r.year == 2014 and r.accessed == "December 18, 2020"


def test_book_with_publisher():
    r = parse_entry(18, "University of California, San Diego, Division of Biological Sciences. *Animal Physiology "
                        "Laboratory Manual*. Plymouth, MI: Macmillan Learning Curriculum Solutions; 2019.")
    assert r.kind == "Book" and r.title == "Animal Physiology Laboratory Manual" and r.year == 2019
    assert r.publisher == "Macmillan Learning Curriculum Solutions" and r.container is None


def test_acs_style():
    r = parse_entry(1, "Hoy, D.; Bain, C.; Williams, G. A systematic review of the global prevalence of low "
                       "back pain. Arthritis Rheum. 2012, 64, 2028–2037.")
    assert r.authors == ["Hoy, D.", "Bain, C.", "Williams, G."]
    assert (r.container, r.year, r.volume, r.pages) == ("Arthritis Rheum", 2012, "64", "2028–2037")


def test_seed_reference_list_is_parsed_past_a_running_header(review_text):
    lay = layout.analyse(review_text)
    refs = parse_reference_list(lay.unheadered, lay.references.start, lay.references.end)
    assert [r.n for r in refs] == list(range(1, 31))
    r4 = refs[3]
    assert (r4.container, r4.year, r4.volume, r4.issue, r4.pages) == ("Clin Ther", 2004, "26", "9", "1355-1367")
    assert "Acute Muscle Spasms" not in r4.raw
    assert refs[11].authors == ["Chou R"] and refs[11].pages == "ITC6-1"
    assert refs[21].authors[2] == "O'Malley PG"
