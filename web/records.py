"""What the entity, claim, reference and search pages show, read from the graph by library queries.

Each function takes ``run(name, params) -> rows`` (a library query with bound parameters on the
chosen store) and returns plain data for a template, or None when the IRI names no such node, so
the page answers 404. Nothing here builds query text.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Callable

from spasmkg.graph.store.base import Rows
from spasmkg.ontology import evidence
from spasmkg.web import links

#: ``run(name, params, limit=None, offset=0) -> rows``: a library query (or one page of its rows)
Runner = Callable[..., Rows]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKG = links.SKG
CLAIM = SKG + "Claim"
RELATION_WORDS = {"indicates": "indicates", "causes": "causes", "riskFactorFor": "is a risk factor for",
                  "mechanismOf": "is a mechanism of", "associatedWith": "is associated with"}
RELATION_WORDS_IN = {"indicates": "is indicated by", "causes": "is caused by", "riskFactorFor": "has the risk factor",
                     "mechanismOf": "has the mechanism", "associatedWith": "is associated with"}


def _s(v) -> str | None:
    return None if v is None else str(v)


def _int(v) -> int | None:
    try:
        return None if v is None else int(str(v))
    except ValueError:
        return None


def properties(run: Runner, iri: str) -> dict[str, list[tuple[str, str | None]]]:
    """property IRI -> [(value, value's label)] of everything the graph states about ``iri``."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for r in run("node-properties", {"node": iri}):
        out.setdefault(str(r["property"]), []).append((str(r["value"]), _s(r.get("valueLabel"))))
    return out


def _first(props: dict, prop: str) -> str | None:
    values = props.get(prop)
    return values[0][0] if values else None


def highlighted(text: str, start: int, spans: list[tuple[int, int, str]]) -> list[tuple[str, bool]]:
    """``text`` (which starts at document offset ``start``) cut into (piece, is_mention) parts, the
    mentions at their offsets; a mention whose offsets do not fall on its words is found by them."""
    marks: list[tuple[int, int]] = []
    for ms, me, exact in spans:
        a, b = ms - start, me - start
        if not (0 <= a < b <= len(text) and text[a:b] == exact):
            a = text.lower().find(exact.lower()) if exact else -1
            if a < 0:
                continue
            b = a + len(exact)
        marks.append((a, b))
    parts: list[tuple[str, bool]] = []
    pos = 0
    for a, b in sorted(marks):
        if a < pos:
            a = pos
        if a >= b:
            continue
        if a > pos:
            parts.append((text[pos:a], False))
        parts.append((text[a:b], True))
        pos = b
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


#: claims on one page of an entity's page; the next and previous pages hold the others
CLAIMS_PAGE = 50


def entity(run: Runner, iri: str, offset: int = 0) -> dict | None:
    """An entity's page: its record, and the page of claims that mention it starting at ``offset``
    (in document order, asked for with LIMIT and OFFSET, so a page costs its own claims only)."""
    props = properties(run, iri)
    label = _first(props, SKOS + "prefLabel")
    if label is None:
        return None
    types = sorted(links.local_type(v) for v, _ in props.get(RDF_TYPE, []) if v.startswith(SKG))
    groundings = []
    for curie, _ in props.get(SKG + "hpoId", []):
        groundings.append({"scheme": "HPO", "id": curie, "label": _first(props, SKG + "hpoLabel"),
                           "href": links.hpo(curie)})
    for value, _ in props.get(SKOS + "exactMatch", []):
        groundings.append({"scheme": "exact match", "id": value, "label": None, "href": links.safe_href(value)})
    for value, value_label in props.get(SKG + "drugClass", []):
        groundings.append({"scheme": "drug class", "id": value_label or links.short(value), "label": None,
                           "href": None, "page": value})
    concept = _first(props, SKG + "conceptId")
    names = sorted({v for v, _ in props.get(SKOS + "altLabel", [])}, key=str.lower)
    brands = sorted({v for v, _ in props.get(SKG + "brandName", [])}, key=str.lower)
    total = _int(run("entity-claim-count", {"entity": iri})[0]["claims"]) or 0
    page = run("entity-claim-list", {"entity": iri}, limit=CLAIMS_PAGE + 1, offset=offset)
    claims = [_entity_claim(run, iri, label, r) for r in page[:CLAIMS_PAGE]]
    return {"iri": iri, "label": label, "types": types, "groundings": groundings, "concept": concept,
            "names": names, "brands": brands, "claims": claims, "claims_total": total,
            "claims_from": offset, "claims_next": offset + CLAIMS_PAGE if len(page) > CLAIMS_PAGE else None,
            "claims_previous": max(offset - CLAIMS_PAGE, 0) if offset > 0 else None,
            "relations": relations(run, iri), "co_mentioned": co_mentioned(run, label)}


def _entity_claim(run: Runner, iri: str, label: str, r) -> dict:
    """One claim of an entity's page: its text with the entity's mentions marked, and its references."""
    c = {"iri": str(r["claim"]), "text": str(r["claimText"]), "start": int(str(r["claimStart"])),
         "document": str(r["document"]), "document_title": _s(r.get("documentTitle")),
         "section": _s(r.get("section"))}
    spans: list[tuple[int, int, str]] = []
    refs: OrderedDict[str, dict] = OrderedDict()
    for d in run("entity-in-claim", {"entity": iri, "claim": c["iri"]}):
        if d.get("mentionStart") is not None:
            span = (int(str(d["mentionStart"])), int(str(d["mentionEnd"])), str(d["exact"]))
            if span not in spans:
                spans.append(span)
        if d.get("ref") is not None:
            refs[str(d["ref"])] = {"iri": str(d["ref"]), "n": _int(d["refNumber"]), "title": _s(d.get("refTitle"))}
    c["parts"] = highlighted(c["text"], c["start"], spans or [(-1, -1, label)])
    c["refs"] = sorted(refs.values(), key=lambda x: x["n"] or 0)
    return c


def co_mentioned(run: Runner, label: str, limit: int = 15) -> list[dict]:
    """The entities named in the most claims together with the one called ``label``."""
    return [{"iri": str(r["other"]), "label": str(r["otherLabel"]), "claims": _int(r["claims"]) or 0}
            for r in run("co-mentioned", {"entity": label}, limit=limit)]


def relations(run: Runner, iri: str) -> list[dict]:
    out = []
    for r in run("entity-relations", {"entity": iri}):
        name = links.local_type(str(r["relation"]))
        words = (RELATION_WORDS if str(r["direction"]) == "out" else RELATION_WORDS_IN).get(name, name)
        out.append({"direction": str(r["direction"]), "relation": name, "words": words, "other": str(r["other"]),
                    "label": str(r["otherLabel"]), "type": links.local_type(str(r["otherType"]))})
    return out


def evidence_label(kind: str | None) -> str | None:
    """How a reader says an evidence kind ('systematic review or meta-analysis')."""
    return evidence.label(kind) if kind else None


def reference(run: Runner, iri: str) -> dict | None:
    """A reference's full record, its links, and its authors in order."""
    rows = run("reference-record", {"ref": iri})
    if not rows:
        return None
    r = rows[0]
    rec = {k: _s(r.get(k)) for k in ("document", "documentTitle", "authors", "title", "container", "year", "volume",
                                        "issue", "pages", "doi", "pmid", "url", "rawText", "work",
                                        "evidenceKind", "evidenceSign")}
    rec["evidence"] = evidence_label(rec["evidenceKind"])
    rec["iri"], rec["n"] = iri, _int(r["refNumber"])
    authors = sorted(run("reference-authors", {"ref": iri}), key=lambda a: _int(a["position"]) or 0)
    rec["author_list"] = [str(a["name"]) for a in authors] or ([rec["authors"]] if rec["authors"] else [])
    rec["links"] = [x for x in (
        ("DOI " + rec["doi"], links.doi(rec["doi"])) if rec["doi"] else None,
        ("PubMed " + rec["pmid"], links.pubmed(rec["pmid"])) if rec["pmid"] else None,
        (rec["url"], links.safe_href(rec["url"])) if rec["url"] else None) if x and x[1]]
    return rec


def reference_page(run: Runner, iri: str) -> dict | None:
    rec = reference(run, iri)
    if rec is None:
        return None
    by_doc: OrderedDict[str, dict] = OrderedDict()
    for r in run("claims-citing-work", {"ref": iri}):
        d = by_doc.setdefault(str(r["document"]), {"document": str(r["document"]),
                                                    "title": _s(r.get("documentTitle")), "claims": []})
        d["claims"].append({"iri": str(r["claim"]), "text": str(r["claimText"]), "section": _s(r.get("section")),
                            "n": _int(r["refNumber"])})
    rec["citing"] = list(by_doc.values())
    return rec


def claim(run: Runner, iri: str) -> dict | None:
    props = properties(run, iri)
    if CLAIM not in {v for v, _ in props.get(RDF_TYPE, [])}:
        return None
    text = _first(props, SKG + "text") or ""
    start = _int(_first(props, SKG + "start")) or 0
    markers = run("claim-markers", {"claim": iri})
    paragraph = _paragraph(run("claim-context", {"claim": iri}), iri)
    mentioned = sorted({(v, lab or links.short(v)) for v, lab in props.get(SKG + "mentions", [])},
                       key=lambda x: x[1].lower())
    doc = _first(props, SKG + "inDocument")
    doc_title = _first(properties(run, doc), "http://purl.org/dc/terms/title") if doc else None
    refs = [reference(run, str(r["ref"])) for r in run("references-of-claim", {"claim": iri})]
    same = [{"iri": str(r["other"]), "text": str(r["otherText"]), "document": str(r["otherDocument"]),
             "document_title": _s(r.get("otherDocumentTitle")), "via": str(r["via"]), "detail": _s(r.get("detail"))}
            for r in run("claims-stating-the-same", {"claim": iri})]
    return {"iri": iri, "text": text, "start": start, "end": _int(_first(props, SKG + "end")),
            "document": doc, "document_label": doc_title or (links.short(doc) if doc else None),
            "section": _first(props, SKG + "sectionTitle"), "markers": markers,
            "paragraph": paragraph, "mentioned": mentioned, "references": [r for r in refs if r], "same": same}


def _paragraph(context: Rows, iri: str, around: int = 2) -> list[dict]:
    """The claim ``iri`` with up to ``around`` claims of its section on each side, each followed by
    the text between it and the next (markers, punctuation) as its Web Annotation suffix gives it."""
    at = next((i for i, r in enumerate(context) if str(r["other"]) == iri), None)
    if at is None:
        return []
    rows = context[max(0, at - around): at + around + 1]
    out = []
    for i, r in enumerate(rows):
        suffix = _s(r.get("suffix")) or ""
        if i + 1 < len(rows):
            gap = int(str(rows[i + 1]["start"])) - int(str(r["end"]))
            tail = suffix[:gap] if 0 < gap <= len(suffix) else (" " if gap > 0 else "")
        else:
            tail = re.match(r"[^\w\s]*", suffix).group(0)        # the closing punctuation and markers
        out.append({"iri": str(r["other"]), "text": str(r["text"]), "tail": " ".join(tail.split("\n")),
                    "this": str(r["other"]) == iri})
    return out


def search(run: Runner, text: str, limit: int = 50) -> list[dict]:
    """Entities, claims and references matching ``text``, best first, each with its page."""
    if len(text.strip()) < 2:
        return []
    out = []
    for r in run("search", {"text": text.strip()}, limit=limit):
        kind = str(r["kind"])
        out.append({"kind": kind, "iri": str(r["item"]), "label": " ".join(str(r["label"]).split()),
                    "document": links.short(str(r["document"])) if r.get("document") is not None else None})
    return out
