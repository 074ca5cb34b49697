"""Odd and broken input files: each is read exactly or skipped with a message naming it, and the
rest of the corpus still builds."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from spasmkg.build.run import build
from spasmkg.common.errors import SpasmkgError
from spasmkg.build.inputs import iter_documents, read_text

GOOD = ("Acute low back pain with muscle spasm is common. Patients describe a sudden cramp in the lower back "
        "that limits movement. Cyclobenzaprine is a muscle relaxant used for acute muscle spasm [1].\n\n"
        "References\n\n1. Smith J, Doe A. Muscle relaxants for low back pain. Spine. 2010;35(2):10-20.\n")


def write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def code_of(path: Path) -> str:
    with pytest.raises(SpasmkgError) as info:
        read_text(path)
    assert str(path) in str(info.value), "the message names the file"
    return info.value.code


def test_refused_files_name_the_file_and_the_problem(tmp_path):
    assert code_of(write(tmp_path, "empty.txt", b"")) == "E003"
    assert code_of(write(tmp_path, "blank.txt", b"\xef\xbb\xbf \r\n\t\n")) == "E003"
    assert code_of(write(tmp_path, "nul.txt", b"PK\x03\x04\x00\x00binary")) == "E004"
    assert code_of(write(tmp_path, "controls.txt", bytes(range(1, 9)) * 100)) == "E004"
    os.mkfifo(tmp_path / "pipe.txt")
    assert code_of(tmp_path / "pipe.txt") == "E021"   # reading a FIFO would block forever


def test_undecodable_file_names_the_line(tmp_path):
    p = write(tmp_path, "mojibake.txt", b"first line\nsecond line\n" + bytes(range(128, 256)) * 40)
    with pytest.raises(SpasmkgError) as info:
        read_text(p)
    assert info.value.code == "E002" and "line 3" in str(info.value)


def test_a_100_mb_file_is_refused_without_being_read(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:                 # sparse: 100 MB long, and every byte would be NUL
        fh.truncate(100 * 1024 * 1024)
    assert code_of(p) == "E012"               # read in full it would be E004 (binary)


def test_other_encodings_are_decoded(tmp_path):
    latin1 = write(tmp_path, "latin1.txt", "Le patient décrit une contracture très douloureuse du dos, "
                   "après un effort; la lombalgie aiguë cède en général.\n".encode("latin-1"))
    assert "contracture très douloureuse" in read_text(latin1)
    utf16 = write(tmp_path, "utf16.txt", ("Muscle spasm of the lower back. " * 20).encode("utf-16"))
    assert read_text(utf16).startswith("Muscle spasm of the lower back.")


def test_bom_is_dropped_and_crlf_kept_so_offsets_are_exact(tmp_path):
    text = "Muscle spasm\r\nof the back.\r\n"
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_text(p) == text


@pytest.mark.slow
def test_thousands_of_files_and_a_link_loop(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(2000):
        write(corpus, f"d{i // 100}/doc{i:04d}.txt", f"Note {i}: I had a back spasm after lifting, my back hurt.\n")
    (corpus / "d0" / "loop").symlink_to(corpus, target_is_directory=True)
    write(corpus, "d0/broken.txt", b"")
    skipped: list = []
    docs = list(iter_documents([corpus], skipped=skipped))
    assert len(docs) == 2000 and len({d.doc_id for d in docs}) == 2000
    assert [e.code for e in skipped] == ["E003"]
    with pytest.raises(SpasmkgError):
        list(iter_documents([corpus]))                      # without a list to report to, the bad file raises


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("odd")
    write(folder, "good.txt", GOOD)
    write(folder, "crlf.txt", GOOD.replace("\n", "\r\n"))
    write(folder, "bom.txt", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    write(folder, "spaces.txt", "I woke with a muscle\u200bspasm in my lower\u00a0back. My low\u00a0back pain got worse.\n")
    write(folder, "scripts.txt", "Мышечный спазм — muscle spasm 筋痙攣 σπασμός تشنج 🙂 I had back pain, my back hurt.\n")
    write(folder, "controls.txt", "Page 1\x0cMuscle spasm\x0bof the back\x1b is common. I had it.\n")
    write(folder, "bad-refs.txt", "Muscle relaxants reduce spasm [1], [2-3] and pain [3].\n\nReferences\n\n"
                                  "1. ???\n2.\n3. Smith. . . 19xx;;\n4) (((\n\n")
    write(folder, "no-list.txt", "Muscle relaxants reduce spasm [4].\nHeat helps [7-9].\nRest is advised [12].\n")
    write(folder, "empty.txt", b"")
    write(folder, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder, "mojibake.txt", b"ok\n" + bytes(range(128, 256)) * 40)
    return folder


@pytest.fixture(scope="module")
def odd_build(odd_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("odd-out")
    return out, build([odd_corpus], out)


def test_odd_corpus_builds_the_readable_files_and_lists_the_others(odd_corpus, odd_build):
    out, summary = odd_build
    built = {src for _, _, src in summary.documents}
    assert built == {"good.txt", "crlf.txt", "bom.txt", "spaces.txt", "scripts.txt", "controls.txt", "bad-refs.txt",
                     "no-list.txt"}
    skipped = "\n".join(summary.skipped)
    for name in ("empty.txt", "binary.txt", "mojibake.txt"):
        assert str(odd_corpus / name) in skipped
    assert "line 2" in skipped                                # the mojibake's first bad byte
    assert "no-list.txt: line 2: citation marker points to reference 7" in "\n".join(summary.problems)
    assert (out / "graph.trig").exists() and "skipped:" in summary.render()


def test_every_mention_quotes_the_original_file(odd_corpus, odd_build):
    out, _ = odd_build
    from spasmkg.build.inputs import read_text
    docs = json.loads((out / "annotations.json").read_text(encoding="utf-8"))
    docs = docs["documents"] if isinstance(docs, dict) else docs
    assert docs
    for doc in docs:
        source = doc.get("source") or doc.get("file")
        text = read_text(odd_corpus / source)
        for m in doc["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    by_source = {d.get("source") or d.get("file"): d for d in docs}
    spaced = {m["text"] for m in by_source["spaces.txt"]["mentions"]}
    assert "muscle\u200bspasm" in spaced and "low\u00a0back pain" in spaced   # matched across odd spaces
    crlf = [(m["text"]) for m in by_source["crlf.txt"]["mentions"]]
    assert crlf == [m["text"] for m in by_source["good.txt"]["mentions"]]


def test_outputs_of_odd_text_parse(odd_build):
    out, _ = odd_build
    from lxml import etree
    from rdflib import Dataset
    etree.parse(str(out / "graph.gexf"))                       # control characters did not break the XML
    Dataset().parse(out / "graph.trig", format="trig")


def test_strict_build_fails_and_writes_nothing(odd_corpus, tmp_path):
    with pytest.raises(SpasmkgError) as info:
        build([odd_corpus], tmp_path / "strict", strict=True)
    assert info.value.code == "E027"
    assert not (tmp_path / "strict" / "graph.trig").exists()


def test_only_bad_inputs_is_an_error_and_keeps_old_outputs(tmp_path):
    write(tmp_path / "in", "empty.txt", b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("previous", encoding="utf-8")
    with pytest.raises(SpasmkgError) as info:
        build([tmp_path / "in"], out)
    assert info.value.code == "E020"
    assert (out / "graph.trig").read_text(encoding="utf-8") == "previous"


def test_quiet_with_one_bad_file_still_gives_the_reason(tmp_path):
    import subprocess
    import sys
    write(tmp_path, "only.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "build", str(tmp_path / "only.txt"),
                        "--out", str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 2
    line, = p.stderr.strip().splitlines()
    assert "[E020]" in line and "[E004]" in line and "only.txt" in line and "binary" in line


def test_documents_in_unread_formats_are_reported_by_name(tmp_path):
    src = tmp_path / "in"
    write(src, "good.txt", GOOD)
    write(src, "scan.PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    write(src, "sub/notes.docx", b"PK\x03\x04\x14\x00\x06\x00")
    write(src, "figure.png", b"\x89PNG\r\n\x1a\n")          # not a document: passed over as before
    summary = build([src], tmp_path / "out")
    assert [d[2] for d in summary.documents] == ["good.txt"]
    assert len(summary.skipped) == 2
    docx, = [s for s in summary.skipped if "notes.docx" in s]
    pdf, = [s for s in summary.skipped if "scan.PDF" in s]
    assert "[E098]" in docx and "Word (.docx) is not read yet" in docx
    assert re.match(r"\[E\d{3}\] ", pdf)                   # a broken PDF: skipped by name, with a code
    with pytest.raises(SpasmkgError) as info:                 # named on the command line: the same message
        next(iter_documents([src / "sub/notes.docx"]))
    assert info.value.code == "E098"
