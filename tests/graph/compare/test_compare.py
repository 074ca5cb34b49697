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
    ("episode_duration", "last from seconds to several minutes", "outside the usual range", [5]),
    ("episode_duration", "from seconds to 15 minutes or longer", "outside the usual range", [5]),
    ("site", "localized to the lumbosacral region", "outside the usual range", [13]),
    ("age", "aged 30 to 55 years", "within the usual range", [6, 19]),
    ("recurrence", "73% of patients experience both symptom recurrence", "agrees", [9, 14, 20]),
    ("recurrence", "symptom recurrence is common", "agrees", [9, 14]),
    ("course", "self-limiting and last from 2 to 4 weeks", "outside the usual range", [6, 11, 12]),
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
    # tests of lumbosacral roots, for a thoracic herniation: said to be so, not offered as the answer
    for r in nerve:
        assert (r["verdict"], r["verdict_text"]) == ("not addressed", "not addressed at the patient's level")
        assert "lumbosacral nerve roots" in r["detail"] and "thoracic" in r["detail"] and "T11-T12" in r["detail"]
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
    assert [v for k, v in verdicts.items() if "15 minutes or longer" in k] == ["within the usual range"]
    assert [v for k, v in verdicts.items() if "several minutes" in k] == ["outside the usual range"]
    assert any(r["feature"] == "age" and r["verdict"] == "within the usual range" for r in marco)   # 38, onset 30 to 55
    only = json.loads(compare(out, "--format", "json", "--patient", "patient-marco"))
    assert {r["patient_document"] for r in only} == {"patient-marco"}


def test_seed_site_is_worded_from_the_literature_hedge_and_symptoms_and_stress_are_read(seeds_rows):
    site = [r for r in seeds_rows if r["feature"] == "site"]
    assert site and all(r["verdict_text"] == "outside the usual site" for r in site)
    assert all("patient: thoracic" in r["detail"] and "spasms may be lumbosacral" in r["detail"] for r in site)
    duration = find(seeds_rows, "episode_duration", "last from seconds to several minutes")[0]
    assert "“last for days” (derived: 2 days to 13 days)" in duration["detail"]
    assert "“from seconds to several minutes” (derived:" in duration["detail"]
    course = find(seeds_rows, "course", "self-limiting and last from 2 to 4 weeks")[0]
    assert course["detail"].startswith("patient: “3-month cycle”;")          # as written, nothing derived
    symptoms = {r["detail"].split(";")[0]: r["verdict"] for r in seeds_rows if r["feature"] == "symptoms"}
    assert symptoms["patient: “sore” (soreness)"] == "agrees"
    assert not any("sleepy" in k or "nauseated" in k for k in symptoms)      # a drug's side effect is no symptom
    stress = [r for r in seeds_rows if r["feature"] == "psychosocial"]
    assert stress and all(r["verdict"] == "agrees" and "“stress”" in r["detail"] for r in stress)


# A short review and a short account written for these tests.
REVIEW = """Back Spasm in Primary Care: A Short Review

Presentation

Muscle spasms of the back are often localized to the lumbosacral region [1]. Spasm episodes usually last from seconds to a few minutes [2]. Patients describe a sharp pain and stiffness during a spasm episode [2]. Psychosocial factors can be important contributors to back pain [1].

Examination

A positive straight leg raise between 30 and 70 degrees suggests nerve root irritation [3].

References

1. Chou R, Qaseem A, Snow V, Casey D, Cross JT Jr, Shekelle P, et al. Diagnosis and treatment of low back pain: a joint clinical practice guideline from the American College of Physicians and the American Pain Society. Ann Intern Med. 2007;147:478-91.
2. Deyo RA, Weinstein JN. Low back pain. N Engl J Med. 2001;344:363-70.
3. Devillé WL, van der Windt DA, Dzaferagic A, Bezemer PD, Bouter LM. The test of Lasègue: systematic review of the accuracy in diagnosing herniated discs. Spine. 2000;25(9):1140-7.
"""

