"""SHACL validation of a built graph against ``shapes.ttl``, with pySHACL.

The ontology is mixed into the data (pySHACL's ``ont_graph``) so ``sh:class skg:Document`` accepts
a ``skg:ReviewArticle``. Named graphs are merged first: a claim in one document graph may cite a
reference described in the same graph, but the shapes do not care where a triple lives.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from spasmkg.ontology.reasoning import ontology_graph


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    violations: int
    graph: Graph


def shapes_graph() -> Graph:
    g = Graph()
    g.parse(Path(str(resources.files("spasmkg.ontology") / "shapes.ttl")), format="turtle")
    return g


def merged(ds) -> Graph:
    """Every triple of ``ds`` (all named graphs) in one plain graph."""
    g = Graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


def validate(ds) -> ValidationReport:
    """Validate ``ds`` (a Graph or Dataset); the report lists each violation with its focus node."""
    from pyshacl import validate as shacl_validate
    data = merged(ds)
    conforms, results, text = shacl_validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                             inference="none", abort_on_first=False, allow_warnings=False,
                                             advanced=False, meta_shacl=False)
    from rdflib.namespace import SH, RDF
    violations = len(set(results.subjects(RDF.type, SH.ValidationResult)))
    return ValidationReport(bool(conforms), text, violations, results)
