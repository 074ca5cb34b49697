"""Document structure: sections, running headers, captions, re-joined sentences, same offsets."""
from spasmkg.extract.text import layout

TEXT = """Back Pain Review

Introduction

Spasms are common and the cause of the spasms of the

Back Pain Review

lower back is unknown.[1]

Figure 1. A diagram of the spine (1) and muscles (2).

References

1. Smith J. A title. *Spine*. 2001;1:1-2.
"""


def test_sections_headers_and_captions():
    lay = layout.analyse(TEXT)
    assert lay.title == "Back Pain Review"
    assert [s.title for s in lay.sections] == ["Introduction", "References"]
    assert lay.references.title == "References"
    assert len(lay.headers) == 1 and TEXT[slice(*lay.headers[0])] == "Back Pain Review"
    assert [c.title for c in lay.captions] == ["Figure 1"]


def test_masked_body_keeps_offsets_and_joins_the_broken_sentence():
    lay = layout.analyse(TEXT)
    assert len(lay.body) == len(TEXT)
    i = TEXT.index("lower back")
    assert lay.body[i:i + 10] == "lower back"
    between = lay.body[TEXT.index("of the\n"):i]
    assert "\n" not in between and "Back Pain Review" not in between
    assert "Figure 1" not in lay.body and "Smith J" not in lay.body


def test_seed_review_sections(review_text):
    lay = layout.analyse(review_text)
    titles = [s.title for s in lay.sections]
    assert titles[:3] == ["Summary", "Introduction", "Neuromuscular System"]
    assert "Evaluation by Clinician (Clinical Signs)" in titles and titles[-1] == "References"
    assert len(lay.headers) == 4


def test_hard_wrapped_lines_are_joined_without_moving_offsets():
    text = ("Background\n\nOther risk\nfactors include obesity and heavy lifting, which are common in\n"
            "manual workers of all ages and in every country studied so far, as shown.\nA new sentence.\n")
    lay = layout.analyse(text)
    assert len(lay.body) == len(text)
    assert "Other risk factors include" in lay.body
    assert "common in manual workers" in lay.body
    assert "so far, as shown.\nA new sentence." in lay.body
