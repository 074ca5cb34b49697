"""The Neo4j export, checked against the rules of ``neo4j-admin database import`` (no Neo4j server or
``neo4j-admin`` can be installed here: neither Debian nor PyPI ships one): typed headers, one id
column, unique ids, every relationship's ends among the nodes, one record a line, RFC 4180 quoting,
values that parse as their column's type; and the Cypher script loads every label set and type."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from spasmkg.graph.export import export
from spasmkg.graph.export.neo4j import ARRAY, relationship_type

# the column types neo4j-admin import knows (Neo4j 5 operations manual, "Import": header format)
SCALARS = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
           "localtime", "time", "localdatetime", "datetime", "duration"}
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _parse(value: str, kind: str) -> None:
    if kind in ("int", "long", "short", "byte"):
        int(value)
    elif kind in ("float", "double"):
        float(value)
    elif kind == "boolean" and value not in ("true", "false"):
        raise ValueError(f"not a boolean: {value!r}")


def import_problems(nodes: Path, rels: Path) -> list[str]:
    """What ``neo4j-admin database import full --nodes=nodes --relationships=rels`` (default options:
    ',' delimiter, ';' array delimiter, '"' quote, no multiline fields) would refuse."""
    problems: list[str] = []

    def read(path: Path) -> tuple[list[str], list[list[str]]]:
        raw = path.read_text(encoding="utf-8")
        with path.open(encoding="utf-8", newline="") as fh:
            table = list(csv.reader(fh, strict=True))
        if len(table) != raw.count("\n"):
            problems.append(f"{path.name}: a field spans lines (multiline fields are off by default)")
        return table[0], table[1:]

    def columns(path: Path, header: list[str]) -> list[tuple[str, str]]:
        out = []
        for field in header:
            name, _, kind = field.partition(":")
            base = kind[:-2] if kind.endswith("[]") else kind
            if (kind and kind not in SPECIAL and base not in SCALARS) or (name and not NAME.match(name)):
                problems.append(f"{path.name}: bad header field {field!r}")
            out.append((name, kind))
        return out

    def typed(path: Path, cols, rows) -> None:
        for i, row in enumerate(rows, start=2):
            if len(row) != len(cols):
                problems.append(f"{path.name}:{i}: {len(row)} fields, header has {len(cols)}")
                continue
            for (name, kind), value in zip(cols, row):
                base = kind[:-2] if kind.endswith("[]") else kind
                items = value.split(ARRAY) if kind.endswith("[]") else [value]
                for item in items if value else []:
                    try:
                        _parse(item, base)
                    except ValueError:
                        problems.append(f"{path.name}:{i}: {name}={item!r} is not {kind}")

    header, rows = read(nodes)
    cols = columns(nodes, header)
    kinds = [k for _, k in cols]
    if kinds.count("ID") != 1 or kinds.count("LABEL") > 1:
        problems.append("nodes: one :ID column and at most one :LABEL column are needed")
        return problems
    typed(nodes, cols, rows)
    id_at, label_at = kinds.index("ID"), kinds.index("LABEL")
    ids = [r[id_at] for r in rows]
    problems += [f"nodes: duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for r in rows:
        if not r[label_at] or any(not NAME.match(lab) for lab in r[label_at].split(ARRAY)):
            problems.append(f"nodes: bad labels {r[label_at]!r} of {r[id_at]}")
    header, rows = read(rels)
    cols = columns(rels, header)
    kinds = [k for _, k in cols]
    if any(kinds.count(k) != 1 for k in ("START_ID", "END_ID", "TYPE")):
        problems.append("relationships: one :START_ID, :END_ID and :TYPE column each are needed")
        return problems
    typed(rels, cols, rows)
    known = set(ids)
    for r in rows:
        for k in ("START_ID", "END_ID"):
            if r[kinds.index(k)] not in known:
                problems.append(f"relationships: {k} {r[kinds.index(k)]} is no node")
        if not NAME.match(r[kinds.index("TYPE")]):
            problems.append(f"relationships: bad type {r[kinds.index('TYPE')]!r}")
    return problems


def test_relationship_types_follow_neo4j_convention():
    assert relationship_type("riskFactorFor") == "RISK_FACTOR_FOR"
    assert relationship_type("indicates") == "INDICATES"


def test_the_checker_finds_what_the_import_would_refuse(tmp_path):
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "relationships.csv"
    nodes.write_text('id:ID,:LABEL,n:int,note\na,Entity,1,x\na,Entity,two,"line\nbreak"\n', encoding="utf-8")
    rels.write_text(":START_ID,:END_ID,:TYPE,w:float\na,b,HAS-PART,0.5\n", encoding="utf-8")
    found = "\n".join(import_problems(nodes, rels))
    for expected in ("duplicate id a", "n='two' is not int", "spans lines", "END_ID b is no node", "bad type 'HAS-PART'"):
        assert expected in found


def _export(ds, folder: Path) -> dict[str, list[dict]]:
    export("neo4j", ds, folder)
    tables = {}
    for name in ("nodes.csv", "relationships.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            tables[name] = list(csv.DictReader(fh))
    return tables


def test_the_small_graph_imports_cleanly(small_dataset, tmp_path):
    folder = tmp_path / "export-neo4j"
    tables = _export(small_dataset, folder)
    assert import_problems(folder / "nodes.csv", folder / "relationships.csv") == []
    nodes, rels = tables["nodes.csv"], tables["relationships.csv"]
    by_iri = {n["iri:ID"]: n for n in nodes}
    slr = by_iri["https://w3id.org/spasmkg/id/entity/straight_leg_raise_test"]
    assert slr[":LABEL"].split(ARRAY) == ["Entity", "ExamSign", "ClinicalFinding"]
    assert slr["category:string[]"] == "biolink:ClinicalFinding"
    kinds = {n[":LABEL"].split(ARRAY)[0] for n in nodes}
    assert kinds == {"Entity", "Document", "Claim", "Reference"}
    edge = [r for r in rels if r[":START_ID"] == slr["iri:ID"] and r[":TYPE"] == "INDICATES"]
    assert edge and edge[0][":END_ID"].endswith("/nerve_root_irritation") and edge[0]["claims:int"] == "1"
    assert set(edge[0]["publications:string[]"].split(ARRAY)) == {"PMID:25000001", "doi:10.1000/jsc.2015.0101"}
    assert {"MENTIONS", "CITES", "IN_DOCUMENT", "LISTED_IN"} <= {r[":TYPE"] for r in rels}
    claims = [n for n in nodes if n[":LABEL"] == "Claim"]
    assert claims and all("\n" not in n["text"] and int(n["end:int"]) > int(n["start:int"]) for n in claims)
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    for labels in {n[":LABEL"] for n in nodes}:
        assert f"row.`:LABEL` = '{labels}'" in script
    for rtype in {r[":TYPE"] for r in rels}:
        assert f"CREATE (a)-[r:`{rtype}`]->(b)" in script
    statements = [s for s in script.split(";\n") if s.strip() and not s.lstrip().startswith("//")]
    assert script.endswith(";\n") and all(s.count("(") == s.count(")") for s in statements)


@pytest.mark.slow
def test_the_seeds_graph_imports_cleanly(seeds_out, tmp_path):
    from spasmkg.cli import main
    folder = tmp_path / "n4j"
    assert main(["export", "neo4j", "--graph", str(seeds_out), "--out", str(folder)]) == 0
    assert import_problems(folder / "nodes.csv", folder / "relationships.csv") == []
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) > 300


@pytest.mark.parametrize("fmt", ["neo4j", "kgx"])
def test_a_file_where_the_folder_goes_is_a_coded_error(small_out, tmp_path, capsys, fmt):
    from spasmkg.cli import main
    target = tmp_path / "taken"
    target.write_text("mine", encoding="utf-8")
    assert main(["export", fmt, "--graph", str(small_out), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert "[E093]" in err and str(target) in err and "not a folder" in err
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fmt,first", [("neo4j", "nodes.csv"), ("kgx", "nodes.tsv")])
def test_a_second_export_into_the_folder_needs_force(small_out, tmp_path, capsys, fmt, first):
    from spasmkg.cli import main
    out = tmp_path / "again"
    args = ["export", fmt, "--graph", str(small_out), "--out", str(out)]
    assert main(args) == 0
    assert main(args) == 2 and "[E097]" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0 and (out / first).exists()
