"""Where an export may write: never over a build's own files, never over an existing file unasked.

An export named ``graph.trig`` inside the output folder would replace the built graph with
something else (a GEXF file, say), and the next query would read that. The build's files and
folders are refused by name in any folder holding a built graph; any other existing file is
replaced only when the user says so (``--force``).
"""
from __future__ import annotations

from pathlib import Path

from spasmkg.build.cache import FOLDER as CACHE_FOLDER
from spasmkg.build.run import OUTPUTS, PROVENANCE, WORK
from spasmkg.common.atomic import STAGING
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.index import INDEX, LOCK as INDEX_LOCK

#: every file and folder a build writes into its output folder
BUILD_FILES = frozenset({*OUTPUTS, PROVENANCE, WORK, CACHE_FOLDER, STAGING, ".build.lock", INDEX, INDEX_LOCK})
GRAPH_FILE = "graph.trig"


def _is_build_folder(folder: Path, graph_dir: Path) -> bool:
    return folder == graph_dir or (folder / GRAPH_FILE).exists() or (folder / ".build.lock").exists()


def check_export_target(out: Path, graph_dir: Path, force: bool = False, members: tuple[str, ...] = ()) -> None:
    """Raise E096 when ``out`` is (or lies inside) a build's own file or folder, E097 when it exists
    and ``force`` is not set. ``members``: for an export that is a folder of files (csv), the names
    written inside it; the folder may exist, those files may not."""
    target = Path(out).resolve()
    graph_dir = Path(graph_dir).resolve()
    for place in (target, *target.parents):
        if place.name in BUILD_FILES and _is_build_folder(place.parent, graph_dir):
            raise SpasmkgError("E096", path=out)
    existing = [Path(out) / m for m in members if (target / m).exists()] if members else \
        ([Path(out)] if target.exists() or target.is_symlink() else [])
    if existing and not force:
        raise SpasmkgError("E097", path=existing[0])
