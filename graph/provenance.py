"""The build as a PROV-O activity: software version, pipeline components, model, time and the hash
of each input file.

It is written to its own file, ``provenance.trig`` (named graph ``kg:graph/build``), beside
``graph.trig``. The knowledge graph itself holds nothing that changes from one run to the next, so
two builds of the same inputs give identical canonical N-Quads for ``graph.trig``; only the
activity's start and end times differ between runs. The activity's IRI is derived from the software,
model and input hashes, so it names the same build recipe every time. Loading an output folder
(:func:`spasmkg.graph.store.files.load`) reads both files, so queries can ask how the graph was made.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from spasmkg.graph.document_graph import doc_iri, graph_iri, new_dataset
from spasmkg.ontology.namespaces import KG, SKG

BUILD_GRAPH = KG["graph/build"]
LIBRARIES = ("spacy", "rdflib", "networkx", "hpo3", "pyoxigraph")


@dataclass
class Input:
    doc_id: str
    path: Path
    sha256: str          # of the file's bytes, as read from disk


@dataclass
class BuildRecord:
    """What a build did, gathered while it runs."""
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    ended: datetime | None = None
    inputs: list[Input] = field(default_factory=list)
    #: each file's digest, taken once: a PubMed file holds thousands of documents
    digests: dict[Path, str] = field(default_factory=dict, repr=False)

    def add_input(self, doc_id: str, path: Path) -> None:
        path = Path(path)
        if path not in self.digests:
            self.digests[path] = file_sha256(path)
        self.inputs.append(Input(doc_id, path, self.digests[path]))

    def finish(self) -> None:
        self.ended = datetime.now(timezone.utc)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def pipeline_description() -> dict:
    """The spaCy model's name and version and the pipeline's components, in order."""
    from spasmkg.extract.pipeline import load_nlp, model_info
    info = model_info(load_nlp())
    return {"model": info["name"], "model_version": info["version"], "components": info["components"].split(",")}


def activity_dataset(record: BuildRecord, pipeline: dict | None = None) -> Dataset:
    """The named graph ``kg:graph/build`` describing ``record`` as a ``prov:Activity``."""
    from spasmkg import __version__
    pipeline = pipeline or pipeline_description()
    recipe = "\x1f".join([__version__, pipeline["model"], pipeline["model_version"], *pipeline["components"],
                          *sorted(f"{i.doc_id}={i.sha256}" for i in record.inputs)])
    act = KG[f"build/{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:16]}"]
    ds = new_dataset()
    g = ds.graph(BUILD_GRAPH)
    g.add((act, RDF.type, PROV.Activity))
    g.add((act, RDFS.label, Literal("spasmkg build")))
    g.add((act, PROV.startedAtTime, Literal(record.started.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    if record.ended:
        g.add((act, PROV.endedAtTime, Literal(record.ended.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    software = KG[f"software/spasmkg/{__version__}"]
    g.add((act, PROV.wasAssociatedWith, software))
    g.add((software, RDF.type, PROV.SoftwareAgent))
    g.add((software, RDFS.label, Literal("spasmkg")))
    g.add((software, DCTERMS.hasVersion, Literal(__version__)))
    for lib in LIBRARIES:
        g.add((software, DCTERMS.requires, Literal(f"{lib} {_version(lib)}")))
    model = KG[f"model/{pipeline['model']}/{pipeline['model_version']}"]
    g.add((act, PROV.used, model))
    g.add((model, RDF.type, PROV.Entity))
    g.add((model, RDFS.label, Literal(pipeline["model"])))
    g.add((model, DCTERMS.hasVersion, Literal(pipeline["model_version"])))
    for k, name in enumerate(pipeline["components"], start=1):
        comp = KG[f"component/{name}"]
        g.add((act, PROV.used, comp))
        g.add((comp, RDF.type, PROV.Entity))
        g.add((comp, RDFS.label, Literal(name)))
        g.add((comp, SKG.position, Literal(k, datatype=XSD.integer)))
    for i in record.inputs:
        src = KG[f"input/{i.sha256}"]
        g.add((act, PROV.used, src))
        g.add((src, RDF.type, PROV.Entity))
        g.add((src, SKG.sourceFile, Literal(i.path.name)))
        g.add((src, SKG.sha256, Literal(i.sha256)))
        g.add((act, PROV.generated, graph_iri(i.doc_id)))
        g.add((graph_iri(i.doc_id), PROV.wasDerivedFrom, src))
        g.add((doc_iri(i.doc_id), PROV.wasDerivedFrom, src))
        g.add((graph_iri(i.doc_id), PROV.wasGeneratedBy, act))
    return ds
