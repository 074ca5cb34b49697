"""Loading a built graph back for queries: ``DIR/graph.trig`` into an rdflib Dataset."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from spasmkg.errors import SpasmkgError

from .builder import new_dataset

GRAPH_FILE = "graph.trig"


def load(out_dir: Path) -> Dataset:
    path = Path(out_dir) / GRAPH_FILE
    if not path.exists():
        raise SpasmkgError("E007", path=out_dir)
    ds = new_dataset()
    ds.parse(path, format="trig")
    return ds
