"""Line-end hyphens: a word broken by the typesetter is joined, a hyphenated compound is kept."""
from __future__ import annotations

import pytest

from spasmkg.extract.readers.hyphens import document_words, join


@pytest.mark.parametrize("left, right, kept, sep", [
    ("The paraspinal mus-", "cles guard", "The paraspinal mus", ""),         # a word the model knows
    ("a short course of treat-", "ment works", "a short course of treat", ""),
    ("the muscle relax-", "ant was stopped", "the muscle relax", ""),          # a suffix is no word of its own
    ("a well-", "known sign", "a well-", ""),                                  # two words: a compound
    ("Non-", "Hodgkin lymphoma", "Non-", ""),                                  # a capital after the hyphen
    ("COVID-", "19 wards", "COVID-", ""),
    ("see https://doi.org/10.1000/abc-", "def for", "see https://doi.org/10.1000/abc-", ""),
    ("the back", "hurts", "the back", " "),                                    # no hyphen: a space
    ("pain -", "worse at night", "pain -", " "),                               # a dash, not a hyphen
])
def test_join(left, right, kept, sep):
    assert join(left, right) == (kept, sep)


def test_the_documents_own_words_decide_first():
    # 'cyclobenzaprine' is in the vocabulary; 'myoclonic' is not a known word, but the document prints it whole
    seen = document_words(["Myoclonic jerks were seen.", "the myo-"])
    assert join("the myo-", "clonic jerks", seen) == ("the myo", "")
    # a compound the document prints with its hyphen keeps it even where both halves are unknown
    seen = document_words(["the zorb-flap sign"])
    assert join("the zorb-", "flap sign", seen) == ("the zorb-", "")
    assert join("the zorb-", "flap sign") == ("the zorb", "")
