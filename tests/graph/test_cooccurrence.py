"""Entities named together: in one passage (a claim, an event, a statement's sentence...), or close
to each other outside every passage; and the names of the communities they fall into."""
from __future__ import annotations

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from spasmkg.graph import community_labels, cooccurrence, entity_graph
from spasmkg.ontology.namespaces import OA, SKG

DOC = URIRef("urn:doc")
E = {name: URIRef(f"https://w3id.org/spasmkg/id/entity/{name}") for name in
     ("cramp", "calf", "stretching", "night", "heat", "knee", "ice")}


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _dataset(passages: list[tuple[URIRef, int, int]], mentions: list[tuple[str, int, int]]) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("urn:graph"))
    g.add((DOC, RDF.type, SKG.ReviewArticle))
    for name, iri in E.items():
        g.add((iri, RDF.type, SKG.Symptom))
        g.add((iri, SKG.conceptId, Literal(name)))
    for i, (cls, start, end) in enumerate(passages):
        p = URIRef(f"urn:passage/{i}")
        g.add((p, RDF.type, cls))
        g.add((p, SKG.inDocument, DOC))
        g.add((p, SKG.start, _int(start)))
        g.add((p, SKG.end, _int(end)))
    for i, (name, start, end) in enumerate(mentions):
        m = URIRef(f"urn:mention/{i}")
        g.add((m, RDF.type, SKG.Mention))
        g.add((m, OA.hasBody, E[name]))
        g.add((m, SKG.inDocument, DOC))
        g.add((m, SKG.start, _int(start)))
        g.add((m, SKG.end, _int(end)))
    return ds


def test_entities_in_one_passage_are_mentioned_together_once_per_passage():
    ds = _dataset([(SKG.Claim, 0, 50), (SKG.Episode, 60, 120)],
                  [("cramp", 2, 7), ("calf", 20, 24), ("cramp", 62, 67), ("calf", 80, 84), ("stretching", 100, 110)])
    same, near = cooccurrence.together(ds)
    key = tuple(sorted((str(E["calf"]), str(E["cramp"]))))
    assert same[key] == 2
    assert same[tuple(sorted((str(E["cramp"]), str(E["stretching"]))))] == 1
    assert near == {}


def test_mentions_outside_every_passage_join_their_neighbours_only():
    gap = cooccurrence.NEARBY
    ds = _dataset([(SKG.Claim, 0, 20)],
                  [("heat", 1, 5), ("calf", 15, 19), ("night", 100, 105), ("knee", 105 + gap, 109 + gap),
                   ("cramp", 30, 35), ("ice", 1000, 1003)])
    same, near = cooccurrence.together(ds)
    # a loose mention also joins a claim's mention close by (a claim may end mid-sentence)
    assert near == {tuple(sorted((str(E["night"]), str(E["knee"])))): 1,
                    tuple(sorted((str(E["calf"]), str(E["cramp"])))): 1,
                    tuple(sorted((str(E["heat"]), str(E["cramp"])))): 1}
    assert same == {tuple(sorted((str(E["calf"]), str(E["heat"])))): 1}
    U = entity_graph.build(ds).to_undirected()
    assert U.edges[str(E["knee"]), str(E["night"])]["relation"] == entity_graph.NEARBY
    assert U.edges[str(E["calf"]), str(E["heat"])]["relation"] == entity_graph.CO_MENTIONED
    assert U.degree(str(E["ice"])) == 0


def test_a_statement_sentence_is_a_passage():
    ds = _dataset([], [("cramp", 10, 15), ("calf", 300, 304)])
    g = ds.graph(URIRef("urn:graph"))
    st = URIRef("urn:statement")
    g.add((st, RDF.type, SKG.Statement))
    g.add((st, SKG.inDocument, DOC))
    g.add((st, SKG.sentenceStart, _int(5)))
    g.add((st, SKG.sentence, Literal("x" * 400)))
    same, _ = cooccurrence.together(ds)
    assert same == {tuple(sorted((str(E["calf"]), str(E["cramp"])))): 1}


def test_a_community_is_named_by_its_most_central_entities():
    G = nx.DiGraph()
    for n, k in (("a", 0), ("b", 0), ("c", 0), ("d", 0), ("e", 1)):
        G.add_node(n, label=n.upper(), type="Symptom", kind="entity", community=k, documents="doc")
    G.add_edge("a", "b", weight=5.0)
    G.add_edge("a", "c", weight=1.0)
    G.add_edge("c", "d", weight=1.0)
    G.add_edge("d", "e", weight=1.0)
    (first, second) = community_labels.communities(G)
    assert first.label == "A · B · C" and first.size == 4 and first.edges_inside == 3 and first.edges_out == 1
    assert second.label == "E" and second.edges_out == 1
    community_labels.label_nodes(G)
    assert G.nodes["d"]["community_label"] == "A · B · C"
