"""The OWL export: the ontology with the graph's individuals, OWL 2 DL for the OWL API (Protégé's
parser) and consistent for HermiT."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from owl_tools import hermit_consistent, needs_java, needs_owlapi, owl_api_report
from spasmkg.graph.export import export
from spasmkg.graph.export.owl import EXPORT_IRI, owl_graph, owl_literal
from spasmkg.ontology.namespaces import FABIO, KG, OA, SKG
from spasmkg.ontology.reasoning import ontology_graph

EX = "urn:example:"


def test_dates_outside_the_owl_datatype_map_become_their_iso_text():
    assert owl_literal(Literal("2016-04-03", datatype=XSD.date)) == Literal("2016-04-03")
    assert owl_literal(Literal("2016-03", datatype=XSD.gYearMonth)) == Literal("2016-03")
    assert owl_literal(Literal("2009", datatype=XSD.gYear)) == Literal("2009")
    assert owl_literal(Literal(7)) == Literal(7)                       # xsd:integer is in the map
    assert owl_literal(Literal("2016-04-03T10:00:00", datatype=XSD.dateTime)).datatype == XSD.dateTime
    assert owl_literal(Literal("dos", lang="es")).language == "es"
    assert owl_literal(Literal("page\x0cbreak")) == Literal("page\u240cbreak")   # RDF/XML is XML 1.0


def _dataset(*triples) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef(EX + "graph"))
    for t in triples:
        g.add(t)
    return ds


def test_external_terms_are_declared_by_how_the_graph_uses_them():
    claim, sel, ref = URIRef(EX + "claim"), URIRef(EX + "selector"), URIRef(EX + "ref")
    ds = _dataset((claim, RDF.type, SKG.Claim), (claim, OA.hasSelector, sel), (sel, OA.start, Literal(3)),
                  (ref, RDF.type, FABIO.JournalArticle), (ref, DCTERMS.title, Literal("A title")),
                  (ref, FABIO.hasPublicationYear, Literal("2015", datatype=XSD.gYear)),
                  (ref, DCTERMS.identifier, Literal("x")), (claim, DCTERMS.identifier, URIRef(EX + "id")),
                  (claim, SKG.inDocument, URIRef(EX + "doc")))
    g = owl_graph(ds)
    assert (OA.hasSelector, RDF.type, OWL.ObjectProperty) in g
    assert (OA.start, RDF.type, OWL.DatatypeProperty) in g
    assert (DCTERMS.identifier, RDF.type, OWL.AnnotationProperty) in g          # an IRI here, a text there
    assert (FABIO.JournalArticle, RDF.type, OWL.Class) in g
    # the ontology's own declarations stand: dcterms:title annotates its terms, skg:inDocument is a relation
    assert set(g.objects(DCTERMS.title, RDF.type)) == {OWL.AnnotationProperty}
    assert set(g.objects(SKG.inDocument, RDF.type)) == {OWL.ObjectProperty}
    assert (ref, FABIO.hasPublicationYear, Literal("2015")) in g
    assert {claim, ref, sel, URIRef(EX + "doc")} <= set(g.subjects(RDF.type, OWL.NamedIndividual))
    assert list(g.subjects(RDF.type, OWL.Ontology)) == [EXPORT_IRI]


def test_the_export_holds_the_ontology_and_every_triple_of_the_graph(small_dataset, tmp_path):
    path = tmp_path / "kg.owl"
    export("owl", small_dataset, path)
    g = Graph().parse(path, format="xml")
    onto = ontology_graph()
    assert (SKG.SignOfNerveRootIrritation, OWL.equivalentClass, None) in g
    assert len(set(onto.subjects(RDF.type, OWL.Class))) <= len(set(g.subjects(RDF.type, OWL.Class)))
    missing = [t for t in small_dataset.triples((None, None, None)) if t not in g
               and not (isinstance(t[2], Literal) and (t[0], t[1], owl_literal(t[2])) in g)]
    assert missing == []
    dates = {str(o) for o in g.objects(None, SKG.date)}
    assert {"2016-04-03", "2016-03", "2009"} <= dates
    assert (KG["entity/straight_leg_raise_test"], SKG.indicates, KG["entity/nerve_root_irritation"]) in g
    assert (KG["entity/straight_leg_raise_test"], RDFS.label, None) in g


@pytest.mark.slow
@needs_owlapi
def test_the_owl_api_finds_no_dl_violation(small_dataset, tmp_path):
    path = tmp_path / "kg.owl"
    export("owl", small_dataset, path)
    counts, violations = owl_api_report(path, tmp_path)
    assert violations == [] and counts["violations"] == 0
    assert counts["format"].startswith("RDF/XML") and counts["individuals"] > 100


@pytest.mark.slow
@needs_owlapi
def test_the_same_triples_without_declarations_break_the_profile(small_dataset, tmp_path):
    """The check can fail: the ontology and the graph merged as they are hold undeclared terms and
    dates outside the OWL 2 datatype map."""
    g = ontology_graph()
    for t in small_dataset.triples((None, None, None)):
        g.add(t)
    path = tmp_path / "merged.owl"
    g.serialize(path, format="xml")
    counts, violations = owl_api_report(path, tmp_path)
    assert counts["violations"] > 50
    text = "\n".join(violations)
    assert "Use of undeclared annotation property: <http://www.w3.org/ns/oa#hasBody>" in text
    assert "Use of undeclared datatype: xsd:gYear" in text


@pytest.mark.slow
@needs_java
def test_hermit_finds_the_export_consistent_and_a_contradiction_not(small_dataset, tmp_path):
    path = tmp_path / "kg.owl"
    export("owl", small_dataset, path)
    assert hermit_consistent(path)
    ds = Dataset(default_union=True)
    for q in small_dataset.quads():
        ds.add(q)
    # a condition that is also a drug: the ontology declares the two disjoint
    ds.graph(URIRef(EX + "bad")).add((KG["entity/nerve_root_irritation"], RDF.type, SKG.Drug))
    bad = tmp_path / "bad.owl"
    export("owl", ds, bad)
    assert not hermit_consistent(bad)


@pytest.mark.slow
@needs_owlapi
def test_the_seeds_graph_exports_as_consistent_owl2_dl(seeds_out, tmp_path):
    from spasmkg.cli import main
    path = tmp_path / "seeds.owl"
    assert main(["export", "owl", "--graph", str(seeds_out), "--out", str(path)]) == 0
    counts, violations = owl_api_report(path, tmp_path)
    assert violations == [] and counts["individuals"] > 1500
    assert hermit_consistent(path)
