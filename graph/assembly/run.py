"""Assembly of a built dataset: works, statements, conflicts and communities into ``kg:graph/assembly``."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from spasmkg.graph import entity_graph
from spasmkg.ontology.namespaces import KG, OA, SKG
from spasmkg.graph.assembly import communities, conflicts, statements, works

GRAPH = KG["graph/assembly"]


@dataclass
class AssemblySummary:
    entities_per_document: int = 0     # sum over documents of the entities each mentions
    entities: int = 0                  # distinct entities once merged
    works: int = 0
    shared_works: int = 0
    statements: int = 0
    conflicts: int = 0
    communities: int = 0
    #: the entity graph with each entity's community, as it is drawn once assembly is in the graph
    network: nx.DiGraph | None = field(default=None, repr=False, compare=False)

    def render(self) -> str:
        return (f"entities {self.entities_per_document} per document, {self.entities} once merged · "
                f"cited works {self.works} ({self.shared_works} shared by more than one document) · "
                f"statements {self.statements} · conflicts {self.conflicts} · communities {self.communities}")


def assemble(ds: Dataset, counted=None, source: Graph | None = None) -> AssemblySummary:
    """Writes into ``ds``. ``counted``: documents' co-occurrence counts known already
    (:func:`entity_graph.build`). ``source``: what assembly reads of the documents
    (:mod:`~spasmkg.graph.assembly.records`) when a build holds it already; else ``ds`` is read."""
    src = ds if source is None else source
    g = ds.graph(GRAPH)
    summary = AssemblySummary()
    per_doc: dict[str, set[str]] = {}
    for m in src.subjects(RDF.type, SKG.Mention):
        e, d = src.value(m, OA.hasBody), src.value(m, SKG.inDocument)
        if e is not None and d is not None:
            per_doc.setdefault(str(d), set()).add(str(e))
    summary.entities_per_document = sum(len(v) for v in per_doc.values())
    summary.entities = len(set().union(*per_doc.values())) if per_doc else 0

    work_of: dict[str, str] = {}
    for wid, members in sorted(works.group(src).items()):
        w = KG[f"work/{wid}"]
        g.add((w, RDF.type, SKG.CitedWork))
        title = next((m.title for m in members if m.title), "")
        if title:
            g.add((w, RDFS.label, Literal(title)))
        docs = sorted({m.doc for m in members})
        for m in members:
            g.add((m.iri, SKG.identifiesWork, w))
            work_of[str(m.iri)] = str(w)
        for d in docs:
            g.add((w, SKG.citedIn, URIRef(d)))
        for iri in works.work_identifiers(members):
            g.add((w, SKG.workIdentifier, iri))
        g.add((w, SKG.citingDocumentCount, Literal(len(docs), datatype=XSD.integer)))
        summary.works += 1
        summary.shared_works += len(docs) > 1

    assembled = statements.assemble(src, work_of)
    statements.write(g, src, assembled)
    summary.statements = len(assembled)

    found = conflicts.find(src)
    conflicts.write(g, found)
    summary.conflicts = len(found)

    network = entity_graph.build(src, counted=counted)
    membership = communities.partition(network)
    communities.write(g, membership)
    summary.communities = len(set(membership.values()))
    summary.network = communities.joined(network, membership)
    return summary
