"""Page times of ``spasmkg serve`` at the seeds' size: every page, served by the real application
from a background thread and fetched over HTTP on this machine (one kept-alive connection), on
the default store (an Oxigraph copy of the graph) and on rdflib in memory (``--store memory``);
and on the default store again over a built graph of about a million triples (the seeds plus
recombined documents, so the pages name the same entities, claims and references).

The first fetch of each page is reported apart: it pays for parsing the page's library queries,
which are remembered afterwards.
"""
from __future__ import annotations

import http.client
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

KG = "https://w3id.org/spasmkg/id/"
PAGES = [
    ("start", "/", {}),
    ("search", "/search", {"q": "straight leg"}),
    ("type-ahead", "/api/suggest", {"q": "spasm"}),
    ("entity: straight leg raise test", "/entity", {"iri": KG + "entity/straight_leg_raise_test"}),
    ("entity: acute muscle spasm", "/entity", {"iri": KG + "entity/acute_muscle_spasm"}),
    ("claim", "/claim", {"iri": KG + "claim/spasm-review/7703-7902"}),
    ("reference 28", "/reference", {"iri": KG + "ref/spasm-review/28"}),
    ("patients", "/patients", {}),
    ("patient (timeline, comparisons)", "/patient", {"iri": KG + "patient/patient-clare"}),
    ("network", "/network", {"iri": KG + "entity/acute_muscle_spasm"}),
    ("query library", "/queries", {}),
    ("library query: exam-signs", "/queries/exam-signs", {"condition": "nerve root irritation"}),
    ("library query as CSV", "/queries/exam-signs/results.csv", {"condition": "nerve root irritation"}),
    ("SPARQL editor", "/sparql", {}),
    ("SPARQL endpoint (a query in a worker process)", "/sparql/endpoint",
     {"query": "SELECT ?s WHERE { ?s a <https://w3id.org/spasmkg/ontology#ExamSign> }"}),
]
TARGET_MS = 200
#: every page's median on the large graph
LARGE_TARGET_MS = 1000


def _time_pages(base: str, runs: int) -> list[dict]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    rows = []
    try:
        for name, path, params in PAGES:
            url = path + (f"?{urlencode(params)}" if params else "")
            times = []
            for _ in range(runs + 1):
                t0 = time.perf_counter()
                conn.request("GET", url)
                resp = conn.getresponse()
                body = resp.read()
                times.append((time.perf_counter() - t0) * 1000)
                if resp.status != 200:
                    raise RuntimeError(f"{url}: HTTP {resp.status}")
            warm = times[1:]
            rows.append({"page": name, "path": url, "bytes": len(body), "first_ms": times[0],
                         "median_ms": statistics.median(warm), "max_ms": max(warm), "runs": len(warm)})
    finally:
        conn.close()
    return rows


def bench(runs: int, work: Path, large: Path | None = None) -> dict:
    """Builds the seeds into ``work`` and times every page on both stores; with ``large`` (a built
    folder), every page on the default store over that graph too."""
    from spasmkg.build.run import build
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.web.server import running, store_for_serving
    out = work / "web-seeds"
    build([Path(__file__).resolve().parents[1] / "seeds"], out)
    runs = max(runs, 5)
    result = {"runs": runs, "target_ms": TARGET_MS, "stores": {}}
    with store_for_serving(None, out) as store, running(store) as base:
        result["stores"]["oxigraph"] = _time_pages(base, runs)
    with running(MemoryStore(load(out))) as base:
        result["stores"]["rdflib"] = _time_pages(base, runs)
    if large is not None:
        t0 = time.perf_counter()
        with store_for_serving(None, large) as store:
            loaded = time.perf_counter() - t0
            triples = len(store.store) if hasattr(store, "store") else None
            with running(store) as base:
                result["large"] = {"folder": large.name, "triples": triples, "load_s": loaded,
                                   "target_ms": LARGE_TARGET_MS, "rows": _time_pages(base, runs)}
    return result


def met(data: dict) -> bool:
    """Every page's median within the target on the default store."""
    return all(r["median_ms"] <= data["target_ms"] for r in data["stores"]["oxigraph"])


def met_large(data: dict) -> bool | None:
    """Every page's median within the large graph's target (None when it was not measured)."""
    if not data.get("large"):
        return None
    return all(r["median_ms"] <= data["large"]["target_ms"] for r in data["large"]["rows"])


def report_lines(data: dict) -> list[str]:
    ox, rd = data["stores"]["oxigraph"], {r["page"]: r for r in data["stores"]["rdflib"]}
    lines = ["## 8. `spasmkg serve`: page times at the seeds' size", "",
             f"Each page fetched over HTTP on this machine, {data['runs']} times after a first fetch, from the "
             f"application serving the seeds graph (what a page costs: its library queries, the template, "
             f"the transfer). Default store: the graph copied into Oxigraph; `--store memory`: rdflib. "
             f"Target: every page's median ≤ {data['target_ms']} ms on the default store: "
             f"{'met' if met(data) else 'missed'}.", "",
             "| page | KB | Oxigraph median ms | Oxigraph max | first fetch | rdflib median ms | rdflib first fetch |",
             "|---|---|---|---|---|---|---|"]
    for r in ox:
        m = rd.get(r["page"], {})
        lines.append(f"| {r['page']} | {r['bytes'] / 1024:.1f} | {r['median_ms']:.1f} | {r['max_ms']:.1f} | "
                     f"{r['first_ms']:.0f} | {m.get('median_ms', float('nan')):.1f} | {m.get('first_ms', float('nan')):.0f} |")
    if (big := data.get("large")):
        size = f"{big['triples']:,} triples" if big.get("triples") else big["folder"]
        lines += ["", f"Over a built graph of {size} (copied into Oxigraph at start-up in {big['load_s']:.0f} s), "
                  f"default store. Target: every page's median ≤ {big['target_ms']} ms: "
                  f"{'met' if met_large(data) else 'missed'}.", "",
                  "| page | KB | median ms | max ms | first fetch ms |", "|---|---|---|---|---|"]
        lines += [f"| {r['page']} | {r['bytes'] / 1024:.1f} | {r['median_ms']:.1f} | {r['max_ms']:.1f} | {r['first_ms']:.0f} |"
                  for r in big["rows"]]
    return lines + [""]
