"""The patients' timelines as a dynamic GEXF 1.3 graph, so Gephi's timeline can play them.

Each dated event (episode, visit, test, treatment) is a node alive for a time spell: from its date (a
month or a year starts on its first day) for as long as its duration says (``3-4 days`` is 4 days, ``all
week`` 7; one day when none is written). Patients, triggers and the drugs, tests and treatments the
events involve are nodes alive from their first to their last event. Edges: patient → event
(``experienced``), episode → next episode (``next``), event → trigger (``triggered_by``) and event →
drug/test/treatment (``involves``); each edge lives while its event does. Written with lxml; the file
passes the GEXF 1.3 grammar.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree
from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from spasmkg.common.atomic import atomic_write_bytes

from spasmkg.graph.entity_graph import TYPE_COLOURS
from spasmkg.graph.export.xml_safe import xml_text
from spasmkg.ontology.namespaces import SKG

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
EVENT_COLOURS = {"episode": (228, 26, 28), "visit": (55, 126, 184), "test": (102, 102, 102),
                 "treatment": (0, 139, 139), "Patient": (255, 215, 0)}
UNIT_DAYS = {"second": 1, "minute": 1, "hour": 1, "day": 1, "night": 1, "weekend": 2, "week": 7, "month": 30,
             "year": 365}
WORD_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "a couple of": 2, "a few": 3, "several": 4, "many": 5, "some": 3}
NODE_ATTRS = [("type", "string"), ("date", "string"), ("duration", "string"), ("trigger", "string"),
              ("text", "string"), ("episode_number", "integer")]


def spell_start(value: str) -> dt.date | None:
    """``2014-11-08`` / ``2014-11`` / ``2014`` -> the first day it covers."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def duration_days(text: str | None) -> int:
    """A written duration in days (the upper end of a range; a bare ``days`` counts as 3), at least 1."""
    if not text:
        return 1
    t = text.lower()
    unit = next((u for u in sorted(UNIT_DAYS, key=len, reverse=True) if re.search(rf"\b{u}s?\b", t)), None)
    if unit is None:
        return 1
    nums = [int(n) for n in re.findall(r"\d+", t.split(unit)[0])]
    if nums:
        n = max(nums)
    else:
        n = next((v for w, v in sorted(WORD_AMOUNTS.items(), key=lambda kv: -len(kv[0]))
                  if re.search(rf"\b{w}\b", t)), 3 if re.search(rf"\b{unit}s\b", t) else 1)
    return max(1, n * UNIT_DAYS[unit])


def _events(ds: Dataset) -> list[dict]:
    out = []
    for e in set(ds.subjects(SKG.eventType, None)):
        date = ds.value(e, SKG.date)
        start = spell_start(str(date)) if date is not None else None
        if start is None:
            continue
        duration = ds.value(e, SKG.durationText)
        kind = str(ds.value(e, SKG.eventType))
        out.append({
            "iri": str(e), "type": kind, "date": str(date), "start": start,
            "end": start + dt.timedelta(days=duration_days(str(duration) if duration else None) - 1),
            "duration": str(duration) if duration else "", "text": str(ds.value(e, SKG.text) or ""),
            "label": str(ds.value(e, RDFS.label) or f"{kind} {date}"),
            "trigger": str(ds.value(e, SKG.triggerText) or ""),
            "number": int(ds.value(e, SKG.episodeNumber) or 0),
            "patient": ds.value(e, SKG.experiencedBy), "next": ds.value(e, SKG.nextEpisode),
            "links": [("triggered_by", t) for t in ds.objects(e, SKG.triggeredBy)]
            + [("involves", t) for t in ds.objects(e, SKG.involves)],
        })
    return sorted(out, key=lambda ev: (ev["start"], ev["iri"]))


