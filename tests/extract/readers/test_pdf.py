"""The PDF reader on PDFs reportlab makes from the tests' own text: superscript markers, the
reference list, reading order across columns and pages, page furniture, hyphens, places, and the
coded errors of files it cannot read."""
from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.platypus import Paragraph, SimpleDocTemplate

import pdf_articles as made
from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.readers import read_file, sniff
from spasmkg.extract.readers.pdf import read
from pdf_articles import article, article_pdf  # noqa: F401  (fixtures)


def _error(path: Path) -> SpasmkgError:
    with pytest.raises(SpasmkgError) as caught:
        list(read(path))
    return caught.value


def test_superscript_markers_are_given_with_their_numbers(article):
    found = [(article.text[m.start:m.end], m.refs) for m in article.markers]
    assert found == [("¹", (1,)), ("²,³", (2, 3)), ("⁴–⁶", (4, 5, 6)), ("⁷", (7,))]
    before = [article.text[:m.start].rsplit(" ", 1)[-1] for m in article.markers]
    assert before == ["lifting.", "athletes.", "use.", "irritation."]


def test_raised_numbers_of_the_front_matter_are_not_markers(article):
    # the authors' affiliation numbers are raised too, above page 1's first heading
    assert "Rosa Lindqvist1, Tomas Ferreira2" in article.text
    assert all(m.start > article.text.index("Abstract") for m in article.markers)


def test_reference_list_entries_are_parsed(article):
    refs = article.references
    assert [r.n for r in refs] == [1, 2, 3, 4, 5, 6, 7]
    first, fourth, last = refs[0], refs[3], refs[6]
    assert (first.authors, first.title, first.container, first.year, first.volume, first.issue, first.pages) == \
        (["Alder P", "Brook K"], "Lifting and the lumbar spine", "Spine J", 2019, "19", "4", "601-609")
    assert fourth.doi == "10.1093/pm/pnz123"
    assert last.pmid == "24900000"
    for r in refs:                         # offsets point at the entry as the text has it
        assert article.text[r.start:r.end] == r.raw
    assert "\n3. Dunn R, Ellis M. Heat, sweat and spasm in endurance events. Clin J Sport Med. 2017;27(2):110-116.\n" \
        in article.text


def test_the_text_is_laid_out_for_the_text_reader(article):
    from spasmkg.extract.text.layout import analyse
    lay = analyse(article.text)
    assert lay.title == made.ARTICLE_TITLE == article.title
    titles = [s.title for s in lay.sections]
    assert titles[-4:] == ["Introduction", "Background", "Treatment", "References"]
    assert lay.references is not None and lay.references.kind == "references"


def test_columns_are_read_in_order_and_a_sentence_goes_on_across_them(article):
    text = article.text
    # the sentence that ends page 1's left column goes on at the top of its right column
    assert "rest at home, since it keeps the shape of a working day" in text
    order = ["Acute muscle spasm", "Dehydration causes", "The paraspinal muscles", "Work can usually",
             "Follow-up by telephone", "Most patients want", "Background", "Examination finds", "Treatment",
             made.PLACED, "A positive straight leg", "References"]
    at = [text.index(s) for s in order]
    assert at == sorted(at)


def test_running_header_footer_and_page_numbers_are_gone(article):
    assert made.HEADER not in article.text
    assert made.FOOTER not in article.text
    assert "Paraspinal spasm\n" not in article.text
    assert not re.search(r"(?m)^\s*[12]\s*$", article.text)


def test_a_note_at_the_foot_of_a_column_does_not_cut_the_sentence_above_it(article):
    text = article.text
    assert "rest at home, since it keeps the shape" in text
    # the note comes after the page's columns, as a paragraph of its own
    assert f"\n\n{made.NOTE}\n\n" in text
    assert text.index("Most patients want") < text.index(made.NOTE) < text.index("Background")


def test_hyphens_at_line_ends(article):
    text = article.text
    assert "The paraspinal muscles guard" in text          # 'mus-' 'cles': one word
    assert "a well-known sign" in text                     # a compound keeps its hyphen
    assert "Non-Hodgkin lymphoma" in text                  # so does a hyphen before a capital
    assert "mus-" not in text and "mus cles" not in text


