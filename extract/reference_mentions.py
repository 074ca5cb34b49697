"""Vocabulary mentions inside reference titles.

A reference list names the drugs and conditions its sources studied (``… of tolperisone and
thiocolchicoside in acute low back pain``); these are mentions of the document too. The titles are
matched with the pipeline's own vocabulary matcher, and each match is mapped back to its offsets in
the original file.
"""
from __future__ import annotations

from spacy.language import Language

from spasmkg.extract.model import Mention, Reference


def title_mentions(nlp: Language, text: str, refs: list[Reference],
                   types: frozenset[str] | None = None) -> list[Mention]:
    """Mentions in the titles of ``refs`` (of ``types`` only, when given), in file offsets."""
    from spasmkg.ontology.vocabulary import shipped
    concepts = shipped()
    matcher = nlp.get_pipe("spasmkg_vocabulary")
    out: list[Mention] = []
    for ref in refs:
        if not ref.title:
            continue
        offset = text.find(ref.title, ref.start, ref.end + 1)
        if offset < 0:
            continue
        doc = matcher(nlp.make_doc(ref.title))
        for span in doc.spans.get("mentions", []):
            if types is not None and span.label_ not in types:
                continue
            start, end = offset + span.start_char, offset + span.end_char
            concept = concepts.get(span.kb_id_)
            out.append(Mention(start=start, end=end, text=text[start:end], type=span.label_,
                               concept=span.kb_id_ or None, label=concept.label if concept else span.text.lower(),
                               source="reference"))
    return out
