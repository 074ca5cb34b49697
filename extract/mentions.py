"""A mention span of the parsed document as a :class:`~spasmkg.extract.model.Mention` record."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from spasmkg.extract.model import Mention


def mention_record(span: SpacySpan, text: str) -> Mention:
    """A mention quoting ``text``, the original (the parser saw a masked copy of the same length)."""
    from spasmkg.ontology.vocabulary import shipped
    concept = shipped().get(span.kb_id_) if span.kb_id_ else None
    return Mention(start=span.start_char, end=span.end_char, text=text[span.start_char:span.end_char],
                   type=span.label_,
                   concept=span.kb_id_ or None, label=concept.label if concept else span.text.lower(),
                   assertion=span._.assertion, source=_source(span))


def _source(span: SpacySpan) -> str:
    """Which resource found a mention: as the span records it (lexicon, rule, model), else the
    vocabulary, HPO (an ``HP:`` id) or the parse (no id)."""
    kb_id = span.kb_id_
    return span._.source or ("hpo" if kb_id.startswith("HP:") else "vocabulary" if kb_id else "parser")
