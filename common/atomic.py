"""Atomic writes: one file at a time, and a set of files that appears all at once.

A single file is written to a temporary file beside the target, fsynced, then renamed over it: a
crash or a kill mid-write leaves the previous file intact, never a truncated one.

A set of files (a build's outputs) is written into a staging folder inside the output folder. Once
every file is there and synced, a ``.complete`` list is written atomically; only then are the files
renamed into place. :func:`recover` finishes the job after a crash: a staging folder with its list
is renamed into place (roll forward), one without is deleted (roll back). Either way the output
folder holds one whole set, the old or the new, never a mix.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from spasmkg.common import faults

STAGING = ".staging"
COMPLETE = ".complete"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_open(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write that appears at ``path`` whole when the block ends, or not at all:
    for outputs too large to hold in memory as one string."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A staging folder to write a set of outputs into; on a clean exit they replace the files of
    the same names in ``out_dir`` as one set. On an error the staging folder is removed and
    ``out_dir`` is left as it was. The caller must hold the output folder's lock."""
    out_dir = Path(out_dir)
    recover(out_dir)
    stage = out_dir / STAGING
    stage.mkdir(parents=True)
    try:
        yield stage
        names = sorted(p.name for p in stage.iterdir() if not p.name.startswith("."))
        for name in names:
            with open(stage / name, "rb") as fh:
                os.fsync(fh.fileno())
        atomic_write_text(stage / COMPLETE, json.dumps(names))
        _fsync_dir(stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    faults.point("staged")
    _commit(out_dir)


def _commit(out_dir: Path) -> None:
    stage = out_dir / STAGING
    names = json.loads((stage / COMPLETE).read_text(encoding="utf-8"))
    for name in names:
        src = stage / name
        if src.exists():                     # absent: already moved before a crash
            os.replace(src, out_dir / name)
            faults.point(f"commit:{name}")
    _fsync_dir(out_dir)
    shutil.rmtree(stage)


def current(out_dir: Path, name: str) -> Path:
    """Where the file ``name`` of the folder's whole output set is, found without writing or locking:
    readers never settle a folder, the next build does (:func:`recover`). A set a killed build left
    complete in staging (listed in ``.complete``) is the current one: each of its files is still in
    the staging folder or, once renamed, in the folder itself. A staging folder without its list is
    an unfinished build, and the folder's own files are the current set."""
    out_dir = Path(out_dir)
    stage = out_dir / STAGING
    try:
        names = json.loads((stage / COMPLETE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return out_dir / name
    if name in names and (stage / name).exists():
        return stage / name
    return out_dir / name


def recover(out_dir: Path) -> str | None:
    """Finish or undo an interrupted :func:`staged` write in ``out_dir``: ``"completed"``,
    ``"discarded"``, or ``None`` when there was nothing to do. The caller must hold the lock."""
    stage = Path(out_dir) / STAGING
    if not stage.is_dir():
        return None
    if (stage / COMPLETE).exists():
        _commit(Path(out_dir))
        return "completed"
    shutil.rmtree(stage)
    return "discarded"
