"""Citation tracing: from a claim's words, or a reference number, to claims and full references.

Built only from library queries, so it runs the same on a local graph and a remote endpoint.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from spasmkg.graph.store.base import Rows
from spasmkg.ontology import evidence

Runner = Callable[[str, dict[str, str]], Rows]
TEXT_PAGE = 20      # claims ``spasmkg trace`` prints as text when no --limit is given: each with its references in full


def first_query(text: str | None = None, ref: int | None = None) -> tuple[str, dict[str, str]]:
    """The library query (and its parameters) that finds the claims a trace starts from."""
    return ("claims-matching", {"text": text}) if text is not None else ("claims-citing", {"ref": str(ref)})


def _py(v):
    return None if v is None else v.toPython() if hasattr(v, "toPython") else str(v)


def trace(run: Runner, text: str | None = None, ref: int | None = None, rows: Rows | None = None) -> list[dict]:
    """Claims matching ``text`` (or citing reference ``ref``), each with its references in full.
    ``rows``: the claims already found (a page of :func:`first_query`'s answer); else all of them."""
    if rows is None:
        rows = run(*first_query(text, ref))
    out = []
    records: dict[str, dict] = {}
    for r in rows:
        claim = str(r["claim"])
        refs = []
        for rr in run("references-of-claim", {"claim": claim}):
            authors = [str(a["name"]) for a in sorted(run("reference-authors", {"ref": str(rr["ref"])}),
                                                       key=lambda a: int(str(a["position"])))]
            refs.append({
                "n": int(str(rr["refNumber"])), "iri": str(rr["ref"]), "authors": authors,
                "title": _py(rr.get("title")), "container": _py(rr.get("container")),
                "year": int(str(rr["year"])) if rr.get("year") is not None else None,
                "volume": _py(rr.get("volume")), "issue": _py(rr.get("issue")),
                "pages": _py(rr.get("pages")), "url": _py(rr.get("url")),
                "evidence": _py(rr.get("evidenceKind")),
            })
        refs.sort(key=lambda x: x["n"])
        places = run("claim-places", {"claim": claim})
        pages = [{"page": int(str(p["page"])), "box": [float(v) for v in str(p["box"]).split()] if p.get("box") else None,
                  "fragment": str(p["fragment"])} for p in places if p.get("page") is not None]
        paths = [str(p["path"]) for p in places if p.get("path") is not None]
        document = str(r["document"])
        if document not in records:
            records[document] = _record(run("document-record", {"document": document}))
        out.append({
            "claim": claim, "text": str(r["claimText"]), "start": int(str(r["start"])), "end": int(str(r["end"])),
            "document": str(r["document"]), "document_title": _py(r.get("documentTitle")),
            "section": _py(r.get("section")), "references": refs,
            "pages": pages, "elements": paths, "source": records[document],
            "backed_by": backed_by(refs),
        })
    return out


def backed_by(refs: list[dict]) -> str:
    """What backs a claim, by evidence kind: '1 guideline, 2 narrative reviews'."""
    counts = Counter(r["evidence"] for r in refs if r.get("evidence"))
    parts = []
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name = evidence.label(kind)
        parts.append(f"{n} {name if n == 1 else _plural(name)}")
    return ", ".join(parts)


def _plural(name: str) -> str:
    """'narrative review' -> 'narrative reviews'; 'systematic review or meta-analysis' -> 'systematic
    reviews or meta-analyses'; 'cohort or observational study' -> 'cohort or observational studies'."""
    words = name.split(" or ")
    return " or ".join(w[:-1] + "ies" if w.endswith("y") else w[:-2] + "es" if w.endswith("is") else w + "s"
                       for w in words)


def _record(rows: Rows) -> dict:
    """The citing document's own record, with links for its identifiers (empty for a plain text)."""
    if not rows:
        return {}
    r = rows[0]
    rec = {k: _py(r.get(k)) for k in ("authors", "journal", "doi", "pmid", "pmcid", "format", "license")}
    rec["year"] = int(str(r["year"])) if r.get("year") is not None else None
    rec["links"] = [u for u in (rec["doi"] and f"https://doi.org/{rec['doi']}",
                                rec["pmid"] and f"https://pubmed.ncbi.nlm.nih.gov/{rec['pmid']}/",
                                rec["pmcid"] and f"https://www.ncbi.nlm.nih.gov/pmc/articles/{rec['pmcid']}/") if u]
    return rec


def trace_store(store, text: str | None = None, ref: int | None = None, limit: int | None = None,
                offset: int = 0):
    """:func:`trace` of one page of the matching claims (``limit`` from ``offset``; every claim when
    ``limit`` is None) on any store of :mod:`spasmkg.graph.store.registry` -> (traced claims, the
    page: :class:`spasmkg.queries.paging.Page`, which says whether more follow). The page is written
    into the query, so a graph with thousands of matching claims traces only the page asked for."""
    from spasmkg.queries import runner

    def run(name: str, params: dict[str, str]) -> Rows:
        return runner.select(store, name, params)[1]
    name, params = first_query(text, ref)
    page = runner.prepare(name, params).page(store, limit, offset)
    return trace(run, rows=page.rows), page


def to_text(traced: list[dict]) -> str:
    lines = []
    for t in traced:
        lines.append(f"“{' '.join(t['text'].split())}”")
        lines.append(f"  {t['document_title']} · {t['section'] or ''} · chars {t['start']}–{t['end']}")
        for p in t.get("pages", []):
            box = f" · box {', '.join(f'{v:g}' for v in p['box'])}" if p["box"] else ""
            lines.append(f"  page {p['page']}{box} (#{p['fragment']})")
        if t.get("elements"):
            lines.append(f"  element {t['elements'][0]}" + (f" (+{len(t['elements']) - 1})" if len(t["elements"]) > 1 else ""))
        src = t.get("source") or {}
        if src.get("links"):
            who = ", ".join(src["authors"].split("; ")[:3]) + (" et al." if src["authors"] and src["authors"].count(";") >= 3 else "") \
                if src.get("authors") else ""
            where = " ".join(str(x) for x in (src.get("journal"), src.get("year")) if x)
            said = ". ".join(x.rstrip(".") for x in (who, t["document_title"] or "", where) if x)
            lines.append(f"  from: {said}. {' · '.join(src['links'])}")
        if not t["references"] and src.get("links"):
            lines.append("  backed by the article itself (it cites no reference here)")
        if t.get("backed_by"):
            lines.append(f"  backed by {t['backed_by']}")
        for r in t["references"]:
            authors = ", ".join(r["authors"][:3]) + (" et al." if len(r["authors"]) > 3 else "")
            where = " ".join(str(x) for x in (r["container"], r["year"]) if x)
            lines.append(f"  [{r['n']}] {authors.rstrip('.')}. {r['title']}. {where}".rstrip())
        lines.append("")
    lines.append(f"({len(traced)} claim{'s' if len(traced) != 1 else ''})")
    return "\n".join(lines)
