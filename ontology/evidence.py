"""The kind of evidence a cited work or a document is (guideline, systematic review, randomized
trial, cohort, case report, narrative review, textbook, web page), told by the rules of
``evidence_kinds.json``: a PubMed record's publication types first, then words of the title and
journal, then the kind of entry. Nothing is guessed: a journal article without a sign is
``unclassified``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class EvidenceKind:
    kind: str          # guideline | systematic_review | randomized_trial | cohort | case_report | ...
    label: str         # as a reader says it: 'systematic review or meta-analysis'
    sign: str          # what told it: 'publication type: Review', 'title: randomized', 'entry: Book'


@dataclass(frozen=True)
class _Rule:
    kind: str
    label: str
    publication_types: frozenset[str]
    title: tuple[re.Pattern[str], ...]
    container: tuple[re.Pattern[str], ...]
    entry_kinds: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[_Rule, ...], EvidenceKind]:
    data = json.loads(resources.files("spasmkg.ontology").joinpath("evidence_kinds.json").read_text(encoding="utf-8"))
    rules = tuple(_Rule(k["kind"], k["label"], frozenset(t.lower() for t in k.get("publication_types", [])),
                        tuple(re.compile(p, re.I) for p in k.get("title", [])),
                        tuple(re.compile(p, re.I) for p in k.get("container", [])),
                        frozenset(k.get("entry_kinds", []))) for k in data["kinds"])
    other = data["otherwise"]
    return rules, EvidenceKind(other["kind"], other["label"], "no sign")


def label(kind: str) -> str:
    """How a reader says an evidence kind ('systematic review or meta-analysis'); the kind itself
    when the rules do not know it."""
    rules, otherwise = _rules()
    return next((r.label for r in rules if r.kind == kind), otherwise.label if kind == otherwise.kind else kind)


def classify(title: str | None = None, container: str | None = None, entry_kind: str | None = None,
             publication_types: list[str] | tuple[str, ...] = ()) -> EvidenceKind:
    """The evidence kind of a work from what its record or reference entry states."""
    rules, otherwise = _rules()
    types = [t.lower() for t in publication_types]
    for rule in rules:                       # a record's own types are the surest sign
        for t in types:
            if t in rule.publication_types:
                return EvidenceKind(rule.kind, rule.label, f"publication type: {t}")
    for rule in rules:
        for p in rule.title:
            if title and (m := p.search(title)):
                return EvidenceKind(rule.kind, rule.label, f"title: {m.group(0)}")
        for p in rule.container:
            if container and (m := p.search(container)):
                return EvidenceKind(rule.kind, rule.label, f"journal: {m.group(0)}")
    for rule in rules:
        if entry_kind in rule.entry_kinds:
            return EvidenceKind(rule.kind, rule.label, f"entry: {entry_kind}")
    return otherwise
