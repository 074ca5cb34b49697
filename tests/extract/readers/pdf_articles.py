"""PDFs made with reportlab from text written for the tests: a two-column article with a title
block, superscript citations, a running header and footer, page numbers, hyphenated line ends and a
numbered reference list; a single-column one with an unnumbered list; a scanned (image-only) page;
an encrypted one. Each function writes one file and returns its path."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, SimpleDocTemplate)

WIDTH, HEIGHT = A5                     # 419.5 x 595.3 points
MARGIN = 36
GUTTER = 14
COLUMN = (WIDTH - 2 * MARGIN - GUTTER) / 2
TITLE_BLOCK = 190                      # height of page 1's full-width block
HEADER = "Spine Care Reports · Volume 4"
FOOTER = "Open access under CC BY 4.0"
#: a note at the foot of page 1's left column, in small type (the sentence above it goes on in the
#: right column)
NOTE = "* Correspondence: rosa.lindqvist@example.org"
NOTE_SPACE = 30

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=9, leading=11, spaceAfter=5)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=4, spaceAfter=3)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=18, spaceAfter=6)
SMALL = ParagraphStyle("small", fontName="Times-Roman", fontSize=8, leading=10, spaceAfter=3)
ENTRY = ParagraphStyle("entry", fontName="Times-Roman", fontSize=7.5, leading=9, spaceAfter=2,
                       leftIndent=10, firstLineIndent=-10)

ARTICLE_TITLE = "Managing Paraspinal Spasm in Primary Care"
#: the claim whose page and box the tests check: it opens the right column of page 2
PLACED = "Cyclobenzaprine relieves acute muscle spasm in the first week of use."

INTRODUCTION = [
    "Acute muscle spasm of the lower back often follows heavy lifting.<super>1</super> "
    "Most episodes settle within days, yet the first night is the one patients remember, and "
    "the pain that comes with a spasm can be hard to tell from other causes of low back pain.",
    "Dehydration causes muscle cramps in athletes.<super>2,3</super> Long runs in the heat, "
    "little fluid and salt lost through sweat are the usual story told in clinic, and the same "
    "mechanism is often invoked for the back, although the evidence there is thinner.",
    "The paraspinal mus-<br/>cles guard an injured segment, and a well-<br/>known sign of that guarding is a "
    "flattened lumbar curve. Non-<br/>Hodgkin lymphoma and other serious causes are rare but must "
    "not be missed.",
]
FILLER = [
    "Clinicians in primary care see these patients every week, and most of them can be "
    "reassured after a short history and a focused examination of the back and legs.",
    "A short course of walking, heat and simple analgesia is the usual first plan, with a review "
    "after one week when the pain has not begun to ease.",
    "Red flags such as fever, weight loss, a history of cancer or new weakness call for a "
    "different path, with imaging and blood tests arranged without delay.",
    "Sleep is often broken during the first nights, and advice on positions that unload the "
    "spine is welcomed by most patients.",
    "Work can usually continue with modified duties, and a note to the employer helps more "
    "patients than a week of rest at home, since it keeps the shape of a working day that many "
    "of them miss when they stay in bed.",
    "Follow-up by telephone after a few days catches the patients whose pain is getting worse "
    "instead of better, and it costs the practice little time.",
    "Written advice that repeats what was said in the room is kept and read again at home, "
    "which spoken advice alone rarely is.",
    "Most patients want to know how long the spasm will last, and an honest answer of a few "
    "days to two weeks eases the worry that it will never end.",
]
BACKGROUND = [
    "Back pain is among the commonest reasons for a visit to a family doctor, and spasm of the "
    "long muscles beside the spine is one of the forms it takes in the first days.",
    "Patients describe a sudden grip across the lower back, a list to one side and pain when "
    "they try to stand straight after sitting.",
    "Examination finds tender, firm paraspinal muscles and a reduced range of movement, while "
    "power, reflexes and sensation in the legs are normal.",
]
TREATMENT = [
    PLACED + "<super>4–6</super> Its sedating effect limits daytime use, and older patients "
    "should start with the lowest dose.",
    "A positive straight leg raise test indicates nerve root irritation.<super>7</super> "
    "The test is cheap, quick and repeatable at each visit.",
]
REFERENCES = [
    "Alder P, Brook K. Lifting and the lumbar spine. Spine J. 2019;19(4):601-609.",
    "Carver L. Fluid balance and cramps. J Sports Med. 2018;12:44-50.",
    "Dunn R, Ellis M. Heat, sweat and spasm in endurance events. Clin J Sport Med. 2017;27(2):110-116.",
    "Fenwick S. Cyclobenzaprine for acute back pain. Pain Med. 2020;21(3):300-308. doi:10.1093/pm/pnz123",
    "Gale T. Muscle relaxants compared in primary care. BMJ. 2016;352:i1020.",
    "Hart J, Irving B. Relaxants in the first week. Am Fam Physician. 2015;91(5):290-296.",
    "Innes D. The straight leg raise revisited. Eur Spine J. 2014;23(9):1801-1806. PMID: 24900000",
]


def _page_furniture(canvas, doc) -> None:
    """Running header, footer and a bare page number, the same on every page."""
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(MARGIN, HEIGHT - 22, HEADER)
    canvas.drawRightString(WIDTH - MARGIN, HEIGHT - 22, "Paraspinal spasm")
    canvas.drawString(MARGIN, 18, FOOTER)
    canvas.drawCentredString(WIDTH / 2, 18, str(doc.page))
    canvas.restoreState()


def _first_page(canvas, doc) -> None:
    _page_furniture(canvas, doc)
    canvas.saveState()
    canvas.setFont("Times-Roman", 6.5)
    canvas.drawString(MARGIN, MARGIN + 6, NOTE)
    canvas.restoreState()


def two_column_article(path: Path) -> Path:
    """The article: a full-width title block on page 1, then two columns on every page."""
    top = HEIGHT - MARGIN
    body_height = HEIGHT - 2 * MARGIN
    title = Frame(MARGIN, top - TITLE_BLOCK, WIDTH - 2 * MARGIN, TITLE_BLOCK, id="title",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def columns(height: float, bottom: float = MARGIN) -> list[Frame]:
        return [Frame(MARGIN + k * (COLUMN + GUTTER), bottom, COLUMN, height, id=f"col{k}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for k in (0, 1)]

    doc = BaseDocTemplate(str(path), pagesize=A5, title=ARTICLE_TITLE)
    doc.addPageTemplates([
        PageTemplate("first", [title, *columns(body_height - TITLE_BLOCK - 8 - NOTE_SPACE, MARGIN + NOTE_SPACE)],
                     onPage=_first_page),
        PageTemplate("later", columns(body_height), onPage=_page_furniture)])
    story = [NextPageTemplate("later"),
             Paragraph(ARTICLE_TITLE, TITLE),
             Paragraph("Rosa Lindqvist<super>1</super>, Tomas Ferreira<super>2</super>", SMALL),
             Paragraph("<super>1</super>Department of General Practice, Northfield; "
                       "<super>2</super>Spine Unit, Eastbrook Hospital", SMALL),
             Paragraph("Abstract", HEADING),
             Paragraph("Back muscle spasm is a frequent reason for a visit to primary care. This "
                       "review gathers what is known about its triggers, its signs at examination "
                       "and the drugs that ease it, and it sets out a plan for the first week.", BODY),
             Paragraph("Introduction", HEADING)]
    story += [Paragraph(p, BODY) for p in INTRODUCTION + FILLER]
    story += [PageBreak(), Paragraph("Background", HEADING)]
    story += [Paragraph(p, BODY) for p in BACKGROUND]
    story += [FrameBreak(), Paragraph("Treatment", HEADING)]
    story += [Paragraph(p, BODY) for p in TREATMENT]
    story += [Paragraph("References", HEADING)]
    story += [Paragraph(f"{n}. {e}", ENTRY) for n, e in enumerate(REFERENCES, 1)]
    doc.build(story)
    return path


UNNUMBERED = [
    "Baker, S. (2015). Night cramps in older adults. Journal of Ageing Muscles, 8(2), 40-47.",
    "Moreno, L., & Quist, H. (2019). Stretching before sleep: a randomised trial of a simple "
    "routine for leg and back cramps in general practice. Family Practice Today, 33(1), 12-19.",
]


def single_column_unnumbered(path: Path) -> Path:
    """One column, author-year citations, an unnumbered reference list with hanging indents."""
    doc = SimpleDocTemplate(str(path), pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN)
    hanging = ParagraphStyle("hanging", parent=ENTRY, leftIndent=14, firstLineIndent=-14)
    story = [Paragraph("Cramps at Night", TITLE),
             Paragraph("Background", HEADING),
             Paragraph("Night cramps are common after sixty (Baker, 2015). A short stretching routine "
                       "before sleep reduced them in one trial (Moreno &amp; Quist, 2019).", BODY),
             Paragraph("Bibliography", HEADING)]
    story += [Paragraph(e, hanging) for e in UNNUMBERED]
    doc.build(story)
    return path


def scanned_page(path: Path) -> Path:
    """A page that is only a picture: what a scanner without OCR gives."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    picture = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(picture)
    for row in range(40, 760, 24):            # lines of 'text' as a scanner sees them: ink
        draw.rectangle((40, row, 40 + (row * 7) % 500 + 20, row + 10), fill=30)
    canvas = Canvas(str(path), pagesize=A5)
    canvas.drawImage(ImageReader(picture), 0, 0, width=WIDTH, height=HEIGHT)
    canvas.showPage()
    canvas.save()
    return path


