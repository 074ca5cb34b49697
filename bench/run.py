"""The benchmark suite: one command, medians of several runs, a Markdown and a JSON report.

    python bench/run.py [--quick] [--runs N] [--sizes 100,1000,10000] [--build-sizes 100,500,1000,2000]
                        [--add-one-at 1000] [--literature-build 10000] [--triples 10000,100000,1000000]
    python bench/run.py --only literature|queries|hostile|text|web   # that one section, put into the existing report

Measures, all in the same run so ratios compare like with like:
1. a cold ``spasmkg build`` of the seeds as a whole process: wall time and peak memory;
2. extraction throughput (words per second) against the bare spaCy model on the same texts with the
   same batch size, as a ratio, at each corpus size (time and memory growth with size), and the
   speedup of two processes over one;
3. graph building and serialization, in triples per second;
4. the latency of every library query (median and 95th percentile) on the in-memory rdflib store and
   on the Oxigraph store at several graph sizes, as a ratio;
5. whole builds of growing corpora (time, memory, triples, comparisons), adding one document to
   one of them, and a literature database of 10,000 reviews;
6. pathological document shapes (nested parentheses, long runs without spaces...) at growing sizes,
   to show that the time to analyse them grows linearly (:mod:`hostile`);
7. the text-only steps (layout, reference list, markers) on pathological shapes at several sizes;
8. the page times of ``spasmkg serve`` at the seeds' size (:mod:`web_pages`).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import hostile  # noqa: E402
import text_shapes  # noqa: E402
import web_pages  # noqa: E402


SLOW_QUERY_BUDGET_MS = 20_000


def median(xs):
    return statistics.median(xs) if xs else None


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else None


def child_run(args: list[str]) -> tuple[float, float]:
    """Run a command in a fresh child; (wall seconds, peak resident MB of that child)."""
    code = ("import resource,subprocess,sys,time;t=time.perf_counter();"
            "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "w=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
            "print(w,m,r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout.split()
    if out[2] != "0":
        raise RuntimeError(f"{' '.join(args)} exited {out[2]}")
    return float(out[0]), float(out[1])


def bench_cold_build(runs: int) -> dict:
    exe = str(Path(sys.executable).with_name("spasmkg"))
    walls, mems = [], []
    for _ in range(runs):
        out = tempfile.mkdtemp(prefix="bench-build-")
        w, m = child_run([exe, "build", str(ROOT / "seeds"), "--out", out, "--quiet"])
        shutil.rmtree(out, ignore_errors=True)
        walls.append(w)
        mems.append(m)
    return {"wall_s_median": median(walls), "wall_s_all": walls, "peak_mb_median": median(mems)}


def _extract_worker(n: int, mode: str, batch: int, n_process: int = 1) -> None:
    """Child process body: time one extraction mode on an n-document corpus, print JSON.

    ``bare``: the spaCy model alone (``nlp.pipe``); ``spasmkg``: the whole extraction
    (``analyse_many``: layout, references, markers, the model with spasmkg's components, claims,
    relations, statistics, narratives) with the same batch size."""
    docs = corpus.make(n)
    if mode == "bare":
        from spasmkg.extract.pipeline import load_model
        nlp = load_model()
        t0 = time.perf_counter()
        for _ in nlp.pipe((t for _, _, t in docs), batch_size=batch, n_process=n_process):
            pass
    else:
        from spasmkg.build.engines import analyse_many
        from spasmkg.extract.document import DocumentInput
        from spasmkg.extract.pipeline import load_nlp
        load_nlp()
        t0 = time.perf_counter()
        items = (DocumentInput(i, i, k, None, t) for i, k, t in docs)
        failed = sum(isinstance(r, Exception) for _, r in analyse_many(items, batch_size=batch, n_process=n_process))
        if failed:
            raise SystemExit(f"{failed} documents failed")
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": secs, "words": corpus.words(docs), "peak_mb": peak}))


def _worker_run(n: int, mode: str, batch: int, n_process: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", f"{n}:{mode}:{batch}:{n_process}"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_extraction(sizes: list[int], runs: int, batch: int) -> list[dict]:
    rows = []
    for n in sizes:
        reps = runs if n <= 100 else min(runs, 2) if n <= 1000 else 1   # large corpora: fewer runs
        res = {"documents": n}
        for mode in ("bare", "spasmkg"):
            samples = [_worker_run(n, mode, batch) for _ in range(reps)]
            secs = median([s["seconds"] for s in samples])
            res[mode] = {"seconds": secs, "words": samples[0]["words"], "words_per_s": samples[0]["words"] / secs,
                         "peak_mb": median([s["peak_mb"] for s in samples]), "runs": reps}
        res["ratio"] = res["spasmkg"]["seconds"] / res["bare"]["seconds"]
        rows.append(res)
    return rows


def bench_processes(n: int, batch: int, one_process_s: float | None) -> dict:
    """The whole extraction in two processes against one, on the same corpus."""
    one = one_process_s if one_process_s is not None else _worker_run(n, "spasmkg", batch)["seconds"]
    two = _worker_run(n, "spasmkg", batch, 2)
    return {"documents": n, "one_process_s": one, "two_processes_s": two["seconds"],
            "speedup": one / two["seconds"], "words": two["words"]}


def _write_corpus(folder: Path, docs) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, kind, text in docs:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")


def bench_build_growth(sizes: list[int], processes: int, work: Path, add_one_at: int) -> dict:
    """Whole-process ``spasmkg build`` of corpora of growing size (time, peak memory, triples, and
    comparisons, which pair each narrative with the literature), and one document added to the
    ``add_one_at``-document corpus and built again into the same folder (the cache and the build's
    store), then that document removed again and built once more."""
    exe = str(Path(sys.executable).with_name("spasmkg"))
    rows, add_one = [], {}
    docs_all = corpus.make(max(sizes) + 1, seed=7)
    for n in sizes:
        folder, out = work / f"corpus{n}", work / f"built{n}"
        _write_corpus(folder, docs_all[:n])
        w, m = child_run([exe, "build", str(folder), "--out", str(out), "--quiet", "--processes", str(processes)])
        triples, comparisons = _count_quads(out)
        rows.append({"documents": n, "wall_s": w, "peak_mb": m, "triples": triples, "comparisons": comparisons,
                     "s_per_document": w / n, "mb_per_1k_triples": m / max(triples / 1000, 1e-9)})
        if n == add_one_at:
            _write_corpus(folder, docs_all[n:n + 1])
            w1, m1 = child_run([exe, "build", str(folder), "--out", str(out), "--quiet", "--processes",
                                str(processes)])
            (folder / f"{docs_all[n][0]}.txt").unlink()
            w2, m2 = child_run([exe, "build", str(folder), "--out", str(out), "--quiet", "--processes",
                                str(processes)])
            add_one = {"documents": n + 1, "wall_s": w1, "peak_mb": m1, "share_of_full_build": w1 / w,
                       "added_kind": docs_all[n][1], "remove_wall_s": w2, "remove_share_of_full_build": w2 / w,
                       "remove_peak_mb": m2, "triples": triples,
                       "cold_query": bench_cold_query(out, 3)}
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return {"processes": processes, "rows": rows, "add_one": add_one}


def bench_literature_build(n: int, processes: int, work: Path) -> dict:
    """A literature database: ``n`` reviews and no patient accounts (so no comparisons, which pair
    accounts with claims), built whole, as a process: time, peak memory, triples."""
    exe = str(Path(sys.executable).with_name("spasmkg"))
    folder, out = work / f"literature{n}", work / f"literature-built{n}"
    _write_corpus(folder, corpus.make(n, seed=7, narrative_share=0.0))
    w, m = child_run([exe, "build", str(folder), "--out", str(out), "--quiet", "--processes", str(processes)])
    triples, _ = _count_quads(out)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    return {"documents": n, "processes": processes, "wall_s": w, "peak_mb": m, "triples": triples,
            "s_per_document": w / n, "date": time.strftime("%Y-%m-%d")}


def _count_quads(out: Path) -> tuple[int, int]:
    """Quads of ``graph.trig``, and how many of them type a comparison."""
    import pyoxigraph as ox
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    comparison = ox.NamedNode("https://w3id.org/spasmkg/ontology#Comparison")
    quads = comparisons = 0
    with (out / "graph.trig").open("rb") as fh:
        for q in ox.parse(fh, format=ox.RdfFormat.TRIG):
            quads += 1
            comparisons += q.predicate == rdf_type and q.object == comparison
    return quads, comparisons


def bench_graph(n: int, runs: int) -> dict:
    from spasmkg.build.engines import analyse_many
    from spasmkg.extract.document import DocumentInput
    from spasmkg.graph.document_graph import add_document, new_dataset
    from spasmkg.graph.export.formats import trig_text
    docs = corpus.make(n)
    results = [r for _, r in analyse_many(DocumentInput(i, i, k, None, t) for i, k, t in docs)]
    build_s, ser_s, triples = [], [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        ds = new_dataset()
        for r in results:
            add_document(ds, r)
        build_s.append(time.perf_counter() - t0)
        triples = len(ds)
        t0 = time.perf_counter()
        trig_text(ds)
        ser_s.append(time.perf_counter() - t0)
    return {"documents": n, "triples": triples, "build_triples_per_s": triples / median(build_s),
            "serialize_triples_per_s": triples / median(ser_s)}


def _query_graph(target: int, triples_per_document: float, processes: int, work: Path) -> Path:
    """A built folder of the seeds plus recombined documents, about ``target`` triples in all: the
    shape of a real shelf (many documents, entities shared between some of them), and the header
    examples, which name seed entities, claims and references, find what they name."""
    n = max(0, round((target - SEED_TRIPLES) / triples_per_document))
    folder, out = work / f"qcorpus{target}", work / f"qbuilt{target}"
    _write_corpus(folder, corpus.make(n, seed=11))
    exe = str(Path(sys.executable).with_name("spasmkg"))
    child_run([exe, "build", str(ROOT / "seeds"), str(folder), "--out", str(out), "--quiet",
               "--processes", str(processes)])
    return out


SEED_TRIPLES = 13_000      # about what the seeds give; the corpus documents make up the rest


def _web_graph(triples: int, growth_rows: list[dict], work: Path) -> Path | None:
    """The built graph of about ``triples`` triples the web pages are timed on (None: not asked)."""
    if not triples:
        return None
    return _query_graph(triples, _triples_per_document(growth_rows, triples), 2, work)


def _triples_per_document(growth_rows: list[dict], target: int) -> float:
    """Triples per document of the growth build nearest ``target`` triples in size: comparisons make a
    larger corpus denser, so the rate of the largest build would give too small a graph."""
    row = min(growth_rows, key=lambda r: abs(math.log(r["triples"] / target)))
    return row["triples"] / row["documents"]


def bench_queries(triple_sizes: list[int], runs: int, work: Path, growth_rows: list[dict],
                  rdflib_max: int = 100_000) -> list[dict]:
    """Oxigraph at every size; rdflib up to ``rdflib_max`` triples (above that one rdflib query can run
    for minutes, which the rows at smaller sizes already show)."""
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.graph.store.oxigraph import OxigraphStore
    from spasmkg.queries import runner
    rows = []
    for target in triple_sizes:
        folder = _query_graph(target, _triples_per_document(growth_rows, target), 2, work)
        ox = OxigraphStore(work / f"ox{target}")
        stores = {}
        if target <= rdflib_max:
            stores["rdflib"] = MemoryStore(load(folder))
        loaded = ox.load_graph(folder)
        stores["oxigraph"] = ox
        for name, q in sorted(runner.library().items()):
            params = q.example_params()
            if set(q.params) - set(params):
                continue
            entry = {"triples": loaded, "query": name,
                     "rdflib": {"median_ms": None, "p95_ms": None, "runs": 0}}
            for label, store in stores.items():
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    _, answer = runner.select(store, name, params)
                    times.append((time.perf_counter() - t0) * 1000)
                    if sum(times) > SLOW_QUERY_BUDGET_MS:      # a slow query is timed fewer times
                        break
                entry[label] = {"median_ms": median(times), "p95_ms": p95(times), "runs": len(times),
                                "rows": len(answer)}
            entry["ratio_rdflib_over_oxigraph"] = None if entry["rdflib"]["median_ms"] is None else \
                entry["rdflib"]["median_ms"] / max(entry["oxigraph"]["median_ms"], 1e-6)
            rows.append(entry)
        del stores, ox
        shutil.rmtree(work / f"qcorpus{target}", ignore_errors=True)
    return rows


def bench_cold_query(folder: Path, runs: int, name: str = "uncited-references",
                     stores: tuple[str, ...] = ("index", "memory")) -> list[dict]:
    """A whole ``spasmkg query NAME --graph FOLDER`` process, started cold, on each store: wall time and
    peak resident memory (medians of ``runs``). The index is made first when it is missing or stale,
    so every timed run finds it made, as a user's query after a build does."""
    from spasmkg.graph.store.index import open_index
    open_index(folder, announce=None)
    exe = str(Path(sys.executable).with_name("spasmkg"))
    rows = []
    for store in stores:
        walls, mems = [], []
        for _ in range(runs):
            wall, mem = child_run([exe, "query", name, "--graph", str(folder), "--store", store])
            walls.append(wall)
            mems.append(mem)
        rows.append({"query": name, "store": store, "median_s": median(walls), "peak_mb": median(mems),
                     "runs": runs})
    return rows


