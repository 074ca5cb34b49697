"""The output folder of an export that writes several files (kgx, neo4j)."""
from __future__ import annotations

from pathlib import Path

from spasmkg.common.errors import SpasmkgError


def folder(path: Path, fmt: str) -> Path:
    """``path`` as a folder, created when missing; E093, naming it, when it is a file (the export
    would otherwise fail half-way with an OS error)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise SpasmkgError("E093", path=path, reason=f"a file, not a folder; the {fmt} export writes a folder"
                           + (" (or a tar archive: name it .tar.gz)" if fmt == "kgx" else ""))
    path.mkdir(parents=True, exist_ok=True)
    return path
