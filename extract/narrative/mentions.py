"""Mentions as a patient's account needs them, edited after the assertion and relation components.

A treatment word that only modifies another noun (``ice`` in ``an ice cube``) names no treatment and
is dropped, with its relations. An unnamed drug named by its purpose (``something to help me sleep``,
``something for the pain``) becomes a mention of that drug class. Vertebral disc levels (``L4-L5``)
become anatomy mentions, in place of the same level found by the review pipeline's rule. Word lists are data: ``rules/narrative_events.json``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as rule_files
from spasmkg.extract.components.vocabulary import SPANS_KEY
from spasmkg.extract.model import Mention
from spasmkg.extract.narrative.imaging import level_mentions
from spasmkg.extract.narrative.reading import add_mentions, is_narrative, source_text


class NarrativeMentions:
    def __init__(self, nlp: Language, rules: str | None, assertion: str):
        r = rule_files.load(rules or "narrative_events")
        self.nlp, self.assertion = nlp, assertion
        self.heads = set(r["modifier_heads"])
        self.purposes = r["purpose_drugs"]
        self.purpose_rx = re.compile(r"\bsomething\s+(?:to\s+help\s+(?:me\s+)?(?:to\s+)?|for\s+)(?P<p>"
                                     + "|".join(re.escape(k) for k in sorted(self.purposes, key=len, reverse=True))
                                     + r")\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        if not is_narrative(doc):
            return doc
        text = source_text(doc)
        spans = list(doc.spans.get(SPANS_KEY, []))
        levels = level_mentions(text)
        dropped = {(s.start_char, s.end_char) for s in spans if self._modifier_only(s)}
        # a level the parse found too gives way to the report's reading of it (normalized label, imaging sites)
        same = {(lv.start, lv.end) for lv in levels}
        dropped |= {(s.start_char, s.end_char) for s in spans
                    if s._.source == "rule" and (s.start_char, s.end_char) in same}
        spans = [s for s in spans if (s.start_char, s.end_char) not in dropped]
        if doc._.relations:
            doc._.relations = [r for r in doc._.relations if (r.head.start_char, r.head.end_char) not in dropped
                               and (r.tail.start_char, r.tail.end_char) not in dropped]
        spans, purpose = self._purpose_drugs(doc, text, spans)
        doc.spans[SPANS_KEY] = spans
        taken = [(s.start_char, s.end_char) for s in spans] + [(m.start, m.end) for m in purpose]
        levels = [lv for lv in levels if not any(a < lv.end and lv.start < b for a, b in taken)]
        add_mentions(doc, purpose + levels)
        return doc

    def _modifier_only(self, span: Span) -> bool:
        if span.label_ != "treatment":
            return False
        root = span.root
        return root.dep_ == "compound" and root.head.i >= span.end and root.head.pos_ == "NOUN" \
            and root.head.lemma_.lower() not in self.heads

    def _purpose_drugs(self, doc: Doc, text: str, spans: list[Span]) -> tuple[list[Span], list[Mention]]:
        """Spans kept, and the purpose-named drugs (purposes are data: ``purpose_drugs``)."""
        from spasmkg.ontology.vocabulary import shipped
        concepts = shipped()
        added: list[Mention] = []
        for m in self.purpose_rx.finditer(text):
            a, b = m.start(), m.end()
            cid = self.purposes[m.group("p").lower()]
            if any(s.start_char < b and a < s.end_char and s.label_ in ("drug", "drug_class") for s in spans) \
                    or any(x.start < b and a < x.end and x.type in ("drug", "drug_class") for x in added):
                continue
            spans = [s for s in spans if not (a <= s.start_char and s.end_char <= b)]
            label = concepts[cid].label if cid in concepts else m.group(0).lower()
            added.append(Mention(a, b, m.group(0), "drug_class", cid, label,
                                 assertion=self._assertion(doc, a, b), source="narrative"))
        return spans, added

    def _assertion(self, doc: Doc, start: int, end: int) -> str:
        """The assertion the pipeline's ConText component gives a span it did not see."""
        span = doc.char_span(start, end, label="drug_class", alignment_mode="expand")
        if span is None:
            return "present"
        saved = list(doc.spans.get(SPANS_KEY, []))
        doc.spans[SPANS_KEY] = [span]
        try:
            self.nlp.get_pipe(self.assertion)(doc)
            return doc.spans[SPANS_KEY][0]._.assertion
        finally:
            doc.spans[SPANS_KEY] = saved


@Language.factory("spasmkg_narrative_mentions_v1", assigns=["doc.spans", "doc._.narrative_mentions"],
                  default_config={"rules": None, "assertion": "spasmkg_assertion"})
def make_narrative_mentions(nlp: Language, name: str, rules: str | None, assertion: str) -> NarrativeMentions:
    return NarrativeMentions(nlp, rules, assertion)
