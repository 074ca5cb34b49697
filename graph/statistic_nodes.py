"""Statistics to RDF: one ``skg:Statistic`` node per number a document reports.

Each node holds the quantity (kind, value as written, unit, numeric bounds), its qualifier, the
population and time frame it applies to, a Web Annotation target into the original file, the
conditions it is about, and the claim and references behind it.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from spasmkg.extract.model import DocumentResult, Statistic

from spasmkg.ontology.namespaces import CITO, KG, SKG
from spasmkg.graph.ordering import total_order


def statistic_iri(doc_id: str, st: Statistic) -> URIRef:
    return KG[f"statistic/{doc_id}/{st.start}-{st.end}"]


def add_statistics(g: Graph, res: DocumentResult, doc: URIRef, claim_iri, ref_iri, add_selectors) -> None:
    for st in res.statistics:
        s = statistic_iri(res.doc_id, st)
        g.add((s, RDF.type, SKG.Statistic))
        g.add((s, RDFS.label, Literal(" ".join(st.text.split()))))
        g.add((s, SKG.inDocument, doc))
        g.add((s, SKG.statisticKind, Literal(st.kind)))
        g.add((s, SKG.exact, Literal(st.text)))
        g.add((s, SKG.value, Literal(" ".join(st.value.split()))))
        g.add((s, SKG.start, Literal(st.start, datatype=XSD.integer)))
        g.add((s, SKG.end, Literal(st.end, datatype=XSD.integer)))
        add_selectors(g, s, res, st.start, st.end)
        for prop, value in ((SKG.unit, st.unit), (SKG.qualifier, st.qualifier),
                            (SKG.population, st.population), (SKG.timeFrame, st.time_frame)):
            if value:
                g.add((s, prop, Literal(" ".join(value.split()))))
        for prop, num in ((SKG.lowValue, st.low), (SKG.highValue, st.high)):
            if num is not None:
                g.add((s, prop, _number(num)))
        if st.sentence is not None:
            g.add((s, SKG.sentence, Literal(st.sentence.text)))
        for concept in st.about:
            g.add((s, SKG.about, KG[f"entity/{concept}"]))
        if st.claim is not None:
            g.add((s, SKG.evidenceClaim, claim_iri(res.doc_id, st.claim.start, st.claim.end)))
        for n in st.refs:
            g.add((s, CITO.citesAsEvidence, ref_iri(res.doc_id, n)))


def _number(num: float) -> Literal:
    """A whole number as xsd:integer, else xsd:decimal: stores disagree on how to write back a
    decimal such as 2.0 ('2' or '2.0') but not on integers."""
    return Literal(int(num), datatype=XSD.integer) if float(num).is_integer() else \
        Literal(repr(float(num)), datatype=XSD.decimal)


def export_statistics(g: Graph, doc: URIRef) -> list[dict]:
    """The annotations export's ``statistics`` list of a document, read back from the graph."""
    def one(s, p):
        return next(iter(g.objects(s, p)), None)

    def text(x):
        return None if x is None else str(x)

    out = []
    for s in g.subjects(SKG.inDocument, doc):
        if (s, RDF.type, SKG.Statistic) not in g:
            continue
        refs = sorted(int(one(g_ref, SKG.referenceNumber)) for g_ref in g.objects(s, CITO.citesAsEvidence)
                      if one(g_ref, SKG.referenceNumber) is not None)
        low, high = one(s, SKG.lowValue), one(s, SKG.highValue)
        out.append({
            "start": one(s, SKG.start).toPython(), "end": one(s, SKG.end).toPython(),
            "text": text(one(s, SKG.exact)), "kind": text(one(s, SKG.statisticKind)),
            "value": text(one(s, SKG.value)), "unit": text(one(s, SKG.unit)),
            "low": None if low is None else float(low), "high": None if high is None else float(high),
            "qualifier": text(one(s, SKG.qualifier)), "population": text(one(s, SKG.population)),
            "time_frame": text(one(s, SKG.timeFrame)),
            "about": sorted(str(a) for a in g.objects(s, SKG.about)),
            "refs": refs,
        })
    return total_order(out, lambda x: (x["start"], x["end"]))
