"""PMCIDs beside DOIs and PMIDs in reference entries."""
from __future__ import annotations

import pytest

from spasmkg.extract.text.references import parse_entry


@pytest.mark.parametrize("tail, pmcid", [
    ("PMCID: PMC6000003.", "PMC6000003"),
    ("PMCID PMC6000003", "PMC6000003"),
    ("PMC6000003", "PMC6000003"),
    ("[ PMC free article: PMC6000003 ]", "PMC6000003"),
    ("", None),
])
def test_a_pmcid_is_read_and_leaves_the_rest_whole(tail, pmcid):
    r = parse_entry(1, f"Ash K, Bell L. Heat for calf cramps. Clin J Sport. 2019;11(1):8-9. doi:10.1000/ABC.1 "
                       f"PMID: 30000002 {tail}".strip())
    assert (r.title, r.container, r.year, r.volume, r.issue, r.pages, r.doi, r.pmid, r.pmcid) == (
        "Heat for calf cramps", "Clin J Sport", 2019, "11", "1", "8-9", "10.1000/ABC.1", "30000002", pmcid)


def test_a_pubmed_central_address_gives_the_pmcid_and_stays_the_url():
    r = parse_entry(1, "Cramp Society. Cramp facts. https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6000005/. "
                       "Accessed March 3, 2021.")
    assert (r.url, r.pmcid, r.accessed) == ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6000005/", "PMC6000005",
                                            "March 3, 2021")


def test_an_edition_is_not_part_of_a_book_title():
    r = parse_entry(2, "Hale AB. Cramps in Practice. 3rd ed. Leeds, UK: North Press; 2015.")
    assert (r.title, r.publisher, r.year, r.kind) == ("Cramps in Practice", "North Press", 2015, "Book")
