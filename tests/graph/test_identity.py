"""Deterministic identity: a rebuild of the same inputs is the same knowledge graph, quad for quad;
the build's PROV-O activity, the only part that changes with time, lives in its own file."""
from __future__ import annotations

import hashlib

import pytest
from rdflib import Dataset
from rdflib.namespace import PROV, RDF, RDFS

from spasmkg.graph.identity import canonical_nquads


def graph_hash(path) -> str:
    return hashlib.sha256(canonical_nquads(path).encode("utf-8")).hexdigest()
from spasmkg.ontology.namespaces import KG, SKG
from spasmkg.graph.provenance import BUILD_GRAPH

from conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    from spasmkg.build.run import build
    out = tmp_path_factory.mktemp("rebuild")
    build([SEEDS], out)
    return out


def test_rebuild_gives_identical_canonical_nquads(seeds_out, rebuilt):
    first = canonical_nquads(seeds_out / "graph.trig")
    assert first.count("\n") > 5000
    assert canonical_nquads(rebuilt / "graph.trig") == first
    assert graph_hash(rebuilt / "graph.trig") == graph_hash(seeds_out / "graph.trig")


def test_rebuild_writes_the_same_bytes(seeds_out, rebuilt):
    # named graphs in IRI order, subjects sorted: graph.trig itself is reproducible, not only its quads
    assert (rebuilt / "graph.trig").read_bytes() == (seeds_out / "graph.trig").read_bytes()


def test_graph_holds_no_build_time(seeds_out):
    text = (seeds_out / "graph.trig").read_text(encoding="utf-8")
    assert "dateTime" not in text and "prov:startedAtTime" not in text


def test_canonical_nquads_notice_a_change(seeds_out, tmp_path):
    changed = tmp_path / "graph.trig"
    changed.write_text((seeds_out / "graph.trig").read_text(encoding="utf-8").replace(
        '"straight leg raise test"', '"straight-leg raise test"', 1), encoding="utf-8")
    assert graph_hash(changed) != graph_hash(seeds_out / "graph.trig")


def _prov(out) -> Dataset:
    ds = Dataset()
    ds.parse(out / "provenance.trig", format="trig")
    return ds


def test_build_activity(seeds_out, rebuilt):
    ds = _prov(seeds_out)
    g = ds.graph(BUILD_GRAPH)
    (act,) = list(g.subjects(RDF.type, PROV.Activity))
    assert g.value(act, PROV.startedAtTime) <= g.value(act, PROV.endedAtTime)
    software = g.value(act, PROV.wasAssociatedWith)
    assert (software, RDF.type, PROV.SoftwareAgent) in g
    used = set(g.objects(act, PROV.used))
    labels = {str(g.value(u, RDFS.label)) for u in used}
    assert {"parser", "spasmkg_vocabulary", "spasmkg_relations"} <= labels
    assert any(str(m).startswith(str(KG["model/"])) for m in used)
    hashes = {str(g.value(u, SKG.sha256)): str(g.value(u, SKG.sourceFile)) for u in used if g.value(u, SKG.sha256)}
    for f in SEEDS.glob("*.txt"):
        assert hashes[hashlib.sha256(f.read_bytes()).hexdigest()] == f.name
    assert set(g.objects(act, PROV.generated)) == {KG["graph/spasm-review"], KG["graph/patient-clare"]}
    # the same recipe names the same activity in every build
    (act2,) = list(_prov(rebuilt).graph(BUILD_GRAPH).subjects(RDF.type, PROV.Activity))
    assert act2 == act


def test_loaded_graph_answers_how_it_was_made(seeds_dataset):
    from spasmkg.graph.store.memory import MemoryStore
    names, rows = MemoryStore(seeds_dataset).select(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?g ?a WHERE { ?g prov:wasGeneratedBy ?a . "
        "?a prov:used ?input . ?g prov:wasDerivedFrom ?input }")
    assert {str(r["g"]) for r in rows} == {str(KG["graph/spasm-review"]), str(KG["graph/patient-clare"])}


def test_canonical_export_is_byte_identical_across_builds(seeds_out, rebuilt, tmp_path):
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    export("canonical", load(seeds_out), tmp_path / "a.nq")
    export("canonical", load(rebuilt), tmp_path / "b.nq")
    a = (tmp_path / "a.nq").read_bytes()
    assert a == (tmp_path / "b.nq").read_bytes()
    assert b"graph/build>" not in a                       # the timed activity is left out
    assert hashlib.sha256(a).hexdigest() == graph_hash(seeds_out / "graph.trig")
