"""The patient queries and the timeline export, on the seeds and on an account written for the tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries import runner

ACCOUNT = """I am a 58 year old man with back spasms.

My first episode was in May 2017 after shoveling snow and lasted 3 days. In October 2017 I had another spasm episode that lasted a week. I saw a chiropractor on October 9. Ibuprofen did nothing. Heat helps.

On March 3, 2018 I had a spasm after a long flight. My doctor ordered an MRI, which showed mild disc bulging at L3-L4.
"""


@pytest.fixture(scope="module")
def account_graph(tmp_path_factory):
    from spasmkg.build.run import build
    from spasmkg.graph.store.files import load
    src = tmp_path_factory.mktemp("account-in")
    (src / "walt.txt").write_text(ACCOUNT, encoding="utf-8")
    out = tmp_path_factory.mktemp("account-out")
    build([src], out)
    return out, load(out)


def rows(ds, name, **params):
    names, found = runner.select(MemoryStore(ds), name, params)
    return [{v: (str(r[v]) if r[v] is not None else None) for v in names} for r in found]


def test_timeline_lists_episodes_in_date_order_with_durations_and_triggers(account_graph):
    _, ds = account_graph
    got = [(r["date"], r["duration"], r["trigger"]) for r in rows(ds, "patient-timeline")]
    assert got == [("2017-05", "3 days", "shoveling snow"), ("2017-10", "a week", None),
                   ("2018-03-03", None, "a long flight")]
    assert [r["n"] for r in rows(ds, "patient-timeline")] == ["1", "2", "3"]


def test_treatments_by_outcome_with_generic_and_class(account_graph):
    _, ds = account_graph
    got = {(r["treatment"], r["concept"], r["drugClass"]) for r in rows(ds, "treatments", outcome="no_effect")}
    assert got == {("Ibuprofen", "ibuprofen", "nonsteroidal anti-inflammatory drug")}
    assert {r["treatment"] for r in rows(ds, "treatments", outcome="helped")} == {"Heat"}


def test_findings_by_level(account_graph):
    _, ds = account_graph
    got = [(r["site"], r["finding"], r["severity"]) for r in rows(ds, "findings-by-level")]
    assert got == [("L3-L4", "disc bulging", "mild")]


def test_the_timeline_is_typed_for_sparql_date_order(account_graph):
    _, ds = account_graph
    q = """PREFIX skg: <https://w3id.org/spasmkg/ontology#>
           SELECT ?d WHERE { ?e a skg:Episode ; skg:date ?d . FILTER(datatype(?d) = xsd:date) }"""
    _, found = MemoryStore(ds).select("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n" + q)
    assert [str(r["d"]) for r in found] == ["2018-03-03"]


def test_annotations_carry_events_and_outcomes(account_graph):
    import json
    out, _ = account_graph
    (doc,) = json.loads((out / "annotations.json").read_text(encoding="utf-8"))["documents"]
    assert doc["patient"] == {"age": 58, "sex": "male", "name": None}
    assert {e["date"] for e in doc["events"] if e["type"] == "episode"} == {"2017-05", "2017-10", "2018-03-03"}
    assert {(o["treatment"], o["outcome"]) for o in doc["treatment_outcomes"]} >= {("Ibuprofen", "no_effect"),
                                                                                  ("Heat", "helped")}


def test_timeline_gexf_is_dynamic_with_spells(account_graph, tmp_path):
    from spasmkg.graph.export import export
    _, ds = account_graph
    path = tmp_path / "timeline.gexf"
    export("timeline-gexf", ds, path)
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    graph = root.find("g:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    episodes = [n for n in root.iterfind(".//g:node", ns) if n.get("label", "").startswith("episode")]
    assert [(n.get("start"), n.get("end")) for n in episodes] == [
        ("2017-05-01", "2017-05-03"), ("2017-10-01", "2017-10-07"), ("2018-03-03", "2018-03-03")]
    labels = {e.get("label") for e in root.iterfind(".//g:edge", ns)}
    assert {"experienced", "next"} <= labels
    checker = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "check_gexf.py"
    if checker.exists():
        done = subprocess.run([sys.executable, str(checker), str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_seed_timeline_and_no_effect_treatments(seeds_dataset):
    dates = [r["date"] for r in rows(seeds_dataset, "patient-timeline") if r["date"]]
    assert dates == sorted(dates) and len(dates) >= 10
    treated = {r["treatment"].lower() for r in rows(seeds_dataset, "treatments", outcome="no_effect")}
    assert {"ice", "nsaids", "advil", "injection", "flexeril", "physical therapy", "adjustments"} <= treated


def test_cli_lists_the_timeline(seeds_out):
    exe = shutil.which("spasmkg", path=str(Path(sys.executable).parent))
    done = subprocess.run([exe, "query", "patient-timeline", "--graph", str(seeds_out)],
                          capture_output=True, text=True, check=True)
    assert "2014-11-08" in done.stdout and "3-4 days" in done.stdout


CLARE = "https://w3id.org/spasmkg/id/patient/patient-clare"


def test_what_helped_lists_the_care_in_date_order_with_the_remission_course_as_helped(seeds_dataset):
    found = rows(seeds_dataset, "what-helped", patient=CLARE)
    courses = list(dict.fromkeys((r["start"], r["end"], r["treatment"], r["provider"], r["outcome"]) for r in found))
    starts = [c[0] for c in courses]
    assert starts == sorted(starts)
    helped = [c for c in courses if c[4] == "helped"]
    assert helped == [("2015-02-04", "2015-03-09", "chiropractor", "chiropractor", "helped")]
    remission = {(r["remission"], r["remissionUntil"]) for r in found if r["remission"]}
    assert len(remission) == 1
    said, until = remission.pop()
    assert "no spasms" in said and until == "2015-05-23"       # "I was spasm-free until May 23"
    # the treatments the orthopedist and the emergency room gave are theirs
    assert ("2014-12", "2014-12", "injection", "orthopedist", "no_effect") in courses
    assert ("2014-12-20", "2014-12-20", "oxycodone with acetaminophen", "emergency room", "partial") in courses


def test_triggers_of_the_spasms_as_a_whole_are_the_patients(seeds_dataset):
    from rdflib import URIRef
    from spasmkg.ontology.namespaces import SKG
    got = {str(t) for t in seeds_dataset.objects(URIRef(CLARE), SKG.courseTrigger)}
    # the cold pool, told of three episodes; walking around, told in the present of the condition
    assert got == {"https://w3id.org/spasmkg/id/entity/cold_pool", "https://w3id.org/spasmkg/id/entity/walking_around"}


def test_a_treatment_advised_during_a_visit_names_who_advised_it(seeds_dataset):
    from spasmkg.ontology.namespaces import SKG
    advised = {(str(seeds_dataset.value(o, SKG.treatmentText)), str(p))
               for o, p in seeds_dataset.subject_objects(SKG.provider)
               if str(seeds_dataset.value(o, SKG.outcome)) == "recommended"}
    assert ("totally gluten-free diet", "chiropractor") in advised
    assert ("PT", "orthopedist") in advised and ("PT", "physical therapy") not in advised
