"""The annotations export (``annotations.json``), read back from the graph.

The export is generated from the RDF, never from extraction's in-memory objects, so it shows what
the graph actually holds. Format: ``documents`` with mentions, relations, citations, references,
events, treatment outcomes and the patient (see the project README).
"""
from __future__ import annotations

from typing import Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.graph.abbreviation_nodes import export_abbreviations
from spasmkg.ontology.namespaces import CITO, FABIO, OA, PRISM, SKG
from spasmkg.graph.ordering import total_order
from spasmkg.graph.statistic_nodes import export_statistics


def _v(x):
    return None if x is None else x.toPython()


def _one(g, s, p):
    return next(iter(g.objects(s, p)), None)


def export(ds: Dataset) -> dict:
    return {"documents": list(documents(ds))}


def documents(ds: Dataset) -> Iterator[dict]:
    """Each document's annotations, in id order, one document in memory at a time."""
    found = []
    for g in sorted(ds.graphs(), key=lambda x: str(x.identifier)):
        for d in g.subjects(SKG.kind, None):
            found.append((str(_one(g, d, DCTERMS.identifier)), g.identifier, d))
    found.sort(key=lambda x: x[0])
    for _, graph, d in found:
        yield _document(_own_copy(ds.graph(graph)), d)


def of_graph(g: Graph) -> list[dict]:
    """The annotations of the documents described in the one graph ``g`` (a document's own)."""
    local = _own_copy(g)
    return sorted((_document(local, d) for d in local.subjects(SKG.kind, None)), key=lambda x: x["id"])


def _own_copy(g: Graph) -> Graph:
    """``g`` as a graph of its own. A pattern on a named graph of an rdflib Dataset is looked up in
    the indexes of the whole dataset and then filtered by graph, so reading each document through
    its named graph costs time in the size of the corpus; its own copy costs the document's size."""
    local = Graph(store="SimpleMemory")       # no per-triple graph bookkeeping: it holds one graph
    for t in g.triples((None, None, None)):
        local.add(t)
    return local


def _document(g, d: URIRef) -> dict:
    out = {
        "id": str(_one(g, d, DCTERMS.identifier)),
        "source": str(_one(g, d, SKG.sourceFile)),
        "kind": str(_one(g, d, SKG.kind)),
        "title": str(_one(g, d, DCTERMS.title)),
        "patient": None,
        "mentions": [], "relations": [], "citations": [], "references": [], "events": [],
        "treatment_outcomes": [],
        "integrity": sorted(str(p) for p in g.objects(d, SKG.integrityProblem)),
    }
    for mi in g.subjects(RDF.type, SKG.Mention):
        e = _one(g, mi, OA.hasBody)
        out["mentions"].append({
            "start": _v(_one(g, mi, SKG.start)), "end": _v(_one(g, mi, SKG.end)),
            "text": str(_one(g, mi, SKG.exact)), "type": str(_one(g, mi, SKG.mentionType)),
            "concept": str(e) if e is not None else None,
            "assertion": str(_one(g, mi, SKG.assertion) or "present"),
            "source": str(_one(g, mi, SKG.extractedBy) or "") or None,
        })
    total_order(out["mentions"], lambda m: (m["start"], m["end"], m["type"]))
    for st in g.subjects(RDF.type, SKG.Statement):
        hm, tm = _one(g, st, SKG.headMention), _one(g, st, SKG.tailMention)
        rel = {
            "type": str(_one(g, st, SKG.relationType)),
            "head": {"text": str(_one(g, hm, SKG.exact)), "start": _v(_one(g, hm, SKG.start)),
                     "end": _v(_one(g, hm, SKG.end))},
            "tail": {"text": str(_one(g, tm, SKG.exact)), "start": _v(_one(g, tm, SKG.start)),
                     "end": _v(_one(g, tm, SKG.end))},
            "sentence": str(_one(g, st, SKG.sentence)),
            "refs": sorted(_ref_number(g, r) for r in g.objects(st, CITO.citesAsEvidence)),
        }
        hedge = _one(g, st, SKG.hedge)
        if hedge is not None:
            rel["hedge"] = str(hedge)
        out["relations"].append(rel)
    total_order(out["relations"], lambda r: (r["head"]["start"], r["tail"]["start"], r["type"]))
    for ci in g.subjects(RDF.type, SKG.Claim):
        if not list(g.objects(ci, SKG.hasCitationMarker)):
            continue
        out["citations"].append({
            "start": _v(_one(g, ci, SKG.start)), "end": _v(_one(g, ci, SKG.end)),
            "text": str(_one(g, ci, SKG.text)),
            "refs": sorted(_ref_number(g, r) for r in g.objects(ci, CITO.citesAsEvidence)),
        })
    total_order(out["citations"], lambda c: (c["end"], c["start"]))
    for r in g.subjects(RDF.type, SKG.BibliographicReference):
        authors = sorted(g.objects(r, DCTERMS.creator), key=lambda a: _v(_one(g, a, SKG.position)))
        year = _one(g, r, FABIO.hasPublicationYear)
        out["references"].append({
            "n": _ref_number(g, r),
            "type": _ref_type(g, r),
            "authors": [str(_one(g, a, RDFS.label)) for a in authors],
            "title": _s(_one(g, r, DCTERMS.title)),
            "container": _s(_one(g, r, PRISM.publicationName)),
            "year": int(str(year)) if year is not None else None,
            "volume": _s(_one(g, r, PRISM.volume)),
            "issue": _s(_one(g, r, PRISM.issueIdentifier)),
            "pages": _s(_one(g, r, PRISM.pageRange)),
            "url": _s(_one(g, r, FABIO.hasURL)),
            "accessed": _s(_one(g, r, SKG.accessed)),
            "publisher": _s(_one(g, r, DCTERMS.publisher)),
        })
    total_order(out["references"], lambda r: (r["n"],))
    _narrative_parts(g, d, out)
    out["statistics"] = export_statistics(g, d)
    out["abbreviations"] = export_abbreviations(g, d)
    return out


