"""Abbreviations to RDF: one ``skg:Abbreviation`` node per short form a document defines."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from spasmkg.extract.model import DocumentResult

from spasmkg.ontology.namespaces import KG, SKG
from spasmkg.graph.ordering import total_order


def add_abbreviations(g: Graph, res: DocumentResult, doc: URIRef) -> None:
    for a in res.abbreviations:
        node = KG[f"abbreviation/{res.doc_id}/{a.short.start}"]
        long = " ".join(a.long.text.split())
        g.add((node, RDF.type, SKG.Abbreviation))
        g.add((node, RDFS.label, Literal(f"{a.short.text} = {long}")))
        g.add((node, SKG.inDocument, doc))
        g.add((node, SKG.shortForm, Literal(a.short.text)))
        g.add((node, SKG.longForm, Literal(long)))
        g.add((node, SKG.start, Literal(a.short.start, datatype=XSD.integer)))
        g.add((node, SKG.end, Literal(a.short.end, datatype=XSD.integer)))
        g.add((node, SKG.occurrences, Literal(len(a.occurrences) + 1, datatype=XSD.integer)))
        if a.concept:
            entity = KG[f"entity/{a.concept}"]
            g.add((node, SKG.denotes, entity))
            g.add((entity, SKOS.altLabel, Literal(a.short.text)))


def export_abbreviations(g: Graph, doc: URIRef) -> list[dict]:
    """The annotations export's ``abbreviations`` list of a document, read back from the graph."""
    def one(s, p):
        return next(iter(g.objects(s, p)), None)

    out = []
    for node in g.subjects(SKG.inDocument, doc):
        if (node, RDF.type, SKG.Abbreviation) not in g:
            continue
        denotes = one(node, SKG.denotes)
        out.append({"short": str(one(node, SKG.shortForm)), "long": str(one(node, SKG.longForm)),
                    "start": one(node, SKG.start).toPython(), "end": one(node, SKG.end).toPython(),
                    "occurrences": one(node, SKG.occurrences).toPython(),
                    "concept": str(denotes) if denotes is not None else None})
    return total_order(out, lambda a: (a["start"],))
