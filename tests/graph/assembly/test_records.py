"""Assembly from the documents' records (what it reads of each, kept with the document) writes what
assembly over the whole graph writes."""
from __future__ import annotations

import shutil

import pytest
from rdflib.namespace import RDF

from conftest import ROOT, SEEDS

CORPUS = ROOT / "tests" / "corpus"
TEXTS = ("review-brackets-vancouver.txt", "review-acs-superscript.txt", "case-report-lumbar.txt",
         "patient-ana.txt", "patient-marco.txt")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from spasmkg.build.run import build
    inputs = tmp_path_factory.mktemp("records-in")
    for f in [*SEEDS.glob("*.txt"), *(CORPUS / name for name in TEXTS)]:
        shutil.copy(f, inputs / f.name)
    out = tmp_path_factory.mktemp("records-out")
    return out, build([inputs], out)


def _without_assembly(out):
    from spasmkg.graph.assembly.run import GRAPH
    from spasmkg.graph.store.files import load
    ds = load(out)
    ds.remove_graph(ds.graph(GRAPH))
    return ds


def _assembled(ds, source):
    from spasmkg.graph import cooccurrence
    from spasmkg.graph.assembly.run import GRAPH, assemble
    summary = assemble(ds, lambda doc: cooccurrence.in_document(ds, doc), source)
    net = summary.network
    return (set(ds.graph(GRAPH)), summary.render(), sorted(net.nodes(data=True)), sorted(net.edges(data=True)))


def test_assembly_from_records_is_assembly_from_the_whole_graph(built):
    from spasmkg.graph.assembly import records
    from spasmkg.graph.document_graph import graph_iri
    out, summary = built
    whole = _assembled(_without_assembly(out), None)
    ds = _without_assembly(out)
    ids = [doc_id for doc_id, _, _ in summary.documents]
    source = records.view(triples=(t for d in ids for t in records.of_document(ds.graph(graph_iri(d)))))
    assert len(source) < sum(len(ds.graph(graph_iri(d))) for d in ids) / 2
    from_records = _assembled(ds, source)
    assert whole[0] and whole[2] and whole[3]
    assert from_records == whole


def test_a_document_s_records_name_each_entity_once_and_keep_its_statements():
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD
    from spasmkg.graph.assembly import records
    from spasmkg.ontology.namespaces import KG, OA, SKG
    doc, e = KG["doc/d"], KG["entity/spasm"]
    g = Graph()
    for k in (1, 2):                                        # two mentions of one entity
        m = KG[f"mention/d/{k}"]
        g.add((m, RDF.type, SKG.Mention))
        g.add((m, OA.hasBody, e))
        g.add((m, SKG.inDocument, doc))
        g.add((m, SKG.start, Literal(k, datatype=XSD.integer)))
    st = KG["statement/d/1"]
    g.add((st, RDF.type, SKG.Statement))
    g.add((st, RDF.subject, e))
    g.add((e, RDF.type, SKG.Symptom))
    g.add((URIRef("urn:x:other"), SKG.text, Literal("not read by assembly")))
    kept = records.of_document(g)
    named = [t for t in kept if t[1] == OA.hasBody]
    assert len(named) == 1 and named[0][2] == e and (named[0][0], SKG.inDocument, doc) in kept
    assert not [t for t in kept if t[1] == SKG.start]
    assert (st, RDF.subject, e) in kept and (e, RDF.type, SKG.Symptom) in kept
    assert not [t for t in kept if t[0] == URIRef("urn:x:other")]
