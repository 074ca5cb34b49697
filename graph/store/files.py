"""Loading a built graph back for queries: ``DIR/graph.trig`` (the knowledge graph, one named graph
per document) and, when present, ``DIR/provenance.trig`` (the build's PROV-O activity) into one
rdflib Dataset whose default graph is the union of the named graphs."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from spasmkg.common.atomic import current
from spasmkg.common.errors import SpasmkgError

from spasmkg.graph.document_graph import new_dataset
from spasmkg.graph.store.parsing import parse_into

GRAPH_FILE = "graph.trig"
PROVENANCE_FILE = "provenance.trig"


def graph_files(out_dir: Path) -> list[Path]:
    """The TriG files of a built output folder, the knowledge graph first. A reader takes no lock and
    writes nothing: of an output set a killed build left half-renamed it reads the whole new set
    (:func:`spasmkg.common.atomic.current`), so it never sees a mix."""
    path = current(Path(out_dir), GRAPH_FILE)
    if not path.exists():
        raise SpasmkgError("E007", path=out_dir)
    prov = current(Path(out_dir), PROVENANCE_FILE)
    return [path] + ([prov] if prov.exists() else [])


def load(out_dir: Path) -> Dataset:
    ds = new_dataset()
    for f in graph_files(out_dir):
        parse_into(ds, f, "trig")
    return ds
