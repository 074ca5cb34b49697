"""The entity network as Gephi opens it: entities joined through the passages that name them together,
few isolated nodes, communities named by their central entities, and a summary table of them."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import SHARED
from spasmkg.graph.export import export

CHECK_GEXF = SHARED / "tools" / "check_gexf.py"


def _gexf_is_valid(path: Path) -> None:
    if CHECK_GEXF.exists():
        run = subprocess.run([sys.executable, str(CHECK_GEXF), str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def _isolated(G: nx.Graph) -> list[str]:
    return [n for n in G if G.degree(n) == 0]


def test_the_small_network_has_no_isolated_entity_and_named_communities(small_out, small_dataset, tmp_path):
    G = nx.read_gexf(small_out / "graph.gexf")                  # as the build wrote it
    _gexf_is_valid(small_out / "graph.gexf")
    assert G.number_of_nodes() > 30 and _isolated(G) == []
    relations = {d["label"] for *_, d in G.edges(data=True)}
    assert {"co_mentioned", "indicates", "drugClass"} <= relations
    # the patient's account is joined through its events: the MRI and what it showed
    U = G.to_undirected()
    mri = "https://w3id.org/spasmkg/id/entity/mri"
    assert U.has_edge(mri, "https://w3id.org/spasmkg/id/entity/disc_bulging")
    names = {d["community"]: d["community_label"] for _, d in G.nodes(data=True)}
    assert all(names.values()) and len(names) < G.number_of_nodes() / 2
    table = tmp_path / "communities.csv"
    export("communities", small_dataset, table)
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(int(r["size"]) for r in rows) == G.number_of_nodes()
    assert {int(r["community"]): r["label"] for r in rows} == names
    for r in rows:   # the name is the first entities of the ranking, most central first
        ranked = [c.rsplit(" (", 1)[0] for c in r["central_entities"].split("; ")]
        assert r["label"].split(" · ") == ranked[:3]
        weights = [float(c.rsplit(" (", 1)[1].rstrip(")")) for c in r["central_entities"].split("; ")]
        assert weights == sorted(weights, reverse=True)


@pytest.mark.slow
def test_the_seeds_network_is_worth_opening(seeds_out, seeds_dataset, tmp_path):
    """Before passages and neighbours joined them, 97 of the 218 entities of the seeds were isolated
    and 97 of 111 communities single nodes."""
    G = nx.read_gexf(seeds_out / "graph.gexf")
    _gexf_is_valid(seeds_out / "graph.gexf")
    assert G.number_of_nodes() > 200
    assert len(_isolated(G)) <= 0.1 * G.number_of_nodes()
    sizes: dict[int, int] = {}
    for _, d in G.nodes(data=True):
        sizes[d["community"]] = sizes.get(d["community"], 0) + 1
    assert len(sizes) < 40 and sum(1 for s in sizes.values() if s == 1) <= len(_isolated(G))
    path = tmp_path / "evidence.gexf"
    export("gexf", seeds_dataset, path, with_evidence=True)
    _gexf_is_valid(path)
