"""PubMed records: one document per article, with its PMID, DOI, MeSH headings and publication types."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import medline, sniff

#: two PubMed records of our own, in the MEDLINE XML PubMed exports
PUBMED = Path(__file__).parents[2] / "literature" / "pubmed.xml"


def test_each_record_is_a_document():
    assert sniff(PUBMED, PUBMED.read_bytes()[:4096]) == "medline"
    trial, review = medline.read(PUBMED)
    assert (trial.part, review.part) == ("pmid-39000001", "pmid-39000002")
    assert trial.text.startswith("Heat wrap therapy for acute low back muscle spasm: a randomized trial.\n\nAbstract\n\n")
    assert "\n\nMethods\n\nWe randomized 120 adults" in trial.text          # labelled parts are sections
    assert review.text.endswith("drowsiness is common.\n")
    assert trial.markers == [] and trial.references == []           # an abstract cites nothing


def test_the_record_keeps_identifiers_subjects_and_evidence_kind():
    trial, review = medline.read(PUBMED)
    r = trial.record
    assert (r.pmid, r.doi, r.pmcid, r.journal, r.year) == \
        ("39000001", "10.9999/jbm.2022.8.12", "PMC9000001", "Journal of Back Medicine", 2022)
    assert r.authors == ["Ferreira Joana", "Haugen Erik"]
    assert r.publication_types == ["Randomized Controlled Trial", "Journal Article"]
    assert r.subjects == [("D017116", "Low Back Pain"), ("D013035", "Spasm")]
    assert (review.record.year, review.record.authors, review.record.publication_types) == \
        (2019, ["Back Care Study Group"], ["Review"])


def test_places_name_the_abstract_part():
    trial, _ = medline.read(PUBMED)
    p = next(pl for pl in trial.places if "randomized 120" in trial.text[pl.start:pl.end])
    assert p.path == "Abstract/AbstractText[2]"


def test_a_truncated_file_names_itself(tmp_path):
    f = tmp_path / "cut.xml"
    f.write_bytes(PUBMED.read_bytes()[:2500])
    with pytest.raises(SpasmkgError) as info:
        list(medline.read(f))
    assert info.value.code == "E103" and "cut.xml" in str(info.value)


def test_a_gzipped_pubmed_file_is_read_as_it_comes(tmp_path):
    import gzip

    from spasmkg.build.inputs import iter_documents
    f = tmp_path / "updates.xml.gz"
    f.write_bytes(gzip.compress(PUBMED.read_bytes()))
    docs = list(iter_documents([f]))
    assert [d.doc_id for d in docs] == ["updates-pmid-39000001", "updates-pmid-39000002"]
    assert docs[0].reading.record.pmid == "39000001"
    f.write_bytes(gzip.compress(PUBMED.read_bytes())[:900])          # cut short in transfer
    with pytest.raises(SpasmkgError) as info:
        list(iter_documents([f]))
    assert info.value.code == "E103" and "updates.xml.gz" in str(info.value)