def test_a_sentence_has_its_page_and_box(article, article_pdf):
    start = article.text.index(made.PLACED)
    end = start + len(made.PLACED)
    places = [p for p in article.places if p.start < end and start < p.end]
    assert {p.page for p in places} == {2}
    assert len(places) == 2                               # the sentence is set on two lines
    right_column = made.MARGIN + made.COLUMN + made.GUTTER
    for p in places:
        x0, top, x1, bottom = p.box
        assert right_column - 0.5 <= x0 < x1 <= made.WIDTH - made.MARGIN + 0.5
        assert made.MARGIN - 2 <= top < bottom < made.HEIGHT / 3
    first = min(places, key=lambda p: p.start)
    assert article.text[first.start:first.end].startswith("Cyclobenzaprine relieves")
    if shutil.which("pdftotext"):       # poppler, an independent reader, puts the first word there too
        html = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(article_pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        word = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Cyclobenzaprine</word>', html)
        assert word is not None
        assert abs(first.box[0] - float(word.group(1))) < 1
        assert abs(first.box[1] - float(word.group(2))) < 2.5 and abs(first.box[3] - float(word.group(3))) < 2.5


def test_places_cover_the_lines_of_the_text(article):
    for p in article.places:
        piece = article.text[p.start:p.end]
        assert piece and "\n" not in piece
        assert p.page in (1, 2)


def test_an_unnumbered_list_is_numbered_in_order(tmp_path):
    reading = next(read(made.single_column_unnumbered(tmp_path / "cramps.pdf")))
    assert [(r.n, r.authors, r.year, r.container) for r in reading.references] == [
        (1, ["Baker, S."], 2015, "Journal of Ageing Muscles"),
        (2, ["Moreno, L.", "Quist, H."], 2019, "Family Practice Today")]
    # the second entry wraps over two lines under a hanging indent: one entry, one line of text
    assert reading.text.count("\nMoreno, L., & Quist, H. (2019). Stretching before sleep") == 1
    assert "randomised trial of a simple routine for leg and back cramps in general practice." in reading.text
    assert reading.markers is None            # no raised numbers: the citations are found in the text


def test_powers_and_exponents_are_not_markers(tmp_path):
    path = tmp_path / "powers.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A5)
    doc.build([Paragraph("Spasm and Weight", made.TITLE), Paragraph("Introduction", made.HEADING),
               Paragraph("A body mass index above 30 kg/m<super>2</super> doubles the risk of back "
                         "spasm.<super>1</super> Counts above 10<super>6</super> cells were not seen.", made.BODY),
               Paragraph("References", made.HEADING),
               Paragraph("1. Baker S. Weight and the back. Spine J. 2015;8(2):40-47.", made.ENTRY),
               Paragraph("2. Carver L. Cells in spasm. Pain Med. 2016;9(1):1-9.", made.ENTRY)])
    reading = next(read(path))
    assert [(reading.text[m.start - 6:m.end], m.refs) for m in reading.markers] == [("spasm.¹", (1,))]


def test_an_article_citing_in_brackets_leaves_its_markers_to_the_text(tmp_path):
    reading = next(read(made.bracket_citations(tmp_path / "brackets.pdf")))
    assert reading.markers is None               # a raised affiliation or power is no citation style
    assert "after spinal surgery [1]. A wound larger than 20 cm2 raises the risk [2, 3]." in reading.text
    from spasmkg.extract.document import DocumentInput, prepare
    prepared = prepare(DocumentInput("b", "brackets.pdf", "review", reading.title, reading.text, reading=reading))
    assert [(m.text, m.refs) for m in prepared.markers] == [("[1]", (1,)), ("[2, 3]", (2, 3))]


def test_set_apart_entry_numbers_and_accent_glyphs(tmp_path):
    reading = next(read(made.labelled_list(tmp_path / "labels.pdf")))
    refs = reading.references
    assert [(r.n, r.authors, r.year) for r in refs] == [
        (1, ["Müller, K.", "Jiménez, J."], 2019), (2, ["Lund, C.", "Park, D."], 2018)]
    assert "\n1. Müller, K.; Jiménez, J. Spasm in the lumbar muscles." in reading.text
    assert [(reading.text[m.start:m.end], m.refs) for m in reading.markers] == [("²", (2,)), ("¹", (1,))]


def test_a_scanned_page_has_no_text_layer(tmp_path):
    err = _error(made.scanned_page(tmp_path / "scan.pdf"))
    assert err.code == "E101" and "scan.pdf" in str(err) and "run OCR first" in str(err)


def test_an_encrypted_pdf_is_refused(tmp_path):
    err = _error(made.encrypted(tmp_path / "locked.pdf"))
    assert err.code == "E102" and "locked.pdf" in str(err)


def test_an_owner_password_alone_does_not_stop_reading(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    path = tmp_path / "owner.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A5,
                            encrypt=StandardEncryption("", ownerPassword="owner only", canCopy=0))
    doc.build([Paragraph("Open Review", made.TITLE),
               Paragraph("Dehydration causes muscle cramps in athletes and in older adults.", made.BODY)])
    assert "Dehydration causes muscle cramps" in next(read(path)).text


def test_garbage_after_the_pdf_header_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    err = _error(path)
    assert err.code == "E105" and "broken.pdf" in str(err)


def test_a_truncated_pdf_is_refused(tmp_path, article_pdf):
    path = tmp_path / "cut.pdf"
    path.write_bytes(article_pdf.read_bytes()[:1500])
    assert _error(path).code in ("E105", "E101")


def test_a_pdf_past_the_page_limit_is_skipped(monkeypatch, article_pdf):
    monkeypatch.setattr(limits, "PDF_PAGES", 1)
    err = _error(article_pdf)
    assert err.code == "E110" and "1 pages" in str(err) and "SPASMKG_PDF_PAGES" in str(err)


def test_reading_past_the_deadline_is_stopped(monkeypatch, article_pdf):
    monkeypatch.setattr(limits, "PDF_SECONDS", 1e-6)
    err = _error(article_pdf)
    assert err.code == "E110" and "SPASMKG_PDF_SECONDS" in str(err)


def _bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream unpacks to ``megabytes`` of spaces."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_stream_that_unpacks_past_the_memory_cap_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "PDF_MB", 64)
    path = _bomb(tmp_path / "bomb.pdf", 256)
    assert path.stat().st_size < 1_000_000
    err = _error(path)
    assert err.code == "E110" and "64 MB" in str(err) and "SPASMKG_PDF_MB" in str(err)


def test_pdfs_are_told_by_their_bytes_and_read_through_the_registry(article_pdf, tmp_path):
    disguised = tmp_path / "article.dat"
    disguised.write_bytes(article_pdf.read_bytes())
    assert sniff(disguised, disguised.read_bytes()[:4096]) == "pdf"
    reading = next(iter(read_file(article_pdf, "pdf", grobid=None)))
    assert reading.format == "pdf" and reading.markers