def build_xml(ds: Dataset) -> bytes:
    events = _events(ds)
    root = etree.Element(f"{{{GEXF}}}gexf", nsmap={None: GEXF, "viz": VIZ}, version="1.3")
    meta = etree.SubElement(root, f"{{{GEXF}}}meta")
    etree.SubElement(meta, f"{{{GEXF}}}creator").text = "spasmkg"
    etree.SubElement(meta, f"{{{GEXF}}}description").text = "patient timelines: events as time spells"
    graph = etree.SubElement(root, f"{{{GEXF}}}graph", mode="dynamic", defaultedgetype="directed",
                             timeformat="date")
    attrs = etree.SubElement(graph, f"{{{GEXF}}}attributes", {"class": "node", "mode": "static"})
    for k, (name, typ) in enumerate(NODE_ATTRS):
        etree.SubElement(attrs, f"{{{GEXF}}}attribute", id=str(k), title=name, type=typ)
    nodes = etree.SubElement(graph, f"{{{GEXF}}}nodes")
    edges = etree.SubElement(graph, f"{{{GEXF}}}edges")
    alive: dict[str, list[dt.date]] = {}
    others: dict[str, tuple[str, str]] = {}

    def live(iri: str, a: dt.date, b: dt.date) -> None:
        span = alive.setdefault(iri, [a, b])
        span[0], span[1] = min(span[0], a), max(span[1], b)

    def node(iri: str, label: str, values: dict, colour, start: dt.date, end: dt.date) -> None:
        n = etree.SubElement(nodes, f"{{{GEXF}}}node", id=xml_text(iri), label=xml_text(label), start=start.isoformat(),
                             end=end.isoformat())
        av = etree.SubElement(n, f"{{{GEXF}}}attvalues")
        for k, (name, typ) in enumerate(NODE_ATTRS):
            default = 0 if typ == "integer" else ""
            etree.SubElement(av, f"{{{GEXF}}}attvalue", {"for": str(k), "value": xml_text(str(values.get(name, default)))})
        r, g, b = colour
        etree.SubElement(n, f"{{{VIZ}}}color", r=str(r), g=str(g), b=str(b), a="1.0")
        etree.SubElement(n, f"{{{VIZ}}}size", value="8.0" if values.get("type") == "episode" else "5.0")

    edge_no = 0

    def edge(source: str, target: str, label: str, start: dt.date, end: dt.date) -> None:
        nonlocal edge_no
        etree.SubElement(edges, f"{{{GEXF}}}edge", id=f"e{edge_no}", source=xml_text(source), target=xml_text(target),
                         label=xml_text(label),
                         weight="1.0", start=start.isoformat(), end=end.isoformat())
        edge_no += 1

    by_iri = {ev["iri"]: ev for ev in events}
    for ev in events:
        node(ev["iri"], ev["label"] if ev["type"] != "episode" else f"episode {ev['date']}",
             {"type": ev["type"], "date": ev["date"], "duration": ev["duration"], "trigger": ev["trigger"],
              "text": ev["text"][:300], "episode_number": ev["number"]},
             EVENT_COLOURS.get(ev["type"], (150, 150, 150)), ev["start"], ev["end"])
        if ev["patient"] is not None:
            p = str(ev["patient"])
            live(p, ev["start"], ev["end"])
            others[p] = (str(ds.value(ev["patient"], RDFS.label) or "patient"), "Patient")
            edge(p, ev["iri"], "experienced", ev["start"], ev["end"])
        for label, target in ev["links"]:
            t = str(target)
            live(t, ev["start"], ev["end"])
            cls = next((str(c).rsplit("#", 1)[-1] for c in ds.objects(target, RDF.type) if str(c).startswith(str(SKG))),
                       "Entity")
            others[t] = (str(ds.value(target, RDFS.label) or t.rsplit("/", 1)[-1]), cls)
            edge(ev["iri"], t, label, ev["start"], ev["end"])
        nxt = ev["next"]
        if nxt is not None and str(nxt) in by_iri:
            edge(ev["iri"], str(nxt), "next", ev["start"], by_iri[str(nxt)]["end"])
    for iri, (label, cls) in sorted(others.items()):
        a, b = alive[iri]
        node(iri, label, {"type": cls}, EVENT_COLOURS.get(cls) or TYPE_COLOURS.get(cls, (150, 150, 150)), a, b)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_timeline_gexf(ds: Dataset, path, **_: object) -> None:
    atomic_write_bytes(Path(path), build_xml(ds))
