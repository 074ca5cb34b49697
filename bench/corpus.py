"""Realistic benchmark corpora: new documents recombined from the sentences of varied real ones.

Reviews draw their sentences (with their citation markers) from the review-like texts and end with a
reference list drawn from theirs; narratives draw from the patient accounts. A seeded random
generator makes every corpus reproducible; no document is a copy of another.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from spasmkg.extract.text import layout

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds", ROOT / "tests" / "corpus"]


@dataclass
class Pools:
    review_sentences: list[str]
    narrative_sentences: list[str]
    references: list[str]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split())) if len(s.split()) >= 5]


def pools() -> Pools:
    from spasmkg.extract.document import detect_kind
    review, narrative, refs = [], [], []
    for folder in SOURCES:
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            lay = layout.analyse(text)
            body = text[: lay.references.start] if lay.references else text
            if lay.references:
                refs.extend(re.sub(r"^\s*(?:\[\d+\]|\d+\.)\s*", "", ln).strip()
                            for ln in text[lay.references.start:lay.references.end].splitlines()
                            if re.match(r"^\s*(?:\[\d+\]|\d+\.)\s", ln))
            (review if detect_kind(text) == "review" else narrative).extend(_sentences(body))
    return Pools(review, narrative, refs)


def make(n: int, seed: int = 1, narrative_share: float = 0.3, sentences: tuple[int, int] = (4, 10),
         references: tuple[int, int] = (5, 15)) -> list[tuple[str, str, str]]:
    """``n`` documents as (id, kind, text): abstract-sized reviews with their reference lists, and
    short patient accounts (a few hundred words each)."""
    p = pools()
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        k = rng.randint(*sentences)
        if rng.random() < narrative_share:
            text = " ".join(rng.choice(p.narrative_sentences) for _ in range(k)) + "\n"
            docs.append((f"n{i:05d}", "narrative", text))
        else:
            body = " ".join(rng.choice(p.review_sentences) for _ in range(k))
            refs = "\n".join(f"{j}. {rng.choice(p.references)}" for j in range(1, rng.randint(*references) + 1))
            text = f"Review {i}\n\nIntroduction\n\n{body}\n\nReferences\n\n{refs}\n"
            docs.append((f"r{i:05d}", "review", text))
    return docs


def words(docs) -> int:
    return sum(len(t.split()) for _, _, t in docs)
