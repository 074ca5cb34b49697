"""Input documents: files and folders to texts, with an id, a kind and a title.

A folder holding ``manifest.json`` takes ids, kinds and titles from it; any other text file gets an
id from its name and a detected kind (see :func:`spasmkg.extract.document.detect_kind`).

The text is kept exactly as decoded: CRLF line ends, no-break spaces and other odd characters stay,
so every offset the build records points into the file's own characters. The only change is a
leading byte-order mark, which decoding drops; offsets count from the first character after it.

A file that cannot be used (not text, too large, empty, undecodable) is reported with its path and,
where it applies, the line, and skipped: the rest of the corpus still builds.

A reference library (``.bib``, ``.ris``, or a CSL-JSON ``.json`` named as an input) is not a
document: it is read into a :class:`~spasmkg.extract.library.Library` handed back beside them.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Iterator

from dataclasses import replace

from spasmkg.common.decoding import Binary, Decoded, decode
from spasmkg.extract import library, readers
from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.extract.document import DocumentInput, detect_kind

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
#: the structured formats a reader of :mod:`spasmkg.extract.readers` reads (told by content first)
READ_SUFFIXES = {".pdf", ".xml", ".nxml", ".html", ".htm", ".xhtml", ".markdown", ".tei", ".gz", ".nbib"}
#: document formats people keep beside their literature, which are not read: each one found is
#: reported as skipped, by name, rather than passed over in silence
UNREAD_FORMATS = {".docx": "Word (.docx)", ".doc": "Word (.doc)", ".odt": "OpenDocument text",
                  ".rtf": "RTF", ".epub": "EPUB", ".pages": "Pages"}
#: reference libraries found in a folder; a CSL-JSON ``.json`` is one only when named as an input,
#: since a folder's other JSON files are not libraries
LIBRARY_SUFFIXES = {".bib", ".ris"}
#: how many bytes of a file tell its format
SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
#: characters that are neither text nor layout; many of them mean the file is binary
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _line_of(raw: bytes, byte_offset: int) -> int:
    return raw.count(b"\n", 0, byte_offset) + 1


def read_text(path: Path) -> str:
    """The file's text, decoded (:func:`read_document`)."""
    return read_document(path).text


def read_document(path: Path) -> Decoded:
    """The file's text and how it was decoded (:mod:`spasmkg.common.decoding`: UTF-8 first, then
    Western encodings, UTF-16/32 told by their NUL bytes); binary, empty, oversized and special
    files are refused by name.

    The size is checked before reading, so an oversized file is never loaded into memory."""
    path = Path(path)
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise SpasmkgError("E021", path=path)
    if st.st_size > limits.MAX_FILE_MB * 1024 * 1024:
        raise SpasmkgError("E012", path=path, limit=f"{limits.MAX_FILE_MB:g}")
    raw = path.read_bytes()
    if not raw.strip() or not raw.lstrip(b"\xef\xbb\xbf").strip():
        raise SpasmkgError("E003", path=path)
    try:
        decoded = decode(raw)
    except Binary:
        raise SpasmkgError("E004", path=path) from None
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 (byte 0x{raw[exc.start]:02x} on line {_line_of(raw, exc.start)}) and no known encoding fits"
        raise SpasmkgError("E002", path=path, reason=reason) from None
    text = decoded.text
    if not text.strip():
        raise SpasmkgError("E003", path=path)
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > limits.MAX_CONTROL_SHARE * min(len(text), 65536):
        raise SpasmkgError("E004", path=path)
    return decoded


def _doc_id(path: Path) -> str:
    stem = Path(path.stem).stem if path.suffix.lower() == ".gz" else path.stem     # 'x.xml.gz' -> 'x'
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "document"


