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

**After a build, only what changed.** A build says where each named graph is in the ``graph.trig``
it wrote and a digest of its bytes (:func:`spasmkg.graph.export.trig.recorded`); the index keeps the
digests in its record. The next build's index starts as a copy of the last one (a RocksDB checkpoint:
hard links, no copying) and takes in only the graphs whose digest changed, added or removed: each
such graph's quads are compared with what the index holds of it, the difference applied, and a triple
leaves the union default graph only when no named graph states it any more. ``provenance.trig`` (one
build's activity, small) is replaced whole. An index without digests, a graph with a blank node (its
label is the file's, not the store's) or any failure falls back to building the index whole.
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
    """The files the index holds, from its record (None when it cannot be read)."""
    stamp = _read_full_stamp(index)
    return stamp.get("files") if stamp is not None and isinstance(stamp.get("files"), dict) else None


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


def refresh(out_dir: Path, announce: Announce | None = None, why: str | None = None, detail: str = "",
            contents: dict | None = None) -> bool:
    """Build the index of ``out_dir`` when it is not fresh (or when ``why`` says it must be built
    again); True when it was built. ``announce`` is told why and when it is done. ``contents``: where
    each graph is in ``graph.trig``, from the build that wrote it; with it, an index of the last build
    takes in only the graphs that changed (:func:`_update`)."""
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
        quads = (_update(out_dir, contents) if contents and why is None else None)
        if quads is None:
            quads = _build(out_dir, contents)
        if announce:                                   # after, so a graph that fails to load is one error line
            announce(f"{reason}: indexed it into {out_dir / INDEX} ({quads} quads, {time.monotonic() - began:.1f} s)")
        return True
    finally:
        lock.release()


def _stamp(record: dict, contents: dict | None, provenance: list[str], quads: int,
           taken_in: list[str] | None = None) -> str:
    """The index's record: the files it holds, its quads and, from a build, each graph's digest and
    the graphs the last update took in (None: the index was built whole)."""
    stamp: dict = {"files": record, "quads": quads, "taken_in": taken_in}
    if contents and "graphs" in contents:
        stamp["graphs"] = {g: c["sha256"] for g, c in contents["graphs"].items()}
        stamp["provenance_graphs"] = provenance
    return json.dumps(stamp, indent=1, sort_keys=True) + "\n"


def _temporary(out_dir: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out_dir))
    except OSError as exc:
        raise SpasmkgError("E130", path=out_dir / INDEX, reason=exc.strerror or type(exc).__name__) from None


def _build(out_dir: Path, contents: dict | None = None) -> int:
    """A whole new index in a temporary folder, renamed into place; returns its number of quads.
    The caller holds the lock."""
    for debris in out_dir.glob(f"{TEMP_PREFIX}*"):           # of a killed build of the index
        shutil.rmtree(debris, ignore_errors=True)
    files = graph_files(out_dir)
    record = _record(files)                                   # before loading: a later change shows stale
    tmp = _temporary(out_dir)
    try:
        store = OxigraphStore(tmp)
        quads = store.load_graph(out_dir)
        provenance = _provenance_graphs(files)
        del store.store
        gc.collect()                                          # closes the database before it moves
        atomic_write_text(tmp / STAMP, _stamp(record, contents, provenance, quads))
        _install(out_dir, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return quads


def _install(out_dir: Path, tmp: Path) -> None:
    """The whole index in ``tmp`` renamed to ``OUT/index``, the previous one removed after."""
    faults.point("index:written")
    index = out_dir / INDEX
    old = None
    if index.exists():
        old = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out_dir))
        os.replace(index, old / INDEX)
    faults.point("index:swapping")
    os.replace(tmp, index)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _provenance_graphs(files: list[Path]) -> list[str]:
    """The named graphs of ``provenance.trig`` (replaced whole at each update)."""
    import pyoxigraph as ox
    names = {q.graph_name.value for f in files[1:] for q in ox.parse(path=str(f), format=ox.RdfFormat.TRIG)
             if isinstance(q.graph_name, ox.NamedNode)}
    return sorted(names)


class _Whole(Exception):
    """The index cannot be updated piece by piece: build it whole."""


