"""What the patient page shows: the account's events and outcomes, drawn on one time axis, and
the account read against the literature (the comparisons of ``spasmkg compare``)."""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from spasmkg.graph.export.timeline import duration_days, spell_start
from spasmkg.queries import comparison_report
from spasmkg.web import links
from spasmkg.web.records import Runner, _int, _s, properties

SKG = links.SKG
PATIENT = SKG + "Patient"
LANES = (("episode", "Episodes"), ("visit", "Visits"), ("test", "Tests"), ("treatment", "Treatments"),
         ("outcome", "Outcomes"))
OUTCOME_COLOURS = {"helped": "#1a9850", "partial": "#91cf60", "tolerated": "#91cf60", "no_effect": "#999999",
                   "worse": "#d73027", "side_effect": "#fc8d59", "not_taken": "#cccccc",
                   "recommended": "#4575b4", "considered": "#74add1"}
EVENT_COLOURS = {"episode": "#e41a1c", "visit": "#377eb8", "test": "#666666", "treatment": "#008b8b"}


def patients(run: Runner) -> list[dict]:
    return [{"iri": str(r["patient"]), "label": _s(r.get("label")) or links.short(str(r["patient"])),
             "age": _s(r.get("age")), "sex": _s(r.get("sex")), "document": _s(r.get("documentId"))}
            for r in run("patients", {})]


def events(run: Runner, iri: str) -> list[dict]:
    """The patient's events in date order, each with the things it involves; dated ones get a span."""
    grouped: OrderedDict[str, dict] = OrderedDict()
    for r in run("patient-events", {"patient": iri}):
        e = grouped.setdefault(str(r["event"]), {
            "iri": str(r["event"]), "type": str(r["type"]), "date": _s(r.get("date")), "label": _s(r.get("label")),
            "duration": _s(r.get("duration")), "trigger": _s(r.get("trigger")), "text": " ".join(str(r["text"]).split()),
            "offset": _int(r["start"]), "involves": []})
        if r.get("involves") is not None:
            e["involves"].append((str(r["involves"]), _s(r.get("involvesLabel")) or links.short(str(r["involves"]))))
    out = list(grouped.values())
    for i, e in enumerate(out):
        e["anchor"] = f"event-{i + 1}"
        start = spell_start(e["date"]) if e["date"] else None
        e["start"] = start
        e["end"] = start + dt.timedelta(days=duration_days(e["duration"]) - 1) if start else None
    return out


def outcomes(run: Runner, iri: str) -> list[dict]:
    return [{"iri": str(r["outcome"]), "kind": str(r["kind"]), "text": str(r["treatmentText"]),
             "treatment": _s(r.get("treatment")), "treatment_label": _s(r.get("treatmentLabel")),
             "detail": _s(r.get("detail")), "offset": _int(r["start"]), "date": _s(r.get("date")),
             "start": spell_start(str(r["date"])) if r.get("date") is not None else None,
             "colour": OUTCOME_COLOURS.get(str(r["kind"]), "#999999")}
            for r in run("patient-outcomes", {"patient": iri})]


