"""The pipeline is what ``config.cfg`` says, and narrative components act on narratives only."""
from __future__ import annotations

import json

import pytest
from spacy.language import Language

from spasmkg.extract import rules
from spasmkg.extract.narrative.reading import prepare
from spasmkg.extract.pipeline import load_nlp, pipeline_config

ACCOUNT = ("I'm a 52-year-old woman. In June 2021 I had a bad spasm in my lower back after mowing the lawn. "
           "Heat helped a lot.")


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_the_pipeline_follows_the_config(nlp):
    config = pipeline_config()
    assert nlp.pipe_names == list(config["nlp"]["pipeline"])
    for name, section in config["components"].items():
        assert nlp.get_pipe_meta(name).factory == section["factory"]
        assert section["factory"].startswith("spasmkg_") and section["factory"].endswith("_v1")


def test_every_factory_is_registered():
    for section in pipeline_config()["components"].values():
        assert Language.has_factory(section["factory"])


def test_narrative_components_read_a_narrative(nlp):
    doc = nlp(prepare(nlp, ACCOUNT, "narrative", ACCOUNT))
    assert (doc._.patient.age, doc._.patient.sex) == (52, "female")
    assert [e.date for e in doc._.events if e.type == "episode"] == ["2021-06"]
    assert ("Heat", "helped") in {(o.treatment, o.outcome) for o in doc._.outcomes}


def test_narrative_components_leave_a_review_alone(nlp):
    doc = nlp(prepare(nlp, ACCOUNT, "review", ACCOUNT))
    assert doc._.patient is None and doc._.events is None and doc._.outcomes is None
    assert doc._.narrative_mentions is None


def test_quotes_come_from_the_text_as_written(nlp):
    written = ACCOUNT.replace("lower back", "lower\u00a0back")
    masked = written.replace("\u00a0", " ")
    doc = nlp(prepare(nlp, masked, "narrative", written))
    episode = next(e for e in doc._.events if e.type == "episode")
    assert "lower\u00a0back" in episode.text


def test_one_loader_reads_shipped_rules_and_a_users_file(tmp_path):
    shipped = rules.load("relation_rules")
    shipped["changed"] = True
    assert "changed" not in rules.load("relation_rules")      # each caller gets its own copy
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"cues": []}), encoding="utf-8")
    assert rules.load(str(path)) == {"cues": []}
    assert [set(r) >= {"context_rules"} for r in rules.load_all("context_rules")] == [True, True]
