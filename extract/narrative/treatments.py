"""Treatments no vocabulary lists, read from the parse of a patient's account.

People report what they tried in their own words: ``I did some planks``, ``I switched to
swimming``, ``a round of dry needling``, ``Rolling on a lacrosse ball can …``, ``Prescribed tablets
and the cream did nothing``. A :class:`TreatmentPhrases` finds the phrases a treatment report can
be about: the object of an intake verb (``took``, ``tried``, ``was given``, ``prescribed``, ``went
to`` a practitioner), the subject of an evaluative clause, a gerund subject. Word lists are data
(``rules/narrative_outcomes.json``: ``intake_verbs``, ``not_treatments``, ``container_heads``).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from spasmkg.extract.model import Mention

GOING_TO = {("to", "go"), ("to", "turn"), ("to", "switch"), ("to", "get"), ("on", "go"), ("on", "start"),
            ("on", "put"), ("on", "get"), ("with", "start"), ("for", "go")}
TAKEN_MARKS = {"prescribed", "given", "recommended", "suggested", "prescription"}
LEADING = {"DET", "PRON", "PART", "CCONJ", "PUNCT", "SPACE", "ADP"}


class TreatmentPhrases:
    def __init__(self, rules: dict, providers: set[str] = frozenset()):
        self.intake = set(rules["intake_verbs"])
        self.not_treatments = set(rules["not_treatments"])
        self.containers = set(rules["container_heads"])
        self.generic = set(rules["generic_heads"])
        self.providers = {p.lower() for p in providers}
        self.complaints = set(rules["symptom_types"]) | {"anatomy"}
        self.not_kinds = {"test", "finding", "imaging_finding", "exam_sign", "trigger"}

    def start(self) -> None:
        """A new document: forget what its writer took."""
        self.taken: set[str] = set()

    def find(self, sent: Span, text: str, mentions: list[Mention], listed: bool = False) -> list[Mention]:
        """Phrases of ``sent`` a treatment report can be about, beside the vocabulary's mentions. A
        clause's subject counts when it is an activity (a gerund), is marked as taken (``prescribed
        pain meds``), names what the writer took earlier in the account, or sits in a list of what
        the writer tried (``listed``)."""
        if not hasattr(self, "taken"):
            self.start()
        heads: list[Token] = []
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.intake:
                for c in t.children:
                    if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "dative" and t.lemma_.lower() != "give"):
                        heads.append(c)
                    elif c.dep_ == "prep" and (c.lower_, t.lemma_.lower()) in GOING_TO:
                        heads.extend(g for g in c.children if g.dep_ == "pobj")     # "switched to swimming"
            elif t.dep_ in ("nsubj", "csubj") and t.head.pos_ in ("VERB", "AUX", "ADJ") and t.head.dep_ != "relcl" \
                    and (t.tag_ == "VBG" or listed or t.lemma_.lower() in self.taken or t.lemma_.lower() in self.providers or t.lemma_.lower() in self.containers
                         or any(c.dep_ in ("amod", "compound") and (c.lemma_.lower() in self.intake or c.lower_ in TAKEN_MARKS)
                                for c in t.children)):
                heads.append(t)
            if t.dep_ == "pobj" and t.head.lower_ in ("after", "with", "following") and (
                    t.lemma_.lower() in self.containers or t.tag_ == "VBG"):
                heads.append(t)                 # "after two sessions of dry needling"
            if t.tag_ == "VBG" and t.dep_ == "conj" and t.head.lemma_.lower() in self.intake:
                heads.append(t)                 # "doing pilates and cycling"
            if t.dep_ == "pcomp" and t.head.lower_ == "by" and t.tag_ == "VBG":
                heads.append(t)                 # "by leaning with my hips against a door, …"
        # "a nerve block with an anaesthetic and a steroid": what came with a treatment was taken too
        heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                  for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            self.taken.update(x.lemma_.lower() for x in [h, *h.conjuncts])
        out: list[Mention] = []
        for h in heads:
            for head in [h, *[c for c in h.conjuncts if c.i > h.i]]:
                m = self._phrase(head, sent, text, mentions)
                if m is not None and not any(x.start < m.end and m.start < x.end for x in out):
                    out.append(m)
        return out

    def taken_object(self, doc, m: Mention) -> bool:
        """The mention is (in) the object of an intake verb: ``I took ibuprofen``, ``I switched to
        swimming``, ``a round of dry needling``, or a gerund the writer did (``and cycling``)."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        node = span.root
        for _ in range(4):
            if node.pos_ == "VERB" and node.lemma_.lower() in self.intake and node.i not in range(span.start, span.end):
                return True
            if node.tag_ == "VBG" and node.dep_ == "conj" and node.head.lemma_.lower() in self.intake:
                return True
            if node.dep_ in ("dobj", "pobj", "prep", "conj", "compound", "nsubjpass", "dative", "appos", "oprd", "acl") \
                    or node.tag_ == "VBG" and node.dep_ == "conj":
                node = node.head
            else:
                return False
        return False

    def subject_phrase(self, tok: Token, sent: Span, text: str, mentions: list[Mention]) -> Mention | None:
        """The subject of the clause of ``tok`` as a treatment phrase, when it can be one."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")] if verb is not None else []
        if not subj or subj[0].pos_ not in ("NOUN", "PROPN", "VERB"):
            return None
        return self._phrase(subj[0], sent, text, mentions)

    def _phrase(self, head: Token, sent: Span, text: str, mentions: list[Mention]) -> Mention | None:
        named = [g for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in ("call", "name")
                 for g in c.children if g.dep_ in ("oprd", "dobj", "attr")]
        if named and named[0].pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in self.generic:
            head = named[0]                      # "a drug called amitriptyline"
        if head.lemma_.lower() in self.containers:
            inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "with")
                     for g in c.children if g.dep_ == "pobj"]
            if not inner:
                return None
            head = inner[0]
        if head.tag_ == "VBG" and head.dep_ == "conj":
            tokens = [head]
        elif head.tag_ == "VBG" and head.dep_ in ("csubj", "nsubj", "pcomp"):
            tokens = [t for t in head.subtree]          # a gerund phrase: "rolling on a lacrosse ball"
        elif head.pos_ in ("NOUN", "PROPN"):
            tokens = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("compound",) or any(
                _accompanies(a, head) for a in [t, *t.ancestors][:_depth(t, head)])]
            tokens = [t for t in tokens if not any(a.dep_ in ("relcl", "prep", "appos", "conj", "cc", "acl")
                                                    and a.i != head.i and not _accompanies(a, head)
                                                    for a in [t, *t.ancestors][:_depth(t, head)])]
        else:
            return None
        while tokens and (tokens[0].pos_ in LEADING or tokens[0].dep_ in ("poss", "predet", "det", "nummod")
                          and tokens[0].i < head.i and tokens[0].pos_ != "PROPN" and not tokens[0].like_num):
            tokens = tokens[1:]
        while tokens and tokens[-1].pos_ in ("PUNCT", "SPACE", "CCONJ"):
            tokens = tokens[:-1]
        if not tokens or len(tokens) > 8:
            return None
        words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        if head.lemma_.lower() in self.not_treatments or head.lower_ in self.not_treatments \
                or any(t.pos_ == "PRON" for t in tokens if t.i == head.i) or head.like_num:
            return None
        a, b = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if any(m.type in self.complaints | self.not_kinds and m.start <= head.idx < m.end for m in mentions):
            return None                          # the pain, my back, an MRI: not a treatment
        if not words - self.not_treatments:
            return None
        return Mention(a, b, text[a:b], "treatment", None, " ".join(text[a:b].lower().split()), source="parser")


def _accompanies(a: Token, head: Token) -> bool:
    """``together with a warm compress`` beside a subject treatment is part of what was taken."""
    return head.dep_ in ("nsubj", "csubj") and a.dep_ == "prep" and a.head.i == head.i and a.lower_ in ("with", "along")


def _depth(t: Token, head: Token) -> int:
    """How many steps ``t`` lies below ``head`` (the ancestors to check between them)."""
    n, node = 0, t
    while node.i != head.i and node.head.i != node.i:
        node, n = node.head, n + 1
    return n
