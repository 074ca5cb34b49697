"""Each verb is one library call, and every argument is checked before a graph is loaded."""
from __future__ import annotations

import csv
import io
import json

from spasmkg.cli import main
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.queries import runner
from spasmkg.queries.comparison_report import report
from spasmkg.queries.sandbox import run_sparql


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_wrong_parameter_is_refused_before_the_graph_is_opened(capsys, tmp_path):
    missing = tmp_path / "never-built"
    code, _, err = cli(capsys, "query", "most-cited-references", "--param", "min=abc", "--graph", str(missing))
    assert code == 2 and "[E028]" in err and "'min'" in err and "'abc'" in err
    code, _, err = cli(capsys, "query", "exam-signs", "--param", "colour=red", "--graph", str(missing))
    assert code == 2 and "[E009]" in err and "condition" in err
    code, _, err = cli(capsys, "query", "exam-signs", "--graph", str(missing))
    assert code == 2 and "[E010]" in err
    # with good parameters the same missing folder is what is reported
    code, _, err = cli(capsys, "query", "exam-signs", "--param", "condition=x", "--graph", str(missing))
    assert code == 2 and "[E007]" in err and str(missing) in err


def test_a_number_parameter_filters_as_a_number(capsys, seeds_out):
    code, out, _ = cli(capsys, "query", "most-cited-references", "--param", "min=12", "--format", "json",
                       "--graph", str(seeds_out))
    counts = [int(r["claims"]["value"]) for r in json.loads(out)["results"]["bindings"]]
    assert code == 0 and counts and min(counts) >= 12
    code, out, _ = cli(capsys, "query", "most-cited-references", "--param", "min=1", "--format", "json",
                       "--graph", str(seeds_out))
    assert len(json.loads(out)["results"]["bindings"]) > len(counts)


def test_only_free_text_parameters_are_left_without_a_kind():
    plain = {(q.name, k) for q in runner.library().values() for k, kind in q.kinds.items() if kind == "text"}
    assert plain == {("claims-matching", "text"), ("search", "text")}     # words to look for, in any text


def test_csv_results_end_every_line_with_crlf(capsys, seeds_out):
    code, out, _ = cli(capsys, "query", "risk-factors", "--param", "condition=acute muscle spasm",
                       "--format", "csv", "--graph", str(seeds_out))
    assert code == 0 and out.endswith("\r\n") and not out.endswith("\r\n\n")
    assert out.count("\n") == out.count("\r\n") > 2          # no bare LF anywhere
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert table[0][:2] == ["factor", "factorLabel"] and len(table) == out.count("\r\n")
    code, out, _ = cli(capsys, "sparql", "SELECT ?n WHERE { VALUES ?n { 1 2 } }", "--format", "csv",
                       "--graph", str(seeds_out))
    assert out == "n\r\n1\r\n2\r\n"


def test_sparql_verb_and_library_give_the_same_answer(capsys, seeds_out, seeds_dataset):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/spasmkg/ontology#Claim> }"
    answer, cut = run_sparql(MemoryStore(seeds_dataset), text, timeout=30, max_rows=10)
    assert cut == 0
    code, out, _ = cli(capsys, "sparql", text, "--format", "json", "--graph", str(seeds_out))
    assert json.loads(out)["results"]["bindings"][0]["n"]["value"] == str(answer.rows[0]["n"])
    code, out, _ = cli(capsys, "sparql", "ASK { ?s ?p ?o }", "--graph", str(seeds_out))
    assert (code, out) == (0, "true\n")


def test_compare_verb_prints_the_library_report(capsys, seeds_out, seeds_dataset):
    store = MemoryStore(seeds_dataset)
    for fmt in ("md", "json"):
        code, out, _ = cli(capsys, "compare", "--format", fmt, "--graph", str(seeds_out))
        assert code == 0 and out.rstrip("\n") == report(store, fmt=fmt).rstrip("\n") and out.count("\n") > 5
    html = report(store, fmt="html")
    assert html.count("<div id='ev-") >= 1 and "<ol>" in html   # rows linked to traced references
    code, _, err = cli(capsys, "compare", "--patient", "nobody", "--graph", str(seeds_out))
    assert code == 2 and "[E018]" in err and "nobody" in err
