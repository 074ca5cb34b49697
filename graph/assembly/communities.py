"""A community partition of the entity graph (networkx's Louvain, fixed seed): an overview of a
large graph that needs no language model. Each entity gets ``skg:community`` (an integer; 0 is
the largest community)."""
from __future__ import annotations

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from spasmkg.graph import community_labels
from spasmkg.ontology.namespaces import SKG

SEED = 7


def partition(G: nx.DiGraph) -> dict[str, int]:
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes))
    for a, b, data in sorted(G.edges(data=True)):
        w = data.get("weight", 1.0)
        if U.has_edge(a, b):
            U[a][b]["weight"] += w
        else:
            U.add_edge(a, b, weight=w)
    if U.number_of_nodes() == 0:
        return {}
    parts = nx.community.louvain_communities(U, weight="weight", seed=SEED)
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {node: k for k, p in enumerate(parts) for node in p}


def write(g: Graph, membership: dict[str, int]) -> None:
    for node, k in sorted(membership.items()):
        g.add((URIRef(node), SKG.community, Literal(k, datatype=XSD.integer)))


def joined(G: nx.DiGraph, membership: dict[str, int]) -> nx.DiGraph:
    """``G`` with each node's community as :func:`write` states it: the entity graph drawn from the
    graph once the communities are in it (the partition reads nothing else assembly writes), without
    reading the graph again."""
    for node, data in G.nodes(data=True):
        data["community"] = membership.get(node, -1)
    community_labels.label_nodes(G)
    return G
