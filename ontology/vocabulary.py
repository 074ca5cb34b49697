"""The domain vocabulary: concepts with labels and synonyms, read from the TSV files in ``vocab/``.

These files are the single place where names live. Extraction builds its matchers from them, the
graph labels entities with them, and the ontology's SKOS labels are generated from them, so adding a
synonym to a file changes what is extracted without touching code.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

# mention type -> ontology class (local name); the ontology file declares every one of them
TYPE_CLASS = {
    "condition": "Condition",
    "symptom": "Symptom",
    "exam_sign": "ExamSign",
    "mechanism": "Mechanism",
    "risk_factor": "RiskFactor",
    "cause": "Cause",
    "anatomy": "AnatomicalSite",
    "drug": "Drug",
    "drug_class": "DrugClass",
    "treatment": "Treatment",
    "test": "DiagnosticTest",
    "finding": "ImagingFinding",
    "trigger": "Trigger",
    "statistic": "Statistic",
}
# annotation export type of a drug class mention: it is still a drug mention to a reader
EXPORT_TYPE = {"drug_class": "drug", "test": "test"}


@dataclass
class Concept:
    id: str
    type: str
    label: str
    synonyms: list[str] = field(default_factory=list)
    hpo_name: str | None = None
    brands: list[str] = field(default_factory=list)
    drug_class: str | None = None

    @property
    def names(self) -> list[str]:
        """Every surface name: label, synonyms and brand names."""
        seen: list[str] = []
        for n in [self.label, *self.synonyms, *self.brands]:
            if n and n not in seen:
                seen.append(n)
        return seen

    @property
    def ontology_class(self) -> str:
        return TYPE_CLASS[self.type]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [[c.strip() for c in r] + [""] * 6 for r in rows]


def _split(cell: str) -> list[str]:
    return [s.strip() for s in cell.split("|") if s.strip()]


def vocab_dir() -> Path:
    return Path(str(resources.files("spasmkg.ontology") / "vocab"))


def load(directory: Path | None = None) -> dict[str, Concept]:
    """All concepts by id, from ``directory`` (default: the shipped ``vocab/`` folder)."""
    d = directory or vocab_dir()
    concepts: dict[str, Concept] = {}
    for path in sorted(d.glob("*.tsv")):
        for r in _rows(path):
            if path.name == "drugs.tsv":
                c = Concept(r[0], "drug", r[1], _split(r[2]), brands=_split(r[3]), drug_class=r[4] or None)
            elif path.name == "drug_classes.tsv":
                c = Concept(r[0], "drug_class", r[1], _split(r[2]))
            else:
                if r[1] not in TYPE_CLASS:
                    raise ValueError(f"{path.name}: concept {r[0]!r} has unknown type {r[1]!r}; "
                                     f"known types: {', '.join(sorted(TYPE_CLASS))}")
                c = Concept(r[0], r[1], r[2], _split(r[3]), hpo_name=r[4] or None)
            if c.id in concepts:
                raise ValueError(f"{path.name}: concept id {c.id!r} is defined twice")
            concepts[c.id] = c
    return concepts


@lru_cache(maxsize=4)
def shipped() -> dict[str, Concept]:
    return load()


_PLURAL_ES = re.compile(r"(s|x|z|ch|sh)$")


def plural(word: str) -> str:
    """English plural of the last word of a name (regular rules only)."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if _PLURAL_ES.search(word):
        return word + "es"
    return word + "s"


def surface_forms(name: str) -> list[str]:
    """A name and its plural (for names whose last word is a lower-case noun)."""
    forms = [name]
    last = name.split()[-1] if name.split() else ""
    if last.isalpha() and last.islower() and len(last) > 2 and not last.endswith("s") \
            and not last.endswith("ing") and not last.endswith("ed"):
        forms.append(name[: len(name) - len(last)] + plural(last))
    return forms
