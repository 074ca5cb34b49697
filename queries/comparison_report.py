"""The comparison report: rows read back from the graph, rendered as Markdown, JSON or HTML.

Each row: the patient's statement (quoted, with its span) · the literature claim (quoted) ·
references · verdict. The HTML report links each row to its evidence: the claim in context and
the full record of every reference.
"""
from __future__ import annotations

import html
import json
from collections import OrderedDict
from typing import Callable

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.document_graph import doc_iri

FORMATS = ("md", "json", "html")
Runner = Callable[[str, dict[str, str]], list[dict]]


def _s(v) -> str | None:
    return None if v is None else str(v)


def rows(run: Runner, patient: str | None = None) -> list[dict]:
    """Comparisons from the graph, one dict per comparison, references gathered."""
    grouped: OrderedDict[str, dict] = OrderedDict()
    # one patient's comparisons are asked for by its document, so the store never reads the others'
    found = run("comparisons-of-patient", {"document": str(doc_iri(patient))}) if patient else run("comparisons", {})
    for r in found:
        if patient and str(r["patientDocument"]) != patient:
            continue
        key = str(r["comparison"])
        row = grouped.setdefault(key, {
            "comparison": key, "patient_document": str(r["patientDocument"]), "feature": str(r["feature"]),
            "feature_label": str(r["featureLabel"]), "verdict": str(r["verdict"]),
            "patient": {"text": str(r["patientText"]), "start": int(str(r["patientStart"])),
                        "end": int(str(r["patientEnd"]))},
            "claim": _s(r.get("claim")), "literature": _s(r.get("literatureText")),
            "refs": [], "detail": _s(r.get("detail")),
            "verdict_text": _s(r.get("verdictText")) or str(r["verdict"]),
        })
        if r.get("refNumber") is not None:
            n = int(str(r["refNumber"]))
            if n not in row["refs"]:
                row["refs"].append(n)
    for row in grouped.values():
        row["refs"].sort()
    order = {"episode_duration": 0, "course": 1, "age": 2, "recurrence": 3, "site": 4, "symptoms": 5,
             "psychosocial": 6}
    return sorted(grouped.values(), key=lambda x: (x["patient_document"], order.get(x["feature"], 9),
                                                   x["feature"], x["patient"]["start"], x["literature"] or ""))


def _one_line(s: str | None) -> str:
    return " ".join((s or "").split())


def to_markdown(data: list[dict]) -> str:
    out = []
    for patient in sorted({r["patient_document"] for r in data}):
        out.append(f"## {patient}\n")
        out.append("| feature | patient says | literature says | refs | verdict |")
        out.append("|---|---|---|---|---|")
        for r in (x for x in data if x["patient_document"] == patient):
            p = r["patient"]
            quote = f"“{_one_line(p['text'])}” ({p['start']}–{p['end']})"
            lit = f"“{_one_line(r['literature'])}”" if r["literature"] else "—"
            refs = ", ".join(map(str, r["refs"])) or "—"
            cell = lambda s: s.replace("|", "\\|")
            out.append(f"| {cell(r['feature_label'])} | {cell(quote)} | {cell(lit)} | {refs} | **{cell(r['verdict_text'])}**"
                       f"{' — ' + cell(r['detail']) if r['detail'] else ''} |")
        out.append("")
    return "\n".join(out)


def to_json(data: list[dict]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False)


def to_html(data: list[dict], evidence: dict[str, dict]) -> str:
    """A self-contained page; ``evidence`` maps a claim IRI to its traced record."""
    e = html.escape
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<title>spasmkg: patient accounts against the literature</title>",
             "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}"
             ".agrees,.within-the-usual-range{background:#e6f4ea}.outside-the-usual-range{background:#fce8e6}"
             ".open-question{background:#e8f0fe}"
             ".not-addressed{background:#f1f3f4}q{font-style:italic}</style></head><body>",
             "<h1>Patient accounts read against the literature</h1>"]
    for patient in sorted({r["patient_document"] for r in data}):
        parts.append(f"<h2>{e(patient)}</h2><table><tr><th>feature</th><th>patient says</th>"
                     "<th>literature says</th><th>references</th><th>verdict</th></tr>")
        for k, r in enumerate(x for x in data if x["patient_document"] == patient):
            rid = f"{e(patient)}-{k}"
            p = r["patient"]
            link = f"<a href='#ev-{rid}'>evidence</a>" if r["claim"] or r["refs"] else ""
            parts.append(
                f"<tr class='{e(r['verdict'].replace(' ', '-'))}' id='row-{rid}'><td>{e(r['feature_label'])}</td>"
                f"<td><q>{e(_one_line(p['text']))}</q><br><small>characters {p['start']}–{p['end']}</small></td>"
                f"<td>{'<q>' + e(_one_line(r['literature'])) + '</q>' if r['literature'] else '—'}</td>"
                f"<td>{e(', '.join(map(str, r['refs'])) or '—')}</td>"
                f"<td><b>{e(r['verdict_text'])}</b><br><small>{e(r['detail'] or '')}</small><br>{link}</td></tr>")
        parts.append("</table><h3>Evidence</h3>")
        for k, r in enumerate(x for x in data if x["patient_document"] == patient):
            if not (r["claim"] or r["refs"]):
                continue
            rid = f"{e(patient)}-{k}"
            ev = evidence.get(r["claim"] or "", {})
            parts.append(f"<div id='ev-{rid}'><h4><a href='#row-{rid}'>{e(r['feature_label'])}</a></h4>")
            if ev:
                parts.append(f"<p><q>{e(_one_line(ev.get('text')))}</q> — {e(ev.get('document_title') or '')}, "
                             f"{e(ev.get('section') or '')}, characters {ev.get('start')}–{ev.get('end')}</p>")
            refs = ev.get("references") or []
            if refs:
                parts.append("<ol>")
                for ref in refs:
                    authors = ", ".join(ref["authors"])
                    where = " ".join(str(x) for x in (ref.get("container"), ref.get("year")) if x)
                    url = f" <a href='{e(ref['url'])}'>{e(ref['url'])}</a>" if ref.get("url") else ""
                    parts.append(f"<li value='{ref['n']}'>{e(authors)}. {e(ref.get('title') or '')}. {e(where)}.{url}</li>")
                parts.append("</ol>")
            elif r["refs"]:
                parts.append(f"<p>references {e(', '.join(map(str, r['refs'])))}: {e(r['literature'] or '')}</p>")
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def evidence(run: Runner, data: list[dict]) -> dict[str, dict]:
    """Each literature claim of ``data`` traced to its text, place and full references, by claim IRI."""
    from spasmkg.queries.trace import trace
    found: dict[str, dict] = {}
    for claim in sorted({r["claim"] for r in data if r["claim"]}):
        text = run("claim-by-iri", {"claim": claim})
        if text:
            traced = [t for t in trace(run, text=" ".join(str(text[0]["claimText"]).split())) if t["claim"] == claim]
            if traced:
                found[claim] = traced[0]
    return found


def report(store, patient: str | None = None, fmt: str = "md") -> str:
    """The comparison report of every patient account on ``store`` (or of ``patient`` alone) in
    ``fmt``: ``md``, ``json``, or ``html`` with each row linked to its traced evidence."""
    from spasmkg.queries import runner

    def run(name: str, params: dict[str, str]):
        return runner.select(store, name, params)[1]
    data = rows(run, patient=patient)
    if patient and not data:
        raise SpasmkgError("E018", kind=f"narrative {patient!r} with comparisons")
    if fmt == "json":
        return to_json(data)
    if fmt == "html":
        return to_html(data, evidence(run, data))
    return to_markdown(data)
