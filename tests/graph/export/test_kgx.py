"""The KGX export: entities with Biolink categories, relations with Biolink predicates, checked by the
``kgx`` validator itself (in its own environment, ``.venv-kgx``, which ``make test`` installs)."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import tarfile
from importlib import resources
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from spasmkg.graph.export import biolink, export
from spasmkg.graph.export.kgx import EDGE_COLUMNS, NODE_COLUMNS

KGX_PYTHON = ROOT / ".venv-kgx" / "bin" / "python"
VALIDATE = Path(__file__).resolve().parent / "kgx_validate.py"
PREFIX = f"--prefix={biolink.PREFIX}=https://w3id.org/spasmkg/id/entity/"
KGX_CURIE = re.compile(r"^[^ <()>:]*:[^/ :]+$")        # kgx.prefix_manager.PrefixManager.is_curie

needs_kgx = pytest.mark.skipif(not (ROOT / ".venv-kgx" / ".installed").exists(), reason="the KGX validator's environment (.venv-kgx, "
                               "installed by make test from requirements-kgx.lock) is missing")


def _biolink_schema() -> tuple[set[str], set[str]]:
    path = Path(str(resources.files("biolink_model") / "schema" / "biolink_model.yaml"))
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes = {"biolink:" + "".join(w[:1].upper() + w[1:] for w in n.split()) for n in schema["classes"]}
    slots = {"biolink:" + n.replace(" ", "_") for n in schema["slots"]}
    return classes, slots


def test_categories_and_predicates_come_from_the_alignment_and_exist_in_biolink():
    classes, props = biolink.alignment()
    assert classes["Drug"] == "biolink:Drug" and classes["Disorder"] == "biolink:Disease"
    assert classes["SignOfNerveRootIrritation"] == classes["ExamSign"] == "biolink:ClinicalFinding"  # the parent's
    assert props["indicates"] == "biolink:correlated_with" and props["treats"] == "biolink:treats"
    assert "synonymOf" not in props                       # aligned to SKOS only: exported as related_to
    known_classes, known_slots = _biolink_schema()
    assert set(classes.values()) - known_classes == set()
    assert set(props.values()) - known_slots == set()


def test_entity_identifiers_are_curies_kgx_accepts():
    assert biolink.curie("https://w3id.org/spasmkg/id/entity/anatomy/l4-l5") == "SPASMKG:anatomy.l4-l5"
    assert KGX_CURIE.match(biolink.curie("https://w3id.org/spasmkg/id/entity/trigger/gardening"))


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def small_kgx(small_dataset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kgx") / "export-kgx"
    export("kgx", small_dataset, out)
    return out


def test_every_entity_is_a_node_and_every_relation_an_edge(small_kgx, small_dataset):
    nodes, edges = _read(small_kgx / "nodes.tsv"), _read(small_kgx / "edges.tsv")
    assert list(nodes[0]) == list(NODE_COLUMNS) and list(edges[0]) == list(EDGE_COLUMNS)
    ids = {n["id"] for n in nodes}
    assert len(ids) == len(nodes) == len(biolink.nodes(small_dataset)) > 20
    assert all(KGX_CURIE.match(i) for i in ids)
    assert all(e["subject"] in ids and e["object"] in ids for e in edges)
    assert len({e["id"] for e in edges}) == len(edges)
    by_id = {n["id"]: n for n in nodes}
    assert by_id["SPASMKG:cyclobenzaprine"]["category"] == "biolink:Drug"
    assert by_id["SPASMKG:nerve_root_irritation"]["category"] == "biolink:DiseaseOrPhenotypicFeature"
    assert "HP:0003394" in by_id["SPASMKG:acute_muscle_spasm"]["xref"].split("|")
    slr = [e for e in edges if e["subject"] == "SPASMKG:straight_leg_raise_test"]
    assert [(e["predicate"], e["object"], e["knowledge_level"], e["agent_type"]) for e in slr] == [
        ("biolink:correlated_with", "SPASMKG:nerve_root_irritation", "knowledge_assertion", "text_mining_agent")]
    assert set(slr[0]["publications"].split("|")) == {"PMID:25000001", "doi:10.1000/jsc.2015.0101"}
    derived = [e for e in edges if e["original_predicate"].endswith("#drugClass")]
    assert derived and {(e["predicate"], e["knowledge_level"]) for e in derived} == {("biolink:subclass_of", "not_provided")}


def test_a_tar_archive_holds_the_same_two_files(small_dataset, small_kgx, tmp_path):
    path = tmp_path / "kg.tar.gz"
    export("kgx", small_dataset, path)
    with tarfile.open(path) as tar:
        assert sorted(tar.getnames()) == ["edges.tsv", "nodes.tsv"]
        for name in ("nodes.tsv", "edges.tsv"):
            assert tar.extractfile(name).read() == (small_kgx / name).read_bytes()


def _validate(*args: str) -> dict:
    run = subprocess.run([str(KGX_PYTHON), str(VALIDATE), *args], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.slow
@needs_kgx
def test_the_kgx_validator_finds_no_error(small_kgx):
    result = _validate(PREFIX, str(small_kgx / "nodes.tsv"), str(small_kgx / "edges.tsv"))
    assert result["biolink_version"] == "4.4.6"
    assert result["report"] == {}


@pytest.mark.slow
@needs_kgx
def test_the_validator_catches_what_it_should(small_kgx, tmp_path):
    """Without spasmkg's prefix every identifier is an error, and only that; a predicate or category
    Biolink lacks is an error too: the check can fail."""
    nodes, edges = small_kgx / "nodes.tsv", small_kgx / "edges.tsv"
    plain = _validate(str(nodes), str(edges))["report"]
    assert set(plain) == {"ERROR"} and set(plain["ERROR"]) == {"INVALID_NODE_PROPERTY_VALUE", "INVALID_EDGE_PROPERTY_VALUE"}
    assert all("'SPASMKG'" in m for kind in plain["ERROR"].values() for m in kind)
    bad_nodes, bad_edges = tmp_path / "nodes.tsv", tmp_path / "edges.tsv"
    bad_nodes.write_text(nodes.read_text(encoding="utf-8").replace("biolink:Drug\t", "biolink:Medicine\t"), encoding="utf-8")
    bad_edges.write_text(edges.read_text(encoding="utf-8").replace("biolink:correlated_with", "biolink:points_to"),
                         encoding="utf-8")
    report = _validate(PREFIX, str(bad_nodes), str(bad_edges))["report"]
    assert set(report["ERROR"]) >= {"INVALID_CATEGORY", "INVALID_EDGE_PREDICATE"}
    messages = json.dumps(report)
    assert "Medicine" in messages and "points_to" in messages


@pytest.mark.slow
@needs_kgx
def test_the_seeds_graph_validates(seeds_out, tmp_path):
    from spasmkg.cli import main
    out = tmp_path / "seeds.tar.gz"
    assert main(["export", "kgx", "--graph", str(seeds_out), "--out", str(out)]) == 0
    with tarfile.open(out) as tar:
        tar.extractall(tmp_path / "seeds", filter="data")
    nodes, edges = tmp_path / "seeds" / "nodes.tsv", tmp_path / "seeds" / "edges.tsv"
    assert len(_read(nodes)) > 200 and len(_read(edges)) > 50
    assert _validate(PREFIX, str(nodes), str(edges))["report"] == {}
