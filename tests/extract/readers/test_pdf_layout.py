"""Reading order and page furniture on lines placed by hand (the PDFs of test_pdf.py exercise the
same code on real glyphs)."""
from __future__ import annotations

from spasmkg.extract.readers.pdf_blocks import reference_heading
from spasmkg.extract.readers.pdf_layout import drop_furniture, footnotes_last, gutter, merge_fragments, reading_order
from spasmkg.extract.readers.pdf_lines import Line

WIDTH, HEIGHT = 600.0, 800.0


def line(text: str, x0: float, top: float, x1: float, size: float = 10.0, page: int = 1) -> Line:
    return Line(page, x0, top, x1, top + size, text, size, False)


def column(x0: float, x1: float, first: float, n: int, word: str) -> list[Line]:
    return [line(f"{word} {k}", x0, first + 14 * k, x1) for k in range(n)]


def test_two_columns_under_a_full_width_title_are_read_left_then_right():
    title = line("A title across the page", 50, 60, 550, 16)
    left, right = column(50, 290, 100, 8, "left"), column(310, 550, 100, 8, "right")
    assert gutter([title, *right, *left], WIDTH) is not None
    runs = reading_order([*right, title, *left], WIDTH)
    assert [[ln.text for ln in run] for run in runs] == [[title.text], [x.text for x in left], [x.text for x in right]]


def test_a_page_in_one_column_has_no_gutter():
    lines = column(50, 550, 100, 20, "prose") + [line("short last line", 50, 400, 200)]
    assert gutter(lines, WIDTH) is None
    assert [ln.text for run in reading_order(lines, WIDTH) for ln in run][-1] == "short last line"


def test_a_number_set_apart_from_its_entry_joins_it():
    entry = line("Moss A. Spasm after surgery.", 80, 100.4, 500)
    label = line("(12)", 50, 100.0, 70)
    below = line("Spine J. 2019;19:601-9.", 80, 114, 300)
    merged = merge_fragments([entry, below, label])
    assert [m.text for m in merged] == ["(12) Moss A. Spasm after surgery.", "Spine J. 2019;19:601-9."]
    assert merged[0].x0 == 50 and merged[0].x1 == 500


def test_headers_footers_page_and_line_numbers_are_furniture():
    pages = []
    for p in (1, 2, 3):
        pages.append([line("Journal of Back Care 2026; 4: 1-9", 50, 20, 300, 8, p),
                      line(f"{p}", 295, 770, 305, 8, p),                     # a page number
                      line(f"{10 * p}", 10, 300, 20, 8, p),                 # a line number in the margin
                      line(f"Body text of page {p}", 50, 300, 550, 10, p),
                      line({1: "Received in May", 2: "Accepted in June", 3: "Page 3 of 9"}[p], 50, 780, 200, 8, p)])
    kept = drop_furniture(pages, [HEIGHT] * 3, [WIDTH] * 3)
    assert [[ln.text for ln in page] for page in kept] == [
        ["Body text of page 1", "Received in May"], ["Body text of page 2", "Accepted in June"],
        ["Body text of page 3"]]


def test_a_note_at_a_columns_foot_moves_after_the_page_but_a_reference_list_stays():
    body = column(50, 290, 100, 5, "left")
    note = line("* Correspondence: someone@example.org", 50, 700, 290, 7)
    right = column(310, 550, 100, 5, "right")
    runs, listed = footnotes_last([body + [note], right], 10.0, HEIGHT, reference_heading)
    assert [run[0].text for run in runs] == ["left 0", "right 0", note.text] and not listed
    heading = line("References", 50, 600, 150)
    entries = [line(f"{k}. Entry", 50, 640 + 10 * k, 290, 7) for k in range(1, 8)]
    runs, listed = footnotes_last([body + [heading] + entries, right], 10.0, HEIGHT, reference_heading)
    assert listed and [len(run) for run in runs] == [13, 5]
