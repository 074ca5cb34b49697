"""Clinical statements of a parsed review as :class:`Relation` records, with their mentions, claims,
references and modality, and the red flags read from its relations and cue sentences.

The component (``components/clinical_statements.py``) finds phrases; here each phrase becomes the
mentions it holds (one relation per conjunct: "a history and a physical examination are
recommended" recommends both), or a new mention when no vocabulary entry names it, so that unseen
text yields statements the vocabulary does not know. What a statement bears on is the condition
its sentence names, else the review's topic (the condition it mentions most). Statements in the
reference list are left out: a title describes the cited work, not the citing text's claims.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable

from spacy.tokens import Doc

from spasmkg.extract import rules as rule_files
from spasmkg.extract.hedges import hedge_pattern
from spasmkg.extract.model import Citation, Mention, Relation, Span

HEAD_TYPES = {
    "recommends": ("test", "treatment", "drug", "drug_class"),
    "recommends_against": ("test", "treatment", "drug", "drug_class"),
    "indicated_when": ("test", "treatment"),
    "effective_for": ("treatment", "drug", "drug_class"),
    "not_effective_for": ("treatment", "drug", "drug_class"),
    "aggravates": ("trigger", "risk_factor", "treatment", "drug", "condition", "symptom", "finding"),
    "relieves": ("treatment", "drug", "drug_class", "trigger"),
    "differential_of": ("condition",),
}
TAIL_TYPES = ("condition", "symptom", "exam_sign")
OTHER_TYPES = ("condition", "anatomy", "symptom", "exam_sign", "mechanism")
QUALIFIER_FIELD = {"indication": "indication", "condition": "condition", "purpose": "purpose", "comparison": "comparison"}
MAX_NEW_WORDS = 8


def _rules() -> dict:
    return rule_files.load("clinical_statements")


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _inside(mentions: Iterable[Mention], start: int, end: int, types: Iterable[str]) -> list[Mention]:
    """The widest mentions of ``types`` inside [start, end), one per stretch of text."""
    got = sorted((m for m in mentions if start <= m.start and m.end <= end and m.type in types),
                 key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in got:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _serious(rules: dict, words: str) -> bool:
    low = words.lower()
    return any(re.search(r"\b" + re.escape(w) + r"\b", low) for w in rules["red_flag"]["serious"])


def topic_mention(mentions: list[Mention]) -> Mention | None:
    """The review's topic: the first mention of the condition it names most."""
    conditions = [m for m in mentions if m.type == "condition" and m.assertion == "present"]
    if not conditions:
        return None
    key = Counter(m.concept or (m.label or m.text).lower() for m in conditions).most_common(1)[0][0]
    return next(m for m in conditions if (m.concept or (m.label or m.text).lower()) == key)


def _new_mention(text: str, start: int, end: int, kind: str, rules: dict) -> Mention | None:
    words = text[start:end].split()
    if not words or len(words) > MAX_NEW_WORDS or not any(ch.isalpha() for ch in text[start:end]):
        return None
    phrase = text[start:end]
    found = set(re.findall(r"[a-z-]+", phrase.lower()))
    if found & set(rules["new_heads"]["pronouns"]) and len(words) == 1:
        return None
    procedure = found & set(rules["indication"]["objects"])
    if kind not in ("aggravates",) and not procedure and not found & set(rules["new_heads"]["treatment_words"]):
        return None
    if kind in ("aggravates",):
        mtype = "trigger"
    elif kind in ("indicated_when",) or procedure:
        mtype = "test"
    elif kind == "relieves":
        mtype = "treatment"
    elif kind == "differential_of":
        return None
    else:
        mtype = "treatment"
    return Mention(start=start, end=end, text=phrase, type=mtype, label=" ".join(phrase.lower().split()),
                   source="statement")


