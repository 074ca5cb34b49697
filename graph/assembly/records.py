"""What assembly reads of one document, kept as a small graph of its own.

Assembly (:mod:`spasmkg.graph.assembly.run`) reads, across documents: each document's node, one
mention per entity it names (which document names which entity), every triple of its entities
(classes, labels, concept ids, the relations the graph asserts between entities), its reference
entries with their authors, its statements, treatment outcomes, statistics and located findings.
Those triples, taken from the document's own graph, are its records: a build keeps them with the
document, so that a later build reads only new or changed documents and assembles the union of
the records in memory. The records of a document depend on its graph alone.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.graph.store.build_store import ReadView
from spasmkg.ontology.namespaces import FABIO, KG, OA, PRISM, SKG

#: nodes whose every triple assembly may read
WHOLE = frozenset({SKG.Statement, SKG.TreatmentOutcome, SKG.Statistic, SKG.BibliographicReference,
                   SKG.LocatedFinding, SKG.Document, SKG.ReviewArticle, SKG.PatientNarrative})
#: of a mention, assembly reads only which entity it names in which document
MENTION = (RDF.type, OA.hasBody, SKG.inDocument)
#: the literals assembly reads (every IRI-valued triple of a kept node is kept); the others, such as
#: a node's text, offsets and alternative names, are left out
LITERALS = frozenset({RDFS.label, DCTERMS.title, SKG.referenceNumber, SKG.position, SKG.assertion, SKG.outcome,
                      SKG.statisticKind, SKG.unit, SKG.lowValue, SKG.highValue, SKG.value, SKG.exact, SKG.hpoId,
                      SKG.conceptId, SKG.pmid, SKG.pmcid, SKG.community, PRISM.doi, PRISM.publicationName,
                      PRISM.volume, PRISM.pageRange, FABIO.hasPublicationYear})
_ENTITY = str(KG["entity/"])

Triple = tuple


def of_document(triples: Iterable[Triple]) -> list[Triple]:
    """The records of one document from the triples of its graph (in no particular order: the view
    that reads them gives them back in its own)."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((s, p, o))
    authors = {o for s, p, o in (t for ts in by_subject.values() for t in ts) if p == DCTERMS.creator}
    kept: set[Triple] = set()
    named: set = set()                      # entities a kept mention names already
    for s, ts in by_subject.items():
        types = {o for _, p, o in ts if p == RDF.type}
        if SKG.Mention in types:
            body = next((o for _, p, o in ts if p == OA.hasBody), None)
            if body is not None and body not in named:
                named.add(body)
                kept.update(t for t in ts if t[1] in MENTION)
        elif (types & WHOLE or s in authors or str(s).startswith(_ENTITY)
              or any(p == SKG.conceptId for _, p, _ in ts)):
            kept.update(t for t in ts if t[1] in LITERALS or not isinstance(t[2], Literal))
    return list(kept)


def view(files: Iterable = (), triples: Iterable[Triple] = ()) -> Graph:
    """The records of many documents (N-Triples files, or triples) as one read-only in-memory graph,
    read as the build's store is read."""
    return Graph(store=ReadView(files, triples))
