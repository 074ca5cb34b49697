"""Comparison results into the graph: one named graph, ``kg:graph/comparisons``.

Each comparison is a ``skg:Comparison`` with its feature, verdict and detail; the patient's
statement is a ``skg:PatientStatement`` with Web Annotation selectors into the narrative; the
literature side is the cited claim (already in the graph) and its references.
"""
from __future__ import annotations

import hashlib
from types import SimpleNamespace

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from spasmkg.graph.document_graph import _add_selectors, doc_iri, ref_iri
from spasmkg.ontology.namespaces import CITO, KG, SKG
from spasmkg.graph.compare.engine import Comparison

GRAPH = KG["graph/comparisons"]
ACTIVITY = KG["activity/comparison"]


def add(ds: Dataset, rows: list[Comparison], texts: dict[str, str]) -> None:
    g = ds.graph(GRAPH)
    g.add((ACTIVITY, RDF.type, PROV.Activity))
    g.add((ACTIVITY, RDFS.label, Literal("reading patient accounts against the literature (rules.json)")))
    described: set[URIRef] = set()
    for row in rows:
        p = row.patient
        key = hashlib.sha256("\x1f".join(map(str, (row.feature, row.patient_doc, p.start, p.end,
                                                    row.claim.iri if row.claim else "", row.refs,
                                                    row.literature_text or ""))).encode()).hexdigest()[:16]
        c = KG[f"comparison/{row.patient_doc}/{row.feature}/{key}"]
        st = KG[f"patient-statement/{row.patient_doc}/{p.start}-{p.end}"]
        g.add((c, RDF.type, SKG.Comparison))
        g.add((c, SKG.feature, Literal(row.feature)))
        g.add((c, RDFS.label, Literal(row.label)))
        g.add((c, SKG.verdict, Literal(row.verdict)))
        if row.verdict_text and row.verdict_text != row.verdict:
            g.add((c, SKG.verdictText, Literal(row.verdict_text)))
        g.add((c, SKG.inDocument, doc_iri(row.patient_doc)))
        g.add((c, SKG.aboutPatient, KG[f"patient/{row.patient_doc}"]))
        g.add((c, SKG.patientStatement, st))
        g.add((c, PROV.wasGeneratedBy, ACTIVITY))
        if row.detail:
            g.add((c, SKG.detail, Literal(row.detail)))
        if row.claim is not None:
            g.add((c, SKG.literatureClaim, URIRef(row.claim.iri)))
        if row.literature_text:
            g.add((c, SKG.literatureText, Literal(row.literature_text)))
        for n in row.refs:
            g.add((c, CITO.citesAsEvidence, ref_iri(row.ref_doc, n)))
        if st in described:         # one patient statement is read against many claims
            continue
        described.add(st)
        g.add((st, RDF.type, SKG.PatientStatement))
        g.add((st, SKG.inDocument, doc_iri(row.patient_doc)))
        g.add((st, SKG.text, Literal(p.text)))
        g.add((st, SKG.start, Literal(p.start, datatype=XSD.integer)))
        g.add((st, SKG.end, Literal(p.end, datatype=XSD.integer)))
        _add_selectors(g, st, SimpleNamespace(doc_id=row.patient_doc, text=texts[row.patient_doc]), p.start, p.end)
