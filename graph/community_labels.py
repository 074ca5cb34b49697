"""Names for the communities of the entity graph: a community is called by its most central
entities, those with the most weight on edges inside it, so a reader of the GEXF or of the summary
table sees "muscle spasm · back · pain" rather than "community 3"."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

#: entities that name a community
NAMED_BY = 3


@dataclass
class Community:
    number: int
    size: int
    label: str
    central: list[tuple[str, float]]       # (entity label, weight inside the community), most central first
    types: Counter
    documents: set[str]
    edges_inside: int
    edges_out: int


def _members(G: nx.DiGraph) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for n, data in G.nodes(data=True):
        if data.get("kind", "entity") == "entity" and data.get("community", -1) >= 0:
            out[int(data["community"])].append(n)
    return out


def communities(G: nx.DiGraph) -> list[Community]:
    """Every community of ``G`` (its nodes' ``community`` attribute), numbered as stored, with its
    central entities, types, documents and edges inside and out."""
    out = []
    for k, nodes in sorted(_members(G).items()):
        inside = set(nodes)
        weight: Counter = Counter({n: 0.0 for n in nodes})
        edges_in = edges_out = 0
        for a, b, data in G.edges(nodes, data=True):
            if G.nodes[b].get("kind", "entity") != "entity":
                continue
            if b in inside:
                edges_in += 1
                weight[a] += data.get("weight", 1.0)
                weight[b] += data.get("weight", 1.0)
            else:
                edges_out += 1
        for a, b in G.in_edges(nodes):
            if a not in inside and G.nodes[a].get("kind", "entity") == "entity":
                edges_out += 1
        ranked = sorted(nodes, key=lambda n: (-weight[n], G.nodes[n].get("label", n), n))
        central = [(G.nodes[n].get("label", n), weight[n]) for n in ranked]
        docs = {d for n in nodes for d in G.nodes[n].get("documents", "").split(";") if d}
        out.append(Community(k, len(nodes), " · ".join(lab for lab, _ in central[:NAMED_BY]), central,
                             Counter(G.nodes[n].get("type", "") for n in nodes), docs, edges_in, edges_out))
    return out


def label_nodes(G: nx.DiGraph) -> None:
    """Give every entity node its community's name as ``community_label`` ('' when it has none)."""
    names = {c.number: c.label for c in communities(G)}
    for _, data in G.nodes(data=True):
        data["community_label"] = names.get(data.get("community", -1), "")
