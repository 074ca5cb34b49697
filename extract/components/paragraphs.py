"""Paragraph breaks are sentence boundaries: a blank line never sits inside a sentence.

Runs before the parser, which keeps the boundaries it is given. Sentences broken across pages were
re-joined by the layout step (their line breaks became spaces), so what remains are true breaks.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 1:
                doc[tok.i + 1].is_sent_start = True
        return doc


@Language.factory("spasmkg_paragraphs_v1", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
