"""Query results as a table, SPARQL 1.1 JSON or CSV, from rows of variable -> RDF term."""
from __future__ import annotations

import csv
import io
import json

from rdflib.term import Literal, Node, URIRef

from spasmkg.graph.store.base import Rows


def term_json(t: Node) -> dict:
    """One term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype:
            out["datatype"] = str(t.datatype)
        return out
    return {"type": "bnode", "value": str(t)}


def to_json(names: list[str], rows: Rows) -> str:
    doc = {"head": {"vars": names},
           "results": {"bindings": [{k: term_json(v) for k, v in r.items() if v is not None} for r in rows]}}
    return json.dumps(doc, indent=1, ensure_ascii=False)


def to_csv(names: list[str], rows: Rows) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then one line per row, every line
    ended by CRLF as that format (and RFC 4180) asks."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    for r in rows:
        w.writerow(["" if r.get(n) is None else str(r[n]) for n in names])
    return buf.getvalue()


def to_table(names: list[str], rows: Rows, width: int = 60) -> str:
    def cell(v) -> str:
        s = "" if v is None else " ".join(str(v).split())
        s = s.replace("https://w3id.org/spasmkg/id/", "kg:").replace("https://w3id.org/spasmkg/ontology#", "skg:")
        return s if len(s) <= width else s[: width - 1] + "…"
    table = [names] + [[cell(r.get(n)) for n in names] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(names))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def render(names: list[str], rows: Rows, fmt: str) -> str:
    return {"json": to_json, "csv": to_csv, "table": to_table}[fmt](names, rows)


def render_answer(answer, fmt: str) -> str:
    """Any query's answer: CONSTRUCT and DESCRIBE as Turtle, ASK as true/false (or SPARQL JSON),
    SELECT as :func:`render` does."""
    if answer.kind in ("CONSTRUCT", "DESCRIBE"):
        return answer.graph.serialize(format="turtle")
    if answer.kind == "ASK":
        return json.dumps({"head": {}, "boolean": answer.boolean}) if fmt == "json" else str(answer.boolean).lower()
    return render(answer.variables, answer.rows, fmt)
