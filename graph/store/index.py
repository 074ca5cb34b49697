"""The query index: the built graph kept in a persistent embedded Oxigraph store beside it
(``OUT/index/``), so ``query``, ``trace``, ``sparql``, ``compare`` and ``serve`` ask a database
instead of parsing ``graph.trig`` into rdflib first (27 s and 1.35 GB at 951k triples).

The index records which files it holds (:data:`STAMP`: size, modification time, inode and SHA-256
of ``graph.trig`` and ``provenance.trig``). Before it answers, their ``stat`` is compared with the
record; when it differs, the SHA-256 decides, so a rebuild that writes the same graph costs a hash,
not an index. An index that is missing, unreadable or of other files is built again before the
command answers, and it says so on stderr (one ``note:`` line once it is built; on a terminal also
one before): the index and the graph never disagree.

A new index is written into a temporary folder (``OUT/.index-*``) and renamed to ``OUT/index`` only
once it is whole, its record inside it; a crash leaves the previous index (which the record then
shows stale) or none, never a half one in use. One process builds at a time (``OUT/.index.lock``);
readers open the store read-only, so any number of them can ask at once.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from spasmkg.common import faults
from spasmkg.common.atomic import atomic_write_text
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.files import graph_files
from spasmkg.graph.store.oxigraph import OxigraphStore

INDEX = "index"                 # the index folder, beside graph.trig
LOCK = ".index.lock"            # one index build at a time per output folder
TEMP_PREFIX = ".index-"         # an index being written, or debris of a killed one
STAMP = "SOURCE.json"           # inside the index: the files it holds
Announce = Callable[[str], None]


def _to_stderr(message: str) -> None:
    print(f"note: {message}", file=sys.stderr, flush=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stat(path: Path) -> dict:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def _record(files: list[Path]) -> dict:
    """What the index holds: each graph file by name, with its ``stat`` and SHA-256."""
    return {f.name: {**_stat(f), "sha256": _sha256(f)} for f in files}


def _read_stamp(index: Path) -> dict | None:
    try:
        stamp = json.loads((index / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp.get("files") if isinstance(stamp, dict) and isinstance(stamp.get("files"), dict) else None


def _holds(recorded: dict, files: list[Path]) -> bool:
    """True when the index was made from exactly these files' contents."""
    if set(recorded) != {f.name for f in files}:
        return False
    for f in files:
        was = recorded[f.name]
        now = _stat(f)
        if all(was.get(k) == now[k] for k in now):
            continue                               # untouched since: no need to read it
        if was.get("size") != now["size"] or was.get("sha256") != _sha256(f):
            return False
    return True


def state(out_dir: Path) -> str:
    """``fresh``, ``missing`` or ``stale`` (the graph changed since, or the record is unreadable)."""
    files = graph_files(out_dir)
    index = Path(out_dir) / INDEX
    if not index.is_dir():
        return "missing"
    recorded = _read_stamp(index)
    return "fresh" if recorded is not None and _holds(recorded, files) else "stale"


REASONS = {"missing": "{graph} has no index yet",
           "stale": "{graph} changed since it was indexed",
           "unreadable": "{index} cannot be read ({detail})"}


def refresh(out_dir: Path, announce: Announce | None = None, why: str | None = None, detail: str = "") -> bool:
    """Build the index of ``out_dir`` when it is not fresh (or when ``why`` says it must be built
    again); True when it was built. ``announce`` is told why and when it is done."""
    out_dir = Path(out_dir)
    from filelock import FileLock
    try:
        lock = FileLock(str(out_dir / LOCK))
        lock.acquire()
    except OSError as exc:
        raise SpasmkgError("E130", path=out_dir / INDEX, reason=exc.strerror or type(exc).__name__) from None
    try:
        now = state(out_dir)       # another process may have built it while this one waited
        if now == "fresh" and why is None:
            return False
        reason = REASONS[why or now].format(graph=out_dir / "graph.trig", index=out_dir / INDEX, detail=detail)
        if announce and sys.stderr.isatty():           # someone is waiting: say why before it takes long
            announce(f"{reason}: indexing it into {out_dir / INDEX} …")
        began = time.monotonic()
        quads = _build(out_dir)
        if announce:                                   # after, so a graph that fails to load is one error line
            announce(f"{reason}: indexed it into {out_dir / INDEX} ({quads} quads, {time.monotonic() - began:.1f} s)")
        return True
    finally:
        lock.release()


def _build(out_dir: Path) -> int:
    """A whole new index in a temporary folder, renamed into place; returns its number of quads.
    The caller holds the lock."""
    for debris in out_dir.glob(f"{TEMP_PREFIX}*"):           # of a killed build of the index
        shutil.rmtree(debris, ignore_errors=True)
    files = graph_files(out_dir)
    record = _record(files)                                   # before loading: a later change shows stale
    try:
        tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out_dir))
    except OSError as exc:
        raise SpasmkgError("E130", path=out_dir / INDEX, reason=exc.strerror or type(exc).__name__) from None
    try:
        store = OxigraphStore(tmp)
        quads = store.load_graph(out_dir)
        del store.store
        gc.collect()                                          # closes the database before it moves
        atomic_write_text(tmp / STAMP, json.dumps({"files": record}, indent=1) + "\n")
        faults.point("index:written")
        index = out_dir / INDEX
        old = None
        if index.exists():
            old = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out_dir))
            os.replace(index, old / INDEX)
        faults.point("index:swapping")
        os.replace(tmp, index)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return quads


def open_index(out_dir: Path, announce: Announce | None = _to_stderr) -> OxigraphStore:
    """The index of the built graph in ``out_dir``, read-only, built first when it is not fresh;
    E007 when there is no built graph."""
    out_dir = Path(out_dir)
    for attempt in range(2):
        if state(out_dir) != "fresh":
            refresh(out_dir, announce)
        try:
            return OxigraphStore(out_dir / INDEX, read_only=True)
        except SpasmkgError as exc:
            if exc.code != "E040":
                raise
            if attempt == 0:
                continue         # another process may have been swapping a new index in: look again
            refresh(out_dir, announce, why="unreadable", detail=str(exc.values.get("reason", "")))
    return OxigraphStore(out_dir / INDEX, read_only=True)
