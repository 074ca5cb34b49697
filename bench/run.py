"""The benchmark suite: one command, medians of several runs, a Markdown and a JSON report.

    python bench/run.py [--quick] [--runs N] [--sizes 100,1000,10000] [--triples 10000,100000,1000000]

Measures, all in the same run so ratios compare like with like:
1. a cold ``spasmkg build`` of the seeds as a whole process: wall time and peak memory;
2. extraction throughput (words per second) against the bare spaCy model on the same texts with the
   same batch size, as a ratio, at each corpus size, and the growth of time and memory with size;
3. graph building and serialization, in triples per second;
4. the latency of every library query (median and 95th percentile) on the in-memory rdflib store and
   on the Oxigraph store at several graph sizes, as a ratio.
"""
from __future__ import annotations

import argparse
import json
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


def _extract_worker(n: int, mode: str, batch: int) -> None:
    """Child process body: time one extraction mode on an n-document corpus, print JSON."""
    docs = corpus.make(n)
    t0 = time.perf_counter()
    if mode == "bare":
        from spasmkg.extract.pipeline import load_model
        nlp = load_model()
        t0 = time.perf_counter()
        for _ in nlp.pipe((t for _, _, t in docs), batch_size=batch):
            pass
    else:
        from spasmkg.extract.document import analyse_text
        from spasmkg.extract.pipeline import load_nlp
        load_nlp()
        t0 = time.perf_counter()
        batch_api = getattr(__import__("spasmkg.extract.document", fromlist=["x"]), "analyse_many", None)
        if batch_api is not None:
            for _ in batch_api(docs, batch_size=batch):
                pass
        else:
            for doc_id, kind, text in docs:
                analyse_text(text, doc_id, doc_id, kind)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": secs, "words": corpus.words(docs), "peak_mb": peak}))


def bench_extraction(sizes: list[int], runs: int, batch: int) -> list[dict]:
    rows = []
    for n in sizes:
        reps = runs if n <= 1000 else 1
        res = {"documents": n}
        for mode in ("bare", "spasmkg"):
            samples = []
            for _ in range(reps):
                out = subprocess.run([sys.executable, __file__, "--worker", f"{n}:{mode}:{batch}"],
                                     capture_output=True, text=True, check=True).stdout
                samples.append(json.loads(out.strip().splitlines()[-1]))
            secs = median([s["seconds"] for s in samples])
            res[mode] = {"seconds": secs, "words": samples[0]["words"], "words_per_s": samples[0]["words"] / secs,
                         "peak_mb": median([s["peak_mb"] for s in samples]), "runs": reps}
        res["ratio"] = res["spasmkg"]["seconds"] / res["bare"]["seconds"]
        rows.append(res)
    return rows


