"""The patient's account read against the literature: verdicts, references, evidence, more patients."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

def cli(capsys, *args: str) -> str:
    from spasmkg.cli import main
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def compare(graph, *args: str) -> str:
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "compare", "--graph", str(graph), *args],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.fixture(scope="module")
def seeds_rows(seeds_out):
    return json.loads(compare(seeds_out, "--format", "json"))


def find(rows, feature, fragment):
    hits = [r for r in rows if r["feature"] == feature and fragment in " ".join((r["literature"] or "").split())]
    assert hits, f"no {feature} row citing {fragment!r}"
    return hits


@pytest.mark.parametrize("feature, fragment, verdict, refs", [
    ("episode_duration", "last from seconds to several minutes", "discordant", [5]),
    ("episode_duration", "from seconds to 15 minutes or longer", "discordant", [5]),
    ("site", "localized to the lumbosacral region", "discordant", [13]),
    ("age", "aged 30 to 55 years", "concordant", [6, 19]),
    ("recurrence", "73% of patients experience both symptom recurrence", "concordant", [9, 14, 20]),
    ("recurrence", "symptom recurrence is common", "concordant", [9, 14]),
    ("course", "self-limiting and last from 2 to 4 weeks", "discordant", [6, 11, 12]),
])
def test_seed_comparisons(seeds_rows, feature, fragment, verdict, refs):
    for row in find(seeds_rows, feature, fragment):
        assert row["verdict"] == verdict
        assert row["refs"] == refs
        assert row["patient_document"] == "patient-clare"


def test_patient_quotes_are_exact_spans(seeds_rows):
    text = (SEEDS / "000_13e9793492f49aec.txt").read_text(encoding="utf-8")
    for row in seeds_rows:
        p = row["patient"]
        assert text[p["start"]:p["end"]] == p["text"]
    durations = [r for r in seeds_rows if r["feature"] == "episode_duration"]
    assert durations[0]["patient"]["text"] == "Well mine last for days."   # her own words, not what she read


def test_drugs_meet_the_references_that_study_them(seeds_rows):
    drugs = {r["detail"].split(";")[0]: r["refs"] for r in seeds_rows if r["feature"] == "drugs"}
    assert drugs["Flexeril = cyclobenzaprine"] == [4, 22]
    assert drugs["Skelaxin = metaxalone"] == [4]


def test_open_questions_answer_with_signs_and_imaging(seeds_rows):
    nerve = [r for r in seeds_rows if r["feature"] == "nerve_cause"]
    assert "nerve related" in nerve[0]["patient"]["text"]
    assert {r["detail"].split(" tests")[0] for r in nerve} == {"straight leg raise test", "Lasègue sign"}
    assert all(r["refs"] == [28] for r in nerve)
    imaging = [r for r in seeds_rows if r["feature"] == "imaging"]
    assert "T11-T12" in imaging[0]["patient"]["text"] and imaging[0]["refs"] == [6, 11]


def test_every_row_evidence_resolves_through_trace(seeds_out, seeds_rows, capsys):
    rows = {r["claim"]: r for r in seeds_rows if r["claim"]}
    assert len(rows) >= 9
    for row in rows.values():
        traced = json.loads(cli(capsys, "trace", " ".join(row["literature"].split()), "--format", "json",
                                "--graph", str(seeds_out)))
        match = [t for t in traced if t["claim"] == row["claim"]]
        assert match, row["literature"]
        # the claim's own references are all in the row (a qualifying clause may add more)
        assert {r["n"] for r in match[0]["references"]} <= set(row["refs"])


def test_html_report_links_rows_to_evidence(seeds_out):
    page = compare(seeds_out, "--format", "html")
    assert page.startswith("<!doctype html>") and page.count("<tr class=") >= 10
    assert "href='#ev-patient-clare-0'" in page and "id='ev-patient-clare-0'" in page
    assert "Bratton RL" in page       # the full record of reference 28


@pytest.mark.slow
def test_a_second_patient_is_covered_without_code_changes(tmp_path_factory):
    from spasmkg.build.run import build
    inputs = tmp_path_factory.mktemp("two-patients")
    for f in SEEDS.glob("*"):
        shutil.copy(f, inputs / f.name)
    shutil.copy(ROOT / "tests" / "corpus" / "patient-marco.txt", inputs)
    out = tmp_path_factory.mktemp("two-patients-out")
    build([inputs], out)
    rows = json.loads(compare(out, "--format", "json"))
    patients = {r["patient_document"] for r in rows}
    assert patients == {"patient-clare", "patient-marco"}
    marco = [r for r in rows if r["patient_document"] == "patient-marco"]
    durations = [r for r in marco if r["feature"] == "episode_duration"]
    assert "20 minutes" in durations[0]["patient"]["text"]
    verdicts = {" ".join(r["literature"].split()): r["verdict"] for r in durations}
    assert [v for k, v in verdicts.items() if "15 minutes or longer" in k] == ["concordant"]
    assert [v for k, v in verdicts.items() if "several minutes" in k] == ["discordant"]
    assert any(r["feature"] == "age" and r["verdict"] == "concordant" for r in marco)   # 38, onset 30 to 55
    only = json.loads(compare(out, "--format", "json", "--patient", "patient-marco"))
    assert {r["patient_document"] for r in only} == {"patient-marco"}