def encrypted(path: Path, password: str = "open sesame") -> Path:
    """A short article that opens only with a password."""
    doc = SimpleDocTemplate(str(path), pagesize=A5, encrypt=password)
    doc.build([Paragraph("Locked Review", TITLE), Paragraph("Dehydration causes muscle cramps.", BODY)])
    return path


def bracket_citations(path: Path) -> Path:
    """An article citing in brackets, with raised affiliation numbers and a power ('m²')."""
    doc = SimpleDocTemplate(str(path), pagesize=A5)
    doc.build([Paragraph("Spasm After Surgery", TITLE),
               Paragraph("Ada Moss<super>1</super>, Ben Ruiz<super>2</super>", SMALL),
               Paragraph("Introduction", HEADING),
               Paragraph("Spasm of the back muscles is common after spinal surgery [1]. A wound larger "
                         "than 20 cm<super>2</super> raises the risk [2, 3].", BODY),
               Paragraph("References", HEADING),
               Paragraph("1. Moss A. Spasm after surgery. Spine J. 2019;19(4):601-609.", ENTRY),
               Paragraph("2. Ruiz B. Wounds and spasm. Pain Med. 2018;12:44-50.", ENTRY),
               Paragraph("3. Lund C. Large wounds. Eur Spine J. 2017;27(2):110-116.", ENTRY)])
    return path


