"""Body parts named inside longer names, as mentions of their own.

"Cauda equina syndrome" names the cauda equina, "numbness in the left foot" the foot and "an L4-5
disc herniation" the level: a question about the body part should find them. The readers of names
keep the body parts a longer name covered (``doc.spans["shadowed_mentions"]``); once every name is
final (after relations have grown their heads), each such part that lies inside a mention of another
type becomes a nested mention, kept apart in ``doc.spans["nested_mentions"]`` so relations see one
mention per place. Of parts inside one another only the longest is kept ("lower limb", not "limb").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract.components.vocabulary import SHADOWED_KEY, SPANS_KEY

NESTED_KEY = "nested_mentions"


class NestedParts:
    def __call__(self, doc: Doc) -> Doc:
        final = list(doc.spans.get(SPANS_KEY, []))
        named = {(m.start, m.end) for m in final}
        nested, taken = [], []
        parts = sorted(doc.spans.get(SHADOWED_KEY, []), key=lambda s: (s.start, -s.end))
        for part in parts:
            if part.label_ != "anatomy" or (part.start, part.end) in named:
                continue
            if any(a <= part.start and part.end <= b for a, b in taken):
                continue
            outer = [m for m in final if m.start <= part.start and part.end <= m.end]
            if not outer or any(m.label_ == "anatomy" for m in outer):
                continue
            taken.append((part.start, part.end))
            nested.append(part)
        doc.spans[NESTED_KEY] = nested
        return doc


@Language.factory("spasmkg_nested_v1", assigns=["doc.spans"], default_config={})
def make_nested(nlp: Language, name: str) -> NestedParts:
    return NestedParts()
