"""What the narrative components share: the document's kind, its text as written, its mentions.

Two facts are set on the unparsed ``Doc`` before the pipeline runs (:func:`prepare`): ``doc._.kind``
(narrative components do nothing unless it is ``narrative``) and ``doc._.source_text``, the text as
written, which the parser saw masked to the same length; quotes are taken from it. Mentions the
narrative components add (purpose-named drugs, vertebral levels, triggers) go to
``doc._.narrative_mentions``, beside the vocabulary's ``doc.spans["mentions"]``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract.components.nested import NESTED_KEY
from spasmkg.extract.components.vocabulary import SPANS_KEY
from spasmkg.extract.mentions import mention_record
from spasmkg.extract.model import Mention

for _name in ("kind", "source_text", "narrative_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def prepare(nlp: Language, body: str, kind: str, text: str) -> Doc:
    """The unparsed document ``body`` (the masked ``text``), carrying its kind and original text."""
    doc = nlp.make_doc(body)
    doc._.kind = kind
    doc._.source_text = text
    return doc


def is_narrative(doc: Doc) -> bool:
    return doc._.kind == "narrative"


def source_text(doc: Doc) -> str:
    return doc._.source_text if doc._.source_text is not None else doc.text


def current_mentions(doc: Doc) -> list[Mention]:
    """The document's mentions so far: the pipeline's spans (with the body parts kept inside grown
    names), then what narrative components added."""
    text = source_text(doc)
    spans = list(doc.spans.get(SPANS_KEY, [])) + list(doc.spans.get(NESTED_KEY, []))
    return [mention_record(s, text) for s in spans] + list(doc._.narrative_mentions or [])


def add_mentions(doc: Doc, mentions: list[Mention]) -> None:
    doc._.narrative_mentions = list(doc._.narrative_mentions or []) + list(mentions)