def _update(out_dir: Path, contents: dict) -> int | None:
    """The last index, copied, with only the graphs whose digest changed taken in (see the module
    docstring); its number of quads, or None when it must be built whole. The caller holds the lock."""
    import pyoxigraph as ox
    index = out_dir / INDEX
    stamp = _read_full_stamp(index)
    if "graphs" not in contents or stamp is None or not isinstance(stamp.get("graphs"), dict) \
            or not isinstance(stamp.get("quads"), int):
        return None
    for debris in out_dir.glob(f"{TEMP_PREFIX}*"):
        shutil.rmtree(debris, ignore_errors=True)
    files = graph_files(out_dir)
    record = _record(files)
    tmp = _temporary(out_dir)
    try:
        try:
            source = OxigraphStore(index, read_only=True)
        except SpasmkgError:
            raise _Whole from None
        if not source.union_copied:
            raise _Whole
        data = source._active().name
        source.store.backup(str(tmp / data))
        del source
        gc.collect()
        shutil.copy2(index / OxigraphStore.ACTIVE, tmp / OxigraphStore.ACTIVE)
        store = ox.Store(str(tmp / data))
        old, new = stamp["graphs"], contents["graphs"]
        dropped: list = []
        taken_in: list[str] = []
        quads = stamp["quads"]
        with open(files[0], "rb") as fh:
            prefixes = _read_range(fh, 0, int(contents["header"]))      # the file's own prefix lines
            for name in sorted(set(old) | set(new)):
                if old.get(name) == new.get(name, {}).get("sha256"):
                    continue
                taken_in.append(name)
                text = b"".join(_read_range(fh, a, b) for a, b in new[name]["ranges"]) if name in new else b""
                gone, gained = _replace_graph(store, ox.NamedNode(name), _graph_quads(prefixes, text))
                dropped += gone
                quads += gained - len(gone)
        for name in stamp.get("provenance_graphs", []):
            gone, _ = _replace_graph(store, ox.NamedNode(name), [])
            dropped += gone
            quads -= len(gone)
        provenance = _provenance_graphs(files)
        for f in files[1:]:
            added = list(ox.parse(path=str(f), format=ox.RdfFormat.TRIG))
            if any(_blank(q) or not isinstance(q.graph_name, ox.NamedNode) for q in added):
                raise _Whole
            store.bulk_extend(added + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in added])
            quads += len(set(added))
        for t in dropped:                             # leaves the union once no named graph states it
            if not any(isinstance(q.graph_name, ox.NamedNode) for q in store.quads_for_pattern(t[0], t[1], t[2], None)):
                store.remove(ox.Quad(t[0], t[1], t[2], ox.DefaultGraph()))
        store.flush()
        del store
        gc.collect()
        atomic_write_text(tmp / STAMP, _stamp(record, contents, provenance, quads, taken_in))
        _install(out_dir, tmp)
    except _Whole:
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return quads


def _read_full_stamp(index: Path) -> dict | None:
    try:
        stamp = json.loads((index / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _read_range(fh, start: int, end: int) -> bytes:
    fh.seek(start)
    return fh.read(end - start)


def _blank(q) -> bool:
    import pyoxigraph as ox
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _graph_quads(prefixes: bytes, text: bytes) -> list:
    """The quads of one graph's TriG pieces, read with the file's prefix lines."""
    import pyoxigraph as ox
    if not text:
        return []
    quads = list(ox.parse(prefixes + text, format=ox.RdfFormat.TRIG))
    if any(_blank(q) for q in quads):
        raise _Whole
    return quads


def _replace_graph(store, name, quads: list) -> tuple[list, int]:
    """The named graph ``name`` made to hold exactly ``quads``: the triples it no longer holds (they
    may leave the union) and how many quads it gained (added to the union too)."""
    import pyoxigraph as ox
    held = set(store.quads_for_pattern(None, None, None, name))
    wanted = set(quads)
    gone = held - wanted
    for q in gone:
        store.remove(q)
    gained = [q for q in wanted if q not in held]
    store.bulk_extend(gained + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in gained])
    return [(q.subject, q.predicate, q.object) for q in gone], len(gained)


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