def _month(d: dt.date, add: int = 0) -> dt.date:
    """The first day of ``d``'s month, ``add`` months later."""
    n = d.year * 12 + d.month - 1 + add
    return dt.date(n // 12, n % 12 + 1, 1)


def chart(evs: list[dict], outs: list[dict], since: dt.date | None = None, width: int = 960) -> dict | None:
    """The geometry of a timeline: one lane per kind of event, x by date, from whole years (or from
    the month of ``since``, with month ticks, for a close-up). An outcome is drawn at its own date, the
    time the account tells it of; one the account says of the whole course has no date and is listed
    under the chart only. None when no event falls in the range."""
    dated = [e for e in evs if e["start"] and (since is None or e["end"] >= since)]
    if not dated:
        return None
    last_day = max(e["end"] for e in dated)
    if since is None:
        first, last = dt.date(min(e["start"] for e in dated).year, 1, 1), dt.date(last_day.year + 1, 1, 1)
    else:
        first, last = _month(since), _month(last_day, 1)
    left, right, lane_h, top = 110, 20, 40, 30
    scale = (width - left - right) / max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return round(left + (max(d, first) - first).days * scale, 1)

    marks = []
    lane_y = {kind: top + i * lane_h for i, (kind, _) in enumerate(LANES)}
    for e in dated:
        x0, x1 = x(e["start"]), x(e["end"] + dt.timedelta(days=1))
        marks.append({"lane": e["type"], "x": x0, "w": max(round(x1 - x0, 1), 5.0), "y": lane_y.get(e["type"], top) + 8,
                      "h": lane_h - 16, "colour": EVENT_COLOURS.get(e["type"], "#999999"), "href": "#" + e["anchor"],
                      "title": f"{e['date']} · {e['label'] or e['type']}" + (f" · {e['duration']}" if e["duration"] else "")})
    stacked: dict[dt.date, int] = {}
    for k, o in enumerate(outs):
        if o["start"] is None or o["start"] < first:
            continue
        nth = stacked[o["start"]] = stacked.get(o["start"], -1) + 1
        marks.append({"lane": "outcome", "cx": x(o["start"]) + 3, "cy": lane_y["outcome"] + 10 + (nth % 4) * 7,
                      "r": 5, "colour": o["colour"], "href": f"#outcome-{k + 1}",
                      "title": f"{o['text']}: {o['kind'].replace('_', ' ')}" + (f" ({o['detail']})" if o["detail"] else "")})
    if since is None:
        step = max(1, (last.year - first.year + 9) // 10)
        ticks = [{"x": x(dt.date(y, 1, 1)), "label": str(y)} for y in range(first.year, last.year, step)]
    else:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, (months + 11) // 12)
        ticks = [{"x": x(_month(first, i)), "label": _month(first, i).strftime("%b %Y" if _month(first, i).month == 1 or i == 0 else "%b")}
                 for i in range(0, months, step)]
    return {"width": width, "height": top + len(LANES) * lane_h + 10, "left": left, "right": width - right, "top": top,
            "lanes": [{"kind": k, "label": lab, "y": lane_y[k], "h": lane_h} for k, lab in LANES],
            "marks": marks, "ticks": ticks, "first": first.isoformat(), "last": last.isoformat()}


def charts(evs: list[dict], outs: list[dict]) -> list[dict]:
    """The whole history, and when it spans more than three years a close-up of its last two."""
    whole = chart(evs, outs)
    if whole is None:
        return []
    out = [whole]
    ends = [e["end"] for e in evs if e["end"]]
    starts = [e["start"] for e in evs if e["start"]]
    if (max(ends) - min(starts)).days > 3 * 365:
        close = chart(evs, outs, since=_month(max(ends), -23))
        if close is not None:
            close["close_up"] = True
            out.append(close)
    return out


def patient(run: Runner, iri: str) -> dict | None:
    props = properties(run, iri)
    if PATIENT not in {v for v, _ in props.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", [])}:
        return None
    label = (props.get("http://www.w3.org/2000/01/rdf-schema#label") or [(links.short(iri), None)])[0][0]
    evs, outs = events(run, iri), outcomes(run, iri)
    drawn = charts(evs, outs)
    doc_ids = [p["document"] for p in patients(run) if p["iri"] == iri and p["document"]]
    comparisons = comparison_report.rows(run, patient=doc_ids[0]) if doc_ids else []
    return {"iri": iri, "label": label, "age": (props.get(SKG + "age") or [(None, None)])[0][0],
            "sex": (props.get(SKG + "sex") or [(None, None)])[0][0], "document": doc_ids[0] if doc_ids else None,
            "events": evs, "outcomes": outs, "charts": drawn, "comparisons": comparisons,
            "legend": OUTCOME_COLOURS, "timed": _timed(evs, outs)}


def _timed(evs: list[dict], outs: list[dict]) -> set[str]:
    """The outcomes the chart places: those the account dates."""
    return {o["iri"] for o in outs if o["start"] is not None}
