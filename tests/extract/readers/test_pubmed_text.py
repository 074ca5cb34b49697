"""PubMed's own text format (the site's "Save → PubMed", citation managers' .nbib files)."""
from __future__ import annotations

from pathlib import Path

import pytest

from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import pubmed_text, sniff

#: two records of our own, as PubMed saves them
EXPORT = Path(__file__).parents[2] / "literature" / "pubmed-export.txt"


def test_told_by_content_though_named_txt():
    assert sniff(EXPORT, EXPORT.read_bytes()[:4096]) == "pubmed-text"


def test_records_with_their_fields():
    trial, review = pubmed_text.read(EXPORT)
    r = trial.record
    assert r.title == "Manual therapy compared with exercise for acute thoracic back spasm: a randomized controlled trial."
    assert (r.pmid, r.doi, r.pmcid, r.year, r.journal) == \
        ("39000003", "10.9999/mtj.2021.14.220", "PMC9000003", 2021, "Manual Therapy Journal")
    assert r.authors == ["Lindgren, Maja", "Tanaka, Hiro"]
    assert r.publication_types == ["Randomized Controlled Trial", "Journal Article"]
    assert r.subjects == []                       # MeSH names without identifiers: none guessed
    assert (trial.part, review.part) == ("pmid-39000003", "pmid-39000004")


def test_labelled_abstract_parts_are_sections():
    trial, review = pubmed_text.read(EXPORT)
    assert "\n\nMethods\n\nWe randomized 80 adults to spinal manipulation or supervised exercise.\n\n" in trial.text
    assert "\n\nConclusions\n\nManipulation may shorten an episode of thoracic spasm.\n" in trial.text
    assert review.text == "Cold exposure and paraspinal muscle spasm.\n\nAbstract\n\n" \
        "Swimming in cold water can trigger paraspinal muscle spasm in susceptible adults.\n"


def test_a_file_without_records_is_named(tmp_path):
    f = tmp_path / "empty.nbib"
    f.write_text("\n\n", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        list(pubmed_text.read(f))
    assert info.value.code == "E003" and "empty.nbib" in str(info.value)
