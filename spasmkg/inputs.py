"""Input documents: files and folders to texts, with an id, a kind and a title.

A folder holding ``manifest.json`` takes ids, kinds and titles from it; any other text file gets an
id from its name and a detected kind (see :func:`spasmkg.extract.document.detect_kind`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SpasmkgError

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
MAX_MB = 50


@dataclass
class InputDoc:
    id: str
    path: Path
    text: str
    kind: str
    title: str | None = None
    origin: str | None = None


def read_text(path: Path) -> str:
    """The file's text, decoded. UTF-8 (with or without BOM) first; otherwise the encoding
    charset-normalizer detects; binary and empty files are refused by name."""
    size = path.stat().st_size
    if size > MAX_MB * 1024 * 1024:
        raise SpasmkgError("E012", path=path, limit=MAX_MB)
    raw = path.read_bytes()
    if not raw.strip():
        raise SpasmkgError("E003", path=path)
    if b"\x00" in raw[:8192]:
        raise SpasmkgError("E004", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(raw).best()
        if best is None:
            raise SpasmkgError("E002", path=path, reason="not UTF-8 and no known encoding fits") from None
        text = str(best)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _doc_id(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-") or "document"


def _manifest(folder: Path) -> dict[str, dict]:
    mf = folder / "manifest.json"
    if not mf.exists():
        return {}
    try:
        data = json.loads(mf.read_text(encoding="utf-8"))
        return {d["file"]: d for d in data["documents"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise SpasmkgError("E006", path=mf, reason=str(exc)) from None


def collect(paths: list[Path], kind: str | None = None) -> list[InputDoc]:
    """Every input document under ``paths``, in a stable order. ``kind`` overrides detection."""
    from spasmkg.extract.document import detect_kind
    files: list[tuple[Path, dict]] = []
    for p in paths:
        if not p.exists():
            raise SpasmkgError("E001", path=p)
        if p.is_dir():
            meta = _manifest(p)
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith("."):
                    files.append((f, meta.get(f.name, {})))
        else:
            files.append((p, _manifest(p.parent).get(p.name, {})))
    docs: list[InputDoc] = []
    seen: set[str] = set()
    for f, meta in files:
        text = read_text(f)
        k = kind or meta.get("kind") or detect_kind(text)
        if k not in ("review", "narrative"):
            raise SpasmkgError("E005", path=f, kind=k)
        doc_id = meta.get("id") or _doc_id(f)
        base, i = doc_id, 2
        while doc_id in seen:
            doc_id, i = f"{base}-{i}", i + 1
        seen.add(doc_id)
        docs.append(InputDoc(doc_id, f, text, k, meta.get("title"), meta.get("origin")))
    return docs
