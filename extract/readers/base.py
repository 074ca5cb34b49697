"""What every reader gives back: the document's text with its structure, and where each part of
that text came from in the original file.

A reader turns one file (PDF, PubMed Central JATS, a MEDLINE record, a web page, Markdown, text)
into a :class:`Reading`. The text is laid out the way the plain-text extraction already reads
structure: the title on the first line, each heading on a line of its own between blank lines,
paragraphs and captions apart, the reference list under a ``References`` heading with one numbered
entry per line. What the format states outright (citation callouts, reference entries, the
article's own record) comes with the reading, so the extraction uses it instead of guessing.

Offsets in :class:`Place`, :class:`GivenMarker` and the references are offsets into
:attr:`Reading.text`, the text the graph records; each :class:`Place` maps a stretch of it back to
the original (a page and a box in a PDF, an element path in XML or HTML, a line in Markdown).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spasmkg.extract.model import Reference


@dataclass(frozen=True)
class Place:
    """Where ``text[start:end]`` sits in the original file.

    ``box`` is ``(x0, top, x1, bottom)`` in PDF points from the page's top-left corner (the
    convention of PDF viewers' highlight tools); ``path`` an element path such as
    ``/article/body/sec[2]/p[3]``; ``line`` a 1-based line of a text file."""
    start: int
    end: int
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class GivenMarker:
    """A citation callout the format states (``<xref ref-type="bibr">``, a raised number in a
    PDF, a ``<sup>`` link): its characters in the text and the reference numbers it cites."""
    start: int
    end: int
    refs: tuple[int, ...]


@dataclass
class Record:
    """The document's own bibliographic record, as its format states it."""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    license: str | None = None
    #: what kind of work it is, as the source names it ('Review', 'Randomized Controlled Trial')
    publication_types: list[str] = field(default_factory=list)
    #: subject headings as (identifier, label): MeSH descriptors ('D009120', 'Muscle Cramp')
    subjects: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Reading:
    """One document as a reader gives it (see the module's docstring)."""
    text: str
    format: str                                   # pdf | jats | medline | html | markdown | text | tei
    title: str | None = None
    kind: str | None = None                        # review | narrative, when the format says
    places: list[Place] = field(default_factory=list)
    #: the callouts the format states; None when they are to be found in the text
    markers: list[GivenMarker] | None = None
    #: the reference list the format states; None when it is to be parsed from the text
    references: list[Reference] | None = None
    record: Record | None = None
    #: a suffix that tells this document from others read from the same file (a MEDLINE file
    #: holds thousands of records: 'pmid-12345')
    part: str | None = None
    #: the text reports the article's own work (an abstract): each sentence that names something is a
    #: claim the article itself backs, though it cites no reference
    own_claims: bool = False


class TextBuilder:
    """Builds a reading's text piece by piece, recording a :class:`Place` for each piece.

    Readers append headings, paragraphs and references through it, so offsets are counted in one
    place only and every piece is laid out as the plain-text reader expects."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.places: list[Place] = []

    @property
    def offset(self) -> int:
        return self._len

    def add(self, text: str, **where: object) -> tuple[int, int]:
        """Append ``text``; with ``where`` (page, box, path, line), record its place."""
        start = self._len
        self._parts.append(text)
        self._len += len(text)
        if where and text:
            self.places.append(Place(start, self._len, **where))   # type: ignore[arg-type]
        return start, self._len

    def block(self, text: str, **where: object) -> tuple[int, int]:
        """Append ``text`` as a block of its own (a heading, a paragraph): a blank line before it
        unless it opens the document, and its inner line breaks turned into spaces."""
        if self._len:
            self.add("\n\n")
        return self.add(" ".join(text.split()), **where)

    def new_block(self) -> None:
        """Start a new block: a blank line, unless the text is empty or already ends in one."""
        if self._len and not "".join(self._parts[-2:]).endswith("\n\n"):
            self.add("\n\n")

    def text(self) -> str:
        return "".join(self._parts) + ("\n" if self._len else "")
