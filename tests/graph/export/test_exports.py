"""Every export format round-trips through the library its users read it with: networkx for GEXF
and GraphML, rdflib for the RDF formats and JSON-LD, the csv module for the tables, json for the
annotations."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from spasmkg.graph.export import FORMATS, export

SHARED = Path(__file__).resolve().parents[4] / "shared"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quads(seeds_dataset):
    return set(seeds_dataset.quads())


@pytest.mark.parametrize("evidence", [False, True])
def test_gexf_reads_back_with_attributes(seeds_dataset, tmp_path, evidence):
    path = tmp_path / "g.gexf"
    export("gexf", seeds_dataset, path, with_evidence=evidence)
    G = nx.read_gexf(path)
    assert G.number_of_nodes() > 50 and G.number_of_edges() > 50
    kinds = {d["type"] for _, d in G.nodes(data=True)}
    assert ("Claim" in kinds and "Reference" in kinds) == evidence
    for n, d in G.nodes(data=True):
        assert d["label"] and d["type"] and d["ontology_class"].startswith("https://w3id.org/spasmkg/ontology#")
        assert "viz" in d and "color" in d["viz"] and d["viz"]["size"] > 0
    slr = G.nodes["https://w3id.org/spasmkg/id/entity/straight_leg_raise_test"]
    assert slr["type"] == "ExamSign" and "spasm-review" in slr["documents"]
    edge = G.edges["https://w3id.org/spasmkg/id/entity/straight_leg_raise_test",
                   "https://w3id.org/spasmkg/id/entity/nerve_root_irritation"]
    assert edge["label"] == "indicates" and edge["weight"] >= 1
    checker = SHARED / "tools" / "check_gexf.py"
    if checker.exists():
        run = subprocess.run([sys.executable, str(checker), str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_gexf_weight_counts_supporting_claims(seeds_dataset, tmp_path):
    from rdflib.namespace import RDF
    from spasmkg.ontology.namespaces import SKG
    path = tmp_path / "g.gexf"
    export("gexf", seeds_dataset, path)
    G = nx.read_gexf(path)
    support: dict = {}
    for st in seeds_dataset.subjects(RDF.type, SKG.Statement):
        key = (str(seeds_dataset.value(st, RDF.subject)), str(seeds_dataset.value(st, RDF.object)))
        support.setdefault(key, set()).add(seeds_dataset.value(st, SKG.evidenceClaim) or st)
    assert support
    for (s, o), claims in support.items():
        assert G.edges[s, o]["weight"] == len(claims)


def test_graphml_reads_back(seeds_dataset, tmp_path):
    path = tmp_path / "g.graphml"
    export("graphml", seeds_dataset, path, with_evidence=True)
    G = nx.read_graphml(path)
    H = nx.read_gexf(_gexf(seeds_dataset, tmp_path))
    assert set(G.nodes) >= set(H.nodes)
    assert {d["type"] for _, d in G.nodes(data=True)} >= {"Claim", "Reference", "ExamSign"}


def _gexf(ds, tmp_path):
    p = tmp_path / "plain.gexf"
    export("gexf", ds, p)
    return p


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_round_trip(seeds_dataset, quads, tmp_path, fmt, parse_as):
    path = tmp_path / f"g.{fmt}"
    export(fmt, seeds_dataset, path)
    back = Dataset(default_union=True)
    back.parse(path, format=parse_as)
    assert set(back.quads()) == quads    # same triples in the same named graphs


def test_jsonld_has_a_context(seeds_dataset, tmp_path):
    path = tmp_path / "g.jsonld"
    export("jsonld", seeds_dataset, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"]["skg"] == "https://w3id.org/spasmkg/ontology#"
    assert doc["@context"]["@vocab"] == "https://w3id.org/spasmkg/ontology#"
    assert '"Claim"' in path.read_text(encoding="utf-8")     # a compact type name, thanks to the context


@pytest.mark.parametrize("fmt,parse_as", [("turtle", "turtle"), ("ntriples", "nt")])
def test_graph_formats_round_trip(seeds_dataset, tmp_path, fmt, parse_as):
    path = tmp_path / f"g.{fmt}"
    export(fmt, seeds_dataset, path)
    back = Graph()
    back.parse(path, format=parse_as)
    assert set(back) == set(seeds_dataset.triples((None, None, None)))


def test_csv_tables_load(seeds_dataset, tmp_path):
    export("csv", seeds_dataset, tmp_path / "csv", with_evidence=True)
    with open(tmp_path / "csv" / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "csv" / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:4] == ["Source", "Target", "Type", "Weight"]
    ids = {n["Id"] for n in nodes}
    assert len(ids) == len(nodes)
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    assert {e["Type"] for e in edges} <= {"Directed", "Undirected"}
    G = nx.read_gexf(_gexf(seeds_dataset, tmp_path))
    plain = {n["Id"] for n in nodes if n["kind"] == "entity"}
    assert plain == set(G.nodes)


def test_annotations_json_loads(seeds_dataset, tmp_path):
    path = tmp_path / "a.json"
    export("annotations", seeds_dataset, path)
    assert json.loads(path.read_text(encoding="utf-8"))


def test_every_format_is_tested():
    tested = {"gexf", "graphml", "trig", "nquads", "jsonld", "turtle", "ntriples", "csv", "annotations", "canonical"}
    # test_owl.py, test_kgx.py, test_neo4j.py, test_network.py and test_references_export.py test
    # these; the timeline has its own tests
    own_tests = {"owl", "kgx", "neo4j", "communities", "references"}
    assert {f for f in FORMATS if not f.startswith("timeline")} <= tested | own_tests


@pytest.mark.skipif(not __import__("shutil").which("rapper"), reason="raptor2-utils (rapper) is not installed")
@pytest.mark.parametrize("fmt,syntax", [("trig", "trig"), ("turtle", "turtle"), ("ntriples", "ntriples"),
                                        ("nquads", "nquads"), ("canonical", "nquads")])
def test_an_independent_parser_reads_the_rdf(seeds_dataset, quads, tmp_path, fmt, syntax):
    """raptor's rapper, a C parser that shares nothing with rdflib, reads every RDF export."""
    path = tmp_path / f"g.{fmt}"
    export(fmt, seeds_dataset, path)
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    count = int(run.stderr.rsplit("returned", 1)[1].split()[0])
    from spasmkg.graph.provenance import BUILD_GRAPH
    expected = {"turtle": len(set(seeds_dataset.triples((None, None, None)))),
                "ntriples": len(set(seeds_dataset.triples((None, None, None)))),
                "canonical": len([q for q in quads if getattr(q[3], "identifier", q[3]) != BUILD_GRAPH])}
    assert count == expected.get(fmt, len(quads))