def _narrative_parts(g, d: URIRef, out: dict) -> None:
    for p in g.subjects(SKG.describedIn, d):
        if (p, RDF.type, SKG.Patient) in g:
            age = _one(g, p, SKG.age)
            out["patient"] = {"age": _v(age), "sex": _s(_one(g, p, SKG.sex)), "name": _s(_one(g, p, SKG.name))}
    for ev in g.subjects(SKG.eventType, None):
        date = _one(g, ev, SKG.date)
        out["events"].append({
            "type": str(_one(g, ev, SKG.eventType)),
            "date": str(date) if date is not None else None,
            "text": str(_one(g, ev, SKG.text)),
            "start": _v(_one(g, ev, SKG.start)), "end": _v(_one(g, ev, SKG.end)),
            "duration": _s(_one(g, ev, SKG.durationText)),
            "trigger": _s(_one(g, ev, SKG.triggerText)),
            "label": _s(_one(g, ev, RDFS.label)),
            "frequency": _s(_one(g, ev, SKG.frequencyText)),
        })
    total_order(out["events"], lambda e: (e["start"] or 0, e["type"]))
    for oc in g.subjects(RDF.type, SKG.TreatmentOutcome):
        out["treatment_outcomes"].append({
            "treatment": str(_one(g, oc, SKG.treatmentText)),
            "outcome": str(_one(g, oc, SKG.outcome)),
            "detail": _s(_one(g, oc, SKG.detail)),
            "start": _v(_one(g, oc, SKG.start)), "end": _v(_one(g, oc, SKG.end)),
        })
    total_order(out["treatment_outcomes"], lambda o: (o["start"] or 0, o["treatment"]))
    findings = []
    for node in g.subjects(RDF.type, SKG.LocatedFinding):
        mention = _one(g, node, SKG.mention)
        conflict = _one(g, node, SKG.conflictsWith)
        findings.append({
            "text": _s(_one(g, mention, SKG.exact)) if mention is not None else None,
            "start": _v(_one(g, mention, SKG.start)) if mention is not None else None,
            "sites": sorted(str(_one(g, s, RDFS.label)) for s in g.objects(node, SKG.locatedIn)),
            "side": _s(_one(g, node, SKG.side)), "severity": _s(_one(g, node, SKG.severity)),
            "conflicts_with": _s(_one(g, conflict, SKG.exact)) if conflict is not None else None,
        })
    if findings:
        out["findings"] = total_order(findings, lambda f: (f["start"] or 0, f["sites"]))


def _s(x):
    return None if x is None else str(x)


def _ref_number(g, r) -> int:
    return int(_one(g, r, SKG.referenceNumber))


def _ref_type(g, r) -> str:
    for t in g.objects(r, RDF.type):
        if str(t).startswith(str(FABIO)):
            return str(t)[len(str(FABIO)):]
    return "Reference"
