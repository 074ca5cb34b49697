"""PubMed Central JATS: markers, references and the record come from the markup, exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import jats, sniff

#: a small article of our own, in JATS 1.2 as PubMed Central serves it
JATS = (Path(__file__).parents[2] / "literature" / "article.nxml").read_text(encoding="utf-8")


@pytest.fixture
def reading(tmp_path):
    f = tmp_path / "article.nxml"
    f.write_text(JATS, encoding="utf-8")
    return next(jats.read(f))


def test_told_by_content_whatever_the_name(tmp_path):
    f = tmp_path / "download.txt"
    f.write_text(JATS, encoding="utf-8")
    assert sniff(f, f.read_bytes()[:4096]) == "jats"


def test_callouts_are_the_markers_ranges_and_lists_included(reading):
    got = [(reading.text[m.start:m.end], m.refs) for m in reading.markers]
    assert got == [("1", (1,)), ("2–4", (2, 3, 4)), ("[3, 5]", (3, 5)), ("5", (5,)), ("1", (1,))]


def test_references_carry_the_stated_fields(reading):
    r1, r2, r3, r4, r5 = reading.references
    assert (r1.n, r1.authors, r1.title, r1.container, r1.year) == \
        (1, ["Hartmann K", "Moreau L"], "The lifetime prevalence of low back pain", "Spine Health", 2015)
    assert (r1.volume, r1.issue, r1.pages, r1.doi, r1.pmid) == ("12", "3", "101-109", "10.9999/sh.2015.12.101", "25000001")
    assert r2.doi == "10.9999/obm.2018.4.33" and r2.container == "Occup Back Med"   # a mixed citation
    assert (r3.kind, r3.title, r3.publisher) == ("Book", "Examination of the Spine", "Northfield Press")
    assert r4.pmid == "30000004"
    for r in reading.references:                                  # each entry's span is its text
        assert reading.text[r.start:r.end] == r.raw


def test_the_record_is_the_front_matter(reading):
    rec = reading.record
    assert rec.title == "Paraspinal muscle spasm: a short review"
    assert rec.authors == ["Okafor Ada", "Lindqvist Per"]
    assert (rec.journal, rec.year, rec.doi, rec.pmid, rec.pmcid) == \
        ("Journal of Spinal Care", 2021, "10.9999/jsc.2021.001", "31000001", "PMC7000001")
    assert rec.license == "https://creativecommons.org/licenses/by/4.0/"


def test_structure_and_places(reading):
    text = reading.text
    assert text.startswith("Paraspinal muscle spasm: a short review\n\nAbstract\n\n")
    assert "\n\nBackground\n\n" in text and "\n\nExamination\n\n" in text
    assert "\n\nFigure 1. Sagittal MRI" in text                # a caption, set apart
    assert "\n\nReferences\n\n1. Hartmann K, Moreau L." in text
    p = next(pl for pl in reading.places if "straight leg raise" in text[pl.start:pl.end])
    assert p.path == "/article/body/sec[1]/sec/p"


def test_entities_are_refused_before_parsing(tmp_path):
    f = tmp_path / "evil.nxml"
    f.write_text('<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>\n'
                 "<article><body><p>&b;</p></body></article>", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        next(jats.read(f))
    assert info.value.code == "E104" and "evil.nxml" in str(info.value)


def test_malformed_xml_names_the_file_and_line(tmp_path):
    f = tmp_path / "cut.nxml"
    f.write_text(JATS[:1500], encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        next(jats.read(f))
    assert info.value.code == "E103" and "cut.nxml" in str(info.value) and "line" in str(info.value)
