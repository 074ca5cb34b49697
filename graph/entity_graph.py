"""The entity graph as networkx: what Gephi, GraphML and CSV exports draw.

Nodes are entities (and, with ``with_evidence``, claims and references); edges are the typed
relations between entities, weighted by the number of claims that support them (1 for a relation
the graph asserts without a statement, such as a drug's class), plus ``co_mentioned`` edges between
entities named in the same passage (a claim, an event, an outcome, a reference entry: see
:mod:`spasmkg.graph.cooccurrence`), weighted by the number of such passages, and
``mentioned_nearby`` edges between entities named close together outside any passage.
"""
from __future__ import annotations

import networkx as nx
from rdflib import Dataset
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.graph import community_labels, cooccurrence
from spasmkg.ontology.namespaces import CITO, KG, OA, SKG

#: undirected links: entities named in the same passage, or near each other outside any passage
CO_MENTIONED, NEARBY = "co_mentioned", "mentioned_nearby"
UNDIRECTED = (CO_MENTIONED, NEARBY)
TYPE_COLOURS = {
    "Condition": (228, 26, 28), "Symptom": (255, 127, 0), "ExamSign": (55, 126, 184),
    "Mechanism": (152, 78, 163), "RiskFactor": (166, 86, 40), "Cause": (247, 129, 191),
    "AnatomicalSite": (77, 175, 74), "Drug": (0, 139, 139), "DrugClass": (0, 100, 100),
    "Treatment": (153, 153, 0), "DiagnosticTest": (102, 102, 102), "ImagingFinding": (0, 0, 139),
    "Trigger": (139, 0, 0), "Claim": (190, 190, 190), "Reference": (90, 90, 90), "Entity": (150, 150, 150),
}


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def build(ds: Dataset, with_evidence: bool = False, counted=None) -> nx.DiGraph:
    """``counted``: documents' co-occurrence counts known already (:func:`cooccurrence.together`)."""
    G = nx.DiGraph()
    docs_of: dict[str, set[str]] = {}
    for m in ds.subjects(RDF.type, SKG.Mention):
        e = ds.value(m, OA.hasBody)
        d = ds.value(m, SKG.inDocument)
        if e is not None and d is not None:
            docs_of.setdefault(str(e), set()).add(_local(d))
    entity_types = {}
    for e in set(ds.subjects(SKG.conceptId, None)) | {s for s in ds.subjects(RDF.type, None)
                                                      if str(s).startswith(str(KG["entity/"]))}:
        classes = sorted((_local(t), str(t)) for t in ds.objects(e, RDF.type) if str(t).startswith(str(SKG)))
        entity_types[e] = classes[0] if classes else ("Entity", "")   # a graph may hold any class, or none
    for e, (cls, cls_iri) in sorted(entity_types.items(), key=lambda x: str(x[0])):
        label = min((str(x) for x in ds.objects(e, RDFS.label)), default=_local(e))   # stable if several
        hpo = ds.value(e, SKG.hpoId)
        community = ds.value(e, SKG.community)
        G.add_node(str(e), label=label, type=cls, ontology_class=cls_iri, hpo=str(hpo or ""),
                   documents=";".join(sorted(docs_of.get(str(e), set()))), kind="entity",
                   community=int(community) if community is not None else -1)
    support: dict[tuple[str, str, str], set[str]] = {}
    for st in ds.subjects(RDF.type, SKG.Statement):
        s, p, o = ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object)
        if s is not None and o is not None:
            # a statement without a cited claim (a patient's own sentence) is its own evidence
            evidence = ds.value(st, SKG.evidenceClaim) or st
            support.setdefault((str(s), str(o), _local(p)), set()).add(str(evidence))
    for (s, o, p), claims in sorted(support.items()):
        if s in G and o in G:
            G.add_edge(s, o, label=p, relation=p, weight=float(len(claims)))
    # the relations the graph asserts without a document's statement: a drug's class, a finding's level
    for e in sorted(entity_types, key=str):
        for p, o in sorted(ds.predicate_objects(e)):
            if str(p).startswith(str(SKG)) and str(o) in G and o != e and not G.has_edge(str(e), str(o)):
                G.add_edge(str(e), str(o), label=_local(p), relation=_local(p), weight=1.0)
    for lf in sorted(ds.subjects(RDF.type, SKG.LocatedFinding)):
        for f in ds.objects(lf, SKG.finding):
            for site in ds.objects(lf, SKG.locatedIn):
                if str(f) in G and str(site) in G and f != site and not G.has_edge(str(f), str(site)):
                    G.add_edge(str(f), str(site), label="locatedIn", relation="locatedIn", weight=1.0)
    same, near = cooccurrence.together(ds, counted)
    for relation, pairs in ((CO_MENTIONED, same), (NEARBY, near)):
        for (a, b), w in sorted(pairs.items()):
            if a in G and b in G and not G.has_edge(a, b) and not G.has_edge(b, a):
                G.add_edge(a, b, label=relation, relation=relation, weight=float(w))
    if with_evidence:
        for claim in sorted(set(ds.subjects(RDF.type, SKG.Claim)), key=str):
            text = str(ds.value(claim, SKG.text) or "")
            G.add_node(str(claim), label=text[:80], type="Claim", ontology_class=str(SKG.Claim), hpo="",
                       documents=_local(ds.value(claim, SKG.inDocument) or ""), kind="claim", community=-1)
            for e in ds.objects(claim, SKG.mentions):
                if str(e) in G:
                    G.add_edge(str(claim), str(e), label="mentions", relation="mentions", weight=1.0)
            for r in ds.objects(claim, CITO.citesAsEvidence):
                if str(r) not in G:
                    n = ds.value(r, SKG.referenceNumber)
                    title = str(ds.value(r, DCTERMS.title) or "")
                    G.add_node(str(r), label=f"[{n}] {title}"[:80], type="Reference",
                               ontology_class=str(SKG.BibliographicReference), hpo="",
                               documents=_local(ds.value(r, DCTERMS.isPartOf) or ""), kind="reference",
                               community=-1)
                G.add_edge(str(claim), str(r), label="citesAsEvidence", relation="citesAsEvidence", weight=1.0)
    for n, data in G.nodes(data=True):
        data["degree"] = int(G.degree(n))
    community_labels.label_nodes(G)
    return G
