"""Reference libraries read with the libraries their formats are written with, and refused whole,
by name, when they are not what they claim to be."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.library import parse
from spasmkg.extract.library.dates import date_parts
from spasmkg.extract.library.names import split_name


def fields(e):
    r = e.ref
    return (e.key, r.kind, r.authors, r.title, r.container, r.year, r.volume, r.issue, r.pages, r.doi, r.pmid,
            r.pmcid, r.url, r.accessed, r.publisher)


def test_bibtex_latex_is_decoded_and_identifiers_kept_verbatim():
    text = r"""@article{mueller2019,
  author = {M{\"u}ller, J{\"o}rg and Ash, K. and {Cramp Care Foundation}},
  title = {Heat {\&} cold for {Calf} cramps},
  journaltitle = {Clin J Sport}, date = {2019-03}, volume = 11, number = {1}, pages = {8--9},
  doi = {10.1000/ABC_1}, pmid = {30000002}, pmcid = {PMC6000003}
}
@online{site, title = {Cramp facts}, url = {https://example.org/a_b}, urldate = {2021-03-03}}
"""
    a, b = parse(text, "bibtex", Path("lib.bib"))
    assert fields(a) == ("mueller2019", "JournalArticle", ["Müller, Jörg", "Ash, K.", "Cramp Care Foundation"],
                         "Heat & cold for Calf cramps", "Clin J Sport", 2019, "11", "1", "8-9", "10.1000/ABC_1",
                         "30000002", "PMC6000003", None, None, None)
    assert fields(b) == ("site", "WebPage", [], "Cramp facts", None, None, None, None, None, None, None, None,
                         "https://example.org/a_b", "2021-03-03", None)


def test_ris_identifiers_where_pubmed_and_notes_put_them():
    text = "1.\nTY  - JOUR\nAU  - Ash K\nTI  - Heat\nPY  - 2019///\nSP  - 8\nEP  - 9\nN1  - PMID: 30000002\n" \
           "ER  - \n\nTY  - ELEC\nTI  - Cramp facts\nUR  - https://example.org\nY2  - 2021/03/03\n" \
           "C2  - PMCID: PMC6000003\nER  - \n"
    a, b = parse(text, "ris", Path("lib.ris"))
    assert (a.ref.authors, a.ref.year, a.ref.pages, a.ref.pmid, a.ref.kind) == (["Ash, K."], 2019, "8-9", "30000002",
                                                                                "JournalArticle")
    assert (b.ref.kind, b.ref.url, b.ref.accessed, b.ref.pmcid) == ("WebPage", "https://example.org", "2021/03/03",
                                                                    "PMC6000003")


def test_csl_json_dates_and_names():
    items = [{"id": "x", "type": "chapter", "title": "Night cramps", "container-title": "Muscle Book",
              "author": [{"family": "van Dam", "given": "Els", "suffix": "Jr"}, {"literal": "Cramp Society"}],
              "issued": {"date-parts": [["2015", 4]]}, "accessed": {"raw": "last spring"}, "page": "100-110"}]
    (e,) = parse(json.dumps(items), "csl-json", Path("lib.json"))
    assert fields(e) == ("x", "Book", ["van Dam, Jr, Els", "Cramp Society"], "Night cramps", "Muscle Book", 2015,
                         None, None, "100-110", None, None, None, None, "last spring", None)


@pytest.mark.parametrize("fmt, text, code, words", [
    ("bibtex", "@article{a, title={x}}\n@article{a, title={y}}\n", "E106", "line 2: Duplicate entry key 'a'"),
    ("bibtex", "@article{a,\n title = {x\n", "E106", "line 1: "),
    ("bibtex", "% only a comment\n", "E109", "BibTeX reference library holds no entries"),
    ("ris", "TY  - JOUR\nTI  - x\nER  - \nTY  - BOOK\nTI  - y\n", "E106", "line 4: the entry is not closed"),
    ("ris", "Title: x\nYear: 2019\n", "E106", "line 1: an entry must start with a 'TY  - ' line"),
    ("csl-json", '{"id": "x"}', "E106", "a CSL-JSON library is an array of items"),
    ("csl-json", '[{"id": "x",}]', "E106", "line 1: Expecting property name"),
    ("csl-json", '[{"type": "book"}]', "E108", "entry #1 of the CSL-JSON"),
    ("csl-json", '[{"id": "x", "issued": {"date-parts": [["spring"]]}}]', "E108", "entry x of the CSL-JSON"),
    ("csl-json", '[]', "E109", "CSL-JSON reference library holds no entries"),
])
def test_a_malformed_library_is_refused_with_its_name_and_why(fmt, text, code, words):
    with pytest.raises(SpasmkgError) as err:
        parse(text, fmt, Path("my-library.x"))
    assert err.value.code == code
    assert str(err.value).startswith(f"[{code}] my-library.x: ") and words in str(err.value)


@pytest.mark.parametrize("text, name", [
    ("Chou R", ("Chou", "R.", "", "")), ("Smith AB Jr", ("Smith", "A. B.", "Jr", "")),
    ("Hoy, DG", ("Hoy", "D. G.", "", "")), ("Anna B. Carter", ("Carter", "Anna B.", "", "")),
    ("Ludwig van Beethoven", ("van Beethoven", "Ludwig", "", "")),
    ("World Health Organization", ("", "", "", "World Health Organization")),
    ("Cochrane Back Group", ("", "", "", "Cochrane Back Group")), ("Medline", ("", "", "", "Medline")),
    ("Mayo Clinic", ("", "", "", "Mayo Clinic")),
    ("University of Leeds, Spine Unit", ("", "", "", "University of Leeds, Spine Unit")),
    ("de la Cruz J", ("de la Cruz", "J.", "", "")),
])
def test_names_split_into_family_and_given(text, name):
    n = split_name(text)
    assert (n.family, n.given, n.suffix, n.literal) == name


@pytest.mark.parametrize("text, parts", [("March 3, 2021", [2021, 3, 3]), ("2020 Jan", [2020, 1]), ("2019", [2019]),
                                         ("Updated June 2, 2020", [2020, 6, 2]), ("soon", None), ("", None)])
def test_dates_to_the_precision_written(text, parts):
    assert date_parts(text) == parts
