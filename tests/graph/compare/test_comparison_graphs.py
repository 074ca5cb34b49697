"""The named graphs comparisons are stored in: one per narrative and review, one per narrative."""
from __future__ import annotations

from spasmkg.graph.compare.to_rdf import PREFIX, graph_iri, is_comparison_graph
from spasmkg.ontology.namespaces import KG


def test_a_pair_and_a_narrative_have_graphs_of_their_own():
    assert graph_iri("patient-ana") == KG["graph/comparisons/patient-ana"]
    assert graph_iri("patient-ana", "review_2.v1") == KG["graph/comparisons/patient-ana/review_2.v1"]
    assert is_comparison_graph(graph_iri("patient-ana")) and is_comparison_graph(graph_iri("a", "b"))
    assert not is_comparison_graph(KG["graph/assembly"]) and not is_comparison_graph(KG["graph/patient-ana"])


def test_a_manifest_id_with_a_slash_or_a_space_cannot_name_another_graph():
    """A manifest may give any id: a narrative 'a/b' is not the pair of narrative 'a' and review 'b'."""
    assert graph_iri("a/b") != graph_iri("a", "b")
    assert graph_iri("a/b") == KG["graph/comparisons/a%2Fb"]
    assert " " not in graph_iri("Mrs Smith", "review 1")
    assert all(g.startswith(PREFIX) for g in (graph_iri("a/b"), graph_iri("x", "y z")))
