"""A library parameter is bound as the term its header names: a name as its lookup key, an IRI as
an IRI, a number as an xsd:integer; a value that is not what the kind says is refused before any
store runs the query."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import RDFS, SKOS

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.name_keys import name_key
from spasmkg.ontology.namespaces import KG, SKG
from spasmkg.queries import runner


def test_name_key_folds_case_width_and_spaces():
    assert name_key("  Acute\tMUSCLE \n spasm ") == "acute muscle spasm"
    assert name_key("Ｌａｓèｇｕｅ sign") == "lasègue sign"          # full-width letters, NFKC
    assert name_key("Straße") == name_key("STRASSE")                  # case-folded, not lower-cased


def test_header_kinds_are_read():
    lib = runner.library()
    assert lib["exam-signs"].kinds == {"condition": "name"}
    assert lib["claim-by-iri"].kinds == {"claim": "iri"}
    assert lib["claims-citing"].kinds == {"ref": "integer"}
    assert lib["claims-matching"].kinds == {"text": "text"}
    assert lib["exam-signs"].params["condition"].startswith("the condition's label")


def test_an_unknown_kind_is_an_error_in_the_header():
    with pytest.raises(ValueError, match="unknown kind 'colour'"):
        runner._parse("q", "# param: x (colour)  a value\nSELECT * WHERE { }\n")


def test_values_become_the_terms_their_kinds_ask_for():
    get = runner.get
    assert runner.bindings(get("exam-signs"), {"condition": " Nerve ROOT irritation"}) == \
        {Variable("condition"): Literal("nerve root irritation")}
    assert runner.bindings(get("claim-by-iri"), {"claim": "https://w3id.org/x/1"}) == \
        {Variable("claim"): URIRef("https://w3id.org/x/1")}
    assert runner.bindings(get("claims-citing"), {"ref": "+28"}) == \
        {Variable("ref"): Literal(28)}    # xsd:integer


@pytest.mark.parametrize("name, key, value", [
    ("claims-citing", "ref", "28.5"), ("claims-citing", "ref", "twenty"), ("claims-citing", "ref", ""),
    ("claim-by-iri", "claim", "no-scheme"), ("claim-by-iri", "claim", "https://x.org/a b"),
    ("claim-by-iri", "claim", "https://x.org/>} ; DROP ALL ; <"), ("reference-authors", "ref", ""),
])
def test_a_value_of_the_wrong_kind_is_refused_with_its_name(name, key, value):
    with pytest.raises(SpasmkgError) as err:
        runner.bindings(runner.get(name), {key: value})
    assert err.value.code == "E028" and repr(key) in str(err.value)


@pytest.mark.slow
def test_every_entity_name_has_its_key_in_the_same_graph(seeds_dataset):
    checked = 0
    for g in seeds_dataset.graphs():
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for entity, name in g.subject_objects(prop):
                if str(entity).startswith(str(KG["entity/"])):
                    assert (entity, SKG.nameKey, Literal(name_key(str(name)))) in g, (entity, name)
                    checked += 1
    assert checked > 100