def clinical_statements(doc: Doc, text: str, mentions: list[Mention], relations: list[Relation],
                        citation_for: Callable[[int, int, Span], Citation | None],
                        left_out: tuple[int, int] | None = None) -> tuple[list[Relation], list[Mention]]:
    """The statements of ``doc`` and the new mentions they name. ``left_out`` is the reference list's
    stretch of text."""
    rules = _rules()
    topic = topic_mention(mentions)
    out: list[Relation] = []
    created: list[Mention] = []
    seen: set[tuple] = set()

    def outside(start: int) -> bool:
        return left_out is None or not (left_out[0] <= start < left_out[1])

    def add(kind: str, head: Mention, tail: Mention, sent: Span, rule: str, **extra) -> None:
        key = (kind, head.start, head.end, tail.start, tail.end, extra.get("qualifier"))
        if key in seen or (head.start, head.end) == (tail.start, tail.end):
            return
        seen.add(key)
        rel = Relation(type=kind, head=head, tail=tail, sentence=sent, rule=rule, confidence=0.7, **extra)
        inside = [m for m in (head, tail) if sent.start <= m.start and m.end <= sent.end] or [head]
        cit = citation_for(min(m.start for m in inside), max(m.end for m in inside), sent)
        if cit is not None:
            rel.claim, rel.refs = cit.claim, list(cit.refs)
        out.append(rel)

    for st in doc._.clinical_statements or []:
        sent = _span(text, st.sentence.start_char, st.sentence.start_char + len(st.sentence.text.rstrip()))
        if not outside(sent.start) or not outside(sent.end - 1):
            continue
        tails = []
        if st.tail is not None:
            tails = _inside(mentions, st.tail.start_char, st.tail.end_char, TAIL_TYPES)
        if st.type == "differential_of":
            heads = [m for m in _inside(mentions, sent.start, sent.end, ("condition",))
                     if topic is None or (m.concept or m.label) != (topic.concept or topic.label)]
            if topic is not None:
                for h in heads:
                    add(st.type, h, topic, sent, st.rule)
            continue
        if not tails:
            taken = {(m.start, m.end) for item in (st.items or [st.head]) for m in
                     _inside(mentions, item.start_char, item.end_char, TAIL_TYPES)}
            within = [m for m in _inside(mentions, sent.start, sent.end, ("condition", "symptom")) if (m.start, m.end) not in taken
                      and not (st.head.start_char <= m.start < st.head.end_char) and m.assertion == "present"]
            if st.type in ("aggravates", "relieves"):
                within = []
            tails = within[:1] or ([topic] if topic is not None else [])
        if not tails:
            continue
        extra = {"agent": " ".join(st.agent.text.split()) if st.agent is not None else None,
                 "qualifier": " ".join(st.qualifier.split()).rstrip(",;: ") if st.qualifier else None,
                 "qualifier_kind": st.qualifier_kind, "head_text": " ".join(st.head.text.split()),
                 "modality": "conditional" if st.conditional else None}
        for item in st.items or [st.head]:
            heads = _inside(mentions, item.start_char, item.end_char, HEAD_TYPES[st.type])
            if not heads and st.rule != "recommend_imperative" and \
                    _inside(mentions, item.start_char, item.end_char, OTHER_TYPES):
                continue                     # the phrase names a condition or a body part, not a therapy
            # (an imperative names an act, "Talk to a doctor", whatever a label reader took it for)
            if not heads and st.rule == "efficacy_verb":
                continue                     # "X reduces pain" says a treatment works only when X is one
            if not heads:
                m = _new_mention(text, item.start_char, item.end_char, st.type, rules)
                if m is None:
                    continue
                created.append(m)
                heads = [m]
            for h in heads:
                for t in tails:
                    add(st.type, h, t, sent, st.rule, **extra)

    out.extend(red_flags(doc, text, mentions, relations, citation_for, rules, outside))
    return out, created


def red_flags(doc: Doc, text: str, mentions: list[Mention], relations: list[Relation],
              citation_for: Callable[[int, int, Span], Citation | None], rules: dict,
              outside: Callable[[int], bool]) -> list[Relation]:
    """A sign that indicates a serious cause is a red flag for it; so is each sign or symptom a
    sentence names together with a cue ("urgent", "red flag") and a serious cause."""
    spec = rules["red_flag"]
    out: list[Relation] = []
    seen: set[tuple] = set()

    def add(head: Mention, tail: Mention, sent: Span, rule: str, claim, refs) -> None:
        key = (head.start, head.end, tail.start, tail.end)
        if key in seen:
            return
        seen.add(key)
        out.append(Relation(type="red_flag_for", head=head, tail=tail, sentence=sent, claim=claim, refs=list(refs),
                            rule=rule, confidence=0.7))

    for rel in relations:
        if rel.type == "indicates" and rel.head.type in spec["head_types"] and rel.head.assertion != "negated" \
                and _serious(rules, rel.tail.label or rel.tail.text) and not _serious(rules, rel.head.text) and outside(rel.sentence.start):
            add(rel.head, rel.tail, rel.sentence, "red_flag_indicates", rel.claim, rel.refs)
    stated = {r.sentence.start for r in out}     # a sentence whose relation names the sign is read by it
    cue = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in spec["cues"]) + r")\b", re.I)
    for s in doc.sents:
        start, end = s.start_char, s.start_char + len(s.text.rstrip())     # the parse's text: masked references are blank
        if start in stated or not outside(start) or not outside(end - 1) or not cue.search(text, start, end):
            continue
        sent = _span(text, start, end)
        inside = [m for m in _inside(mentions, start, end, spec["head_types"]) if outside(m.start)]
        # a serious disorder in the patient's past ("a history of cancer") is itself a red flag
        causes = [m for m in inside if _serious(rules, m.text) and m.assertion != "historical"]
        heads = [m for m in inside if (not _serious(rules, m.text) or m.assertion == "historical")
                 and m.assertion != "negated"]
        for h in heads:
            for c in causes:
                cit = citation_for(h.start, c.end, sent)
                add(h, c, sent, "red_flag_cue", cit.claim if cit else None, cit.refs if cit else [])
    return out


def mark_modality(text: str, relations: list[Relation]) -> None:
    """Each clinical statement's modality: conditional (a condition clause), hedged (a hedge word in
    its sentence), else stated."""
    pattern = hedge_pattern()
    for rel in relations:
        if rel.type not in HEAD_TYPES and rel.type != "red_flag_for":
            continue
        found = pattern.search(text, rel.sentence.start, rel.sentence.end)
        if found and not rel.hedge:
            rel.hedge = " ".join(found.group(0).split())
        if rel.modality != "conditional":
            rel.modality = "hedged" if rel.hedge else "stated"