def test_annotations_do_not_depend_on_the_order_triples_come_in():
    """Two outcomes of one treatment at one span tie on (start, treatment): the whole item decides."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF

    from spasmkg.graph.export import annotations_json as annotations
    from spasmkg.ontology.namespaces import SKG
    doc = URIRef("urn:doc")
    triples = [(doc, SKG.kind, Literal("narrative")), (doc, DCTERMS.identifier, Literal("d")),
               (doc, SKG.sourceFile, Literal("d.txt")), (doc, DCTERMS.title, Literal("d"))]
    for kind in ("helped", "recommended", "worse"):
        oc = URIRef(f"urn:outcome/{kind}")
        triples += [(oc, RDF.type, SKG.TreatmentOutcome), (oc, SKG.treatmentText, Literal("Ice")),
                    (oc, SKG.outcome, Literal(kind)), (oc, SKG.start, Literal(10)), (oc, SKG.end, Literal(20))]
    exports = []
    for order in (triples, triples[::-1], sorted(triples, key=lambda t: str(t[0]) + str(t[2]))):
        ds = Dataset()
        g = ds.graph(URIRef("urn:graph"))
        for t in order:
            g.add(t)
        exports.append(annotations.export(ds))
    assert exports[0] == exports[1] == exports[2]
    assert [o["outcome"] for o in exports[0]["documents"][0]["treatment_outcomes"]] == ["helped", "recommended", "worse"]
