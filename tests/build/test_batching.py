"""Batched and multi-process analysis give exactly what one-document-at-a-time analysis gives."""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict

import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


def _inputs():
    from spasmkg.extract.document import DocumentInput, detect_kind
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out.append(DocumentInput(f.stem, f.name, detect_kind(text), None, text))
    return out


def _plain(res) -> str:
    return json.dumps(asdict(res), sort_keys=True, default=str)


@pytest.fixture(scope="module")
def one_by_one():
    from spasmkg.extract.document import analyse_text
    return {i.doc_id: _plain(analyse_text(i.text, i.doc_id, i.source, i.kind)) for i in _inputs()}


@pytest.mark.parametrize("batch_size", [1, 4, 64])
def test_batches_give_the_same_results_as_single_documents(one_by_one, batch_size):
    from spasmkg.build.engines import analyse_many
    got = list(analyse_many(_inputs(), batch_size=batch_size))
    assert [i.doc_id for i, _ in got] == [i.doc_id for i in _inputs()]       # input order kept
    assert {i.doc_id: _plain(r) for i, r in got} == one_by_one


def test_two_processes_give_the_same_results_in_order(one_by_one):
    from spasmkg.build.engines import analyse_many
    got = list(analyse_many(_inputs(), batch_size=2, n_process=2))
    assert [i.doc_id for i, _ in got] == [i.doc_id for i in _inputs()]
    assert {i.doc_id: _plain(r) for i, r in got} == one_by_one


def test_a_failing_document_costs_only_itself():
    from spasmkg.build.engines import analyse_many
    from spasmkg.extract.document import DocumentInput
    items = _inputs()[:3]
    broken = DocumentInput("broken", "broken.txt", "review", None, None)   # no text at all
    got = list(analyse_many([items[0], broken, *items[1:]], batch_size=8))
    assert [i.doc_id for i, _ in got] == [items[0].doc_id, "broken", *(i.doc_id for i in items[1:])]
    assert isinstance(got[1][1], Exception)
    assert not any(isinstance(r, Exception) for i, r in got if i.doc_id != "broken")


@pytest.mark.slow
def test_build_in_two_processes_equals_the_plain_build(tmp_path):
    from spasmkg.build.run import build
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:4]:
        shutil.copy(f, inputs / f.name)
    one = build([inputs], tmp_path / "one")
    two = build([inputs], tmp_path / "two", processes=2, batch_size=1)
    assert [d[0] for d in one.documents] == [d[0] for d in two.documents]
    for name in ("one", "two"):
        export("canonical", load(tmp_path / name), tmp_path / f"{name}.nq")
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()


def test_cue_index_finds_what_a_scan_of_every_sentence_finds():
    from spasmkg.extract.components.cue_relations import CueIndex
    from spasmkg.extract.pipeline import load_nlp
    text = (ROOT / "tests" / "corpus" / "guideline-imaging.txt").read_text(encoding="utf-8")
    doc = load_nlp()(text)
    cues = [["risk", "factor"], ["lead", "to"], ["result", "from"], ["due", "to"], ["cause"], ["include"]]

    def scan(sent, cue):
        toks = [t for t in sent if not t.is_space]
        return [(toks[k].i, toks[k + len(cue) - 1].i + 1) for k in range(len(toks) - len(cue) + 1)
                if all(toks[k + j].lower_ == w or toks[k + j].lemma_.lower() == w for j, w in enumerate(cue))]

    index = CueIndex(doc)
    found = 0
    for sent in doc.sents:
        expected = sorted({hit for cue in cues for hit in scan(sent, cue)})
        assert index.find(sent, cues) == expected
        found += len(expected)
    assert found > 0


@pytest.mark.slow
def test_then_turns_each_result_into_its_outputs_in_the_workers():
    """``then`` runs where a result is made (here two worker processes) and its value comes back."""
    from spasmkg.build.engines import analyse_many
    from spasmkg.extract.document import analyse_text
    from spasmkg.build.document_outputs import document_outputs
    items = _inputs()[:4]
    got = list(analyse_many(items, batch_size=2, n_process=2, then=document_outputs))
    assert [i.doc_id for i, _ in got] == [i.doc_id for i in items]
    for item, outputs in got:
        expected = document_outputs(analyse_text(item.text, item.doc_id, item.source, item.kind))
        assert outputs == expected
        assert outputs.counts["mentions"] > 0 and outputs.trig.startswith(b"<")
