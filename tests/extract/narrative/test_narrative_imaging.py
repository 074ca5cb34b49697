"""Vertebral levels and findings placed at them, with side, severity and the spinal region."""
from __future__ import annotations

import pytest

from spasmkg.extract.document import analyse_text
from spasmkg.extract.narrative.imaging import level_mentions


@pytest.mark.parametrize("written,label", [
    ("T9-10", "T9-T10"), ("T6-T7", "T6-T7"), ("L5/S1", "L5-S1"), ("T12-L1", "T12-L1"), ("C7-T1", "C7-T1"),
    ("L4–L5", "L4-L5"), ("C5-6", "C5-C6"),
])
def test_levels_are_normalized(written, label):
    (m,) = level_mentions(f"a bulge at {written} was seen")
    assert (m.text, m.label, m.type) == (written, label, "anatomy")


@pytest.mark.parametrize("written", ["T9-T12", "L6-L7", "T3-T2", "ABT9-10", "C0-C1", "S5-S6"])
def test_pairs_that_are_not_adjacent_vertebrae_are_not_levels(written):
    assert level_mentions(f"see {written} here") == []


def test_findings_are_paired_with_their_own_levels_and_side():
    text = ("I am a 52 year old man. The MRI showed a mild disc bulge at L4-L5 and a small left "
            "paracentral herniation at L5-S1.\n")
    res = analyse_text(text, "t", "t.txt", "narrative")
    got = {(f.mention.text, tuple(f.sites), f.side, f.severity) for f in res.findings}
    assert ("disc bulge", ("L4-L5",), None, "mild") in got
    assert any(sites == ("L5-S1",) and side == "left" for _t, sites, side, _s in got)


def test_a_line_that_opens_with_levels_gives_them_to_every_finding_on_it():
    text = "I am a 52 year old man.\nC5-C6, C6-7: moderate disc bulging on the right\n"
    res = analyse_text(text, "t", "t.txt", "narrative")
    (f,) = res.findings
    assert (f.sites, f.side, f.severity) == (["C5-C6", "C6-C7"], "right", "moderate")


def test_diagnoses_take_the_region_of_their_line_or_of_their_name():
    text = "I am a 52 year old man.\nLumbar Spine: Facet dysfunction\nThoracic disc degeneration\n"
    res = analyse_text(text, "t", "t.txt", "narrative")
    got = {(f.mention.text, tuple(f.sites)) for f in res.findings}
    assert ("Facet dysfunction", ("lumbar spine",)) in got
    assert ("Thoracic disc degeneration", ("thoracic spine",)) in got


def test_a_condition_listed_at_a_level_and_denied_elsewhere_is_a_conflict():
    text = "I am 30.\nL5-S1: disc herniation\nNo disc herniation was seen in the thoracic spine.\n"
    res = analyse_text(text, "t", "t.txt", "narrative")
    (f,) = res.findings
    assert f.sites == ["L5-S1"] and f.conflict is not None and f.conflict.assertion == "negated"


def test_diagnoses_on_a_prescription_are_no_imaging_findings():
    from spasmkg.extract.document import analyse_text
    text = ("I am 47. The CT report says:\n\nL4-L5: mild disc bulging\n\n"
            "The referral for physical therapy listed this diagnosis:\n\nLumbar disc degeneration\n"
            "Lumbar Spine: Facet dysfunction\n\nAfter that I went home and rested for the whole weekend.\n")
    res = analyse_text(text, "rx", "rx.txt", "narrative")
    found = {f.mention.text.lower() for f in res.findings}
    assert "mild disc bulging" in found
    assert not any("degeneration" in f or "facet" in f for f in found)
