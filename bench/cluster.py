"""The Dask engine on a local cluster of two workers against the plain two-process build, on the
same corpus, in turn, in one run: what a cluster adds or costs before it is spread over machines.

Both are whole ``spasmkg build`` processes into fresh output folders (no extraction cache), so
each pays its start-up: the plain build its worker processes, the Dask build its scheduler and
workers. Alternating the two, run after run, keeps the machine's load the same for both.

    python bench/cluster.py --documents 1000 --runs 2
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from run import _count_quads, _write_corpus, child_run, median  # noqa: E402


def bench(documents: int, runs: int, work: Path, workers: int = 2) -> dict:
    """Median wall time and peak memory of each engine, and the ratio dask / plain."""
    exe = str(Path(sys.executable).with_name("spasmkg"))
    folder = work / f"cluster-corpus{documents}"
    _write_corpus(folder, corpus.make(documents, seed=11, narrative_share=0.0))
    engines = {"plain": ["--processes", str(workers)], "dask": ["--engine", "dask", "--processes", str(workers)]}
    times: dict[str, list[float]] = {k: [] for k in engines}
    peaks: dict[str, list[float]] = {k: [] for k in engines}
    triples: dict[str, int] = {}
    for _ in range(runs):
        for name, extra in engines.items():
            out = work / f"cluster-out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            w, m = child_run([exe, "build", str(folder), "--out", str(out), "--quiet", *extra])
            times[name].append(w)
            peaks[name].append(m)
            triples[name] = _count_quads(out)[0]
            shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    plain, dask = median(times["plain"]), median(times["dask"])
    return {"documents": documents, "workers": workers, "runs": runs,
            "plain_s": plain, "dask_s": dask, "ratio": dask / plain,
            "plain_runs": times["plain"], "dask_runs": times["dask"],
            "plain_peak_mb": max(peaks["plain"]), "dask_peak_mb": max(peaks["dask"]),
            "same_triples": triples["plain"] == triples["dask"], "triples": triples["plain"],
            "s_per_document_plain": plain / documents, "s_per_document_dask": dask / documents}


def report(row: dict) -> str:
    return (f"{row['documents']} reviews, a `LocalCluster` of {row['workers']} single-threaded workers "
            f"against `--processes {row['workers']}`, {row['runs']} alternating run(s): "
            f"Dask {row['dask_s']:.1f} s, plain {row['plain_s']:.1f} s, **{row['ratio']:.2f}×** "
            f"({row['s_per_document_dask']:.3f} against {row['s_per_document_plain']:.3f} s per document); "
            f"peak memory {row['dask_peak_mb']:.0f} MB against {row['plain_peak_mb']:.0f} MB (the build process; "
            f"the Dask workers are processes of their own); {row['triples']:,} triples, "
            f"{'the same graph' if row['same_triples'] else 'different triple counts'}.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spasmkg-cluster-"))
    try:
        row = bench(a.documents, a.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.json:
        Path(a.json).write_text(json.dumps(row, indent=1) + "\n", encoding="utf-8")
    print(report(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
