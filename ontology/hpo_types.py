"""The mention type of an HPO phenotype, read from its place in the hierarchy.

HPO files lymphoma under *Neoplasm*, the Babinski sign under *Abnormal reflex* and
spondylolisthesis under *Abnormal skeletal morphology*: a disease, an examination sign and a
structural condition, not three symptoms. ``hpo_types.json`` maps branches (by HPO name, so every
identifier comes from the shipped release) to mention types.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def type_rules() -> dict:
    return json.loads((resources.files("spasmkg.ontology") / "hpo_types.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _branch_ids() -> list[tuple[str, str]]:
    from spasmkg.ontology.hpo_release import terms
    names = terms()["names"]
    return [(names[name.lower()][0], typ) for name, typ in type_rules()["branches"] if name.lower() in names]


@lru_cache(maxsize=1)
def _names_by_id() -> dict[str, str]:
    from spasmkg.ontology.hpo_release import terms
    return {hp: name.lower() for hp, name in terms()["names"].values()}


def _name(hp: str) -> str:
    return _names_by_id().get(hp, "")


@lru_cache(maxsize=None)
def ancestors(hp: str) -> frozenset[str]:
    """``hp`` and every term above it (within Phenotypic abnormality)."""
    from spasmkg.ontology.hpo_release import terms
    parents = terms()["parents"]
    seen, todo = {hp}, [hp]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return frozenset(seen)


def hpo_type(hp: str, name: str) -> str:
    """The mention type of the phenotype ``hp`` named ``name``."""
    above = ancestors(hp)
    for branch, typ in _branch_ids():
        if branch in above:
            return typ
    rules = type_rules()
    if any(w in _name(a) for a in above for w in rules["structural_words"]):
        return "condition"
    if any(name.lower().endswith(s) for s in rules["suffixes"]):
        return "condition"
    return rules["default"]
