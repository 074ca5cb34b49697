"""What each treatment did, in the patient's words: helped, partial, no_effect, worse, side_effect,
tolerated, not_taken, recommended, considered.

Cue phrases are data (``rules/narrative_outcomes.json``). Each cue is tied to its treatment through the
dependency parse rather than by nearness alone: the subject of the cue's clause (climbing through
``ccomp``/``conj`` heads, so ``I don't think the acupuncture made the pain stop`` reaches
``acupuncture``), the head of a relative clause (``a shot which did nothing``), the object of an
``if`` clause (``if I take a sleeping pill, I wake up without pain``), or the treatments after an
object-taking cue (``never took the oxycodone``). A helping cue under negation becomes ``no_effect``; a
helping cue followed by ``but … continued`` becomes ``partial``; a causative verb with a symptom
(``made me dizzy``) is a ``side_effect`` with the symptom as detail. ``The spasms continued`` right
after a treatment was begun says that treatment had no effect.

Treatments are the vocabulary's and the writer's own phrases (:mod:`.treatments`); a pronoun or
``this stuff`` points back to the treatment just taken; ``I felt better`` reports on it; a nested
list item reports on the item above it and a list introduction on each item below (:mod:`.lists`).
A purpose (``to help me relax``), a question, advice to the reader or a guess is no report. Who
reports is kept (:mod:`.speakers`): a commenter or a practitioner, or the writer (None).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import Mention, Outcome
from spasmkg.extract.narrative.lists import Lists
from spasmkg.extract.narrative.speakers import Speakers, practitioner
from spasmkg.extract.narrative.treatments import TreatmentPhrases
from spasmkg.extract.narrative.reading import add_mentions, current_mentions, is_narrative, source_text

if not Doc.has_extension("outcomes"):
    Doc.set_extension("outcomes", default=None)

PRONOUNS = {"it", "they", "this", "these", "those", "that"}
NOBODY = {"neither", "none", "nothing"}
PERSONS = {"i", "he", "she", "we", "you", "me", "him", "her", "us"}
CAUSATIVES = {"make", "let", "have", "get", "leave", "help", "keep"}   # "makes me feel worse"


class OutcomeReader:
    def __init__(self, rules: dict | None = None):
        r = rules or narrative_rules.load("narrative_outcomes")
        self.r = r
        self.cues = [(re.compile(r"(?<![\w-])" + re.escape(c["phrase"]) + r"(?![\w-])", re.I), c) for c in r["cues"]]
        self.treatment_types = set(r["treatment_types"])
        self.contrast = re.compile(narrative_rules.words_regex(r["contrast"]), re.I)
        self.persistence = re.compile(narrative_rules.words_regex(r["persistence"]), re.I)
        self.later = re.compile(narrative_rules.words_regex(r["later_relief"]), re.I)
        self.side_verbs = set(r["side_effect_verbs"])
        self.phrases = TreatmentPhrases(r, set(narrative_rules.load("narrative_events")["providers"]))
        self.state_types = set(r["symptom_types"]) | {"anatomy"}

    def read(self, doc: Doc, text: str, mentions: list[Mention]) -> list[Outcome]:
        out: list[Outcome] = []
        seen: set[tuple] = set()
        prev_treatments: list[Mention] = []
        prev_started: list[Mention] = []
        sents = list(doc.sents)
        self.phrases.start()
        lists = Lists(text)
        self._recent: list[tuple[int, Mention]] = []
        self._k, self._doc, self._mentions_here = 0, doc, []
        self._topic: list[Mention] = []
        self._introduced: list[Mention] = []
        self.phrases_read: list[Mention] = []
        for k, sent in enumerate(sents):
            stext = text[sent.start_char:sent.end_char].replace("’", "'")   # same length: offsets hold
            # a sentence the parser cut before its "but …" half is read with that half
            nxt = sents[k + 1] if k + 1 < len(sents) else None
            tail = text[nxt.start_char:nxt.end_char] if nxt is not None and self.contrast.match(nxt.text.strip()) else ""
            tms = [m for m in mentions if sent.start_char <= m.start < sent.end_char and m.type in self.treatment_types]
            in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            topic = lists.topic(sent.start_char)
            self._topic = [self._listed(doc, text, topic, mentions)] if topic else []
            self._introduced = [self._listed(doc, text, span, mentions) for span in lists.introduced(sent.end_char)] \
                if stext.rstrip().endswith(":") else []
            for c in self.phrases.find(sent, text, in_sent, listed=bool(topic)):
                inside = [m for m in tms if c.start <= m.start and m.end <= c.end]
                if len(inside) == 1 and len(c.text) > len(inside[0].text) and not any(
                        c.start < m.end and m.start < c.end for m in tms if m is not inside[0]):
                    # "a long hot stone massage": the writer's words, the vocabulary's concept
                    m = inside[0]
                    tms[tms.index(m)] = Mention(c.start, c.end, c.text, m.type, m.concept, m.label, m.assertion, m.source)
                elif not any(c.start < m.end and m.start < c.end for m in tms):
                    tms.append(c)
            tms = [self._resolve_anaphor(m, doc) for m in tms]
            tms.sort(key=lambda m: m.start)
            self._k, self._doc, self._mentions_here = k, doc, in_sent
            found: list[Outcome] = []
            hits = [(sent.start_char + m.start(), sent.start_char + m.end(), cue)
                    for rx, cue in self.cues for m in rx.finditer(stext)]
            # a phrase found by the parse that holds a cue ("worked wonders") is the report, not a treatment
            tms = [t for t in tms if t.source != "parser" or not any(
                t.start < b and a < t.end and c["outcome"] not in ("recommended", "considered") for a, b, c in hits)]
            self.phrases_read.extend(t for t in tms if t.source == "parser")
            for a, b, cue in hits:
                if any(t.start < b and a < t.end for t in tms):
                    continue            # the cue word is part of a treatment's name
                found.extend(self._apply(cue, a, b, sent, text, tms, prev_treatments))
            found.extend(self._side_effects(sent, text, mentions, tms, prev_treatments))
            found = self._resolve(found, stext + " " + tail, stext)
            if not found and not tms and prev_started:
                found = self._persisted(sent, prev_started)
            for o in found:
                key = (o.treatment.lower(), o.outcome, o.start)
                if key not in seen:
                    seen.add(key)
                    out.append(o)
            prev_treatments = tms
            self._recent.extend((k, m) for m in tms)
            prev_started = [m for m in tms if self._started(doc, m)]
        return out

    # ------------------------------------------------------------------ targets
    def _span(self, doc: Doc, a: int, b: int):
        return doc.char_span(a, b, alignment_mode="expand")

    def _treatments_in(self, tokens, tms: list[Mention]) -> list[Mention]:
        idx = {(t.idx, t.idx + len(t)) for t in tokens}
        lo = min((s for s, _ in idx), default=0)
        hi = max((e for _, e in idx), default=0)
        return [m for m in tms if lo <= m.start and m.end <= hi
                and any(s <= m.start < e or m.start <= s < m.end for s, e in idx)]

    def _subject_targets(self, tok, tms: list[Mention], sent: Span, prev: list[Mention],
                         strict: bool, before: bool, cue_start: int, outcome: str = "") -> list[Mention]:
        pronoun_subject = writer_subject = False
        for node in [tok, *tok.ancestors]:
            if node.dep_ == "relcl":
                found = self._treatments_in([node.head] + [t for t in node.head.subtree if t not in node.subtree], tms)
                if found:
                    return found
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                    found = self._treatments_in(list(c.subtree), tms)
                    if found:
                        return found
                    if c.lower_ in PRONOUNS or self._demonstrative(c):
                        pronoun_subject = True
                    elif node is tok or node.dep_ in ("ROOT", "conj", "ccomp"):
                        writer_subject = writer_subject or self._writer_or_complaint(c, sent)
                if c.dep_ == "prep" and c.lower_ in ("after", "with", "following") and (node is tok or node.pos_ == "VERB"):
                    found = self._treatments_in(list(c.subtree), tms)      # "the spasms stopped after dry needling"
                    if found:
                        return found
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "when", "whenever", "after", "once")
                                             for g in c.children):
                    found = self._treatments_in(list(c.subtree), tms)
                    if found:
                        return found
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PERSONS for c in node.children) \
                    and node is not tok and node.dep_ not in ("conj",) \
                    and not (node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in CAUSATIVES):
                break       # "so he couldn't work": a person's own clause is not about the drug
        if strict:
            return []
        earlier = [m for m in tms if m.end <= cue_start]
        taken = [m for m in earlier if self.phrases.taken_object(sent.doc, m)]
        if before and earlier:
            return taken[-1:] or earlier[-1:]
        if pronoun_subject:
            return taken[-1:] or earlier[-1:] or self._topic or self._recent_taken(2, every=False) or prev[-1:] \
                or [m for k, m in self._recent if self._k - k <= 6 and m.source != "parser"][-1:]
        if writer_subject and outcome in ("helped", "partial"):
            # "I felt better", "it is getting easier": what the writer just took or did
            return taken[-1:] or self._topic or self._recent_taken(2, every=True)
        return []

    def _demonstrative(self, tok) -> bool:
        """``this stuff``, ``the pill``: a generic noun pointing back to a treatment."""
        return tok.lemma_.lower() in self.r["anaphoric_heads"] and any(
            c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those", "the") for c in tok.children)

    def _writer_or_complaint(self, tok, sent: Span) -> bool:
        """The subject is the writer, a complaint, a body part, or how things are (``things``)."""
        if tok.lower_ == "i" or tok.lemma_.lower() in self.r["state_subjects"]:
            return True
        return any(m.start <= tok.idx < m.end and m.type in self.state_types for m in self._mentions_here)

    def _recent_taken(self, window: int, every: bool) -> list[Mention]:
        """Treatments the writer took or did in the last ``window`` sentences: those of the latest such
        sentence (``every``), or its last one."""
        taken = [(k, m) for k, m in self._recent if self._k - k <= window and m.source in ("parser", "vocabulary", "hpo", "narrative")
                 and self.phrases.taken_object(self._doc, m)]
        if not taken:
            return []
        last = max(k for k, _ in taken)
        here = [m for k, m in taken if k == last]
        return here if every else here[:1]

    def _object_targets(self, tok, a: int, sent: Span, text: str, tms: list[Mention], strict: bool,
                        prev: list[Mention]) -> list[Mention]:
        if strict:
            verb = tok if tok.pos_ in ("VERB", "AUX") else next((x for x in tok.ancestors if x.pos_ == "VERB"), tok)
            objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
            if objs and objs[0].lower_ in PRONOUNS:      # "I tolerated it": the treatment named before
                earlier = [m for m in tms if m.end <= a]
                return earlier[-1:] or prev[-1:]
            return self._treatments_in([t for o in objs for t in o.subtree], tms) if objs else []
        rest = text[a:sent.end_char]
        stop = re.search(r"[;]|\b(?:but|however|because|although)\b", rest[1:], re.I)
        end = a + 1 + stop.start() if stop else sent.end_char
        return [m for m in tms if a <= m.start and m.end <= end]

    def _apply(self, cue: dict, a: int, b: int, sent: Span, text: str, tms: list[Mention],
               prev: list[Mention]) -> list[tuple[Outcome, dict]]:
        span = self._span(sent.doc, a, b)
        if span is None:
            return []
        tok = span.root
        if tok.pos_ == "ADJ" and tok.dep_ == "amod" and not cue.get("needs_helped"):
            return []                           # "a positive mood" describes a noun, not a treatment
        outcome = cue["outcome"]
        if cue.get("negated_as") and self._negated(tok):
            outcome = cue["negated_as"]
        verb = tok if tok.pos_ in ("VERB", "AUX") else next((x for x in tok.ancestors if x.pos_ in ("VERB", "AUX")), tok)
        if cue["outcome"] not in ("recommended", "considered", "not_taken") and self._not_a_report(tok, verb, sent):
            return []
        if cue.get("negated_as") and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NOBODY
                                         for c in verb.children):
            # "Neither helped much": every treatment just named did nothing
            earlier = [m for m in tms if m.end <= a]
            return [(Outcome(treatment=m.text, outcome=cue["negated_as"], start=sent.start_char,
                             end=sent.start_char + len(sent.text.rstrip()), concept=m.concept), cue)
                    for m in (earlier or prev)]
        if cue["target"] == "subject":
            targets = self._subject_targets(tok, tms, sent, prev, cue.get("needs_treatment_subject", False),
                                            cue.get("needs_treatment_before", False), a, outcome)
        else:
            targets = self._object_targets(tok, a, sent, text, tms, cue["target"] == "object_strict", prev)
        if not targets and cue["target"] == "subject" and not cue.get("needs_treatment_subject"):
            # a nested list item reports on the item above it; a list introduction on each item below
            targets = self._topic or self._introduced
        if not targets and cue["target"] == "subject" and outcome in ("helped", "no_effect", "side_effect") \
                and (tok.dep_ in ("attr", "acomp", "dobj") or tok.pos_ in ("VERB", "AUX")):
            # "Epsom salt baths are a lifesaver", "Zorvex did nothing": the clause's subject is the treatment
            subject = self.phrases.subject_phrase(tok, sent, text, self._mentions_here)
            targets = [subject] if subject is not None and not (
                set(subject.text.lower().split()) & set(self.r["state_subjects"])) else []
        detail = text[a:b] if outcome in ("helped", "worse", "side_effect") else None
        speaker = practitioner(tok)
        return [(Outcome(treatment=m.text, outcome=outcome, start=sent.start_char,
                         end=sent.start_char + len(sent.text.rstrip()), detail=detail, concept=m.concept,
                         speaker=speaker), cue)
                for m in targets]

    @staticmethod
    def _not_a_report(tok, verb, sent: Span) -> bool:
        """The cue states a purpose (``to help me relax``), asks (``did it really help?``), advises
        (``it will do you good``) or guesses (``it will probably wear off``): no outcome."""
        if verb.i == tok.i and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and not (
                verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in ("find", "seem", "appear", "prove", "feel", "consider", "force", "cause", "allow", "make", "get")):
            return True                         # but "I found the cream to be soothing" is a report
        first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
        if sent.text.rstrip().endswith("?") and (first is not None and (first.pos_ == "AUX" or first.tag_ in ("WDT", "WP", "WRB"))
                                                 or any(t.dep_ == "aux" and t.lower_ in ("did", "does", "do") and t.i < verb.i
                                                        and t.head == verb for t in sent)):
            return True
        if any(c.lower_ in ("you", "your") and c.dep_ in ("nsubj", "dobj") for c in verb.children):
            return True
        guesses = {"may", "might", "should", "likely", "probably", "hopefully"}
        return any(c.lower_ in guesses and c.dep_ in ("aux", "advmod") for c in verb.children)

    def _listed(self, doc: Doc, text: str, span: tuple[int, int], mentions: list[Mention]) -> Mention:
        """A list item naming a treatment, with the vocabulary's concept when it names one."""
        a, b = span
        known = [m for m in mentions if a <= m.start and m.end <= b and m.type in self.treatment_types]
        concept = known[0].concept if len(known) == 1 else None
        return Mention(a, b, text[a:b], "treatment", concept, " ".join(text[a:b].lower().split()), source="parser")

    def _resolve_anaphor(self, m: Mention, doc: Doc) -> Mention:
        """``the pill``, ``this stuff`` as a phrase found by the parse: the treatment named last."""
        words = m.text.lower().split()
        if m.source != "parser" or len(words) != 1 or words[0] not in self.r["anaphoric_heads"]:
            return m
        named = [x for _, x in self._recent if x.text.lower() not in self.r["anaphoric_heads"]]
        if not named:
            return m
        last = named[-1]
        return Mention(m.start, m.end, last.text, last.type, last.concept, last.label, last.assertion, last.source)

    def _negated(self, tok) -> bool:
        for node in [tok, *tok.ancestors]:
            negs = [c for c in node.children if c.dep_ == "neg" or c.lower_ == "never"]
            if negs:
                # "has never felt better" praises; "never helped" denies
                return not (all(c.lower_ == "never" for c in negs)
                            and any(t.lower_ in ("better", "easier") for t in node.subtree))
            if node.dep_ == "advcl":
                return False        # "It didn't help, although I felt better": the clause's own polarity
        return False

    def _side_effects(self, sent: Span, text: str, mentions: list[Mention], tms: list[Mention],
                      prev: list[Mention]) -> list[tuple[Outcome, dict]]:
        out = []
        symptoms = [m for m in mentions if sent.start_char <= m.start < sent.end_char and m.type == "symptom"
                    and m.text.lower() not in self.r["side_effect_exclude"] and m.assertion != "negated"]
        for tok in sent:
            if tok.lower_ not in self.side_verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            after = [s for s in symptoms if tok.idx < s.start and s.start - (tok.idx + len(tok)) < 30
                     and sent.doc.char_span(s.start, s.end, alignment_mode="expand").root.i - tok.i <= 4]
            if not after:
                continue
            for m in self._subject_targets(tok, tms, sent, prev, False, False, tok.idx):
                out.append((Outcome(treatment=m.text, outcome="side_effect", start=sent.start_char,
                                    end=sent.start_char + len(sent.text.rstrip()),
                                    detail=" and ".join(dict.fromkeys(x.text for x in after)),
                                    concept=m.concept), {}))
        return out

    def _resolve(self, found: list[tuple[Outcome, dict]], stext: str, sentence: str = "") -> list[Outcome]:
        """One reading per treatment and sentence: ``did nothing to relieve`` is no_effect; a relief
        followed by ``but … continued``, or qualified by ``a bit``, is partial."""
        by: dict[str, list[tuple[Outcome, dict]]] = {}
        for o, cue in found:
            by.setdefault(o.treatment.lower(), []).append((o, cue))
        c = self.contrast.search(stext)
        persists = bool(c and self.persistence.search(stext, c.end()))
        out = []
        for items in by.values():
            kinds = {o.outcome for o, cue in items if not cue.get("needs_helped")}
            qualified = any(cue.get("needs_helped") for _, cue in items)
            if "no_effect" in kinds and "helped" in kinds and re.search(r"\b(?:although|though|but|however)\b", stext, re.I) \
                    and not any(cue.get("outcome") == "no_effect" for _, cue in items):
                kinds -= {"no_effect", "helped"}    # "It did not help much, though I slept better": partial
                kinds.add("partial")
            if "no_effect" in kinds and "helped" in kinds and self._came_later(sentence):
                kinds.discard("no_effect")      # "did nothing for a week, then suddenly worked": it helped
            if "no_effect" in kinds:
                kinds.discard("helped")
            if "partial" in kinds:
                kinds.discard("helped")         # "gives me some relief" is a partial relief
            if "helped" in kinds and (persists or qualified):
                kinds.discard("helped")
                kinds.add("partial")
            for k in sorted(kinds):
                first = next((o for o, _ in items if o.outcome == k), items[0][0])
                detail = first.detail
                if k == "partial":
                    detail = " ".join(stext.split())[:200]
                elif k == "helped":
                    detail = " and ".join(dict.fromkeys(o.detail for o, _ in items if o.outcome == k and o.detail))
                out.append(Outcome(treatment=first.treatment, outcome=k, start=first.start, end=first.end,
                                   detail=detail or None, concept=first.concept, speaker=first.speaker))
        return out

    def _came_later(self, stext: str) -> bool:
        """A relief told after a no-effect and a word of later time: the treatment worked in the end."""
        at = {"no_effect": [], "helped": []}
        for rx, cue in self.cues:
            if cue.get("outcome") in at:
                at[cue["outcome"]].extend(m.start() for m in rx.finditer(stext))
        if not at["no_effect"] or not at["helped"]:
            return False
        first_none = min(at["no_effect"])
        for p in at["helped"]:
            for m in self.later.finditer(stext, first_none, p):
                # the word of time opens the relief's own clause: "and then (it) suddenly worked"
                between = stext[m.end():p]
                if p - m.end() <= 30 and not re.search(r"[(:;]|\bI\b", between):   # not what the writer did next
                    return True
        return False

    def _started(self, doc: Doc, m: Mention) -> bool:
        span = self._span(doc, m.start, m.end)
        if span is None or m.assertion in ("negated", "hypothetical", "possible"):
            return False
        started = set(self.r["started"])
        root = span.root
        near = [root.head, *[c for c in root.children if c.dep_ == "relcl"]]
        return any(t.lower_ in started for t in near) or any(
            t.lower_ in started for c in root.children if c.dep_ == "relcl" for t in c.subtree)

    def _persisted(self, sent: Span, started: list[Mention]) -> list[Outcome]:
        for tok in sent:
            if not self.persistence.fullmatch(tok.lower_) or tok.tag_ not in ("VBD", "VBZ", "VBP"):
                continue
            if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
                continue
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lemma_.lower() in ("spasm", "pain", "symptom", "episode", "cramp", "ache"):
                return [Outcome(treatment=m.text, outcome="no_effect", start=sent.start_char,
                                end=sent.start_char + len(sent.text.rstrip()),
                                detail=" ".join(sent.text.split()), concept=m.concept) for m in started]
        return []


