"""One graph over many documents: merged concepts and works, assembled statements, conflicts, communities."""
from __future__ import annotations

import shutil
import subprocess
import sys

import networkx as nx
import pytest
from rdflib.namespace import RDF

from conftest import ROOT, SEEDS, SHARED

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    """The two seeds and the six corpus texts built into one graph."""
    from spasmkg.build.run import build
    inputs = tmp_path_factory.mktemp("shelf-in")
    for f in [*SEEDS.glob("*"), *CORPUS.glob("*.txt")]:
        shutil.copy(f, inputs / f.name)
    out = tmp_path_factory.mktemp("shelf-out")
    summary = build([inputs], out)
    return out, summary


@pytest.fixture(scope="module")
def run(shelf):
    from spasmkg.graph.store.files import load
    from spasmkg.queries import runner
    ds = load(shelf[0])

    def run(name: str, **params: str):
        names, rows = runner.select(runner_store(ds), name, params)
        return [{k: (None if v is None else str(v)) for k, v in r.items()} for r in rows]
    return run


def runner_store(ds):
    from spasmkg.graph.store.memory import MemoryStore
    return MemoryStore(ds)


def test_concepts_merge_with_their_surface_forms(run):
    rows = run("entity-sources", label="Lasegue's sign")
    assert {r["entityLabel"] for r in rows} == {"Lasègue sign"}
    assert {r["document"] for r in rows} == {"spasm-review", "review-brackets-vancouver"}
    assert {"Lasègue sign", "Lasègue's sign"} <= {r["surfaceForm"] for r in rows}
    slr = run("entity-sources", label="SLR")
    assert {r["entityLabel"] for r in slr} == {"straight leg raise test"}
    assert {"straight leg raise", "SLR", "straight leg raising"} <= {r["surfaceForm"] for r in slr}
    assert {"spasm-review", "review-brackets-vancouver", "case-report-lumbar"} <= {r["document"] for r in slr}


def test_a_synonymy_claim_is_recorded_not_merged(run):
    rows = run("synonymy-claims")
    hit = [r for r in rows if r["document"] == "review-brackets-vancouver"]
    assert hit and {hit[0]["nameLabel"], hit[0]["otherLabel"]} == {"straight leg raise test", "Lasègue sign"}
    assert hit[0]["refNumber"] == "6"
    # the two signs stay two entities
    assert run("entity-sources", label="Lasègue sign")[0]["entity"] != run("entity-sources", label="SLR")[0]["entity"]


def test_a_reference_in_two_styles_is_one_work(run):
    rows = run("shared-references")
    chou = [r for r in rows if r["title"] and r["title"].startswith("Diagnosis and treatment of low back pain")]
    assert {(r["citingDocument"], r["refNumber"]) for r in chou} == {
        ("spasm-review", "11"), ("guideline-imaging", "3"), ("review-brackets-vancouver", "1")}
    assert len({r["work"] for r in chou}) == 1
    bratton = {(r["citingDocument"], r["refNumber"]) for r in rows if r["title"] == "Assessment and management of acute low back pain"}
    assert bratton == {("spasm-review", "28"), ("guideline-imaging", "2"), ("case-report-lumbar", "2")}


def test_a_conflict_between_two_patient_stories(run):
    rows = [r for r in run("conflicts") if r["kind"] == "treatment_outcome"]
    ice = [r for r in rows if r["label"].startswith("ice:")]
    sides = {(r["side"], r["document"]) for r in ice}
    assert ("positive", "patient-ana") in sides and ("negative", "patient-clare") in sides
    flexeril = {(r["side"], r["document"]) for r in rows if r["label"].startswith("cyclobenzaprine:")}
    assert ("positive", "patient-marco") in flexeril and ("negative", "patient-clare") in flexeril


