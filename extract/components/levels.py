"""Vertebral levels as anatomy mentions: ``L5``, ``C5-6``, ``L4/5``, ``L5-S1``, ``L4-S1``.

A level names a place in the spine the way a body part does, and a finding or a herniation is
often placed by one (``herniated disk at L5-S1``), so levels are found before noun phrases grow.
Numbers outside a region's range (``L7``, ``C9``) are not levels. Mentions carry ``source == "rule"``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from spasmkg.extract.components.vocabulary import SPANS_KEY, set_source, shadow

#: vertebrae per region
REGIONS = {"C": 7, "T": 12, "L": 5, "S": 5}
LEVEL = re.compile(r"(?<![\w/-])(?P<r1>[CTLS])(?P<n1>\d{1,2})(?:\s?(?:-|–|/)\s?(?P<r2>[CTLS])?(?P<n2>\d{1,2}))?(?![\w/-])")


#: what follows a single level when it names an MRI weighting instead
IMAGING = re.compile(r"(?:\s*(?:,|and|or|/)\s*[CTLS]\d{1,2})*[\s-]*(?:sequence|weight|signal|image|imaging|hyperintens|hypointens|intensit)",
                     re.I)


def valid(m: re.Match) -> bool:
    r1, n1 = m.group("r1"), int(m.group("n1"))
    if not 1 <= n1 <= REGIONS[r1] + (1 if r1 == "C" else 0):      # C8 is a nerve root level
        return False
    if m.group("n2") is None:
        return True
    r2, n2 = m.group("r2") or r1, int(m.group("n2"))
    if not 1 <= n2 <= REGIONS[r2] + (1 if r2 == "C" else 0):
        return False
    return "CTLS".index(r2) > "CTLS".index(r1) or (r2 == r1 and n2 > n1)


class LevelFinder:
    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.spans.get(SPANS_KEY, []))
        covered = {i for m in existing for i in range(m.start, m.end)}
        new = []
        for m in LEVEL.finditer(doc.text):
            if not valid(m):
                continue
            if m.group("n2") is None and IMAGING.match(doc.text, m.end()):
                continue                    # "T1 and T2 sequences" name MRI weightings, not vertebrae
            span = doc.char_span(m.start(), m.end(), label="anatomy")
            if span is None:
                continue
            if any(i in covered for i in range(span.start, span.end)):
                shadow(doc, [set_source(span, "rule")])     # a level inside a longer name
                continue
            new.append(set_source(span, "rule"))
        if new:
            doc.spans[SPANS_KEY] = filter_spans(existing + new)
        return doc


@Language.factory("spasmkg_levels_v1", assigns=["doc.spans"], default_config={})
def make_levels(nlp: Language, name: str) -> LevelFinder:
    return LevelFinder()
