"""The benchmark suite: one command, medians of several runs, a Markdown and a JSON report.

    python bench/run.py [--quick] [--runs N] [--sizes 100,1000,10000] [--build-sizes 100,500,1000,2000]
                        [--add-one-at 1000,2000] [--literature-build 10000]
                        [--triples 10000,100000,1000000,10000000]
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


def child_run(args: list[str], stdout: Path | None = None) -> tuple[float, float]:
    """Run a command in a fresh child; (wall seconds, peak resident MB of that child). ``stdout``: a
    file that keeps what it printed."""
    code = ("import resource,subprocess,sys,time;o=sys.argv[1];t=time.perf_counter();"
            "r=subprocess.run(sys.argv[2:],stdout=open(o,'wb') if o else subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "w=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
            "print(w,m,r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, str(stdout or ""), *args], capture_output=True, text=True,
                         check=True).stdout.split()
    if out[2] != "0":
        raise RuntimeError(f"{' '.join(args)} exited {out[2]}")
    return float(out[0]), float(out[1])


def timed_build(args: list[str], work: Path) -> dict:
    """A whole ``spasmkg build`` process: wall seconds, peak MB, and its own time by step (the
    summary's ``time by step`` line), with what the steps leave out (start-up, imports, exit) as
    ``other``, and the build process's peak memory at the end of each step (``peak memory by step``)."""
    printed = work / "build-stdout.txt"
    wall, peak = child_run(args, stdout=printed)
    steps: dict[str, float] = {}
    peaks: dict[str, float] = {}
    for line in printed.read_text(encoding="utf-8").splitlines():
        for head, into in (("time by step: ", steps), ("peak memory by step: ", peaks)):
            if line.startswith(head):
                for part in line[len(head):].split(" · "):
                    name, value, _ = part.rsplit(" ", 2)
                    into[name] = float(value)
    steps["other"] = max(0.0, wall - sum(steps.values()))
    return {"wall_s": wall, "peak_mb": peak, "steps": steps, "step_peaks_mb": peaks}


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


NARRATIVE_SHARE = 0.1       # patient accounts among the growth corpora's documents


def bench_build_growth(sizes: list[int], processes: int, work: Path, add_one_at: list[int]) -> dict:
    """Whole-process ``spasmkg build`` of corpora of growing size, one in ten documents a patient's
    account (time, peak memory, triples, and comparisons, which pair each narrative with the
    literature, and the build's own time by step); at each size in ``add_one_at``, one document added
    and built again into the same folder (the cache and the build's store), then removed again and
    built once more, each with its time by step: the profile of an update."""
    exe = str(Path(sys.executable).with_name("spasmkg"))
    rows, updates = [], []
    docs_all = corpus.make(max(sizes) + 1, seed=7, narrative_share=NARRATIVE_SHARE)
    for n in sizes:
        folder, out = work / f"corpus{n}", work / f"built{n}"
        _write_corpus(folder, docs_all[:n])
        cmd = [exe, "build", str(folder), "--out", str(out), "--quiet", "--processes", str(processes)]
        full = timed_build(cmd, work)
        triples, comparisons = _count_quads(out)
        rows.append({"documents": n, "wall_s": full["wall_s"], "peak_mb": full["peak_mb"], "triples": triples,
                     "comparisons": comparisons, "s_per_document": full["wall_s"] / n,
                     "mb_per_1k_triples": full["peak_mb"] / max(triples / 1000, 1e-9), "steps": full["steps"]})
        if n in add_one_at:
            _write_corpus(folder, docs_all[n:n + 1])
            added = timed_build(cmd, work)
            (folder / f"{docs_all[n][0]}.txt").unlink()
            removed = timed_build(cmd, work)
            updates.append({"documents": n, "added_kind": docs_all[n][1], "triples": triples,
                            "full": full, "add": added, "remove": removed,
                            "share_of_full_build": added["wall_s"] / full["wall_s"],
                            "remove_share_of_full_build": removed["wall_s"] / full["wall_s"]})
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return {"processes": processes, "narrative_share": NARRATIVE_SHARE, "rows": rows, "updates": updates}


def bench_literature_build(n: int, processes: int, work: Path, add_one: bool = False) -> dict:
    """A literature database: ``n`` reviews and no patient accounts (so no comparisons, which pair
    accounts with claims), built whole, as a process: time, peak memory, triples, the build's time by
    step; with ``add_one``, one review added and built again into the same folder, then removed and
    built once more, each profiled (the update of a literature database)."""
    exe = str(Path(sys.executable).with_name("spasmkg"))
    folder, out = work / f"literature{n}", work / f"literature-built{n}"
    docs = corpus.make(n + 1, seed=7, narrative_share=0.0)
    _write_corpus(folder, docs[:n])
    cmd = [exe, "build", str(folder), "--out", str(out), "--quiet", "--processes", str(processes)]
    full = timed_build(cmd, work)
    triples, _ = _count_quads(out)
    row = {"documents": n, "processes": processes, "wall_s": full["wall_s"], "peak_mb": full["peak_mb"],
           "triples": triples, "s_per_document": full["wall_s"] / n, "date": time.strftime("%Y-%m-%d"),
           "steps": full["steps"]}
    if add_one:
        _write_corpus(folder, docs[n:n + 1])
        added = timed_build(cmd, work)
        (folder / f"{docs[n][0]}.txt").unlink()
        removed = timed_build(cmd, work)
        row["update"] = {"documents": n, "added_kind": docs[n][1], "triples": triples, "full": full,
                         "add": added, "remove": removed,
                         "share_of_full_build": added["wall_s"] / full["wall_s"],
                         "remove_share_of_full_build": removed["wall_s"] / full["wall_s"]}
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    return row


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
    _write_corpus(folder, corpus.make(n, seed=11, narrative_share=NARRATIVE_SHARE))
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


FULL_ANSWER_CAP_S = 3.0      # a query whose whole answer took longer at the size before is timed by its first page only
PAGE = 100                   # the first page of a list query, as the terminal shows it
COLD = [("query", ["query", "exam-signs", "--param", "condition=nerve root irritation"]),
        ("trace", ["trace", "straight leg raise"])]       # a trace prints its first page of claims


def bench_queries(triple_sizes: list[int], runs: int, work: Path, growth_rows: list[dict],
                  rdflib_max: int = 100_000, memory_cold_max: int = 1_500_000) -> tuple[list[dict], list[dict]]:
    """Every library query at every size on the build's own query index (``OUT/index``, the store a
    user's ``spasmkg query`` asks), its whole answer and its first page of :data:`PAGE` rows; rdflib in
    memory too up to ``rdflib_max`` triples (above that one rdflib query can run for minutes, which
    the rows at smaller sizes already show). A query whose whole answer took more than
    :data:`FULL_ANSWER_CAP_S` at the size before is timed by its first page alone at the next. Returns
    the query rows and the cold commands (:func:`bench_cold_commands`) at each size."""
    from spasmkg.graph.store.files import load
    from spasmkg.graph.store.index import open_index
    from spasmkg.graph.store.memory import MemoryStore
    from spasmkg.queries import runner
    rows, slow, colds = [], set(), []
    for target in triple_sizes:
        folder = _query_graph(target, _triples_per_document(growth_rows, target), 2, work)
        index = open_index(folder, announce=None)
        stores = {"oxigraph": index}
        if target <= rdflib_max:
            stores["rdflib"] = MemoryStore(load(folder))
        loaded = len(index.store)
        for name, q in sorted(runner.library().items()):
            params = q.example_params()
            if set(q.params) - set(params):
                continue
            entry = {"triples": loaded, "query": name,
                     "rdflib": {"median_ms": None, "p95_ms": None, "runs": 0}}
            for label, store in stores.items():
                whole = None if label == "oxigraph" and name in slow else \
                    _timed_runs(lambda: runner.select(store, name, params), runs)
                entry[label] = whole or {"median_ms": None, "p95_ms": None, "runs": 0, "rows": None,
                                         "not_timed": f"whole answer over {FULL_ANSWER_CAP_S:.0f} s at the size before"}
                if label == "oxigraph":
                    entry["first_page"] = _timed_runs(lambda: runner.select(store, name, params, limit=PAGE), runs)
                    if whole and whole["median_ms"] > FULL_ANSWER_CAP_S * 1000:
                        slow.add(name)
            entry["ratio_rdflib_over_oxigraph"] = None if entry["rdflib"]["median_ms"] is None or \
                entry["oxigraph"]["median_ms"] is None else \
                entry["rdflib"]["median_ms"] / max(entry["oxigraph"]["median_ms"], 1e-6)
            rows.append(entry)
        del stores, index
        cold = bench_cold_commands(folder, 3, ("index", "memory") if loaded <= memory_cold_max else ("index",))
        for r in cold:
            r["triples"] = loaded
        colds += cold
        shutil.rmtree(work / f"qcorpus{target}", ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return rows, colds


def _timed_runs(run, runs: int) -> dict:
    """``run()`` up to ``runs`` times (fewer once they add up to :data:`SLOW_QUERY_BUDGET_MS`)."""
    times, answer = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        _, answer = run()
        times.append((time.perf_counter() - t0) * 1000)
        if sum(times) > SLOW_QUERY_BUDGET_MS:      # a slow query is timed fewer times
            break
    return {"median_ms": median(times), "p95_ms": p95(times), "runs": len(times), "rows": len(answer)}


def bench_cold_commands(folder: Path, runs: int, stores: tuple[str, ...] = ("index", "memory")) -> list[dict]:
    """Whole ``spasmkg query`` and ``spasmkg trace`` processes on the built ``folder``, started cold, on
    each store: wall time and peak resident memory (medians of ``runs``; one run on rdflib in
    memory, which parses the whole graph). The index is made first when it is missing or stale, so
    every timed run finds it made, as a user's command after a build does."""
    from spasmkg.graph.store.index import open_index
    open_index(folder, announce=None)
    exe = str(Path(sys.executable).with_name("spasmkg"))
    rows = []
    for store in stores:
        for command, args in COLD:
            walls, mems = [], []
            for _ in range(runs if store == "index" else 1):
                wall, mem = child_run([exe, *args, "--graph", str(folder), "--store", store])
                walls.append(wall)
                mems.append(mem)
            rows.append({"command": " ".join(f'"{a}"' if " " in a else a for a in args), "kind": command,
                         "store": store, "median_s": median(walls), "peak_mb": median(mems), "runs": len(walls)})
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
    lines += growth_lines(data["build_growth"])
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
        if lit.get("update"):
            lines += update_lines(lit["update"]) + [""]
    lines += query_lines(data)
    if data.get("hostile"):
        lines += [""] + hostile.report_lines(data["hostile"])
    lines.append("")
    if data.get("text_shapes"):
        lines += text_shapes.report(data["text_shapes"])
    if data.get("web"):
        lines += web_pages.report_lines(data["web"])
    lines += ["## Targets", ""]
    lines += [f"- {k}: {'met' if v else 'missed'}" for k, v in t.items()]
    if NOTES.exists():                       # what a missed target comes from, written from the profiles
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


NOTES = HERE / "notes.md"
STEP_ORDER = ["opening the store", "extraction", "documents removed", "comparisons", "assembly", "counting",
              "provenance", "graph.trig", "graph.gexf", "annotations.json", "index", "other"]


def growth_lines(bg: dict) -> list[str]:
    """Section 5: whole builds by corpus size, and the profile of adding and removing one document."""
    share = bg.get("narrative_share")
    lines = ["## 5. Growth of a whole build with corpus size", "",
             f"`spasmkg build --processes {bg['processes']}`, whole process"
             + (f"; {share:.0%} of the documents are patient accounts" if share is not None else "") + ".", "",
             "| documents | triples | comparisons | wall s | s per document | peak MB | MB per 1,000 triples |",
             "|---|---|---|---|---|---|---|"]
    for r in bg["rows"]:
        lines.append(f"| {r['documents']} | {r['triples']} | {r.get('comparisons', '—')} | {r['wall_s']:.1f} | "
                     f"{r['s_per_document']:.3f} | {r['peak_mb']:.0f} | {r['mb_per_1k_triples']:.2f} |")
    rows = sorted(bg["rows"], key=lambda r: r["documents"])
    if len(rows) > 1:
        lo, hi = rows[0], rows[-1]
        lines += ["", f"Time per document at {hi['documents']:,} documents: {hi['s_per_document'] / lo['s_per_document']:.2f}× "
                  f"that at {lo['documents']:,} (target ≤ 1.2×)."]
    for u in bg.get("updates", []):
        lines += [""] + update_lines(u)
    a = bg.get("add_one")                     # a report from before updates were profiled
    if a and not bg.get("updates"):
        lines += ["", f"One document added to the {a['documents'] - 1}-document corpus and built again into the same "
                  f"folder: {a['wall_s']:.1f} s, {100 * a['share_of_full_build']:.1f}% of the full build (target ≤ 5%)."]
    lines.append("")
    return lines


def update_lines(u: dict) -> list[str]:
    """One document added to a built corpus and removed again: the shares of a full build and the
    three builds' time by step."""
    lines = [f"**One document ({u['added_kind']}) added to the {u['documents']:,}-document corpus** and built "
             f"again into the same folder: {u['add']['wall_s']:.1f} s, **{100 * u['share_of_full_build']:.1f}%** of "
             f"the full build; removed again: {u['remove']['wall_s']:.1f} s, "
             f"**{100 * u['remove_share_of_full_build']:.1f}%**. Time by step (the build's own summary; "
             "other: start-up, imports, exit), seconds:", ""]
    steps = [k for k in STEP_ORDER if any(k in u[w]["steps"] for w in ("full", "add", "remove"))]
    lines += ["| build | wall s | peak MB | " + " | ".join(steps) + " |", "|---|---|---|" + "---|" * len(steps)]
    for label, w in (("full", "full"), ("add one", "add"), ("remove it", "remove")):
        b = u[w]
        lines.append(f"| {label} | {b['wall_s']:.1f} | {b['peak_mb']:.0f} | "
                     + " | ".join(_fmt(b["steps"].get(k), ".2f") for k in steps) + " |")
    builds = (("full", "full"), ("add one", "add"), ("remove it", "remove"))
    if any(u[w].get("step_peaks_mb") for _, w in builds):
        marked = [k for k in steps if k != "other"]
        lines += ["", "The build process's peak memory at the end of each step (its own summary; the extraction "
                  "processes are not counted), MB:", "",
                  "| build | " + " | ".join(marked) + " |", "|---|" + "---|" * len(marked)]
        for label, w in builds:
            lines.append(f"| {label} | " + " | ".join(_fmt(u[w].get("step_peaks_mb", {}).get(k), ".0f") for k in marked) + " |")
    return lines


def query_lines(data: dict) -> list[str]:
    """Section 4: the library on the query index by graph size, first pages, and cold commands."""
    queries = [r for r in data.get("queries") or [] if "query" in r]
    lines = ["## 4. Query latency: the build's query index (Oxigraph), and rdflib in memory", "",
             "Every library query with its header's example parameters, on graphs built by `spasmkg build` "
             "from the seeds plus recombined documents, asked of the query index the build leaves (`OUT/index`). "
             f"Whole answer, and its first page ({PAGE} rows, `--limit {PAGE}`, the slice written into the query). "
             "Rows: the whole answer's size. Ratio: rdflib median / Oxigraph median. "
             f"rdflib is timed up to {data.get('rdflib_max', 100_000):,} triples; a query whose whole answer took "
             f"over {FULL_ANSWER_CAP_S:.0f} s at one size is timed by its first page alone at the next.", ""]
    for size, ms in sorted(_oxigraph_medians(queries).items()):
        timed = {q: m for q, m in ms.items() if m is not None}
        pages = {r["query"]: r["first_page"]["median_ms"] for r in queries if r["triples"] == size and r.get("first_page")}
        slowest = sorted(timed, key=timed.get, reverse=True)[:3]
        line = (f"- {size:,} triples: median over the library {_library_median(ms):.1f} ms (whole answers); "
                f"{sum(1 for m in timed.values() if m <= 20)} of {len(ms)} within 20 ms; slowest "
                + ", ".join(f"{q} {timed[q]:.0f} ms" for q in slowest))
        if pages:
            worst = max(pages, key=pages.get)
            line += (f"; first pages: {sum(1 for m in pages.values() if m <= 200)} of {len(pages)} within 200 ms, "
                     f"slowest {worst} {pages[worst]:.0f} ms")
        lines.append(line)
    lines += ["", "| triples | query | rows | rdflib median ms | rdflib p95 | Oxigraph median ms | Oxigraph p95 | "
              "first page ms | ratio |", "|---|---|---|---|---|---|---|---|---|"]
    for r in queries:
        fp = r.get("first_page") or {}
        lines.append(f"| {r['triples']} | {r['query']} | {_fmt(r['oxigraph'].get('rows'), 'd')} | "
                     f"{_fmt(r['rdflib']['median_ms'])} | {_fmt(r['rdflib']['p95_ms'])} | "
                     f"{_fmt(r['oxigraph']['median_ms'])} | {_fmt(r['oxigraph']['p95_ms'])} | "
                     f"{_fmt(fp.get('median_ms'))} | {_fmt(r['ratio_rdflib_over_oxigraph'])} |")
    cold = data.get("cold_commands") or []
    if cold:
        lines += ["", "A cold command as a whole process (start-up, imports, opening the store, the answer, exit; "
                  "target ≤ 1 s, memory that does not grow with the graph). Index: medians of 3 runs; rdflib in "
                  "memory (`--store memory`): one run, up to 1.5M triples.", "",
                  "| triples | command | store | wall s | peak MB |", "|---|---|---|---|---|"]
        for c in cold:
            lines.append(f"| {c['triples']:,} | `spasmkg {c['command']}` | {'index' if c['store'] == 'index' else 'rdflib in memory'} "
                         f"| {c['median_s']:.2f} | {c['peak_mb']:.0f} |")
    lines.append("")
    return lines


def _library_median(ms: dict[str, float | None]) -> float:
    """The median over the library, a query not timed whole (too slow at the size before) counted as
    slower than every timed one."""
    return median([math.inf if m is None else m for m in ms.values()])


def _oxigraph_medians(queries: list[dict]) -> dict[int, dict[str, float]]:
    """Oxigraph median ms per query, by graph size."""
    out: dict[int, dict[str, float]] = {}
    for r in queries:
        out.setdefault(r["triples"], {})[r["query"]] = r["oxigraph"]["median_ms"]
    return out


def targets(data: dict) -> dict:
    cb, ex, pr, bg = data["cold_build"], data["extraction"], data["processes"], data["build_growth"]
    queries = [r for r in data.get("queries") or [] if "query" in r]
    by_size = _oxigraph_medians(queries)
    rows = sorted(bg["rows"], key=lambda r: r["documents"])
    t = {"cold_build": cb["wall_s_median"] <= 5 and cb["peak_mb_median"] <= 700,
         "extraction_ratio_le_1.3": all(r["ratio"] <= 1.3 for r in ex),
         "two_processes_ge_1.6": pr["speedup"] >= 1.6}
    for r in rows:
        t[f"build_peak_le_2GB_at_{r['documents']}_documents"] = r["peak_mb"] <= 2048
    if (lit := data.get("literature_build")):
        t[f"literature_build_peak_le_2GB_at_{lit['documents']}_documents"] = lit["peak_mb"] <= 2048
    if len(rows) > 1:
        t[f"time_per_document_at_{rows[-1]['documents']}_le_1.2x_that_at_{rows[0]['documents']}"] = \
            rows[-1]["s_per_document"] <= 1.2 * rows[0]["s_per_document"]
    for u in bg.get("updates", []) + ([lit["update"]] if lit and lit.get("update") else []):
        limit = 0.02 if u["documents"] >= 10_000 else 0.05
        t[f"add_one_le_{limit:.0%}_at_{u['documents']}"] = u["share_of_full_build"] <= limit
        t[f"remove_one_le_{limit:.0%}_at_{u['documents']}"] = u["remove_share_of_full_build"] <= limit
        t[f"update_peak_le_2GB_at_{u['documents']}"] = max(u["add"]["peak_mb"], u["remove"]["peak_mb"]) <= 2048
    for size, ms in sorted(by_size.items()):
        if size < 500_000:
            continue
        pages = [r["first_page"]["median_ms"] for r in queries if r["triples"] == size and r.get("first_page")]
        t[f"library_median_le_20ms_at_{size}"] = _library_median(ms) <= 20
        t[f"every_first_page_le_200ms_at_{size}"] = bool(pages) and max(pages) <= 200
    cold = data.get("cold_commands") or []
    index_cold = [c for c in cold if c["store"] == "index"]
    for c in index_cold:
        if c["triples"] >= 500_000:
            t[f"cold_{c['kind']}_le_1s_at_{c['triples']}"] = c["median_s"] <= 1
    if len({c["triples"] for c in index_cold}) > 1:       # flat: the same at the smallest and largest graph
        small, large = min(c["triples"] for c in index_cold), max(c["triples"] for c in index_cold)
        peak = {size: max(c["peak_mb"] for c in index_cold if c["triples"] == size) for size in (small, large)}
        t[f"cold_command_memory_flat_{small}_to_{large}"] = peak[large] <= 1.25 * peak[small]
    if cold:
        t["cold_command_peak_le_2GB"] = all(c["peak_mb"] <= 2048 for c in cold)
    if data.get("web"):
        t["web_every_page_median_le_200ms"] = web_pages.met(data["web"])
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one run: checks the suite works")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--build-sizes", default="100,500,1000,2000")
    ap.add_argument("--add-one-at", default="1000,2000",
                    help="the build sizes one document is added to and removed from, profiled")
    ap.add_argument("--literature-build", type=int, default=10_000,
                    help="reviews in the literature-database build (0: none)")
    ap.add_argument("--literature-add-one", action="store_true",
                    help="add one review to the literature database and remove it again, each build profiled")
    ap.add_argument("--hostile-sizes", default="10000,50000,100000",
                    help="sizes in characters of the hostile stretch of each pathological shape")
    ap.add_argument("--cluster-documents", type=int, default=300, help="the corpus the Dask engine is timed on")
    ap.add_argument("--only", choices=["literature", "queries", "hostile", "text", "web", "growth", "cluster"],
                    help="run this one section and put it into the existing report")
    ap.add_argument("--triples", default="10000,100000,1000000,10000000")
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
        a.runs, a.sizes, a.build_sizes, a.add_one_at, a.triples = 1, "20,50", "20,50", "50", "10000"
        a.web_triples = 0
        a.literature_build = 50
        a.hostile_sizes = "2000,10000"
    if a.only:
        return _only(a, [int(x) for x in a.triples.split(",")])
    sizes = [int(x) for x in a.sizes.split(",")]
    build_sizes = [int(x) for x in a.build_sizes.split(",")]
    add_one_at = [int(x) for x in a.add_one_at.split(",")]
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
        data["build_growth"] = bench_build_growth(build_sizes, 2, work, add_one_at)
        save()
        import cluster
        data["cluster"] = cluster.bench(a.cluster_documents if not a.quick else 20, min(a.runs, 2), work)
        save()
        if a.literature_build:
            data["literature_build"] = bench_literature_build(a.literature_build, 2, work, a.literature_add_one)
            save()
        data["queries"], data["cold_commands"] = bench_queries(triples, max(a.runs, 5), work,
                                                               data["build_growth"]["rows"], a.rdflib_max)
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
            data["literature_build"] = bench_literature_build(a.literature_build, 2, work, a.literature_add_one)
        elif a.only == "hostile":
            data["hostile"] = hostile.bench_hostile([int(x) for x in a.hostile_sizes.split(",")], a.runs)
        elif a.only == "text":
            data["text_shapes"] = text_shapes.bench(a.runs, a.quick)
        elif a.only == "growth":
            data["build_growth"] = bench_build_growth([int(x) for x in a.build_sizes.split(",")], 2, work,
                                                      [int(x) for x in a.add_one_at.split(",")])
        elif a.only == "cluster":
            import cluster
            data["cluster"] = cluster.bench(a.cluster_documents, max(1, min(a.runs, 2)), work)
        elif a.only == "web":
            data["web"] = web_pages.bench(a.runs, work, _web_graph(a.web_triples, data["build_growth"]["rows"], work))
        else:
            data["queries"], data["cold_commands"] = bench_queries(triples, max(a.runs, 5), work,
                                                               data["build_growth"]["rows"], a.rdflib_max)
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
