"""PDFs made with reportlab from text written for the tests: a two-column article with a title
block, superscript citations, a running header and footer, page numbers, hyphenated line ends and a
numbered reference list; a single-column one with an unnumbered list; a scanned (image-only) page;
an encrypted one. Each function writes one file and returns its path."""
from __future__ import annotations

from pathlib import Path

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
    "Dehydration causes muscle cramps in athletes.<super>2,3</super> Long sessions in the heat, "
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


def two_column_article(path: Path) -> Path:
    """The article: a full-width title block on page 1, then two columns on every page."""
    top = HEIGHT - MARGIN
    body_height = HEIGHT - 2 * MARGIN
    title = Frame(MARGIN, top - TITLE_BLOCK, WIDTH - 2 * MARGIN, TITLE_BLOCK, id="title",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def columns(height: float) -> list[Frame]:
        return [Frame(MARGIN + k * (COLUMN + GUTTER), MARGIN, COLUMN, height, id=f"col{k}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for k in (0, 1)]

    doc = BaseDocTemplate(str(path), pagesize=A5, title=ARTICLE_TITLE)
    doc.addPageTemplates([
        PageTemplate("first", [title, *columns(body_height - TITLE_BLOCK - 8)], onPage=_page_furniture),
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
