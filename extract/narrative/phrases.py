"""What a patient says in clauses where a clinical text would use a noun.

A writer seldom names a symptom (``I couldn't bend to tie my laces``, ``my arm was tingling``), a
trigger (``I slipped getting out of the car``), a self-care treatment (``walk two miles a day``,
``lying down``, ``a wedge pillow``) or a risk (``a sedentary lifestyle``) the way a vocabulary does. A
:class:`NarrativePhrases` reads such clauses from the parse, with word classes that are data
(``rules/narrative_phrases.json``): the verbs of the body, the adjectives of a complaint, the verbs
of an accident, the heads of a device. It also gives a second reading where a narrative's sense
differs from a review's: a spasm or pain the writer feels is a symptom as well as a condition, a
``chronic`` pain a condition as well as a symptom; and it names drugs the vocabulary spells
differently (``cyclobenzeprine``), by example (``painkillers like X``) or by dose (``a shot of morphine``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from spasmkg.extract import rules as rule_files
from spasmkg.extract.model import Mention
from spasmkg.extract.narrative.reading import add_mentions, current_mentions, is_narrative, source_text

FIRST_PERSON = {"i", "we"}
EDGE_POS = {"DET", "PRON", "PUNCT", "SPACE", "CCONJ", "PART", "ADP"}
CHANGE_VERBS = {"go", "turn", "get", "become"}
DRUG_TYPES = {"drug", "drug_class"}
CLAUSE_DEPS = {"conj", "cc", "punct", "relcl", "advcl", "ccomp", "parataxis", "mark", "nsubj", "nsubjpass",
               "csubj", "appos", "dep"}


class NarrativePhrases:
    """Adds to ``doc._.narrative_mentions`` what a patient's clauses name; reviews are left alone."""

    def __init__(self, rules: str | None = None):
        r = rule_files.load(rules or "narrative_phrases")
        self.r = r
        self.sets = {k: {w.lower() for w in v} for k, v in r.items() if isinstance(v, list)
                     and all(isinstance(w, str) for w in v)}
        self.multi = {k: [tuple(w.lower().split()) for w in r[k]] for k in ("prolonged_marks",)}

    # ------------------------------------------------------------------ entry
    def __call__(self, doc: Doc) -> Doc:
        if not is_narrative(doc):
            return doc
        text = source_text(doc)
        known = current_mentions(doc)
        out: list[Mention] = []
        for sent in doc.sents:
            for finder in (self._inability, self._body_part_progressive, self._complaint_adjectives,
                           self._in_pain, self._hurts_when, self._accidents, self._worsened_through,
                           self._blamed, self._inactivity, self._prolonged_posture,
                           self._exercise_amounts, self._routines, self._lying_down, self._recommended_gerunds,
                           self._devices, self._poses, self._damage, self._damaged_parts, self._roles,
                           self._origins):
                out.extend(finder(sent, text))
        out.extend(self._words(doc, text))
        out.extend(m for sent in doc.sents for m in self._withdrawal(sent, text, known))
        out.extend(m for sent in doc.sents for m in self._despite_complaint(sent, text, known))
        out.extend(m for sent in doc.sents for m in self._onsets(sent, text, known))
        out.extend(self._readings(doc, text, known))
        out.extend(self._drugs(doc, text, known))
        add_mentions(doc, self._new(out, known))
        return doc

    @staticmethod
    def _new(found: list[Mention], known: list[Mention]) -> list[Mention]:
        """One mention per span and type, none the pipeline already has (as that type, or inside
        a longer mention of that type)."""
        kept: list[Mention] = []
        for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
            if m.end <= m.start or any(k.type == m.type and k.start <= m.start and m.end <= k.end
                                       for k in [*known, *kept]):
                continue
            kept.append(m)
        return kept

    # ------------------------------------------------------------------ helpers
    def _mention(self, tokens: list[Token], text: str, typ: str, concept: str | None = None,
                 label: str | None = None, named: bool = False) -> Mention | None:
        """A mention quoting ``tokens`` without the words that only lead into them (a determiner, a
        possessive unless it is part of a name: ``pigeon's pose``; a ``then`` that orders the story)."""
        tokens = sorted(set(tokens), key=lambda t: t.i)
        while tokens and (tokens[0].pos_ in EDGE_POS and tokens[0].lower_ not in ("n't", "not", "can", "could")
                          and not (named and tokens[0].dep_ == "poss")
                          or tokens[0].dep_ in ("poss", "det") and not (named and tokens[0].pos_ in ("PROPN", "NOUN"))
                          or tokens[0].pos_ == "ADV" and tokens[0].lower_ in self.sets["lead_adverbs"]):
            tokens = tokens[1:]
        while tokens and tokens[-1].pos_ in ("PUNCT", "SPACE", "CCONJ", "DET", "ADP") and tokens[-1].dep_ != "prt":
            tokens = tokens[:-1]
        if not tokens or len(tokens) > 12:
            return None
        a, b = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        quote = text[a:b]
        if "\n\n" in quote:
            return None
        return Mention(a, b, quote, typ, concept, label or " ".join(quote.lower().split()), source="narrative")

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        """The verb's subject, or the subject it shares with the verb it is coordinated with."""
        node = verb
        for _ in range(4):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
                node = node.head
            else:
                return None
        return None

    def _first_person(self, verb: Token) -> bool:
        """The writer does it: a subject ``I``/``we``, none, or the ``it`` of ``it was foolish to …``."""
        subj = self._subject(verb)
        return subj is None or subj.lower_ in FIRST_PERSON or (
            subj.lower_ == "it" and subj.head.lemma_ == "be" and subj.head.i != verb.i
            and any(c.dep_ == "acomp" for c in subj.head.children))

    @staticmethod
    def _negated(verb: Token) -> bool:
        return any(c.dep_ == "neg" for c in verb.children)

    @staticmethod
    def _predicate(verb: Token, stop: set[str] = CLAUSE_DEPS) -> list[Token]:
        """The verb with what completes it (particles, objects, adverbs, prepositions), short of
        another clause."""
        out = [verb]
        subj = next((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), -1)
        for c in verb.children:
            if c.dep_ in stop or c.i < verb.i and (c.dep_ not in ("advmod", "neg", "aux") or c.i < subj
                                                   or c.dep_ == "advmod" and verb.i - c.i > 2):
                continue
            if c.i < verb.i and c.dep_ == "aux" and c.lower_ not in ("ca", "can", "could"):
                continue
            out.extend(t for t in c.subtree if not any(a.dep_ in ("conj", "cc", "relcl", "advcl", "punct")
                                                       and a.i != c.i for a in _between(t, c)))
        return out

    def _body(self, tok: Token) -> bool:
        """A body part: the lexicon's anatomy, or a part of the spine WordNet files elsewhere (a disc)."""
        return _anatomy(tok) or tok.lemma_.lower() in self.sets["spinal_parts"] or tok.lower_ in self.sets["spinal_parts"]

    def _in_list(self, key: str, tok: Token) -> bool:
        return _lemma(tok) in self.sets[key] or tok.lower_ in self.sets[key]

    # ------------------------------------------------------------------ symptoms
    def _inability(self, sent: Span, text: str) -> list[Mention]:
        """``I can't bend``, ``couldn't fall asleep again``, ``unable to walk far``, ``I could
        barely swallow``: the writer cannot do what a body does."""
        out = []
        for v in sent:
            if v.pos_ not in ("VERB", "AUX") or not self._first_person(v):
                continue
            modal = [c for c in v.children if c.dep_ == "aux" and c.lower_ in ("ca", "can", "could", "cannot")]
            unable = v.dep_ == "xcomp" and v.head.lower_ in ("unable", "incapable")
            adverb = [c for c in v.children if c.dep_ == "advmod" and c.lower_ in self.sets["inability_adverbs"]]
            if not (modal and self._negated(v) or unable or adverb):
                continue
            tokens = self._predicate(v, CLAUSE_DEPS | {"prep", "npadvmod"}) if not adverb else \
                self._predicate(v, CLAUSE_DEPS | {"prep", "npadvmod", "dobj"})
            if not any(self._in_list("body_verbs", t) for t in tokens):
                continue
            if unable:
                tokens = [v.head, *tokens]
            out.append(self._mention(tokens, text, "symptom"))
        return [m for m in out if m]

    def _body_part_progressive(self, sent: Span, text: str) -> list[Mention]:
        """``my right arm was tingling to my fingers``, ``my knees were trembling``: a body part doing
        something, as the writer tells it."""
        out = []
        for v in sent:
            if v.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lemma_ == "be" for c in v.children):
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ != "NOUN" or not self._body(subj):
                continue
            subject = [t for t in subj.subtree if t.dep_ not in ("poss", "det") and t.i <= subj.i]
            out.append(self._mention(subject + self._predicate(v), text, "symptom"))
        return [m for m in out if m]

    def _complaint_adjectives(self, sent: Span, text: str) -> list[Mention]:
        """``I was terribly dizzy``, ``feeling groggy and weak``, ``my toes began to turn numb``."""
        out = []
        for t in sent:
            if t.lower_ not in self.sets["complaint_adjectives"] or t.pos_ not in ("ADJ", "VERB"):
                continue
            if t.dep_ == "amod" or t.dep_ == "conj" and t.head.lower_ in self.sets["complaint_adjectives"]:
                continue
            head = t.head
            if t.dep_ not in ("acomp", "acl", "oprd", "xcomp", "ROOT", "conj", "advcl", "ccomp"):
                continue
            change = t.dep_ == "acomp" and head.lemma_.lower() in CHANGE_VERBS      # "it went numb"
            if head.pos_ in ("VERB", "AUX") and not change and (
                    t.dep_ == "acomp" and head.lemma_.lower() not in self.sets["state_verbs"]
                    or not (self._first_person(head) or self._own_body_subject(head))):
                continue            # "the room was dark", "he is tired": not the writer's complaint
            tokens = [t, *[c for c in t.children if c.dep_ == "advmod"]]
            for c in t.conjuncts:
                if c.i > t.i and c.lower_ in self.sets["complaint_adjectives"]:      # "groggy and weak"
                    tokens += [*c.subtree, *[x for x in t.children if x.dep_ == "cc"]]
            # "began to turn numb": the change of state with the verbs leading to it
            node = head
            if change:
                tokens.append(node)
                while node.dep_ == "xcomp" and self._in_list("onset_verbs", node.head):
                    tokens += [node.head, *[c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"]]
                    node = node.head
            out.append(self._mention(tokens, text, "symptom"))
        return [m for m in out if m]

    def _own_body_subject(self, verb: Token) -> bool:
        """The subject is the writer's body part: ``my whole left foot was numb``."""
        subj = self._subject(verb)
        return subj is not None and self._body(subj) and any(
            c.dep_ == "poss" and c.lower_ in ("my", "our") for c in subj.children)

    def _in_pain(self, sent: Span, text: str) -> list[Mention]:
        """``groaning in pain``, ``doubled over in agony``: what pain made the writer do."""
        out = []
        for t in sent:
            if t.lemma_.lower() in ("pain", "agony") and t.dep_ == "pobj" and t.head.lower_ == "in":
                verb = t.head.head
                if verb.pos_ == "VERB" and verb.lemma_.lower() != "be" and verb.tag_ == "VBG":
                    out.append(self._mention([verb, t.head, *[x for x in t.subtree]], text, "symptom"))
        return [m for m in out if m]

    def _hurts_when(self, sent: Span, text: str) -> list[Mention]:
        """``it hurts whenever I turn my head``: a pain tied to what sets it off."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("hurt_verbs", v) or self._negated(v):
                continue
            clause = next((c for c in v.children if c.dep_ == "advcl" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "whenever", "if") for m in c.children)), None)
            if clause is not None:
                out.append(self._mention([v, *clause.subtree], text, "symptom"))
        return [m for m in out if m]

    # ------------------------------------------------------------------ triggers
    def _accidents(self, sent: Span, text: str) -> list[Mention]:
        """``I tripped over a hose``, ``lifting a crate off the van``, ``slipped getting out of the
        bath``: an accident the writer tells is a trigger, and the cause of an injury."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("accident_verbs", v) or self._negated(v):
                continue
            participle = v.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
            if not (participle or self._first_person(v)) or not _regular_form(v) or any(
                    c.dep_ == "aux" and c.lower_ in ("can", "could", "ca", "would", "will", "should") for c in v.children):
                continue
            if any(c.dep_ in ("acomp", "oprd", "attr") or c.lower_ == "asleep" for c in v.children):
                continue            # "fall asleep", "fell ill": a change of state, not an accident
            if v.dep_ in ("xcomp", "amod", "acomp") or any(c.dep_ == "mark" and c.lower_ == "if" for c in v.children):
                continue
            parts = [c for c in v.children if c.dep_ in ("prt", "prep") and c.lower_ in self.sets["accident_particles"]
                     or c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG"]
            if not parts and not any(c.dep_ == "dobj" for c in v.children):
                continue
            tokens = self._predicate(v, CLAUSE_DEPS | {"npadvmod"}) + [
                t for c in v.children if c.dep_ == "advcl" and c.tag_ == "VBG" and not any(
                    g.dep_ in ("mark", "advmod") for g in c.children) for t in c.subtree]   # "slipped getting out"
            tokens = [t for t in tokens if not (t.dep_ == "advmod" and t.i < v.i)]
            m = self._mention(tokens, text, "trigger")
            if m is not None:
                out += [m, Mention(m.start, m.end, m.text, "cause", None, m.label, source="narrative")]
        return out

    def _worsened_through(self, sent: Span, text: str) -> list[Mention]:
        """``I can provoke the sciatica through a deep lunge``: what the writer does that sets a
        complaint off."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("worsening_verbs", v) or not self._first_person(v):
                continue
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ in ("through", "by", "with", "from"):
                    out.extend(self._mention(list(g.subtree), text, "trigger") for g in p.children
                               if g.dep_ in ("pobj", "pcomp"))
        return [m for m in out if m]

    def _withdrawal(self, sent: Span, text: str, known: list[Mention]) -> list[Mention]:
        """``I ran out of baclofen``, ``came off the gabapentin``: losing a drug the account names
        sets a relapse off."""
        out = []
        for v in sent:
            for verb, part, prep in self.r["withdrawal"]:
                if v.lemma_.lower() != verb:
                    continue
                nxt = [c for c in v.children if c.lower_ == part or c.lemma_.lower() == part]
                if not nxt:
                    continue
                tail = nxt[0]
                holders = [tail, *[c for c in tail.children if c.lower_ == prep]] if prep else [tail]
                obj = [g for c in holders for g in c.children if g.dep_ in ("pobj", "dobj")]
                if obj and any(k.type in DRUG_TYPES and k.start <= o.idx < k.end for o in obj for k in known):
                    out.append(self._mention([v, tail, *[t for o in obj for t in o.subtree],
                                              *[c for c in tail.children if c.lower_ == prep]], text, "trigger"))
        return [m for m in out if m]

    def _despite_complaint(self, sent: Span, text: str, known: list[Mention]) -> list[Mention]:
        """``went skiing with a stiff neck``: an activity done with a complaint is a trigger."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or self._in_list("living_verbs", v) or not self._first_person(v):
                continue
            for p in v.children:
                if p.dep_ != "prep" or p.lower_ not in ("with", "despite", "through"):
                    continue
                obj = next((g for g in p.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                sore = any(c.dep_ == "amod" and c.lower_ in self.sets["complaint_adjectives"] for c in obj.children)
                if sore or any(k.type in ("symptom", "condition") and k.start <= obj.idx < k.end for k in known):
                    out.append(self._mention(self._predicate(v), text, "trigger"))
        return [m for m in out if m]

    def _onsets(self, sent: Span, text: str, known: list[Mention]) -> list[Mention]:
        """``the pain started after shoveling snow``, ``while I was vacuuming, I felt the spasm``,
        ``I was lifting my son when my back went into spasm``: what the writer was doing when a
        complaint set in is a trigger."""
        complaints = [k for k in known if k.type in ("symptom", "condition") and sent.start_char <= k.start < sent.end_char]

        def own(node: Token, other: Token) -> list[Token]:
            """The clause of ``node`` without the clause of ``other``."""
            inside = {t.i for t in other.subtree} if other.i in {t.i for t in node.subtree} else set()
            return [t for t in node.subtree if t.i not in inside]

        def onset(node: Token, other: Token) -> bool:
            return self._in_list("onset_events", node) or any(
                k.start <= t.idx < k.end for t in own(node, other) for k in complaints)

        def activity(v: Token, other: Token) -> bool:
            if self._in_list("light_verbs", v) and not any(
                    c.dep_ == "dobj" and c.pos_ == "NOUN" for c in v.children):
                return False        # "when I was doing", "after seeing it": no activity named
            return v.pos_ == "VERB" and not self._negated(v) and not self._in_list("living_verbs", v) \
                and not self._in_list("onset_events", v) and self._first_person(v) \
                and not any(k.start <= t.idx < k.end for t in own(v, other) for k in complaints)

        out = []
        for c in sent:
            marks = {g.lower_ for g in c.children if g.dep_ in ("mark", "advmod")}
            if c.tag_ == "VBG" and c.dep_ == "pcomp" and c.head.lower_ in ("after", "while", "from", "when"):
                node = c.head.head
            elif c.dep_ == "advcl" and marks & {"when", "while", "after", "whenever", "once", "as"}:
                node = c.head
            else:
                continue
            stop = CLAUSE_DEPS | {"mark"}
            if activity(c, node) and onset(node, c):
                out.append(self._mention([t for t in self._predicate(c, stop) if t.lower_ not in marks], text, "trigger"))
            elif c.dep_ == "advcl" and marks & {"when", "as"} and activity(node, c) and onset(c, node) \
                    and node.tag_ in ("VBD", "VBG"):
                out.append(self._mention(self._predicate(node, stop), text, "trigger"))     # "I was lifting … when"
        return [m for m in out if m]

    def _blamed(self, sent: Span, text: str) -> list[Mention]:
        """``it's the drive to the office that hurts me``, ``or is it the shifts?``, ``hard seats``:
        what the writer blames."""
        out = []
        for be in sent:
            if be.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in be.children):
                continue
            attr = next((c for c in be.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            if attr is None:
                continue
            hurting = [t for t in attr.subtree if t.dep_ == "relcl" and self._in_list("hurting_verbs", t)]
            cleft = be.dep_ == "conj" and be.head.lemma_ == "be" and any(
                t.dep_ == "relcl" and self._in_list("hurting_verbs", t) for t in be.head.subtree)
            if hurting:
                end = min(t.left_edge.i for t in hurting)
                out.append(self._mention([t for t in attr.subtree if t.i < end], text, "trigger"))
            elif cleft:
                out.append(self._mention(list(attr.subtree), text, "trigger"))
        for t in sent:
            if t.pos_ == "NOUN" and self._in_list("blamed_heads", t) and any(
                    c.dep_ == "amod" and c.lower_ in self.sets["device_blame"] for c in t.children):
                mods = [c for c in t.children if c.dep_ in ("amod", "compound", "advmod", "cc", "conj") and c.i < t.i]
                out.append(self._mention([x for c in mods for x in c.subtree] + [t], text, "trigger"))
        return [m for m in out if m]

    # ------------------------------------------------------------------ risk factors
    def _inactivity(self, sent: Span, text: str) -> list[Mention]:
        """``a sedentary lifestyle``, ``since I became less active``."""
        out = []
        for t in sent:
            if t.lower_ in self.sets["inactivity_adjectives"] and t.dep_ == "amod" and t.head.pos_ == "NOUN":
                out.append(self._mention([t, t.head], text, "risk_factor"))
            elif t.lower_ in self.sets["less_active"] and any(c.lower_ == "less" for c in t.children):
                out.append(self._mention([t, *[c for c in t.children if c.lower_ == "less"]], text, "risk_factor"))
        return [m for m in out if m]

    def _prolonged_posture(self, sent: Span, text: str) -> list[Mention]:
        """``I stand at a counter all day``: one posture held for hours."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("posture_verbs", v):
                continue
            tokens = self._predicate(v)
            words = tuple(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
            if any(_contains(words, mark) for mark in self.multi["prolonged_marks"]):
                out.append(self._mention(tokens, text, "risk_factor"))
        return [m for m in out if m]

    # ------------------------------------------------------------------ treatments
    def _exercise_amounts(self, sent: Span, text: str) -> list[Mention]:
        """``jog two miles a day``, ``swimming 20 laps``: exercise measured out is a treatment."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("exercise_verbs", v):
                continue
            amounts = [c for c in v.children if c.dep_ in ("dobj", "npadvmod", "advmod", "prep")
                       and any(t.lemma_.lower() in self.sets["exercise_units"] and any(
                           x.like_num or x.pos_ == "NUM" for x in t.subtree) for t in c.subtree)]
            if amounts:
                out.append(self._mention([v, *[t for c in amounts for t in c.subtree]], text, "treatment"))
        return [m for m in out if m]

    def _routines(self, sent: Span, text: str) -> list[Mention]:
        """``get up every hour``, ``stretch your hamstrings every morning``: a tip or an exercise kept
        to a schedule (an instruction: no subject, or ``you``)."""
        out = []
        for v in sent:
            if v.pos_ != "VERB":
                continue
            every = [c for c in v.children if c.dep_ in ("npadvmod", "advmod", "prep") and any(
                x.lower_ in ("every", "each") and x.head.lemma_.lower() in self.sets["time_units"] for x in c.subtree)]
            own = [c for n in (v, v.head if v.dep_ == "conj" else v) for c in n.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not every or own or v.tag_ in ("VBD", "VBN", "VBG") or any(c.dep_ == "aux" for c in v.children):
                continue
            out.append(self._mention(self._predicate(v, CLAUSE_DEPS | {"prep"}) + [t for c in every for t in c.subtree],
                                     text, "treatment"))
        return [m for m in out if m]

    def _lying_down(self, sent: Span, text: str) -> list[Mention]:
        """``lying down``, ``laying flat`` as something done for the pain (a gerund, not ``I was
        lying on the floor``)."""
        out = []
        for v in sent:
            if v.tag_ != "VBG" or v.lemma_.lower() not in self.sets["rest_verbs"] and v.lower_ not in ("laying", "lying"):
                continue
            if any(c.dep_ == "aux" for c in v.children):
                continue
            down = [c for c in v.children if c.lower_ in self.sets["rest_particles"]]
            if down:
                out.append(self._mention([v, *down], text, "treatment"))
        return [m for m in out if m]

    def _recommended_gerunds(self, sent: Span, text: str) -> list[Mention]:
        """``my osteopath recommended sleeping with a pillow between my knees``: an activity advised
        or tried; ``stretches by pulling each knee to your chest``: a treatment and how it is done."""
        out = []
        for v in sent:
            if v.pos_ == "VERB" and (v.lemma_.lower() in ("recommend", "suggest", "advise", "prescribe")
                                     or v.lemma_.lower() == "try" and self._first_person(v)):
                for g in v.children:
                    if g.dep_ in ("dobj", "xcomp") and g.tag_ == "VBG":
                        out.append(self._mention(self._predicate(g), text, "treatment"))
            if v.tag_ == "VBG" and v.dep_ == "pcomp" and v.head.lower_ == "by":
                head = v.head.head
                noun = head if head.pos_ == "NOUN" else next((c for c in head.children if c.dep_ == "dobj"), None)
                if noun is not None and noun.lemma_.lower() in self.sets["exercise_nouns"] and noun.i < v.i:
                    out.append(self._mention([noun, v.head, *self._predicate(v)], text, "treatment"))
            if v.tag_ == "VBG" and v.dep_ == "pcomp" and v.head.lower_ == "of" and \
                    v.head.head.lemma_.lower() in self.sets["strain_heads"]:
                # "the strain of carrying a toddler on one hip": what strains is a trigger
                out.append(self._mention(self._predicate(v), text, "trigger"))
        return [m for m in out if m]

    def _devices(self, sent: Span, text: str) -> list[Mention]:
        """``a memory foam pillow``, ``a monitor stand``: a named device (a head noun of the class with a
        modifier that names it, not one that blames it)."""
        out = []
        for t in sent:
            if t.pos_ != "NOUN" or not self._in_list("device_heads", t):
                continue
            mods = [c for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i]
            if not mods or any(c.lower_ in self.sets["device_blame"] for c in mods):
                continue
            if t.lower_ == "support" and not any(c.lower_ in ("lumbar", "back", "neck", "arch") for c in mods):
                continue
            out.append(self._mention([x for c in mods for x in c.subtree] + [t], text, "treatment"))
        return [m for m in out if m]

    def _poses(self, sent: Span, text: str) -> list[Mention]:
        """``pigeon pose``, ``cat-cow pose``: a named yoga pose."""
        out = []
        for t in sent:
            if t.lemma_.lower() in self.sets["pose_heads"] and t.pos_ == "NOUN":
                mods = [c for c in t.children if c.dep_ in ("compound", "poss", "amod") and c.i < t.i]
                if mods:
                    out.append(self._mention([x for c in mods for x in c.subtree] + [t], text, "treatment", named=True))
        return [m for m in out if m]

    def _words(self, doc: Doc, text: str) -> list[Mention]:
        """Self-care (``rest``, ``lose weight``), treating practitioners (``my chiropractor``) and a
        patient's words for a complaint (``flare-ups``), spelt with spaces or hyphens."""
        out = []
        for key, typ in (("self_care", "treatment"), ("practitioners", "treatment"), ("complaint_nouns", "symptom")):
            for phrase in self.r[key]:
                rx = re.compile(r"(?<![\w-])" + r"[\s-]+".join(re.escape(w) for w in phrase.split())
                                + r"(?:e?s)?(?![\w-])", re.I)
                for hit in rx.finditer(text):
                    span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
                    if span is None:
                        continue
                    last = span[-1]
                    if len(phrase.split()) == 1 and key == "self_care" and (
                            last.pos_ not in self.r["self_care_single_pos"]
                            or last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of"
                            or last.dep_ in ("compound", "amod") and last.head.i > last.i):
                        continue
                    out.append(Mention(hit.start(), hit.end(), hit.group(0), typ, None,
                                       " ".join(hit.group(0).lower().split()), source="narrative"))
        return out

    def _damage(self, sent: Span, text: str) -> list[Mention]:
        """``I ruptured a disc``, ``tore a ligament``: the injury told as what the writer did to a
        body part is a condition; ``the tendons in my wrist``: a body part placed in another."""
        out = []
        for v in sent:
            # the writer's own injury: "he cracked my back" tells a manipulation, not a damage
            if v.pos_ == "VERB" and v.tag_ in ("VBD", "VBN") and self._in_list("damage_verbs", v) and _regular_form(v) \
                    and not self._done_by_another(v):
                obj = next((c for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and self._body(c)), None)
                if obj is not None:
                    # "bruised or cracked a rib": the verbs coordinated before the object share it
                    first = v.head if v.dep_ == "conj" and v.head.pos_ == "VERB" and self._in_list("damage_verbs", v.head) else v
                    out.append(self._mention([t for t in sent.doc[first.i:v.i + 1] if t.dep_ not in ("aux", "neg")]
                                             + [t for t in obj.subtree if t.i <= obj.i], text, "condition"))
            if v.pos_ == "NOUN" and self._body(v) and v.i + 3 < len(sent.doc):
                nxt = sent.doc[v.i + 1:v.i + 4]
                if nxt[0].lower_ in ("in", "of") and nxt[1].dep_ == "poss" and self._body(nxt[2]):
                    out.append(self._mention([v, *nxt], text, "anatomy"))
        return [m for m in out if m]

    def _done_by_another(self, verb: Token) -> bool:
        """Someone else did it: a third-person subject ("he", "the chiropractor")."""
        node = verb
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(c.lower_ in ("he", "she", "they") or self._in_list("practitioners", c) for c in subjects)

    def _damaged_parts(self, sent: Span, text: str) -> list[Mention]:
        """``a bulging and degenerated disc``: a part of the spine with what happened to it is a
        condition; ``the inter-vertebral discs``: with where it sits, a body part."""
        out = []
        for t in sent:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in self.sets["spinal_parts"] and t.lower_ not in self.sets["spinal_parts"]:
                continue
            mods = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i]
            words = [x for c in mods for x in c.subtree]
            if any(x.lower_ in self.sets["damage_participles"] for x in words):
                out.append(self._mention(words + [t], text, "condition"))
            elif any(x.lower_.replace("-", "").endswith(place) for x in words for place in self.sets["spinal_places"]):
                out.append(self._mention(words + [t], text, "anatomy"))
        return [m for m in out if m]

    def _roles(self, sent: Span, text: str) -> list[Mention]:
        """``As a user of heavy power tools, I suffer from pain``: what the writer is or does,
        given as the reason for a complaint, is a risk factor."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("suffering_verbs", v) or not self._first_person(v):
                continue
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ == "as":
                    out.extend(self._mention(list(g.subtree), text, "risk_factor") for g in p.children
                               if g.dep_ == "pobj" and g.pos_ == "NOUN" and any(
                                   c.dep_ == "det" and c.lower_ in ("a", "an") for c in g.children))
        return [m for m in out if m]

    def _origins(self, sent: Span, text: str) -> list[Mention]:
        """``my physio thinks it stems from a posture problem``: what the writer says the pain comes
        from is a cause."""
        out = []
        for v in sent:
            if v.pos_ != "VERB" or not self._in_list("origin_verbs", v):
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ not in ("it", "this", "that") and subj.lemma_.lower() not in self.sets["spasm_heads"]:
                continue
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ == "from":
                    out.extend(self._mention([x for x in g.subtree if x.i <= g.i], text, "cause")
                               for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
        return [m for m in out if m]

    # ------------------------------------------------------------------ second readings
    def _readings(self, doc: Doc, text: str, known: list[Mention]) -> list[Mention]:
        """A spasm or pain the writer has is a symptom (with where it is: ``spasms in my lower
        back``); a chronic pain is a condition too."""
        out = []
        for m in known:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if m.type == "condition" and root.lemma_.lower() in self.sets["spasm_heads"] and m.assertion != "negated":
                place = self._place_after(doc, span, known)
                end = place.end if place is not None else m.end
                out.append(Mention(m.start, end, text[m.start:end], "symptom", None, " ".join(text[m.start:end].lower().split()),
                                   m.assertion, "narrative"))
            if m.type == "exam_sign" and m.assertion != "negated" and any(
                    t.lemma_.lower() in self.sets["loss_modifiers"] or t.lower_ in self.sets["loss_modifiers"] for t in span):
                # "limited flexion and extension": a sign the writer feels, with what is coordinated with it
                tokens = list(span) + [t for c in root.conjuncts if c.i >= span.end for t in c.subtree] + \
                    [c for c in root.children if c.dep_ == "cc" and c.i >= span.end]
                out.append(self._mention(tokens, text, "symptom"))
            if m.type == "treatment":
                nxt = doc[span.end:span.end + 3]
                if len(nxt) >= 2 and (nxt[0].lower_ in ("along", "together") and nxt[1].lower_ == "with"):
                    obj = next((g for g in nxt[1].children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        tokens = list(span) + list(nxt[:2]) + [t for t in obj.subtree if t.i <= obj.i]
                        out.append(self._mention(tokens, text, "treatment"))
            if m.type == "symptom" and m.source != "narrative":
                # "pain down my thigh and into my calf": the second place coordinated with the first
                ext = [c for t in span if t.dep_ == "prep" or t.i == span.end - 1 and self._body(t)
                       for c in t.conjuncts if c.i >= span.end and c.dep_ == "conj"
                       and (t.dep_ == "prep" or c.lower_ in self.sets["place_prepositions"])]
                if ext:
                    out.append(self._mention(list(span) + [t for c in ext for t in c.subtree]
                                             + [c for t in span for c in t.children if c.dep_ == "cc" and c.i >= span.end],
                                             text, "symptom"))
            if m.type == "symptom" and any(t.lower_ in self.sets["chronic_modifiers"] for t in span):
                out.append(Mention(m.start, m.end, m.text, "condition", None, m.label, m.assertion, "narrative"))
        return [m for m in out if m]

    @staticmethod
    def _place_after(doc: Doc, span: Span, known: list[Mention]) -> Mention | None:
        """A body part named right after ``span`` (``in my lower back``), whatever the parse
        attached it to."""
        nxt = doc[span.end:span.end + 2]
        if len(nxt) < 2 or nxt[0].lower_ not in ("in", "of", "on", "across", "along", "down") \
                or nxt[1].dep_ not in ("poss", "det"):
            return None
        at = nxt[1].idx + len(nxt[1])
        return next((k for k in known if k.type == "anatomy" and 0 < k.start - at <= 2), None)

    # ------------------------------------------------------------------ drugs
    def _drugs(self, doc: Doc, text: str, known: list[Mention]) -> list[Mention]:
        out = []
        names = _drug_names(self.r["fuzzy_min_length"])
        lex = _lexicon_words()
        for t in doc:
            covered = any(k.start <= t.idx < k.end for k in known)
            word = t.lower_
            # a misspelt or variant name of a known drug ("flexaril"): one edit, two in a long name;
            # the tagger often reads an unknown name as an adjective
            nominal = t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and t.dep_ != "amod")
            if not covered and t.is_alpha and len(word) >= self.r["fuzzy_min_length"] and word not in lex \
                    and nominal and t.tag_ != "VBG" and not (word.endswith("s") and word[:-1] in lex):
                limit = 2 if len(word) >= self.r["fuzzy_long_length"] else 1
                best = min(((_distance(word, n, limit), n) for n in names if n[0] == word[0]
                            and abs(len(n) - len(word)) <= limit), default=(99, ""))
                if best[0] <= limit:
                    concept, label = names[best[1]]
                    out.append(Mention(t.idx, t.idx + len(t), text[t.idx:t.idx + len(t)], "drug", concept, label,
                                       source="narrative"))
            # "a shot of morphine", "a course of steroids": the dose with its drug
            if t.lemma_.lower() in self.sets["dose_heads"] and t.pos_ == "NOUN":
                of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
                if obj is not None and any(k.type in DRUG_TYPES and k.start <= obj.idx < k.end for k in known):
                    m = self._mention([t, of, *[x for x in obj.subtree if x.i <= obj.i]], text, "drug")
                    if m:
                        out.append(m)
            # "drugs like X and Y", "painkillers such as X": examples of a drug class are drugs
            if t.lower_ in ("like", "including", "as") and t.i > 0:
                noun = doc[t.i - 2] if t.lower_ == "as" and t.i > 1 and doc[t.i - 1].lower_ == "such" else doc[t.i - 1]
                if t.lower_ == "as" and noun.i == t.i - 1 or not self._in_list("drug_class_heads", noun):
                    continue
                out.extend(self._examples(doc, t.i + 1, text, known))
        return out


    def _examples(self, doc: Doc, i: int, text: str, known: list[Mention]) -> list[Mention]:
        """The names listed from token ``i`` (``X, Y and Z``) up to the end of the list."""
        out, chunk = [], []
        for t in list(doc[i:i + 12]) + [None]:
            if t is None or t.lower_ in (",", "and", "or", ";", ".", ")", "(") and not (t.lower_ == "-"):
                if chunk and len(chunk) <= 3 and all(x.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT") for x in chunk) \
                        and not any(k.start < chunk[-1].idx + len(chunk[-1]) and chunk[0].idx < k.end for k in known):
                    m = self._mention(chunk, text, "drug")
                    if m:
                        out.append(m)
                chunk = []
                if t is None or t.lower_ in (";", ".", ")", "(") or t.is_sent_start:
                    break
                continue
            if t.is_sent_start or "\n" in t.text:
                break
            chunk.append(t)
        return out


def _lemma(tok: Token) -> str:
    """The token's lemma, mended where its form shows the lemmatizer dropped a final *e*
    (``coping`` is a form of *cope*, not *cop*)."""
    return tok.lemma_.lower() if _regular_form(tok) else tok.lemma_.lower() + "e"


def _regular_form(v: Token) -> bool:
    """The verb's form agrees with its lemma: ``hoped`` is not a form of *hop* (a short verb
    ending consonant-vowel-consonant doubles its last letter: ``hopped``), whatever the lemmatizer
    says."""
    lemma, form = v.lemma_.lower(), v.lower_
    short = len(lemma) <= 4 and len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" \
        and lemma[-3] not in "aeiou"
    return not (short and form in (lemma + "ed", lemma + "ing"))


def _anatomy(tok: Token) -> bool:
    """A body part, by the lexicon or the vocabulary's anatomy."""
    from spasmkg.ontology.wordnet import lexicon
    lex = lexicon()
    return lex.get(tok.lemma_.lower(), ("",))[0] == "anatomy" or lex.get(tok.lower_, ("",))[0] == "anatomy"


def _between(t: Token, top: Token) -> list[Token]:
    """``t`` and its ancestors up to (not including) ``top``."""
    out, node = [], t
    while node.i != top.i and node.head.i != node.i:
        out.append(node)
        node = node.head
    return out


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


@lru_cache(maxsize=4)
def _drug_names(min_length: int) -> dict[str, tuple[str | None, str]]:
    """Every drug name long enough to be matched loosely -> (concept, label): the vocabulary's
    generics and brands, then the lexicon's drugs."""
    from spasmkg.ontology.vocabulary import shipped
    from spasmkg.ontology.wordnet import lexicon
    out: dict[str, tuple[str | None, str]] = {}
    for c in shipped().values():
        if c.type == "drug":
            for n in c.names:
                if len(n) >= min_length and n.isalpha():
                    out.setdefault(n.lower(), (c.id, c.label))
    for lemma, (typ, _synset) in lexicon().items():
        if typ == "drug" and len(lemma) >= min_length and lemma.isalpha():
            out.setdefault(lemma, (None, lemma))
    return out


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Words the lexicon or the vocabulary knows as they are spelt: never a misspelling."""
    from spasmkg.ontology.vocabulary import shipped
    from spasmkg.ontology.wordnet import lexicon
    words = set(lexicon())
    for c in shipped().values():
        words.update(n.lower() for n in c.names)
    return frozenset(words)


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insertions, deletions, substitutions, adjacent swaps), cut off past ``limit``."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@Language.factory("spasmkg_narrative_phrases_v1", assigns=["doc._.narrative_mentions"],
                  default_config={"rules": None})
def make_narrative_phrases(nlp: Language, name: str, rules: str | None) -> NarrativePhrases:
    return NarrativePhrases(rules)
