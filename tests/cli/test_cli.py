"""The two questions of the foundation, asked through the installed command line."""
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import SHARED

SPASMKG = [sys.executable, "-m", "spasmkg.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SPASMKG, *args], capture_output=True, text=True, timeout=300)


def test_exam_signs_for_nerve_root_irritation(seeds_out):
    p = run("query", "exam-signs", "--param", "condition=nerve root irritation", "--format", "json",
            "--graph", str(seeds_out))
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)["results"]["bindings"]
    signs = {r["signLabel"]["value"] for r in rows}
    assert signs == {"straight leg raise test", "Lasègue sign"}
    for r in rows:
        assert r["refNumber"]["value"] == "28"
        assert r["claimText"]["value"]
    assert any("provocative sign of nerve root" in r["claimText"]["value"] for r in rows)


def test_trace_84_percent_claim(seeds_out):
    p = run("trace", "84% of US adults", "--format", "json", "--graph", str(seeds_out))
    assert p.returncode == 0, p.stderr
    claims = json.loads(p.stdout)
    assert len(claims) == 1
    c = claims[0]
    assert "approximately 84% of US adults (175 million) experience musculoskeletal spasms" in c["text"]
    refs = {r["n"]: r for r in c["references"]}
    assert set(refs) == {12, 16}
    assert refs[12]["authors"] == ["Chou R"] and refs[12]["year"] == 2014
    assert refs[12]["container"] == "Ann Intern Med" and refs[12]["title"] == "In the clinic. Low back pain"
    assert refs[16]["authors"][0] == "Chang E" and refs[16]["year"] == 2013
    assert refs[16]["title"].startswith("A review of spasticity treatments")


def test_trace_by_reference_number(seeds_out):
    p = run("trace", "--ref", "23", "--format", "json", "--graph", str(seeds_out))
    assert p.returncode == 0 and json.loads(p.stdout) == []
    p = run("trace", "--ref", "30", "--format", "json", "--graph", str(seeds_out))
    texts = [c["text"] for c in json.loads(p.stdout)]
    assert len(texts) == 3 and any("Sprains are stretching" in t for t in texts)


def test_query_list_shows_questions_and_parameters():
    p = run("query", "--list")
    assert p.returncode == 0
    assert "exam-signs" in p.stdout and "condition" in p.stdout and "question" not in p.stdout.split("\n")[0]
    assert "parameters: claim [iri] (the claim's IRI" in p.stdout and "parameters: text (words" in p.stdout


def test_errors_name_the_problem(seeds_out, tmp_path):
    p = run("query", "no-such-query", "--graph", str(seeds_out))
    assert p.returncode == 2 and "no query named 'no-such-query'" in p.stderr
    p = run("query", "exam-signs", "--param", "condition=x", "--graph", str(tmp_path))
    assert p.returncode == 2 and str(tmp_path) in p.stderr and "spasmkg build" in p.stderr
    p = run("query", "exam-signs", "--param", "colour=red", "--graph", str(seeds_out))
    assert p.returncode == 2 and "unknown parameter 'colour'" in p.stderr


def test_gexf_opens_in_networkx_with_labels_and_types(seeds_out):
    G = nx.read_gexf(seeds_out / "graph.gexf")
    assert G.number_of_nodes() > 50 and G.number_of_edges() > 20
    for _, data in G.nodes(data=True):
        assert data.get("label") and data.get("type")
    for _, _, data in G.edges(data=True):
        assert data.get("label") or data.get("relation")
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"straight leg raise test", "nerve root irritation"} <= labels


def test_gexf_is_valid_gexf_1_3(seeds_out):
    checker = SHARED / "tools" / "check_gexf.py"
    if not checker.exists():
        pytest.skip("the GEXF 1.3 checker is not beside this checkout")
    p = subprocess.run([sys.executable, str(checker), str(seeds_out / "graph.gexf")], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_annotations_follow_the_contract_and_score(seeds_out):
    data = json.loads((seeds_out / "annotations.json").read_text(encoding="utf-8"))
    docs = {d["kind"]: d for d in data["documents"]}
    assert set(docs) == {"review", "narrative"}
    review = docs["review"]
    text = (Path(__file__).parents[2] / "seeds" / review["source"]).read_text(encoding="utf-8")
    for m in review["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["assertion"] in ("present", "negated", "possible", "hypothetical", "historical")
    for c in review["citations"]:
        assert text[c["start"]:c["end"]] == c["text"] and c["refs"]
    assert len(review["citations"]) == 98 and len(review["references"]) == 30
    scorer = SHARED / "eval" / "score.py"
    gold = SHARED / "gold" / "seeds.gold.json"
    if not scorer.exists():
        pytest.skip("the scorer is not beside this checkout")
    p = subprocess.run([sys.executable, str(scorer), str(seeds_out / "annotations.json"), str(gold), "--json"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert report["review"]["citations"]["exact"] >= 0.95
    assert report["review"]["references"]["field_accuracy"] >= 0.95
