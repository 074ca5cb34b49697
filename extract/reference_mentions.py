"""Mentions inside reference titles.

A reference list names the drugs and conditions its sources studied (``… of tolperisone and
thiocolchicoside in acute low back pain``); these are mentions of the document too, recorded with
``source == "reference"`` so a reader can keep them apart from the text's own claims. The titles are
read by the pipeline's own mention components (vocabulary, HPO, spinal levels, lexicon, noun
phrases, second readings: every reader of names, none of the relation or narrative readers), and each mention is
mapped back to its offsets in the original file.
"""
from __future__ import annotations

from spacy.language import Language

from spasmkg.extract.model import Mention, Reference

#: the English model's own components a title needs (parts of speech and lemmas for the readers)
MODEL_PIPES = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"})
#: spasmkg's readers of names: what a title is read with
NAME_READERS = frozenset({"spasmkg_paragraphs", "spasmkg_vocabulary", "spasmkg_hpo", "spasmkg_levels",
                          "spasmkg_lexicon", "spasmkg_noun_phrase", "spasmkg_nested", "spasmkg_readings"})


def title_mentions(nlp: Language, text: str, refs: list[Reference],
                   types: frozenset[str] | None = None) -> list[Mention]:
    """Mentions in the titles of ``refs`` (of ``types`` only, when given), in file offsets."""
    from spasmkg.ontology.vocabulary import shipped
    concepts = shipped()
    located = []
    for ref in refs:
        if not ref.title:
            continue
        offset = text.find(ref.title, ref.start, ref.end + 1)
        if offset >= 0:
            located.append((offset, ref.title))
    if not located:
        return []
    readers = [n for n in nlp.pipe_names if n in MODEL_PIPES or n in NAME_READERS]
    out: list[Mention] = []
    with nlp.select_pipes(enable=readers):
        docs = list(nlp.pipe(title for _o, title in located))
    for (offset, _title), doc in zip(located, docs):
        # the names, the body parts inside them, and the second readings their words give
        spans = [*doc.spans.get("mentions", []), *doc.spans.get("nested_mentions", []), *doc.spans.get("readings", [])]
        for span in spans:
            if types is not None and span.label_ not in types:
                continue
            start, end = offset + span.start_char, offset + span.end_char
            concept = concepts.get(span.kb_id_)
            out.append(Mention(start=start, end=end, text=text[start:end], type=span.label_,
                               concept=span.kb_id_ or None, label=concept.label if concept else span.text.lower(),
                               source="reference"))
    return out