def test_statement_document_and_work_counts_are_exact(run):
    rows = run("statement-support")
    slr = [r for r in rows if (r["subjectLabel"], r["predicate"], r["objectLabel"]) ==
           ("straight leg raise test", "indicates", "nerve root irritation")]
    assert len(slr) == 1
    # the seed review (reference 28) and the Vancouver review (reference 6): two documents, two works
    assert (slr[0]["documents"], slr[0]["works"]) == ("2", "2")
    single = run("single-source")
    assert all(int(r["documents"]) <= 1 or int(r["works"]) <= 1 for r in single)
    assert not any(r["statement"] == slr[0]["statement"] for r in single)


def test_merged_graph_is_smaller_than_its_parts_and_never_mixes_classes(shelf):
    from spasmkg.ontology.namespaces import KG, SKG
    from spasmkg.graph.store.files import load
    out, summary = shelf
    ds = load(out)
    per_doc = {}
    for m in ds.subjects(RDF.type, SKG.Mention):
        per_doc.setdefault(str(ds.value(m, SKG.inDocument)), set()).add(str(ds.value(m, _body())))
    total = sum(len(v) for v in per_doc.values())
    merged = len(set().union(*per_doc.values()))
    assert len(per_doc) == 8 and merged < total
    assert f"entities {total} per document, {merged} once merged" in summary.assembly
    ontology = _ontology()
    for e in {s for s in ds.subjects(RDF.type, None) if str(s).startswith(str(KG["entity/"]))}:
        classes = {t for t in ds.objects(e, RDF.type) if str(t).startswith(str(SKG))}
        # a class and its superclasses are one class; two unrelated classes would be a wrong merge
        specific = {c for c in classes if not any(c in _ancestors(ontology, o) for o in classes if o != c)}
        assert len(specific) == 1, (e, classes)


def _ontology():
    from importlib import resources

    from rdflib import Graph
    return Graph().parse(data=(resources.files("spasmkg.ontology") / "spasmkg.ttl").read_text(encoding="utf-8"),
                         format="turtle")


def _ancestors(g, cls):
    from rdflib.namespace import RDFS
    return set(g.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def _body():
    from spasmkg.ontology.namespaces import OA
    return OA.hasBody


def test_gexf_has_a_community_partition_and_is_valid(shelf):
    out, _ = shelf
    G = nx.read_gexf(out / "graph.gexf")
    communities = {d["community"] for _, d in G.nodes(data=True)}
    assert len(communities) > 1 and all(isinstance(c, int) for c in communities)
    checker = SHARED / "tools" / "check_gexf.py"
    if not checker.exists():
        pytest.skip("the GEXF 1.3 checker is not beside this checkout")
    p = subprocess.run([sys.executable, str(checker), str(out / "graph.gexf")], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_new_queries_agree_on_rdflib_and_oxigraph(shelf, tmp_path):
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.graph.store.oxigraph import OxigraphStore
    from spasmkg.queries import runner
    ds = load(shelf[0])
    ox = OxigraphStore(tmp_path / "ox")
    ox.load_graph(shelf[0])
    for name, params in [("shared-references", {}), ("entity-sources", {"label": "SLR"}),
                         ("statement-support", {}), ("single-source", {}), ("conflicts", {}),
                         ("synonymy-claims", {}), ("communities", {})]:
        a = runner.select(MemoryStore(ds), name, params)[1]
        b = runner.select(ox, name, params)[1]
        norm = lambda rows: sorted(tuple(sorted((k, str(v)) for k, v in r.items() if v is not None)) for r in rows)
        assert norm(a) == norm(b), name


def test_communities_group_what_the_sources_link(run):
    rows = run("communities")
    community = {r["entityLabel"]: r["community"] for r in rows}
    # the sign, the condition it indicates, and the sign named as its synonym fall together
    assert community["straight leg raise test"] == community["nerve root irritation"] == community["Lasègue sign"]
    assert len(set(community.values())) > 5
    counts = {r["entityLabel"]: int(r["documents"]) for r in rows}
    assert counts["straight leg raise test"] == 3