def labelled_list(path: Path) -> Path:
    """A reference list whose numbers, '(1)', are set apart from the entries (as LaTeX sets
    them), with authors whose accents are glyphs of their own before the letter ('M¨uller')."""
    doc = SimpleDocTemplate(str(path), pagesize=A5)
    label = ParagraphStyle("label", parent=ENTRY, leftIndent=26, firstLineIndent=0, bulletIndent=0)
    entries = ["M\u00a8uller, K.; Jim\u00b4enez, J. Spasm in the lumbar muscles. Spine 2019, 44, 101\u2013109.",
               "Lund, C.; Park, D. Cramps and fluid loss in runners who train in summer heat for a long "
               "distance race. Journal of Sports Medicine 2018, 12, 44\u201350."]
    story = [Paragraph("Muscle Cramps", TITLE), Paragraph("Introduction", HEADING),
             Paragraph("Cramps follow long runs in the heat.<super>2</super> Spasm of the lumbar muscles "
                       "is another matter.<super>1</super>", BODY),
             Paragraph("References", HEADING)]
    story += [Paragraph(e, label, bulletText=f"({n})") for n, e in enumerate(entries, 1)]
    doc.build(story)
    return path


# --- fixtures: the made article, once per test run (imported by the tests that use them) ---------

@pytest.fixture(scope="session")
def article_pdf(tmp_path_factory) -> Path:
    return two_column_article(tmp_path_factory.mktemp("pdf") / "article.pdf")


@pytest.fixture(scope="session")
def article(article_pdf):
    from spasmkg.extract.readers.pdf import read
    return next(read(article_pdf))
