"""Disagreement across documents, each side with its evidence.

- the same treatment (one concept) reported to help in one account and to do nothing, make things
  worse or cause side effects in another;
- the same statistic (kind, unit and what it is about) with different figures in different documents;
- a relation affirmed in one document and negated in another.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from spasmkg.ontology.namespaces import KG, SKG


@dataclass
class Conflict:
    kind: str
    about: list[URIRef]
    sides: dict[str, list[URIRef]] = field(default_factory=dict)
    label: str = ""

    @property
    def iri(self) -> URIRef:
        key = "\x1f".join([self.kind, *map(str, self.about), *sorted(str(x) for v in self.sides.values() for x in v)])
        return KG[f"conflict/{hashlib.sha256(key.encode()).hexdigest()[:16]}"]


def _polarity() -> dict[str, str]:
    data = json.loads((resources.files("spasmkg.graph.assembly") / "polarity.json").read_text(encoding="utf-8"))
    return {o: side for side in ("positive", "negative", "neutral") for o in data[side]}


def outcome_conflicts(ds: Dataset) -> list[Conflict]:
    polarity = _polarity()
    by_treatment: dict[URIRef, dict[str, list[URIRef]]] = {}
    for oc in sorted(set(ds.subjects(RDF.type, SKG.TreatmentOutcome)), key=str):
        t = ds.value(oc, SKG.treatment)
        side = polarity.get(str(ds.value(oc, SKG.outcome)))
        if t is None or side in (None, "neutral"):
            continue
        by_treatment.setdefault(t, {}).setdefault(side, []).append(oc)
    out = []
    for t, sides in sorted(by_treatment.items(), key=lambda kv: str(kv[0])):
        if "positive" in sides and "negative" in sides:
            docs = {side: {str(ds.value(o, SKG.inDocument)) for o in v} for side, v in sides.items()}
            if docs["positive"] != docs["negative"] or len(docs["positive"] | docs["negative"]) > 1:
                out.append(Conflict("treatment_outcome", [t], {k: sides[k] for k in ("positive", "negative")},
                                    f"{ds.value(t, RDFS.label)}: helped in one account, not in another"))
    return out


def statistic_conflicts(ds: Dataset) -> list[Conflict]:
    groups: dict[tuple, list[URIRef]] = {}
    for st in sorted(set(ds.subjects(RDF.type, SKG.Statistic)), key=str):
        about = tuple(sorted(str(a) for a in ds.objects(st, SKG.about)))
        if not about:
            continue
        key = (str(ds.value(st, SKG.statisticKind)), str(ds.value(st, SKG.unit)), about)
        groups.setdefault(key, []).append(st)
    out = []
    for (kind, unit, about), stats in sorted(groups.items()):
        docs = {str(ds.value(s, SKG.inDocument)) for s in stats}
        figures = {(str(ds.value(s, SKG.lowValue)), str(ds.value(s, SKG.highValue)), str(ds.value(s, SKG.value)))
                   for s in stats}
        if len(docs) > 1 and len(figures) > 1:
            sides: dict[str, list[URIRef]] = {}
            for s in stats:
                sides.setdefault(str(ds.value(s, SKG.exact)), []).append(s)
            out.append(Conflict("statistic", [URIRef(a) for a in about], sides,
                                f"{kind} ({unit}): " + " vs ".join(sorted(sides))))
    return out


def relation_conflicts(ds: Dataset) -> list[Conflict]:
    by_spo: dict[tuple, dict[str, list[URIRef]]] = {}
    for st in sorted(set(ds.subjects(RDF.type, SKG.Statement)), key=str):
        key = (ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object))
        side = "negated" if str(ds.value(st, SKG.assertion) or "present") == "negated" else "affirmed"
        by_spo.setdefault(key, {}).setdefault(side, []).append(st)
    return [Conflict("relation", [s, o], sides, f"{ds.value(s, RDFS.label)} {str(p).rsplit('#', 1)[-1]} "
                     f"{ds.value(o, RDFS.label)}: affirmed and negated")
            for (s, p, o), sides in sorted(by_spo.items(), key=lambda kv: str(kv[0]))
            if len(sides) == 2]


def find(ds: Dataset) -> list[Conflict]:
    return outcome_conflicts(ds) + statistic_conflicts(ds) + relation_conflicts(ds)


def write(g: Graph, conflicts: list[Conflict]) -> None:
    for c in conflicts:
        n = c.iri
        g.add((n, RDF.type, SKG.Conflict))
        g.add((n, SKG.conflictKind, Literal(c.kind)))
        g.add((n, RDFS.label, Literal(c.label)))
        for a in c.about:
            g.add((n, SKG.about, a))
        for k, (side, items) in enumerate(sorted(c.sides.items())):
            s = URIRef(f"{n}/side/{k}")
            g.add((n, SKG.hasSide, s))
            g.add((s, RDFS.label, Literal(side)))
            for item in items:
                g.add((s, SKG.evidence, item))
