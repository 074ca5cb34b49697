"""The hedge a relation is stated with: "Spasm *may* cause back pain", "Sciatica *is thought to*
result from a herniated disc". A hedged relation keeps its words (``Relation.hedge``) and a lower
confidence, so a query can tell a claim from a conjecture. The cue words are data:
``rules/hedges.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spasmkg.extract import rules as rule_files
from spasmkg.extract.model import Relation


@lru_cache(maxsize=1)
def hedge_pattern() -> re.Pattern:
    rules = rule_files.load("hedges")
    words = sorted(rules["hedges"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def hedge_of(text: str, rel: Relation) -> str | None:
    """The first hedge between the relation's two mentions (or, when one of them lies outside the
    sentence, between the sentence start and the other), as written."""
    sent = rel.sentence
    inside = [m for m in (rel.head, rel.tail) if sent.start <= m.start and m.end <= sent.end]
    if not inside:
        return None
    start = min(m.end for m in inside) if len(inside) == 2 else sent.start
    end = max(m.start for m in inside)
    if end <= start:
        start, end = sent.start, max(m.end for m in inside)
    found = hedge_pattern().search(text, start, end)
    return " ".join(found.group(0).split()) if found else None


def mark_hedges(text: str, relations: list[Relation], confidence: float = 0.5) -> None:
    """Record each relation's hedge and lower its confidence."""
    for rel in relations:
        rel.hedge = hedge_of(text, rel)
        if rel.hedge:
            rel.confidence = min(rel.confidence, confidence)