def bench_graph(n: int, runs: int) -> dict:
    from spasmkg.extract.document import analyse_text
    from spasmkg.graph.builder import add_document, new_dataset
    docs = corpus.make(n)
    results = [analyse_text(t, i, i, k) for i, k, t in docs]
    build_s, ser_s, triples = [], [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        ds = new_dataset()
        for r in results:
            add_document(ds, r)
        build_s.append(time.perf_counter() - t0)
        triples = len(ds)
        t0 = time.perf_counter()
        ds.serialize(format="trig")
        ser_s.append(time.perf_counter() - t0)
    return {"documents": n, "triples": triples, "build_triples_per_s": triples / median(build_s),
            "serialize_triples_per_s": triples / median(ser_s)}


def _scaled_graph(seed_out: Path, target: int, work: Path) -> Path:
    """A built folder whose graph.trig repeats the seeds' graph under new document ids until it holds
    about ``target`` triples (the shape of real data, at the size asked)."""
    src = (seed_out / "graph.trig").read_text(encoding="utf-8")
    base = sum(1 for ln in (seed_out / "graph.trig").read_text().splitlines() if ln.strip().endswith((".", ";", ",")))
    copies = max(1, round(target / max(base, 1)))
    folder = work / f"g{target}"
    folder.mkdir(parents=True, exist_ok=True)
    from rdflib import Dataset
    ds = Dataset(default_union=True)
    ds.parse(data=src, format="trig")
    nq = ds.serialize(format="nquads")
    with (folder / "graph.nq").open("w", encoding="utf-8") as fh:
        for k in range(copies):
            fh.write(nq.replace("/spasm-review", f"/spasm-review-{k}").replace("/patient-clare", f"/patient-clare-{k}"))
    out = Dataset(default_union=True)
    out.parse(folder / "graph.nq", format="nquads")
    out.serialize(folder / "graph.trig", format="trig")
    return folder


def bench_queries(triple_sizes: list[int], runs: int, work: Path) -> list[dict]:
    from spasmkg.build import build
    from spasmkg.graph.store import load
    from spasmkg.graph.stores import MemoryStore, OxigraphStore
    from spasmkg.queries import runner
    seed_out = work / "seeds"
    build([ROOT / "seeds"], seed_out)
    rows = []
    for target in triple_sizes:
        folder = _scaled_graph(seed_out, target, work)
        ds = load(folder)
        stores = {"rdflib": MemoryStore(ds)}
        ox = OxigraphStore(work / f"ox{target}")
        ox.load_graph(folder)
        stores["oxigraph"] = ox
        for name, q in sorted(runner.library().items()):
            params = q.example_params()
            if set(q.params) - set(params):
                continue
            entry = {"triples": len(ds), "query": name}
            for label, store in stores.items():
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    runner.select(store, name, params)
                    times.append((time.perf_counter() - t0) * 1000)
                entry[label] = {"median_ms": median(times), "p95_ms": p95(times)}
            entry["ratio_rdflib_over_oxigraph"] = entry["rdflib"]["median_ms"] / max(entry["oxigraph"]["median_ms"], 1e-6)
            rows.append(entry)
    return rows


def report_md(data: dict) -> str:
    lines = ["# spasmkg benchmarks", "",
             f"Machine: {data['machine']}. Medians of {data['runs']} runs unless stated.", ""]
    cb = data["cold_build"]
    lines += ["## Cold build of the seeds (whole process)", "",
              f"wall {cb['wall_s_median']:.2f} s · peak memory {cb['peak_mb_median']:.0f} MB", ""]
    lines += ["## Extraction throughput against the bare spaCy model (same run, same batch size)", "",
              "| documents | words | bare spaCy words/s | spasmkg words/s | ratio (time) | spasmkg peak MB |",
              "|---|---|---|---|---|---|"]
    for r in data["extraction"]:
        lines.append(f"| {r['documents']} | {r['bare']['words']} | {r['bare']['words_per_s']:.0f} | "
                     f"{r['spasmkg']['words_per_s']:.0f} | {r['ratio']:.2f} | {r['spasmkg']['peak_mb']:.0f} |")
    g = data["graph"]
    lines += ["", "## Graph building and serialization", "",
              f"{g['documents']} documents, {g['triples']} triples: build {g['build_triples_per_s']:.0f} triples/s, "
              f"TriG serialization {g['serialize_triples_per_s']:.0f} triples/s", ""]
    lines += ["## Query latency, rdflib in memory against Oxigraph", "",
              "| triples | query | rdflib median ms | rdflib p95 | Oxigraph median ms | Oxigraph p95 | ratio |",
              "|---|---|---|---|---|---|---|"]
    for r in data["queries"]:
        lines.append(f"| {r['triples']} | {r['query']} | {r['rdflib']['median_ms']:.1f} | {r['rdflib']['p95_ms']:.1f} | "
                     f"{r['oxigraph']['median_ms']:.1f} | {r['oxigraph']['p95_ms']:.1f} | {r['ratio_rdflib_over_oxigraph']:.1f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one run: checks the suite works")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--triples", default="10000,100000,1000000")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        n, mode, batch = a.worker.split(":")
        _extract_worker(int(n), mode, int(batch))
        return 0
    if a.quick:
        a.runs, a.sizes, a.triples = 1, "20,50", "10000"
    sizes = [int(x) for x in a.sizes.split(",")]
    triples = [int(x) for x in a.triples.split(",")]
    work = Path(tempfile.mkdtemp(prefix="spasmkg-bench-"))
    try:
        data = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                "runs": a.runs, "cold_build": bench_cold_build(a.runs),
                "extraction": bench_extraction(sizes, a.runs, a.batch),
                "graph": bench_graph(min(sizes[-1], 1000), a.runs),
                "queries": bench_queries(triples, max(a.runs, 5), work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = Path(a.out)
    suffix = "-quick" if a.quick else ""
    (out / f"report{suffix}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (out / f"report{suffix}.md").write_text(report_md(data), encoding="utf-8")
    print(report_md(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
