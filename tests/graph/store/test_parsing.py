"""Oxigraph's parser fills an rdflib Dataset with exactly the quads rdflib's own parser gives."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from spasmkg.graph.store.parsing import parse_into

pytestmark = pytest.mark.slow


def test_trig_gives_the_same_quads_as_rdflib(seeds_out):
    ours, theirs = Dataset(), Dataset()
    parse_into(ours, seeds_out / "graph.trig", "trig")
    theirs.parse(seeds_out / "graph.trig", format="trig")
    assert set(ours.quads()) == set(theirs.quads())
    assert len(ours) > 10_000


def test_datatypes_and_languages_are_kept_and_triples_go_to_the_graph_given():
    nt = ('<urn:a> <urn:p> "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n'
          '<urn:a> <urn:p> "plain" .\n<urn:a> <urn:p> "Rücken"@de .\n')
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    parse_into(ds, nt, "nt", graph=g)
    assert set(g.objects(URIRef("urn:a"), URIRef("urn:p"))) == {
        Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")), Literal("plain"), Literal("Rücken", lang="de")}


def test_a_syntax_error_is_raised():
    with pytest.raises(SyntaxError):
        parse_into(Dataset(), "<urn:a> <urn:p> .\n", "nt")
