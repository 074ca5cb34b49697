"""Pathological document shapes at growing sizes: the time to analyse one document of each shape
(the whole pipeline, in one process with the pipeline loaded), to show the time grows in step with
the size rather than with its square.

Each shape is a stretch of ordinary prose with a hostile stretch in the middle; the hostile part is
what grows. The tokenizer guard (:mod:`spasmkg.extract.text.long_runs`) is what keeps the first
three linear; without it 10,000 nested parentheses took 41 s.
"""
from __future__ import annotations

import statistics
import time

PROSE = "Acute low back pain with paraspinal muscle spasm usually settles within weeks [1]. "
REFS = "\n\nReferences\n\n1. Vale K. Back spasm. Spine. 2015;4:1-9.\n"


def _half(n: int) -> int:
    return max(1, n // 2)


#: shape name -> the hostile stretch of about n characters
SHAPES = {
    "nested parentheses": lambda n: "(" * _half(n) + "spasm" + ")" * _half(n),
    "run of quotes": lambda n: '"' * n,
    "open-close pairs": lambda n: "()" * _half(n),
    "word without spaces": lambda n: "spasm" * (n // 5),
    "spaced parentheses": lambda n: "( " * _half(n) + "x" + " )" * _half(n),
    "dense citation markers": lambda n: "Spasm [1]. " * (n // 11),
    "one line of digits": lambda n: "7" * n,
}


def document(shape: str, n: int) -> str:
    return PROSE * 5 + SHAPES[shape](n) + " " + PROSE * 5 + REFS


def bench_hostile(sizes: list[int], runs: int) -> list[dict]:
    """Per shape and size: median seconds for one document, and the ratio of time to the smallest
    size's time over the ratio of sizes (1.0: linear; 10: quadratic over a tenfold size)."""
    from spasmkg.extract.document import analyse_text
    analyse_text(PROSE + REFS, "warm", "warm.txt", "review")          # load the pipeline once
    rows = []
    for shape in SHAPES:
        base = None
        for n in sizes:
            text = document(shape, n)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                analyse_text(text, "hostile", "hostile.txt", "review")
                times.append(time.perf_counter() - t)
            s = statistics.median(times)
            base = base or (n, s)
            growth = (s / base[1]) / (n / base[0]) if base[1] > 0 else None
            rows.append({"shape": shape, "characters": len(text), "hostile_characters": n, "seconds": s,
                         "growth_over_linear": growth, "runs": runs})
    return rows


def report_lines(rows: list[dict]) -> list[str]:
    lines = ["## 6. Pathological document shapes (one document, whole pipeline)", "",
             "Time to analyse one document whose middle is a hostile stretch of the given size. "
             "*Growth over linear* is (time / time at the smallest size) / (size / smallest size): "
             "about 1 when the time grows in step with the size.", "",
             "| shape | hostile characters | document characters | seconds | growth over linear | runs |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        g = "—" if r["growth_over_linear"] is None else f"{r['growth_over_linear']:.2f}"
        lines.append(f"| {r['shape']} | {r['hostile_characters']:,} | {r['characters']:,} | {r['seconds']:.3f} | {g} | {r.get('runs', '—')} |")
    return lines + [""]
