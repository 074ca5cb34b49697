"""Phenotype mentions from the Human Phenotype Ontology, for what the domain vocabulary lacks.

Every current term under *Phenotypic abnormality* (HP:0000118) in the ``hpo3`` release becomes a
PhraseMatcher pattern; a match that overlaps no vocabulary mention becomes a mention (label from the
``label`` setting, else the type of the term's branch in ``spasmkg.ontology.hpo_types``: a
neoplasm is a condition, an abnormal reflex an exam sign) whose ``kb_id`` is the HPO identifier. Single-word names
shorter than ``min_single`` characters are left out: they are mostly modifiers, not phenotypes.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract.components.vocabulary import SPANS_KEY, blocked, keep_longest
from spasmkg.ontology.hpo_types import hpo_type

@lru_cache(maxsize=1)
def phenotype_names() -> dict[str, str]:
    """Lower-cased name -> HP id of every current term under Phenotypic abnormality."""
    from spasmkg.ontology.grounding import hpo_names
    from spasmkg.ontology.hpo_release import terms
    below = set(terms()["phenotypic_abnormality"])
    return {name: hp for name, (hp, _label) in hpo_names().items() if hp in below}


def pattern_tokens(nlp: Language, names) -> list[list[str]]:
    """``names`` split by this pipeline's tokenizer, read from the user cache when this HPO release,
    spaCy version and model were seen before (tokenizing every name takes about a second)."""
    import hashlib
    import json

    import spacy

    from spasmkg.common.atomic import atomic_write_text
    from spasmkg.ontology.hpo_release import cache_dir
    names = list(names)
    h = hashlib.sha256(f"{spacy.__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}".encode())
    for n in names:
        h.update(n.encode("utf-8") + b"\x1f")
    path = cache_dir() / f"hpo-tokens-{h.hexdigest()[:24]}.json"
    try:
        words = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(words, list) and len(words) == len(names):
            return words
    except (OSError, ValueError):
        pass
    words = [[t.lower_ for t in d] for d in nlp.tokenizer.pipe(names)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(words, ensure_ascii=False))
    except OSError:
        pass
    return words


class HpoMatcher:
    def __init__(self, nlp: Language, label: str | None = None, min_single: int = 8):
        self.label = label
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.ids = {n: i for n, i in phenotype_names().items() if " " in n or len(n) >= min_single}
        # patterns as arrays of lower-case hashes: what the matcher stores for a pattern Doc, without
        # building 18,000 Docs in every process
        self.matcher.add("HPO", [[hash_string(w) for w in words] for words in pattern_tokens(nlp, self.ids)])

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans.get(SPANS_KEY, []))
        new = []
        for match_id, start, end in self.matcher(doc):
            if blocked(existing, start, end) or any(t.is_space for t in doc[start:end]):
                continue
            name = doc[start:end].text.lower()
            hp = self.ids.get(name)
            if hp:
                new.append(Span(doc, start, end, label=self.label or hpo_type(hp, name), kb_id=hp))
        if new:
            doc.spans[SPANS_KEY] = keep_longest(doc, existing + filter_spans(new))
        return doc


@Language.factory("spasmkg_hpo_v1", assigns=["doc.spans"], default_config={"label": None, "min_single": 8})
def make_hpo(nlp: Language, name: str, label: str | None, min_single: int) -> HpoMatcher:
    return HpoMatcher(nlp, label, min_single)