def _manifest(folder: Path) -> dict[str, dict]:
    mf = folder / "manifest.json"
    try:
        if not mf.is_file():
            return {}
    except OSError:          # a folder that cannot be listed: the walk reports it
        return {}
    try:
        data = json.loads(mf.read_text(encoding="utf-8"))
        return {d["file"]: d for d in data["documents"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise SpasmkgError("E006", path=mf, reason=str(exc)) from None


def _walk(folder: Path, skipped: list[SpasmkgError] | None) -> Iterator[Path]:
    """Candidate text files under ``folder`` in a stable order. Symbolic links to folders are not
    followed (a link loop cannot make the walk endless); hidden files and folders are skipped. A
    folder that cannot be listed is reported in ``skipped`` (raised without it), the rest walked."""
    def unreadable(exc: OSError) -> None:
        err = SpasmkgError("E093", path=exc.filename or folder, reason=exc.strerror or type(exc).__name__)
        if skipped is None:
            raise err
        skipped.append(err)

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            f = Path(root) / name
            if not name.startswith(".") and name != "manifest.json" and \
                    f.suffix.lower() in TEXT_SUFFIXES.union(READ_SUFFIXES, UNREAD_FORMATS, LIBRARY_SUFFIXES):
                yield f


def check_paths(paths: list[Path]) -> None:
    """Refuse (E001) the first input that does not exist, before anything is written."""
    for p in paths:
        if not Path(p).exists():
            raise SpasmkgError("E001", path=p)


def count_files(paths: list[Path]) -> int:
    """How many candidate documents the inputs hold: a walk of names, nothing read (for progress);
    reference libraries are not counted."""
    def document(f: Path) -> bool:
        return f.suffix.lower() not in LIBRARY_SUFFIXES | {".json"}
    return sum(sum(1 for f in _walk(p, []) if document(f)) if p.is_dir() else document(p)
               for p in map(Path, paths) if p.exists())


def _files(paths: list[Path], skipped: list[SpasmkgError] | None) -> Iterator[tuple[Path, dict]]:
    for p in paths:
        if not p.exists():
            raise SpasmkgError("E001", path=p)
        if p.is_dir():
            meta = _manifest(p)
            for f in _walk(p, skipped):
                yield f, meta.get(str(f.relative_to(p))) or meta.get(f.name, {})
        else:
            yield p, _manifest(p.parent).get(p.name, {})


def iter_documents(paths: list[Path], kind: str | None = None,
                   skipped: list[SpasmkgError] | None = None,
                   notes: list[str] | None = None,
                   libraries: list[library.Library] | None = None,
                   options: dict[str, object] | None = None) -> Iterator[DocumentInput]:
    """Every input document under ``paths``, one at a time, in a stable order (a folder of
    thousands of files is never held in memory at once). ``kind`` overrides detection;
    ``options`` go to the readers that take them (:func:`spasmkg.extract.readers.read_file`).

    A file that cannot be read is appended to ``skipped`` and passed over; without a ``skipped``
    list its error is raised. A missing path or a broken manifest is always raised. A file read in
    another encoding than UTF-8 gets a line in ``notes`` naming the encoding guessed. A reference
    library is read into ``libraries`` (without that list it is refused as no document, E100)."""
    seen: set[str] = set()

    def unique(doc_id: str) -> str:
        base, i = doc_id, 2
        while doc_id in seen:
            doc_id, i = f"{base}-{i}", i + 1
        seen.add(doc_id)
        return doc_id

    for f, meta in _files(paths, skipped):
        try:
            for item in _read(f, meta, kind, notes, libraries, options or {}):
                yield replace(item, doc_id=unique(item.doc_id))
        except SpasmkgError as exc:
            if skipped is None:
                raise
            skipped.append(exc)
        except OSError as exc:
            err = SpasmkgError("E002", path=f, reason=exc.strerror or type(exc).__name__)
            if skipped is None:
                raise err from None
            skipped.append(err)


def file_format(f: Path) -> str:
    """The format of file ``f``, told by its first bytes, then its name (:func:`readers.sniff`)."""
    if f.suffix.lower() in UNREAD_FORMATS:
        return "unread"
    with open(f, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith(GZIP_MAGIC):          # PubMed's baseline and update files come gzipped
        with open(f, "rb") as fh:             # what the first compressed bytes give, even if cut short
            try:
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(65536), SNIFF_BYTES)
            except zlib.error as exc:
                raise SpasmkgError("E002", path=f, reason=f"not a readable gzip file ({exc})") from None
        fmt = readers.sniff(f.with_suffix(""), head)
        if fmt != "medline":
            raise SpasmkgError("E100", path=f, format=f"gzip-compressed {fmt}")
        return fmt
    return readers.sniff(f, head)


def read_library(f: Path, fmt: str) -> library.Library:
    """The reference library in file ``f`` (format ``fmt``), decoded and checked as any input is."""
    text = read_document(f).text
    entries = library.parse(text, fmt, f)
    return library.Library(f.name, fmt, hashlib.sha256(f.read_bytes()).hexdigest(), entries)


def _read(f: Path, meta: dict, kind: str | None, notes: list[str] | None,
          libraries: list[library.Library] | None = None,
          options: dict[str, object] | None = None) -> Iterator[DocumentInput]:
    """The documents file ``f`` holds: one for a text, a PDF or an article; one per record for a
    PubMed file. A reader's error names the file; a record that cannot be read skips the file."""
    fmt = file_format(f)
    if fmt in library.FORMATS and libraries is not None:
        libraries.append(read_library(f, fmt))
        return
    if fmt == "unread":
        raise SpasmkgError("E098", path=f, format=UNREAD_FORMATS[f.suffix.lower()])
    if fmt in readers.READERS:
        st = f.stat()
        if not stat.S_ISREG(st.st_mode):
            raise SpasmkgError("E021", path=f)
        # a PubMed file is read one record at a time, each record under the per-document limits,
        # so its size is not held against it (baseline files run to hundreds of megabytes)
        if fmt not in readers.STREAMED and st.st_size > limits.MAX_FILE_MB * 1024 * 1024:
            raise SpasmkgError("E012", path=f, limit=f"{limits.MAX_FILE_MB:g}")
        for reading in readers.read_file(f, fmt, **(options or {})):
            k = kind or meta.get("kind") or reading.kind or detect_kind(reading.text)
            if k not in ("review", "narrative"):
                raise SpasmkgError("E005", path=f, kind=k)
            doc_id = meta.get("id") or _doc_id(f)
            if reading.part:
                doc_id = f"{doc_id}-{reading.part}"
            yield DocumentInput(doc_id, f.name if not reading.part else f"{f.name}#{reading.part}", k,
                                meta.get("title") or reading.title, reading.text, path=f, reading=reading)
        return
    if fmt not in ("text", "markdown"):
        raise SpasmkgError("E100", path=f, format=fmt)
    decoded = read_document(f)
    text = decoded.text
    if notes is not None and decoded.note():
        notes.append(f"{f.name}: {decoded.note()}")
    k = kind or meta.get("kind") or detect_kind(text)
    if k not in ("review", "narrative"):
        raise SpasmkgError("E005", path=f, kind=k)
    yield DocumentInput(meta.get("id") or _doc_id(f), f.name, k, meta.get("title"), text, path=f)