ACCOUNT = """I am a 44 year old woman with back spasms in my mid-back. My spasms last for days. The pain is sharp. I was under a lot of stress after I lost my job. I wonder if it is something nerve related.

My first episode was in 2018 after swimming in a cold lake. It lasted 3-4 days.

On March 2, 2021 I saw a massage therapist. I saw the massage therapist again on March 9 and March 16. I had no spasms the whole time I saw her.

In April 2021 my doctor ordered an MRI. The report says:

T8-T9: small disc herniation indenting the thecal sac

- Rosa
"""


@pytest.fixture(scope="module")
def own_out(tmp_path_factory):
    from spasmkg.build.run import build
    src = tmp_path_factory.mktemp("own-in")
    (src / "review-short.txt").write_text(REVIEW, encoding="utf-8")
    (src / "patient-rosa.txt").write_text(ACCOUNT, encoding="utf-8")
    out = tmp_path_factory.mktemp("own-out")
    build([src], out)
    return out


@pytest.fixture(scope="module")
def own_rows(own_out):
    return json.loads(compare(own_out, "--format", "json"))


def test_a_thoracic_site_is_outside_a_usual_lumbosacral_site(own_rows):
    site = [r for r in own_rows if r["feature"] == "site"]
    assert [(r["verdict"], r["verdict_text"]) for r in site] == [("outside the usual range", "outside the usual site")]
    assert site[0]["detail"].endswith("the literature says spasms are often lumbosacral")


def test_a_lumbosacral_test_is_not_offered_for_a_thoracic_finding(own_rows):
    nerve = [r for r in own_rows if r["feature"] == "nerve_cause"]
    assert len(nerve) == 1 and nerve[0]["verdict"] == "not addressed"
    assert "straight leg raise test tests lumbosacral nerve roots" in nerve[0]["detail"]
    assert "another level (thoracic, T8-T9: " in nerve[0]["detail"]


def test_a_vague_duration_is_shown_as_written_with_the_derived_numbers_beside_it(own_rows):
    row = [r for r in own_rows if r["feature"] == "episode_duration"]
    assert len(row) == 1 and row[0]["verdict"] == "outside the usual range"
    assert row[0]["detail"] == ("patient: “last for days” (derived: 2 days to 13 days); the literature says episodes "
                                "usually last “from seconds to a few minutes” (derived: 2 seconds to 4 minutes)")


def test_a_stated_duration_gets_no_derived_numbers():
    from spasmkg.graph.compare import quantities as qty
    from spasmkg.graph.compare.engine import Comparer
    text = "It lasted 3-4 days."
    stated = qty.durations(text)
    assert Comparer._as_written(stated, stated[0].low, stated[0].high, text) == "“lasted 3-4 days”"
    vague = qty.durations("It lasted days.")
    assert "(derived: 2 days to 13 days)" in Comparer._as_written(vague, vague[0].low, vague[0].high)


def test_symptoms_and_stress_are_read_against_the_literature(own_rows):
    verdicts = {(r["feature"], r["verdict"]) for r in own_rows}
    assert ("symptoms", "agrees") in verdicts and ("psychosocial", "agrees") in verdicts


def test_the_remission_course_is_listed_as_helped(own_out):
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.queries import runner
    names, found = runner.select(MemoryStore(load(own_out)), "what-helped",
                                 {"patient": "https://w3id.org/spasmkg/id/patient/patient-rosa"})
    got = [(str(r["start"]), str(r["end"]), str(r["provider"]), str(r["outcome"])) for r in found]
    assert got == [("2021-03-02", "2021-03-16", "massage therapist", "helped")]
    assert "no spasms" in str(found[0]["remission"])
    assert str(found[0]["remissionUntil"]) == "2021-03-16"     # no later episode says how long it held
