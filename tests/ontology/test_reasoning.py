"""HermiT over the ontology and the seeds graph: consistency, the defined class, clear inconsistencies."""
from __future__ import annotations

import shutil

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from spasmkg.common.errors import SpasmkgError
from spasmkg.ontology.namespaces import KG, SKG
from spasmkg.ontology import reasoning
from spasmkg.queries import runner
from spasmkg.graph.store.memory import MemoryStore

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


@pytest.fixture(scope="module")
def reasoned_dataset(seeds_out):
    """A private copy of the built seeds graph with the reasoner's inferences materialized."""
    from spasmkg.graph.store.files import load
    ds = load(seeds_out)
    reasoning.materialize(ds, reasoning.reason(ds))
    return ds


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class():
    world = owlready2.World()
    onto = world.get_ontology(reasoning.ontology_path().as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)   # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    assert len(list(onto.classes())) > 50
    world.close()


def test_inferred_signs_of_nerve_root_irritation_reach_sparql(reasoned_dataset):
    inferred = reasoned_dataset.graph(reasoning.INFERRED_GRAPH)
    assert (KG["entity/straight_leg_raise_test"], RDF.type, SKG.SignOfNerveRootIrritation) in inferred
    _, rows = runner.select(MemoryStore(reasoned_dataset), "signs-of-nerve-root-irritation", {})
    labels = {str(r["signLabel"]) for r in rows}
    assert {"straight leg raise test", "Lasègue sign"} <= labels
    assert all((URIRef(str(r["sign"])), RDF.type, SKG.ExamSign) in reasoned_dataset for r in rows)


def test_the_defined_class_is_not_asserted_by_the_builder(seeds_dataset):
    assert not list(seeds_dataset.subjects(RDF.type, SKG.SignOfNerveRootIrritation))


@pytest.mark.slow
def test_a_sign_indicating_another_condition_is_not_classified():
    g = Graph()
    sign, other = KG["entity/t_sign"], KG["entity/t_condition"]
    g.add((sign, RDF.type, SKG.ExamSign))
    g.add((other, RDF.type, SKG.Condition))
    g.add((sign, SKG.indicates, other))
    g.add((sign, RDFS.label, Literal("test sign")))
    result = reasoning.reason(g)
    assert (sign, RDF.type, SKG.SignOfNerveRootIrritation) not in result.inferred


@pytest.mark.slow
def test_an_inconsistent_graph_is_a_clear_error_naming_the_individuals():
    g = Graph()
    drug, cond = KG["entity/odd_drug"], KG["entity/some_condition"]
    g.add((drug, RDF.type, SKG.Drug))
    g.add((cond, RDF.type, SKG.Condition))
    g.add((drug, SKG.indicates, cond))     # indicates needs an exam sign, symptom, test or finding
    with pytest.raises(SpasmkgError) as exc:
        reasoning.reason(g)
    assert exc.value.code == "E060"
    message = str(exc.value)
    assert "kg:entity/odd_drug" in message and "skg:Drug" in message and "skg:indicates" in message