class OutcomeComponent:
    """Writes what each treatment did to ``doc._.outcomes``."""

    def __init__(self, rules: str | None):
        self.reader = OutcomeReader(narrative_rules.load(rules) if rules else None)

    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            text = source_text(doc)
            known = current_mentions(doc)
            doc._.outcomes = self.reader.read(doc, text, known)
            add_mentions(doc, self._reported(doc._.outcomes, known))
            speakers = Speakers(text, doc._.patient.name if doc._.patient is not None else None)
            for o in doc._.outcomes:
                o.speaker = o.speaker or speakers.at(o.start)
        return doc


    def _reported(self, outcomes: list[Outcome], known: list[Mention]) -> list[Mention]:
        """The writer's own treatment phrases (``some bird dogs``, ``rolling on a foam roller``) an outcome is
        reported for: treatments like the vocabulary's, unless a mention already covers them."""
        told = {o.treatment for o in outcomes}
        out: list[Mention] = []
        for m in self.reader.phrases_read:
            if m.text in told and not any(k.start < m.end and m.start < k.end and k.type in self.reader.treatment_types
                                          for k in [*known, *out]):
                out.append(m)
        return out


@Language.factory("spasmkg_outcomes_v1", assigns=["doc._.outcomes", "doc._.narrative_mentions"], default_config={"rules": None})
def make_outcomes(nlp: Language, name: str, rules: str | None) -> OutcomeComponent:
    return OutcomeComponent(rules)
