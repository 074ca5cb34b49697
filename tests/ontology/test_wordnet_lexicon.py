"""The WordNet-derived lexicon: what its roots type, and that the shipped file is what WordNet gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmkg.ontology import wordnet

WORDNET = Path("/usr/share/wordnet")


@pytest.mark.parametrize("lemma, typ", [
    ("cyclobenzaprine", "drug"), ("muscle relaxant", "drug"), ("sciatic nerve", "anatomy"),
    ("lumbar vertebra", "anatomy"), ("physical therapy", "treatment"), ("osteoarthritis", "condition"),
    ("spondylolisthesis", "condition"), ("numbness", "symptom"), ("myelogram", "test"),
])
def test_hypernyms_type_the_lemmas(lemma, typ):
    assert wordnet.lexicon()[lemma][0] == typ
    assert wordnet.lexicon()[lemma][1].startswith("wn30:")


def test_a_none_root_cuts_its_branch():
    # drinks sit under 'drug' in WordNet; the roots cut them
    assert "alcohol" not in wordnet.lexicon() and "whiskey" not in wordnet.lexicon()


@pytest.mark.skipif(not (WORDNET / "data.noun").exists(), reason="WordNet (Debian wordnet-base) is not installed")
def test_the_shipped_lexicon_is_what_wordnet_gives(tmp_path):
    out = tmp_path / "lexicon.tsv"
    n = wordnet.write_lexicon(WORDNET, out)
    assert n > 5000
    assert out.read_text(encoding="utf-8") == wordnet.lexicon_path().read_text(encoding="utf-8")


def test_every_root_names_a_type_extraction_knows():
    from spasmkg.ontology.vocabulary import TYPE_CLASS
    roots = json.loads(wordnet.roots_path().read_text(encoding="utf-8"))["roots"]
    assert {typ for _name, typ in roots} <= set(TYPE_CLASS) | {"none"}
