"""A per-document extraction cache: adding one document to a built corpus reprocesses that one only.

An entry is keyed by the document (id, kind, title, text) and by the pipeline's fingerprint: the
package version, the spaCy model, and the content of every source and data file of the extraction,
ontology and graph-building code. Any change there gives new keys, so a stale entry is never used.
Entries live in ``OUT/.cache/``: the document's named graph in N-Triples, and its counts.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .atomic import atomic_write_text
from .engines import Job

FOLDER = ".cache"
# the whole graph package: a document's graph is written by the builder and the modules it calls
_PACKAGES = ("spasmkg.extract", "spasmkg.ontology", "spasmkg.graph")
_MODULES = (("spasmkg", "engines.py"),)


def _files(package: str):
    root = resources.files(package)
    stack = [root]
    while stack:
        node = stack.pop()
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append(child)
            elif child.name.endswith((".py", ".json", ".tsv", ".cfg", ".ttl", ".owl")):
                yield child


@lru_cache(maxsize=1)
def fingerprint() -> str:
    from spasmkg import __version__
    from spasmkg.extract.pipeline import MODEL_NAMES
    h = hashlib.sha256(__version__.encode())
    for name in MODEL_NAMES:
        try:
            from importlib.metadata import version
            h.update(f"{name}={version(name)}".encode())
        except Exception:  # a model that is not installed simply adds nothing
            continue
    for package in _PACKAGES:
        for f in _files(package):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    for package, name in _MODULES:
        h.update((resources.files(package) / name).read_bytes())
    return h.hexdigest()


def key(job: Job) -> str:
    h = hashlib.sha256(fingerprint().encode())
    for part in (job.doc_id, job.source, job.kind, job.title or "", job.text):
        h.update(b"\x1f" + part.encode("utf-8"))
    return h.hexdigest()


class DocumentCache:
    """Cached named graphs (N-Triples) and counts of extracted documents, in ``OUT/.cache/``."""

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / FOLDER
        self.hits = 0
        self.misses = 0

    def get(self, job: Job) -> tuple[dict, Path] | None:
        """The counts and the N-Triples file of ``job``'s graph, when a whole entry is cached."""
        base = self.folder / key(job)
        meta, data = base.with_suffix(".json"), base.with_suffix(".nt")
        try:
            if meta.exists() and data.exists():
                found = json.loads(meta.read_text(encoding="utf-8")), data
                self.hits += 1
                return found
        except (ValueError, OSError):
            pass
        self.misses += 1
        return None

    def put(self, job: Job, counts: dict, ntriples: str) -> Path:
        """Cache ``job``'s graph and counts; the graph's file."""
        base = self.folder / key(job)
        atomic_write_text(base.with_suffix(".nt"), ntriples)      # the data first: the counts mark it whole
        atomic_write_text(base.with_suffix(".json"), json.dumps(counts))
        return base.with_suffix(".nt")
