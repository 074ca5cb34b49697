"""The TEI reader on TEI written for the tests (fixtures/review.tei.xml, in GROBID's form)."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import read_file, sniff
from spasmkg.extract.readers.tei import places, read

FIXTURE = Path(__file__).parent / "fixtures" / "review.tei.xml"


@pytest.fixture(scope="module")
def reading():
    return next(read(FIXTURE))


def test_tei_files_are_told_by_their_root_and_read_through_the_registry(tmp_path):
    named = tmp_path / "review.xml"
    named.write_bytes(FIXTURE.read_bytes())
    assert sniff(named, named.read_bytes()[:4096]) == "tei"
    reading = next(iter(read_file(named, "tei")))
    assert reading.format == "tei" and reading.title == "Managing Paraspinal Spasm in Primary Care"


def test_layout_title_headings_paragraphs_and_references(reading):
    from spasmkg.extract.text.layout import analyse
    lay = analyse(reading.text)
    assert lay.title == "Managing Paraspinal Spasm in Primary Care"
    assert [s.title for s in lay.sections] == ["Abstract", "Introduction", "Treatment", "Acknowledgements", "References"]
    assert "\n\nAcute muscle spasm of the lower back often follows heavy lifting [1]. Dehydration causes muscle " \
           "cramps in athletes [2,3].\n\n" in reading.text
    assert "\n\nFigure 1. Where the paraspinal muscles lie.\n\n" in reading.text


def test_callouts_are_markers_split_callouts_one(reading):
    found = [(reading.text[m.start:m.end], m.refs) for m in reading.markers]
    assert found == [("[1]", (1,)), ("[2,3]", (2, 3)), ("[4][5-6]", (4, 5, 6)), ("(Innes, 2014)", (7,))]


def test_bibl_structs_are_references_with_their_fields(reading):
    refs = reading.references
    assert [r.n for r in refs] == list(range(1, 8))
    first = refs[0]
    assert (first.authors, first.title, first.container, first.year, first.volume, first.issue, first.pages) == \
        (["Alder P", "Brook K"], "Lifting and the lumbar spine", "Spine J", 2019, "19", "4", "601-609")
    assert refs[3].doi == "10.1093/pm/pnz123"
    assert refs[6].pmid == "24900000"
    assert reading.text[first.start:first.end] == "Alder P, Brook K. Lifting and the lumbar spine. Spine J. 2019;19(4):601-609."
    # an entry without GROBID's raw citation is written from its fields
    assert reading.text[refs[1].start:refs[1].end] == "Carver L. Fluid balance and cramps. J Sports Med. 2018;12:44-50."


def test_coordinates_are_places(reading):
    text = reading.text
    at = text.index("Dehydration causes")
    boxes = [(p.page, p.box) for p in reading.places if p.start == at]
    assert boxes == [(1, (36.0, 167.9, 186.0, 176.9)), (1, (36.0, 178.9, 156.0, 187.9))]
    first_entry = [p for p in reading.places if p.start == reading.references[0].start]
    assert [(p.page, p.box) for p in first_entry] == [(2, (223.0, 200.0, 389.0, 216.0))]
    assert places("1,10,20,30,40;bad;2,1.5,2.5,3,4") == [(1, (10.0, 20.0, 40.0, 60.0)), (2, (1.5, 2.5, 4.5, 6.5))]


def test_the_header_is_the_record(reading):
    record = reading.record
    assert record.authors == ["Lindqvist R", "Ferreira T"]
    assert (record.journal, record.year, record.doi) == ("Spine Care Reports", 2026, "10.5555/scr.2026.004")


def test_a_dtd_is_refused(tmp_path):
    path = tmp_path / "entities.tei"
    path.write_text('<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa">]>'
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&a;</p></body></text></TEI>')
    with pytest.raises(SpasmkgError) as caught:
        next(read(path))
    assert caught.value.code == "E104" and "entities.tei" in str(caught.value)


def test_malformed_tei_is_refused(tmp_path):
    path = tmp_path / "cut.tei"
    path.write_bytes(FIXTURE.read_bytes()[:2000])
    with pytest.raises(SpasmkgError) as caught:
        next(read(path))
    assert caught.value.code == "E103" and "cut.tei" in str(caught.value)