def _fmt(x, spec=".1f"):
    return "—" if x is None else format(x, spec)


def report_md(data: dict) -> str:
    t = data["targets"]
    lines = ["# spasmkg benchmarks", "",
             f"Machine: {data['machine']}. Run {data['date']}, {data.get('minutes', 0):.0f} minutes. "
             f"Medians of {data['runs']} runs unless a row says otherwise. Regenerate with `make bench`."]
    if data.get("only"):
        lines.append("Sections run again alone afterwards (`bench/run.py --only SECTION`): "
                     + ", ".join(f"{k} on {v}" for k, v in sorted(data["only"].items())) + ".")
    lines.append("")
    cb = data["cold_build"]
    lines += ["## 1. Cold build of the seeds (whole process, no reasoner)", "",
              f"wall {cb['wall_s_median']:.2f} s (runs: {', '.join(f'{w:.2f}' for w in cb['wall_s_all'])}) · "
              f"peak memory {cb['peak_mb_median']:.0f} MB — target ≤ 5 s, ≤ 700 MB: "
              f"{'met' if t['cold_build'] else 'missed'}", ""]
    lines += ["## 2. Extraction against the bare spaCy model (same run, same batch size)", "",
              f"Bare: `nlp.pipe` of the English model. spasmkg: `analyse_many` (layout, references, markers, "
              f"the model with spasmkg's components, claims, relations, statistics, narratives). "
              f"Batch size {data['batch']}.", "",
              "| documents | words | bare words/s | spasmkg words/s | time ratio | bare peak MB | spasmkg peak MB | runs |",
              "|---|---|---|---|---|---|---|---|"]
    for r in data["extraction"]:
        lines.append(f"| {r['documents']} | {r['bare']['words']} | {r['bare']['words_per_s']:.0f} | "
                     f"{r['spasmkg']['words_per_s']:.0f} | {r['ratio']:.2f} | {r['bare']['peak_mb']:.0f} | "
                     f"{r['spasmkg']['peak_mb']:.0f} | {r['spasmkg']['runs']} |")
    pr = data["processes"]
    lines += ["", f"Two processes (`n_process=2`) on {pr['documents']} documents: {pr['two_processes_s']:.1f} s "
              f"against {pr['one_process_s']:.1f} s in one, speedup {pr['speedup']:.2f}× (target ≥ 1.6×).", ""]
    g = data["graph"]
    lines += ["## 3. Graph building and serialization", "",
              f"{g['documents']} documents, {g['triples']} triples: build {g['build_triples_per_s']:.0f} triples/s, "
              f"TriG serialization {g['serialize_triples_per_s']:.0f} triples/s", ""]
    bg = data["build_growth"]
    lines += ["## 5. Growth of a whole build with corpus size", "",
              f"`spasmkg build --processes {bg['processes']}`, whole process.", "",
              "| documents | triples | comparisons | wall s | s per document | peak MB | MB per 1,000 triples |",
              "|---|---|---|---|---|---|---|"]
    for r in bg["rows"]:
        lines.append(f"| {r['documents']} | {r['triples']} | {r.get('comparisons', '—')} | {r['wall_s']:.1f} | "
                     f"{r['s_per_document']:.3f} | {r['peak_mb']:.0f} | {r['mb_per_1k_triples']:.2f} |")
    a = bg["add_one"]
    lines += ["", f"One document added to the {a['documents'] - 1}-document corpus and built again into the same "
              f"folder: {a['wall_s']:.1f} s, {100 * a['share_of_full_build']:.1f}% of the full build (target ≤ 5%)"
              + (f"; removed again: {a['remove_wall_s']:.1f} s, {100 * a['remove_share_of_full_build']:.1f}%."
                 if "remove_wall_s" in a else "."), ""]
    if a.get("cold_query"):
        lines += [f"A cold `spasmkg query` as a whole process on that build ({a['triples']:,} triples; target ≤ 1 s, "
                  "memory that does not grow with the graph):", ""]
        lines += [f"- `{c['query']}` on {'the index' if c['store'] == 'index' else 'rdflib in memory (`--store memory`)'}: "
                  f"{c['median_s']:.2f} s, {c['peak_mb']:.0f} MB (median of {c['runs']})" for c in a["cold_query"]]
        lines.append("")
    cl = data.get("cluster")
    if cl:
        import cluster
        lines += ["The Dask engine against the plain build: " + cluster.report(cl), ""]
    lit = data.get("literature_build")
    if lit:
        lines += [f"A literature database: {lit['documents']:,} reviews and no patient accounts (no comparisons), "
                  f"`--processes {lit['processes']}`, measured {lit['date']}: {lit['wall_s']:.0f} s "
                  f"({lit['s_per_document']:.3f} s per document), peak {lit['peak_mb']:.0f} MB, "
                  f"{lit['triples']:,} triples (target ≤ 2 GB).", ""]
    queries = data.get("queries") or []
    lines += ["## 4. Query latency, rdflib in memory against Oxigraph (same run)", "",
              "Every library query with its header's example parameters, on graphs built by `spasmkg build` "
              "from the seeds plus recombined documents (the smallest is the seeds alone). Rows: the answer's "
              "size. Ratio: rdflib median / Oxigraph median. "
              f"rdflib is timed up to {data.get('rdflib_max', 100_000):,} triples.", ""]
    for size, ms in sorted(_oxigraph_medians(queries).items()):
        within = sum(1 for m in ms.values() if m <= 50)
        slowest = sorted(ms, key=ms.get, reverse=True)[:3]
        lines.append(f"- {size:,} triples: Oxigraph median over the library {median(list(ms.values())):.1f} ms; "
                     f"{within} of {len(ms)} queries within 50 ms; slowest "
                     + ", ".join(f"{q} {ms[q]:.0f} ms" for q in slowest))
    lines += ["", "| triples | query | rows | rdflib median ms | rdflib p95 | Oxigraph median ms | Oxigraph p95 | ratio |",
              "|---|---|---|---|---|---|---|---|"]
    for r in queries:
        lines.append(f"| {r['triples']} | {r['query']} | {r['oxigraph'].get('rows', '—')} | "
                     f"{_fmt(r['rdflib']['median_ms'])} | {_fmt(r['rdflib']['p95_ms'])} | "
                     f"{_fmt(r['oxigraph']['median_ms'])} | {_fmt(r['oxigraph']['p95_ms'])} | "
                     f"{_fmt(r['ratio_rdflib_over_oxigraph'])} |")
    if data.get("hostile"):
        lines += [""] + hostile.report_lines(data["hostile"])
    lines.append("")
    if data.get("text_shapes"):
        lines += text_shapes.report(data["text_shapes"])
    if data.get("web"):
        lines += web_pages.report_lines(data["web"])
    lines += ["## Targets", ""]
    lines += [f"- {k}: {'met' if v else 'missed'}" for k, v in t.items()]
    return "\n".join(lines) + "\n"


