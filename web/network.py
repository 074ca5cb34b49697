"""The network view's data: an entity, the entities it is related to, and the relations among them,
as Cytoscape.js elements (``{"data": {...}}``), also listed as plain HTML for readers without scripts."""
from __future__ import annotations

from spasmkg.web.records import Runner, relations


def neighbourhood(run: Runner, iri: str, label: str, entity_type: str, limit: int = 40) -> dict:
    """Nodes and edges within one relation of ``iri``, and the relations between those neighbours."""
    nodes = {iri: {"id": iri, "label": label, "type": entity_type, "centre": True}}
    edges: dict[tuple[str, str, str], dict] = {}

    def add_edges(source: str, rels: list[dict], grow: bool) -> None:
        for r in rels:
            if r["other"] not in nodes:
                if not grow or len(nodes) >= limit:
                    continue
                nodes[r["other"]] = {"id": r["other"], "label": r["label"], "type": r["type"], "centre": False}
            a, b = (source, r["other"]) if r["direction"] == "out" else (r["other"], source)
            if (a, r["relation"], b) not in edges:     # seen again from the other end: one edge, one id
                edges[(a, r["relation"], b)] = {"id": f"e{len(edges)}", "source": a, "target": b,
                                                "label": r["relation"]}

    add_edges(iri, relations(run, iri), grow=True)
    for other in [n for n in nodes if n != iri]:
        add_edges(other, relations(run, other), grow=False)
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "elements": [{"data": n} for n in nodes.values()] + [{"data": e} for e in edges.values()]}
