"""A per-document extraction cache: adding one document to a built corpus reprocesses that one only.

An entry is keyed by the document (id, kind, title, text) and by the pipeline's fingerprint: the
package version, the spaCy model, and the content of every source and data file of the extraction,
ontology and graph-building code. Any change there gives new keys, so a stale entry is never used.
Entries live in ``OUT/.cache/``: the document's named graph in N-Triples, its block of
``graph.trig``, its entry of ``annotations.json`` and its counts (written last: they mark the entry
whole).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from typing import TYPE_CHECKING

from spasmkg.common.atomic import atomic_write_bytes, atomic_write_text
from spasmkg.extract.document import DocumentInput

if TYPE_CHECKING:
    from spasmkg.build.document_outputs import DocumentOutputs

FOLDER = ".cache"
# the whole graph package: a cached entry is written by the builder, the TriG writer and the annotations
# export, and the modules they call
_PACKAGES = ("spasmkg.extract", "spasmkg.ontology", "spasmkg.graph", "spasmkg.common")
_MODULES = (("spasmkg.build", "engines.py"), ("spasmkg.build", "document_outputs.py"))


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


def key(job: DocumentInput) -> str:
    h = hashlib.sha256(fingerprint().encode())
    for part in (job.doc_id, job.source, job.kind, job.title or "", job.text):
        h.update(b"\x1f" + part.encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One cached document: its counts and the files of its outputs."""
    counts: dict
    graph: Path          # N-Triples
    trig: Path           # the graph's block of graph.trig
    annotations: Path    # JSON list: the document's entry of annotations.json


class DocumentCache:
    """Cached extraction results in ``OUT/.cache/`` (see the module docstring)."""

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / FOLDER
        self.hits = 0
        self.misses = 0

    def _entry(self, job: DocumentInput, counts: dict) -> Entry:
        base = self.folder / key(job)
        return Entry(counts, base.with_suffix(".nt"), base.with_suffix(".trig"), base.with_suffix(".annotations.json"))

    def get(self, job: DocumentInput) -> Entry | None:
        meta = (self.folder / key(job)).with_suffix(".json")
        try:
            if meta.exists():
                entry = self._entry(job, json.loads(meta.read_text(encoding="utf-8")))
                if entry.graph.exists() and entry.trig.exists() and entry.annotations.exists():
                    self.hits += 1
                    return entry
        except (ValueError, OSError):
            pass
        self.misses += 1
        return None

    def put(self, job: DocumentInput, outputs: DocumentOutputs) -> Entry:
        entry = self._entry(job, outputs.counts)
        atomic_write_text(entry.graph, outputs.ntriples)      # the outputs first: the counts mark them whole
        atomic_write_bytes(entry.trig, outputs.trig)
        atomic_write_text(entry.annotations, json.dumps(outputs.annotations, ensure_ascii=False))
        atomic_write_text((self.folder / key(job)).with_suffix(".json"), json.dumps(outputs.counts))
        return entry