def _oxigraph_medians(queries: list[dict]) -> dict[int, dict[str, float]]:
    """Oxigraph median ms per query, by graph size."""
    out: dict[int, dict[str, float]] = {}
    for r in queries:
        out.setdefault(r["triples"], {})[r["query"]] = r["oxigraph"]["median_ms"]
    return out


def targets(data: dict) -> dict:
    cb, ex, pr, bg = data["cold_build"], data["extraction"], data["processes"], data["build_growth"]
    by_size = _oxigraph_medians(data.get("queries") or [])
    largest = max(by_size) if by_size else 0
    ms = list(by_size.get(largest, {}).values())
    biggest = max(bg["rows"], key=lambda r: r["documents"])
    return {"cold_build": cb["wall_s_median"] <= 5 and cb["peak_mb_median"] <= 700,
            "extraction_ratio_le_1.3": all(r["ratio"] <= 1.3 for r in ex),
            "two_processes_ge_1.6": pr["speedup"] >= 1.6,
            f"build_peak_le_2GB_at_{biggest['documents']}_documents": biggest["peak_mb"] <= 2048,
            **({f"literature_build_peak_le_2GB_at_{lit['documents']}_documents": lit["peak_mb"] <= 2048}
               if (lit := data.get("literature_build")) else {}),
            f"add_one_le_5pct_at_{bg['add_one']['documents'] - 1}": bg["add_one"]["share_of_full_build"] <= 0.05,
            f"oxigraph_library_median_le_50ms_at_{largest}": bool(ms) and median(ms) <= 50,
            f"oxigraph_every_query_median_le_50ms_at_{largest}": bool(ms) and max(ms) <= 50,
            **({"web_every_page_median_le_200ms": web_pages.met(data["web"])} if data.get("web") else {})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one run: checks the suite works")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--build-sizes", default="100,500,1000,2000")
    ap.add_argument("--add-one-at", type=int, default=1000, help="the build size one document is added to")
    ap.add_argument("--literature-build", type=int, default=10_000,
                    help="reviews in the literature-database build (0: none)")
    ap.add_argument("--hostile-sizes", default="10000,50000,100000",
                    help="sizes in characters of the hostile stretch of each pathological shape")
    ap.add_argument("--cluster-documents", type=int, default=300, help="the corpus the Dask engine is timed on")
    ap.add_argument("--only", choices=["literature", "queries", "hostile", "text", "web", "growth", "cluster"],
                    help="run this one section and put it into the existing report")
    ap.add_argument("--triples", default="10000,100000,1000000")
    ap.add_argument("--web-triples", type=int, default=1_000_000,
                    help="size of the large graph the web pages are timed on too (0: seeds only)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--rdflib-max", type=int, default=100_000, help="largest graph timed on rdflib too")
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        n, mode, batch, *procs = a.worker.split(":")
        _extract_worker(int(n), mode, int(batch), int(procs[0]) if procs else 1)
        return 0
    if a.quick:
        a.runs, a.sizes, a.build_sizes, a.add_one_at, a.triples = 1, "20,50", "20,50", 50, "10000"
        a.web_triples = 0
        a.literature_build = 50
        a.hostile_sizes = "2000,10000"
    if a.only:
        return _only(a, [int(x) for x in a.triples.split(",")])
    sizes = [int(x) for x in a.sizes.split(",")]
    build_sizes = [int(x) for x in a.build_sizes.split(",")]
    triples = [int(x) for x in a.triples.split(",")]
    work = Path(tempfile.mkdtemp(prefix="spasmkg-bench-"))
    started = time.perf_counter()
    try:
        data = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                "date": time.strftime("%Y-%m-%d"), "runs": a.runs, "batch": a.batch, "rdflib_max": a.rdflib_max}
        partial = Path(a.out) / f"report{'-quick' if a.quick else ''}.partial.json"

        def save() -> None:            # what is measured so far survives an interrupted run
            partial.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        data["cold_build"] = bench_cold_build(a.runs)
        data["text_shapes"] = text_shapes.bench(a.runs, a.quick)
        save()
        data["extraction"] = bench_extraction(sizes, a.runs, a.batch)
        save()
        mid = max(n for n in sizes if n <= 1000) if any(n <= 1000 for n in sizes) else sizes[0]
        one = next(r["spasmkg"]["seconds"] for r in data["extraction"] if r["documents"] == mid)
        data["processes"] = bench_processes(mid, a.batch, one)
        data["graph"] = bench_graph(min(mid, 300), a.runs)
        save()
        data["build_growth"] = bench_build_growth(build_sizes, 2, work, a.add_one_at)
        save()
        import cluster
        data["cluster"] = cluster.bench(a.cluster_documents if not a.quick else 20, min(a.runs, 2), work)
        save()
        if a.literature_build:
            data["literature_build"] = bench_literature_build(a.literature_build, 2, work)
            save()
        data["queries"] = bench_queries(triples, max(a.runs, 5), work, data["build_growth"]["rows"], a.rdflib_max)
        save()
        data["hostile"] = hostile.bench_hostile([int(x) for x in a.hostile_sizes.split(",")], a.runs)
        data["web"] = web_pages.bench(a.runs, work, _web_graph(a.web_triples, data["build_growth"]["rows"], work))
        save()
        data["minutes"] = (time.perf_counter() - started) / 60
        data["targets"] = targets(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = Path(a.out)
    suffix = "-quick" if a.quick else ""
    (out / f"report{suffix}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (out / f"report{suffix}.md").write_text(report_md(data), encoding="utf-8")
    (out / f"report{suffix}.partial.json").unlink(missing_ok=True)
    print(report_md(data))
    return 0


def _only(a, triples: list[int]) -> int:
    """``--only SECTION``: run that one section again and put it into the existing report."""
    out = Path(a.out)
    suffix = "-quick" if a.quick else ""
    data = json.loads((out / f"report{suffix}.json").read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="spasmkg-bench-"))
    try:
        if a.only == "literature":
            data["literature_build"] = bench_literature_build(a.literature_build, 2, work)
        elif a.only == "hostile":
            data["hostile"] = hostile.bench_hostile([int(x) for x in a.hostile_sizes.split(",")], a.runs)
        elif a.only == "text":
            data["text_shapes"] = text_shapes.bench(a.runs, a.quick)
        elif a.only == "growth":
            again = bench_build_growth([a.add_one_at], 2, work, a.add_one_at)
            bg = data["build_growth"]
            bg["rows"] = [r for r in bg["rows"] if r["documents"] != a.add_one_at] + again["rows"]
            bg["rows"].sort(key=lambda r: r["documents"])
            bg["add_one"] = again["add_one"]
        elif a.only == "cluster":
            import cluster
            data["cluster"] = cluster.bench(a.cluster_documents, max(1, min(a.runs, 2)), work)
        elif a.only == "web":
            data["web"] = web_pages.bench(a.runs, work, _web_graph(a.web_triples, data["build_growth"]["rows"], work))
        else:
            data["queries"] = bench_queries(triples, max(a.runs, 5), work, data["build_growth"]["rows"], a.rdflib_max)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    data.setdefault("only", {})[a.only] = time.strftime("%Y-%m-%d")
    data["targets"] = targets(data)
    (out / f"report{suffix}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (out / f"report{suffix}.md").write_text(report_md(data), encoding="utf-8")
    print(report_md(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
