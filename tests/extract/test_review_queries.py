"""risk-factors, causes, mechanisms and integrity answer on a review of our own, built end to end."""
from __future__ import annotations

import pytest

from spasmkg.build.run import build
from spasmkg.graph.store.files import load
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries import runner

REVIEW = """Sciatica: a short review

Background

Sciatica is a common cause of leg pain [1]. Smoking is a risk factor for sciatica [2]. Other risk
factors include obesity and heavy lifting [2, 3]. Sciatica may result from a herniated disc or
spinal stenosis [3]. Muscle spasms are sustained involuntary contractions of a muscle [1].

References

1. Adams K, Baker L. Sciatica in primary care. BMJ. 2015;350:h1225.
2. Cole M, Dunn P. Smoking and sciatica: a cohort study. Spine. 2010;35(4):400-405.
3. Evans R. Lumbar disc herniation. N Engl J Med. 2016;374(18):1763-1772.
4. Ford T. An uncited report on back pain. Pain. 2001;90(1):1-5.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    (folder / "sciatica.txt").write_text(REVIEW, encoding="utf-8")
    out = folder / "out"
    build([folder / "sciatica.txt"], out)
    return MemoryStore(load(out))


def rows(store, name, **params):
    return runner.select(store, name, params)[1]


def test_risk_factors_with_their_references(store):
    got = {(str(r["factorLabel"]), str(r["refNumber"])) for r in rows(store, "risk-factors", condition="sciatica")}
    labels = {label for label, _ in got}
    assert {"smoking", "excess weight", "excessive physical activity"} <= {x.lower() for x in labels}
    assert any(label.lower() == "smoking" and refs == "2" for label, refs in got)


def test_causes_of_a_condition(store):
    got = {str(r["causeLabel"]).lower() for r in rows(store, "causes", condition="sciatica")}
    assert {"herniated disc", "spinal stenosis"} <= got


def test_mechanisms_of_a_condition(store):
    got = rows(store, "mechanisms", condition="muscle spasm")
    assert {str(r["mechanismLabel"]) for r in got} == {"sustained involuntary contraction"}
    assert {str(r["refNumber"]) for r in got} == {"1"}


def test_integrity_lists_the_uncited_reference(store):
    problems = {str(r["problem"]) for r in rows(store, "integrity")}
    assert problems == {"reference 4 is never cited"}
