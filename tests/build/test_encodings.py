"""Files saved in other encodings: read exactly when the encoding can be told, reported in the build
summary whenever it is not UTF-8, flagged when the guess is doubtful; never mangled silently."""
from __future__ import annotations

import pytest

from spasmkg.common.decoding import decode
from spasmkg.build.inputs import read_document
from spasmkg.build.run import build

WESTERN = ("Lasègue’s manoeuvre reproduced the pain at 40°; the “straight leg raise” was positive in 3–4 of "
           "10 patients², and paraspinal spasm eased after naproxen — a café-owner’s account.\n") * 3
LATIN1 = WESTERN.translate(str.maketrans({"’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
CYRILLIC = "Спазм мышц спины обычно проходит за несколько недель; тепло и движение помогают.\n" * 4


@pytest.mark.parametrize("codec,text,name", [
    ("utf-8", WESTERN, "UTF-8"), ("cp1252", WESTERN, "Windows-1252"), ("latin-1", LATIN1, "Windows-1252"),
    ("utf-16-le", WESTERN, "UTF-16LE"), ("utf-16-be", WESTERN, "UTF-16BE"),
    ("utf-32-le", WESTERN, "UTF-32LE"), ("utf-32-be", WESTERN, "UTF-32BE"), ("utf-16", WESTERN, "UTF-16LE"),
])
def test_the_text_comes_back_exactly(tmp_path, codec, text, name):
    p = tmp_path / "review.txt"
    p.write_bytes(text.encode(codec))
    d = read_document(p)
    assert d.text == text and d.name == name and not d.doubtful
    assert (d.note() is None) == (codec == "utf-8")
    if d.note():
        assert name in d.note() and ("byte-order mark" in d.note() if codec == "utf-16" else "confidence" in d.note())


def test_latin1_is_never_read_as_japanese():
    d = decode("Lasègue sign; 10² mm; pain ½ the time; Müller, Strauß and Ångström agreed.\n".encode("latin-1"))
    assert "Lasègue" in d.text and "10²" in d.text and d.encoding in ("cp1252", "latin_1")


def test_a_non_western_single_byte_encoding_is_read_and_flagged():
    d = decode(CYRILLIC.encode("cp1251"))
    assert d.doubtful and "doubtful" in d.note()
    assert d.text == CYRILLIC or d.encoding != "cp1252"      # a guess may miss, but it is never silent


def test_nul_bytes_in_no_wide_pattern_are_binary_and_late_nul_is_text(tmp_path):
    from spasmkg.common.decoding import Binary
    with pytest.raises(Binary):
        decode(b"header\x00\x00\x01\x02 payload" * 10)
    late = ("Acute spasm of the back. " * 400).encode() + b"\x00trailing words\n"
    assert decode(late).text.endswith("\x00trailing words\n")


def test_the_build_summary_names_every_non_utf8_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-western.txt").write_bytes(WESTERN.encode("cp1252"))
    (src / "b-wide.txt").write_bytes(WESTERN.encode("utf-16-be"))
    (src / "c-plain.txt").write_text(WESTERN, encoding="utf-8")
    summary = build([src], tmp_path / "out", kind="review")
    assert len(summary.documents) == 3 and not summary.skipped
    rendered = summary.render()
    assert "note: a-western.txt: not UTF-8: decoded as Windows-1252" in rendered
    assert "note: b-wide.txt: not UTF-8: decoded as UTF-16BE" in rendered
    assert "c-plain.txt: not UTF-8" not in rendered
