"""Typed relations between mentions, read from the dependency parse.

For ``indicates`` (exam sign -> condition) three patterns, all driven by cue lists in
``rules/relation_rules.json``:

- a cue verb whose subject holds an exam sign and whose object holds conditions
  (``Point tenderness ... may indicate fracture or an infection``);
- a conditional: an exam sign inside an ``if`` clause and conditions in the main clause whose
  predicate is a cue (``If pain is induced by back extension, spinal stenosis should be considered``);
- a cue noun (``is a provocative sign of nerve root irritation``) whose subject names no exam sign:
  the head is the exam sign the previous sentence described.

A sign named in parentheses names the whole manoeuvre just described, so it is preferred as head.

Entries with ``"engine": "cue"`` (risk factors, causes, mechanisms, associations) run through
:mod:`.cue_relations`; list items it discovers are added to the document's mentions.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from spasmkg.extract import rules as rule_files
from spasmkg.extract.components.cue_relations import (CueEngine, absorbable, object_phrases, parse_spec,
                                                       subject_phrases, topic_of)
from spasmkg.extract.components.relation_arguments import BULLETS, is_clause, listed_lines
from spasmkg.extract.components.vocabulary import SPANS_KEY, shadow

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@dataclass
class FoundRelation:
    type: str
    head: Span
    tail: Span
    sentence: Span
    rule: str


def load_rules(path: str | None) -> dict:
    return rule_files.load(path or "relation_rules")


def _in_parentheses(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")"


def _subtree_range(tok) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _within(span: Span, rng: tuple[int, int]) -> bool:
    return rng[0] <= span.start and span.end <= rng[1]


class RelationExtractor:
    def __init__(self, nlp: Language, rules: str | None = None):
        self.rules = load_rules(rules)
        generic = self.rules.get("generic_nouns", [])
        self.generic = set(generic)
        self.cue_engine = CueEngine([parse_spec(nlp, t, spec, generic) for t, spec in self.rules.items()
                                     if isinstance(spec, dict) and spec.get("engine") == "cue"])

    def __call__(self, doc: Doc) -> Doc:
        found: list[FoundRelation] = []
        mentions = list(doc.spans.get(SPANS_KEY, []))
        sents = list(doc.sents)
        within = _mentions_by_sentence(mentions, sents)
        created: list[Span] = []
        for rel_type, spec in self.rules.items():
            if not isinstance(spec, dict) or spec.get("engine") == "cue":
                continue
            heads_t, tails_t = set(spec["head_types"]), set(spec["tail_types"])
            previous_heads: list[Span] = []
            for sent, in_sent in zip(sents, within):
                heads = [m for m in in_sent if m.label_ in heads_t]
                tails = [m for m in in_sent if m.label_ in tails_t and m._.assertion != "negated"]
                if not tails and (heads or previous_heads) and spec.get("discover"):
                    tails = self._discover_tails(spec, sent, in_sent)
                    created.extend(tails)
                found.extend(self._sentence(rel_type, spec, sent, heads, tails, previous_heads))
                if heads:
                    previous_heads = heads
                elif sent.text.strip():
                    previous_heads = previous_heads if len(sent.text.strip()) < 3 else []
        mentions = mentions + created
        cue_found, cue_created = self.cue_engine(doc, mentions)
        created = created + cue_created
        if created:
            created = _unique(created)
            kept = [m for m in mentions if not any(c.start < m.end and m.start < c.end for c in created)]
            shadow(doc, [m for m in mentions if m.label_ == "anatomy"      # a body part a grown head took
                         and any(c.start <= m.start and m.end <= c.end for c in created)])
            doc.spans[SPANS_KEY] = filter_spans(created + kept)
        found.extend(FoundRelation(f.type, f.head, f.tail, f.sentence, f.rule) for f in cue_found)
        final = list(doc.spans[SPANS_KEY])
        kept_found = []
        for r in found:     # a mention grown into a longer one hands its relations to it
            head, tail = _surviving(r.head, final), _surviving(r.tail, final)
            if head is not None and tail is not None and not _overlap(head, tail):
                kept_found.append(FoundRelation(r.type, head, tail, r.sentence, r.rule))
        doc._.relations = _dedupe(kept_found)
        return doc

    def add_section_lists(self, doc: Doc, sections: list[tuple[str, int, int]]) -> None:
        """Relations from sections whose title names the relation (``Risk factors``, ``Causes``)
        and whose body is a bulleted list: each item is a head of the document's topic. Section
        titles come from the layout, which the parser does not see, so this runs after it."""
        mentions = list(doc.spans.get(SPANS_KEY, []))
        topic = topic_of(mentions)
        if topic is None:
            return
        tail = next(m for m in mentions if m.kb_id_ == topic)
        found, created = [], []
        for title, start, end in sections:
            key = " ".join(title.lower().replace(":", " ").split())
            spec = next((sp for sp in self.cue_engine.specs if key in sp.headings), None)
            sents = [x for x in doc.sents if start <= x.start_char < end and x.text.strip()]
            if spec is None or not sents or sents[0][0].text not in BULLETS:
                continue
            label = spec.discover.get("head")
            for a, b in listed_lines(doc, sents):
                inside = [m for m in mentions if m.start < b and a < m.end and m.label_ != "anatomy"]
                good = [m for m in inside if m.label_ in spec.head_types
                        and (m.label_, tail.label_) not in spec.exclude_pairs]
                if good:
                    head = Span(doc, min(a, good[0].start), max(b, good[-1].end), label=good[0].label_,
                                kb_id=good[0].kb_id_)
                    head._.assertion = good[0]._.assertion
                elif label and not is_clause(a, b, doc) and any(t.pos_ in ("NOUN", "PROPN") for t in doc[a:b]):
                    head = Span(doc, min([a] + [m.start for m in inside]), max([b] + [m.end for m in inside]),
                                label=label)
                else:
                    continue
                created.append(head)
                found.append(FoundRelation(spec.type, head, tail, doc[a:b].sent, f"{spec.type}:heading:{key}"))
        if not found:
            return
        created = _unique(created)
        kept = [m for m in mentions if not any(c.start < m.end and m.start < c.end for c in created)]
        doc.spans[SPANS_KEY] = filter_spans(created + kept)
        final = list(doc.spans[SPANS_KEY])
        relations = list(doc._.relations or [])
        for r in relations + found:
            head, tail_span = _surviving(r.head, final), _surviving(r.tail, final)
            if head is not None and tail_span is not None and not _overlap(head, tail_span):
                r.head, r.tail = head, tail_span
            else:
                r.head = None
        doc._.relations = _dedupe([r for r in relations + found if r.head is not None])

    def _discover_tails(self, spec: dict, sent: Span, in_sent: list[Span]) -> list[Span]:
        """Conditions the vocabulary lacks, read from the parse where a cue announces them: the
        subject of a main clause after an 'if' clause ('..., facet arthropathy should be considered')
        and the noun phrase after a cue noun ('a sign of piriformis syndrome')."""
        doc = sent.doc
        label = spec["discover"]["tail"]
        phrases: list[Span] = []
        for tok in sent:
            if tok.lower_ == "if" and tok.dep_ == "mark":
                floor = tok.head.right_edge.i + 1
                cue = next((t for t in doc[floor:sent.end] if t.lemma_.lower() in spec["conditional"]), None)
                if cue is not None:
                    phrases += subject_phrases(doc, cue.i, floor, self.generic)
        text = sent.text.lower()
        for cue in spec["nouns"]:
            idx = text.find(cue)
            if idx >= 0:
                end_tok = doc.char_span(sent.start_char + idx, sent.start_char + idx + len(cue),
                                        alignment_mode="expand")
                if end_tok is not None:
                    phrases += object_phrases(doc, end_tok.end, sent.end, self.generic)
        out = []
        typed = set(spec["head_types"]) | set(spec["tail_types"])
        for ph in phrases:   # a phrase may swallow an anatomy or HPO mention, never a typed one
            if not any(m.start < ph.end and ph.start < m.end for m in out) and \
                    not any(m.start < ph.end and ph.start < m.end and m.label_ in typed and not absorbable(m)
                            for m in in_sent):
                out.append(Span(doc, ph.start, ph.end, label=label))
        return out

    def _sentence(self, rel_type, spec, sent, heads, tails, previous_heads):
        out: list[FoundRelation] = []
        if not tails:
            return out
        named = [h for h in heads if _in_parentheses(h)]
        for tok in sent:
            lemma = tok.lemma_.lower()
            # 1. cue verb: subject holds the head, object side holds the tails
            if tok.pos_ in ("VERB", "AUX") and lemma in spec["verbs"]:
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                if tok.dep_ == "relcl":
                    subj = [tok.head]
                obj_rng = (tok.i + 1, tok.right_edge.i + 1)
                for s in subj:
                    rng = _subtree_range(s) if tok.dep_ != "relcl" else (s.left_edge.i, tok.i)
                    hs = [h for h in heads if h.start <= s.i < h.end] or \
                        [h for h in heads if _within(h, rng)][:1]
                    for h in hs:
                        for t in tails:
                            if _within(t, obj_rng):
                                out.append(FoundRelation(rel_type, h, t, sent, f"{rel_type}:verb:{lemma}"))
            # 2. conditional: the 'if' clause holds the head, the main clause a cue and the tails
            if tok.lower_ == "if" and tok.dep_ == "mark":
                first_tail = min((t for t in tails if t.start > tok.i), key=lambda t: t.start, default=None)
                if first_tail is None:
                    continue
                rest = {t.lemma_.lower() for t in sent if t.i >= first_tail.start}
                if not rest & set(spec["conditional"]):
                    continue
                c_rng = (tok.i, first_tail.start)
                hs = [h for h in heads if _within(h, c_rng)]
                hs = [h for h in hs if h in named] or hs[-1:]
                for h in hs:
                    for t in tails:
                        if t.start >= first_tail.start:
                            out.append(FoundRelation(rel_type, h, t, sent, f"{rel_type}:conditional"))
        # 3. cue noun phrase ('sign of X'): head from the subject, else from the previous sentence
        text = sent.text.lower()
        for cue in spec["nouns"]:
            idx = text.find(cue)
            if idx < 0:
                continue
            cue_end = sent.start_char + idx + len(cue)
            after = [t for t in tails if t.start_char >= cue_end]
            before_heads = [h for h in heads if h.end_char <= sent.start_char + idx]
            hs = [h for h in before_heads if h in named] or before_heads[:1] or previous_heads[-1:]
            for h in hs:
                for t in after:
                    out.append(FoundRelation(rel_type, h, t, sent, f"{rel_type}:noun:{cue}"))
        return out


def _surviving(span: Span, final: list[Span]) -> Span | None:
    """``span`` itself when it is still a mention, else the mention of the same type that swallowed it."""
    same = [m for m in final if m.start <= span.start and span.end <= m.end and m.label_ == span.label_]
    exact = [m for m in same if (m.start, m.end) == (span.start, span.end)]
    return (exact or same or [None])[0]


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _unique(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


def _dedupe(found: list[FoundRelation]) -> list[FoundRelation]:
    seen, out = set(), []
    for r in found:
        key = (r.type, r.head.start, r.head.end, r.tail.start, r.tail.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


@Language.factory("spasmkg_relations_v1", assigns=["doc._.relations"], default_config={"rules": None})
def make_relations(nlp: Language, name: str, rules: str | None) -> RelationExtractor:
    return RelationExtractor(nlp, rules)


def _mentions_by_sentence(mentions: list[Span], sents: list[Span]) -> list[list[Span]]:
    """For each sentence, the mentions inside it, in their order in ``mentions``: found by bisection
    over the mentions sorted by start, so a document with thousands of sentences and mentions costs
    n log n, not sentences × mentions."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    out = []
    for sent in sents:
        lo, hi = bisect_left(starts, sent.start), bisect_right(starts, sent.end)
        out.append([mentions[i] for i in sorted(i for i in order[lo:hi] if mentions[i].end <= sent.end)])
    return out
