"""Reference libraries: a BibTeX, RIS or CSL-JSON file a reference manager wrote, read into records.

A library is not a document: it has no text to read claims from. Its entries fill what the reference
lists of the corpus leave out (see :mod:`spasmkg.graph.assembly.library`). Each format is read by
the library its users write it with (bibtexparser, rispy, json) into :class:`LibraryEntry` records
holding a :class:`~spasmkg.extract.model.Reference`, the record the text's reference lists give.
A file that is not what its name says is refused whole (``E106``, ``E108``, ``E109``), naming it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spasmkg.extract.model import Reference

#: each library format, as :func:`spasmkg.extract.readers.sniff` names it, and the module reading it
FORMATS = {"bibtex": "bibtex", "ris": "ris", "csl-json": "csl_json"}
#: the formats' names as their users know them, for messages
NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@dataclass
class LibraryEntry:
    """One entry: its key in the library (a BibTeX key, a RIS ``ID``, a CSL ``id``) and its record."""
    key: str
    ref: Reference


@dataclass
class Library:
    name: str                      # the file's name
    format: str                    # bibtex | ris | csl-json
    sha256: str                    # of the file's bytes
    entries: list[LibraryEntry] = field(default_factory=list)


def parse(text: str, fmt: str, path: Path) -> list[LibraryEntry]:
    """The entries of library ``text`` in format ``fmt``; ``path`` names the file in errors."""
    from importlib import import_module
    from spasmkg.common.errors import SpasmkgError
    entries = import_module(f"spasmkg.extract.library.{FORMATS[fmt]}").read(text, path)
    if not entries:
        raise SpasmkgError("E109", path=path, format=NAMES[fmt])
    return entries
