"""Timings of the text-only steps (layout, reference list, markers) on the input shapes that once
went cubic or quadratic: a review followed by thousands of blank lines, a long reference list, tens
of thousands of markers. Linear steps double their time when the input doubles."""
from __future__ import annotations

import time

from spasmkg.extract.document import DocumentInput, prepare

OPENING = ("Cramps\n\nIntroduction\n\nNight cramps are common in older adults who walk little and sleep "
           "with their feet pointed.[1] Heat helps.[2]\n\nReferences\n\n")


def _entries(n: int, sep: str) -> str:
    return "".join(f"{i}.{sep}Ash K, Bell L. Heat wraps for back pain, part {i}. Pain. 2010;{i}(2):1-9.{sep}"
                   for i in range(1, n + 1))


def _markers(n: int) -> str:
    return ("Cramps\n\nIntroduction\n\n" + " ".join(f"Cramps are common in runners.[{i % 40 + 1}]" for i in range(n))
            + "\n\nReferences\n\n" + _entries(40, "\n"))


SHAPES = {
    "blank lines after the review": lambda n: OPENING + _entries(2, "\n") + "\n" * n,
    "reference entries, blank line between": lambda n: OPENING + _entries(n, "\n\n"),
    "markers": _markers,
}
SIZES = {"blank lines after the review": [3000, 6000, 12000, 24000],
         "reference entries, blank line between": [250, 500, 1000, 2000],
         "markers": [10000, 20000, 40000, 80000]}


def bench(runs: int, quick: bool = False) -> list[dict]:
    """Median seconds of the text-only steps per shape and size."""
    rows = []
    for shape, make in SHAPES.items():
        for n in SIZES[shape][:2] if quick else SIZES[shape]:
            text = make(n)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                prepare(DocumentInput("shape", "shape.txt", "review", None, text))
                times.append(time.perf_counter() - t)
            rows.append({"shape": shape, "size": n, "characters": len(text), "seconds": sorted(times)[len(times) // 2]})
    return rows


def report(rows: list[dict]) -> list[str]:
    lines = ["## 6. Text-only steps on pathological shapes", "",
             "Layout, reference list and markers (`extract.document.prepare`), no parse. Linear: the time "
             "doubles with the size.", "", "| shape | size | characters | seconds |", "|---|---|---|---|"]
    lines += [f"| {r['shape']} | {r['size']:,} | {r['characters']:,} | {r['seconds']:.3f} |" for r in rows]
    return lines + [""]
