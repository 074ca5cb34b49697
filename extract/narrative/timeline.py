"""The timeline of a patient's account: episodes, visits, tests and treatments, dated where the text allows.

Sentences are read in order with one :class:`~.dates.DateResolver`, so a date without a year or a
relative date is resolved against what came before (the event keeps that anchor). A sentence is an
*episode* when it tells something happening to the writer's body (an episode word with an onset
verb, ``spasm``/``had``; an injury verb, ``I strained my back``; a complaint, ``my hip hurt for
days``; an onset verb pointing back, ``It began …``), nothing makes it unreal (``if``, ``no``, a
negated verb), and it is placed in time: by a date, or by words (``On Sunday``, ``three weeks ago``,
``After college``, ``now and then``: :class:`~.times.TimeFinder`), or by a sentence of the same
paragraph that set the time, which then opens the episode's text. An episode without a date keeps
its place in the account. A *visit* names a provider with a date; a *test* or *treatment* is a test or
drug/treatment mention that is the object of an ordering or giving verb. Durations, frequencies and
triggers (``after …``, ``when …``) are read from the same sentence; a following sentence that only
says how long it lasted (``It went on for three days``) completes the last episode. Cue words are
data: ``rules/narrative_events.json``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import Event, Mention
from spasmkg.extract.narrative.dates import DateMention, DateResolver
from spasmkg.extract.narrative.speakers import Speakers
from spasmkg.extract.narrative.times import TimeFinder
from spasmkg.extract.narrative.reading import add_mentions, current_mentions, is_narrative, source_text

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

NUM = r"(?:\d+(?:\s+\d/\d)?(?:\s*(?:-|–|to|or)\s*\d+)?|a couple of|a few|several|many|some|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
EPISODIC = {"episode", "attack", "flare", "flare-up", "bout", "relapse", "recurrence"}
HEDGE = r"(?:(?:about|around|roughly|nearly|almost|approximately|over|at least|more than|less than)\s+)?"


@dataclass
class Timeline:
    events: list[Event] = field(default_factory=list)
    trigger_mentions: list[Mention] = field(default_factory=list)


class TimelineReader:
    def __init__(self, rules: dict | None = None):
        r = rules or narrative_rules.load("narrative_events")
        self.r = r
        units = "|".join(sorted(r["duration_units"], key=len, reverse=True))
        lead = narrative_rules.words_regex(r["duration_lead"])
        span = narrative_rules.words_regex(r["duration_span"])
        self.duration_rx = [
            re.compile(lead + r"\s+" + HEDGE + r"(?P<d>" + NUM + r"\s+(?:(?:more|long|longer)\s+)?(?:" + units + r")s?)\b", re.I),
            re.compile(lead + r"\s+(?P<d>(?:" + units + r")s(?:\s+and\s+(?:" + units + r")s)?)\b", re.I),
            re.compile(r"(?P<d>" + span + r"\s+(?:" + units + r")(?:\s+long)?)\b", re.I),
            re.compile(lead + r"\s+(?P<d>(?:an?|the)\s+(?:long|longer|short|shorter)\s+(?:period|while|time)(?:\s+of\s+time)?)", re.I),
        ]
        funits = "|".join(r["frequency_units"])
        self.frequency_rx = re.compile(
            r"\b(?P<f>(?:once|twice|three times|four times|\d+\s*(?:x|times))\s+(?:a|an|per|each|every)\s+(?:" + funits
            + r")|every\s+(?:other\s+)?(?:\d+\s+)?(?:" + funits + r")s?|daily|weekly|monthly|yearly|annually)\b", re.I)
        self.until_rx = re.compile(narrative_rules.words_regex(r["onset_until"]), re.I)
        provs = r["providers"]
        self.provider_rx = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(provs, key=len, reverse=True))
                                      + r")s?\b", re.I)
        self.providers = {k.lower(): v for k, v in provs.items()}
        self.times = TimeFinder()
        self.injury_verbs = set(r["injury_verbs"])
        self.complaint_types = set(r["complaint_types"])
        self.undergo_verbs = set(r["undergo_verbs"])
        self.trigger_stop = re.compile(r"[,;:.!?]|\s(?:" + "|".join(re.escape(w) for w in r["trigger_stop"]) + r")\b", re.I)

    # ------------------------------------------------------------------ helpers
    def duration(self, text: str) -> tuple[str, int] | None:
        """The first duration in ``text`` (as written, without lead words) and its offset."""
        for rx in self.duration_rx:
            if (m := rx.search(text)):
                return m.group("d"), m.start("d")
        return None

    def frequency(self, text: str) -> str | None:
        found = [m.group("f") for m in self.frequency_rx.finditer(text)]
        return found[-1] if found else None

    def _irrealis(self, tok) -> bool:
        """The token sits under a negation, a condition or a ``no`` determiner."""
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) for c in tok.children):
            return True
        for a in [tok, *tok.ancestors]:
            if any(c.dep_ == "neg" for c in a.children) or \
                    any(c.dep_ == "mark" and c.lower_ in self.r["irrealis"] for c in a.children):
                return True
            if a.dep_ in ("ROOT", "conj", "advcl"):
                break               # an adverbial clause has its own polarity: "I wasn't lifting when it hit"
        return False

    def _episode_cue(self, sent: Span):
        nouns, verbs = set(self.r["episode_nouns"]), set(self.r["episode_verbs"])
        onset = set(self.r["onset_verbs"])

        def has_onset(t) -> bool:
            """An onset verb governs the word's clause (``had a spasm``, ``spasms … return``)."""
            v = next((a for a in [t, *t.ancestors] if a.pos_ in ("VERB", "AUX")), None)
            return v is not None and any(w.lemma_.lower() in onset and w.pos_ in ("VERB", "AUX")
                                         and not self._irrealis(w) for w in v.subtree)

        anaphora = set(self.r["anaphora"]) | {"one"}
        for t in sent:
            # "The first one happened in March", "it came back after a yoga class", "I had a second one"
            if self._episodes_seen and t.lemma_.lower() in onset and t.pos_ in ("VERB", "AUX") \
                    and t.dep_ != "relcl" and not self._irrealis(t):
                args = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
                objects = {"one", "them"} if t.lemma_.lower() in ("have", "get", "experience", "suffer") else {"one"}
                if any(c.lower_ in anaphora | objects and c.lower_ not in ("which", "that")
                       and not (c.dep_ == "dobj" and c.lower_ not in objects)
                       for c in args):
                    return t
        for t in sent:
            low, lemma = t.lower_, t.lemma_.lower()
            if t.i + 1 < sent.end and t.nbor(1).text in ("-", "‐") and t.i + 2 < sent.end \
                    and t.nbor(2).lower_ == "free":
                continue
            if t.i > sent.start and t.nbor(-1).text in ("-", "‐"):
                continue
            is_noun = lemma in nouns or low in nouns
            into = t.dep_ == "pobj" and t.head.lower_ == "into"     # "my back went into spasm"
            # "The next attack was on 8/14/21": an episode-like noun is dated by its copula
            dated = lemma in EPISODIC and t.dep_ in ("nsubj", "attr") and t.head.lemma_ == "be"
            if is_noun and t.pos_ in ("NOUN", "PROPN", "VERB") and not self._irrealis(t) \
                    and (lemma == "episode" or into or dated or has_onset(t)):
                return t
            if (lemma in verbs or low in verbs) and t.pos_ == "VERB" and not self._irrealis(t):
                return t
        return None

    def _continuation(self, sent: Span) -> bool:
        cont = set(self.r["continuation_verbs"]) | set(self.r["onset_verbs"])
        nouns = set(self.r["episode_nouns"])
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        return bool(words & cont) and (bool(words & nouns) or bool(words & set(self.r["anaphora"])))

    def _trigger(self, sent: Span, text: str) -> tuple[int, int] | None:
        """The phrase a trigger marker governs (``after lifting a heavy box``), as offsets: the
        marker's object or clause, without relative clauses and conjuncts hanging off it."""
        markers = set(self.r["trigger_markers"])
        when_spans = self.times.find(text[sent.start_char:sent.end_char], sent.start_char)
        times = set(self.r["duration_units"]) | {"time", "while", "course", "period"}
        for t in sent:
            if t.lower_ not in markers or t.i + 1 >= sent.end or any(a <= t.idx < b for a, b in when_spans):
                # "When I was 30", "After college": a time, not what set the episode off
                continue
            if t.dep_ in ("mark", "advmod") and t.head.i > t.i:
                head = t.head                       # "while I was moving furniture": the clause
                tokens = [x for x in head.subtree if x.i > t.i and not (x.head == head and (
                          x.dep_ in ("aux", "auxpass") or x.dep_ == "nsubj" and x.pos_ == "PRON"))]
            else:
                objs = [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
                if not objs:
                    continue
                head = objs[0]
                tokens = list(head.subtree)
            cut = {x.i for c in head.subtree if c.dep_ in ("relcl", "conj", "cc", "advcl", "appos", "punct")
                   and c.i > head.i for x in c.subtree}
            keep = []
            for x in sorted(tokens, key=lambda x: x.i):
                if x.i in cut:
                    break
                keep.append(x)
            if not keep or head.lemma_.lower() in times or head.like_num or any(x.ent_type_ == "DATE" for x in keep):
                continue
            start, end = keep[0].idx, keep[-1].idx + len(keep[-1])
            stop = self.trigger_stop.search(text[start:end])
            end = start + stop.start() if stop else end
            phrase = text[start:end].strip()
            if len(phrase) < 3 or re.match(r"^(?:that|this|it|which)\b", phrase, re.I) \
                    or self.frequency_rx.match(phrase):
                continue
            return start, start + len(phrase)
        return None

    # ------------------------------------------------------------------ main
    def read(self, doc: Doc, text: str, mentions: list[Mention]) -> Timeline:
        out = Timeline()
        resolver = DateResolver()
        self._episodes_seen = False
        last_episode: Event | None = None
        since_episode, episode_para = 99, -1
        context: DateMention | None = None
        prev_para = None
        breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
        scene: tuple[int, int, int] | None = None      # (paragraph, sentence number, start) of a time set
        recent_complaint = -99
        for k, sent in enumerate(doc.sents):
            stext = text[sent.start_char:sent.end_char]
            para = bisect.bisect_right(breaks, sent.start_char)
            if para != prev_para:
                context = None
                prev_para = para
            dates = resolver.resolve(stext, sent.start_char)
            in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            since_episode += 1
            cue = self._episode_cue(sent)
            nouns = set(self.r["episode_nouns"])
            self._episodes_seen = self._episodes_seen or any(
                t.lemma_.lower() in nouns or t.lower_ in nouns for t in sent)
            until = self.until_rx.search(stext)
            made: list[Event] = []
            if until:
                after = [d for d in dates if d.start >= sent.start_char + until.end()]
                if after:
                    made.append(self._episode(after[0], sent, text, None))
            elif cue is not None and dates:
                own = self._own_dates(sent, dates)
                d = min(own, key=lambda d: abs(d.start - cue.idx)) if own else None
                made.append(self._episode(d, sent, text, cue))
            elif dates and last_episode is not None and since_episode <= 3 and re.match(r"\s*another\b", stext, re.I):
                made.append(self._episode(dates[0], sent, text, None))
            elif cue is not None and not dates and (freq := self.frequency(stext)):
                ev = self._episode(None, sent, text, cue)
                ev.frequency = freq
                made.append(ev)
            times = self.times.find(stext, sent.start_char)
            told = not made and self._tells_episode(sent, in_sent, cue, k - recent_complaint)
            if told and (times or dates or self.times.frequency(stext)):
                # an episode placed by words, not (only) by a calendar date: "On Sunday my neck locked up …"
                d = self._own_date(sent, dates)
                if d is None or not _days_apart(last_episode.date if last_episode else None, d.value, 7):
                    made.append(self._episode(d, sent, text, cue))
                    if not made[-1].date:
                        made[-1].frequency = self.times.frequency(stext) or self.frequency(stext)
            elif told and scene is not None and scene[0] == para and k - scene[1] <= 3:
                # the time was set by an earlier sentence of the paragraph: "Last month I changed jobs. …
                # My neck ached all week." The episode's text runs from that sentence to this one.
                ev = self._episode(None, sent, text, cue)
                ev.start, ev.text = scene[2], text[scene[2]:ev.end].strip()
                made.append(ev)
            if times and not told and not made and times[0][0] - sent.start_char <= 12:
                scene = (para, k, sent.start_char)
            elif made:
                scene = None
            if made or any(m.type in self.complaint_types and m.assertion not in ("negated", "hypothetical")
                           for m in in_sent):
                recent_complaint = k
            for ev in made:
                out.events.append(ev)
                if ev.date is not None:
                    last_episode, since_episode, episode_para = ev, 0, para
                self._add_trigger(ev, sent, text, in_sent, out)
            if not made and not dates and last_episode is not None and since_episode <= 3 and para == episode_para \
                    and last_episode.duration is None and self._continuation(sent):
                if (d := self.duration(stext)):
                    last_episode.duration = d[0]
            if made and (freq := self.frequency(stext)):
                for ev in made:
                    ev.frequency = ev.frequency or freq
            when = dates or ([context] if context else [])
            for ev in self._visits(sent, stext, dates) + self._objects(sent, in_sent, when):
                if not self._seen(out.events, ev):
                    out.events.append(ev)
            if dates:
                context = dates[-1]
        return out

    def _tells_episode(self, sent: Span, in_sent: list[Mention], cue, since_complaint: int) -> bool:
        """The sentence tells something that happened to the writer's body: an episode cue, an injury
        verb (``I strained my back``), a complaint mention (``my hip hurt for days``), or an onset
        verb whose subject points back to a complaint or episode of the last two sentences (``It
        began in …``)."""
        if cue is not None:
            return True
        first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
        if sent.text.rstrip().endswith("?") and first is not None and (
                first.pos_ == "AUX" or first.tag_ in ("WDT", "WP", "WRB")):
            return False                        # a question: "Has anyone had spasms like this?"
        for t in sent:
            if t.pos_ != "VERB" or self._irrealis(t):
                continue
            if t.lemma_.lower() in self.injury_verbs:
                return True
            if t.lemma_.lower() in self.undergo_verbs and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children) \
                    and any(c.dep_ in ("dobj", "prep") for c in t.children):
                return True                     # "I experienced the same thing"
        doc = sent.doc
        for m in in_sent:
            if m.type not in self.complaint_types or m.assertion in ("negated", "hypothetical", "possible"):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or self._irrealis(span.root) or re.match(r"[-‐ ]?free\b", doc.text[m.end:m.end + 6]):
                continue                        # "spasm-free" tells no spasm
            if span.root.dep_ == "pobj" and span.root.head.lower_ in ("for", "about", "regarding"):
                continue                        # a reason, not an occurrence: "went to urgent care for the cramps"
            return True
        if 0 < since_complaint <= 2:
            onset = set(self.r["onset_verbs"]) | set(self.r["continuation_verbs"]) | set(self.r["change_verbs"])
            for t in sent:
                if t.lemma_.lower() in onset and t.pos_ in ("VERB", "AUX") and not self._irrealis(t) \
                        and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that", "they") for c in t.children):
                    return True
        return False

    @staticmethod
    def _own_dates(sent: Span, dates: list[DateMention]) -> list[DateMention]:
        """The dates that date this sentence's episode: a relative date in a habitual sentence
        (``would … return about 10 days later``) dates no one episode."""
        habitual = any(t.lower_ == "would" and t.tag_ == "MD" for t in sent)
        return [d for d in dates if not (habitual and d.kind == "relative")]

    def _own_date(self, sent: Span, dates: list[DateMention]) -> DateMention | None:
        own = self._own_dates(sent, dates)
        return own[0] if own else None

    @staticmethod
    def _seen(events: list[Event], ev: Event) -> bool:
        """The same kind of event on the same date is already on the timeline."""
        return ev.date is not None and any(e.type == ev.type and e.date == ev.date and e.label == ev.label
                                           for e in events)

    def _episode(self, d: DateMention | None, sent: Span, text: str, cue) -> Event:
        stext = text[sent.start_char:sent.end_char]
        dur = self.duration(stext)
        return Event(type="episode", date=d.value if d else None, text=stext.strip(), start=sent.start_char,
                     end=sent.start_char + len(stext.rstrip()), duration=dur[0] if dur else None,
                     label="spasm episode", approximate=bool(d and d.approximate), anchor=d.anchor if d else None)

    def _add_trigger(self, ev: Event, sent: Span, text: str, in_sent: list[Mention], out: Timeline) -> None:
        span = self._trigger(sent, text)
        if span is None:
            return
        a, b = span
        ev.trigger = text[a:b]
        inside = [m for m in in_sent if a <= m.start and m.end <= b and m.assertion != "negated"
                  and m.type in ("trigger", "treatment", "condition", "risk_factor", "test")]
        if inside:
            m = max(inside, key=lambda m: (m.concept is not None, m.end - m.start))     # a known concept first
            ev.trigger_concept = m.concept
            if m.type != "trigger":
                out.trigger_mentions.append(Mention(m.start, m.end, m.text, "trigger", m.concept, m.label,
                                                    m.assertion, source="narrative"))
        elif not any(m.start < b and a < m.end for m in in_sent):
            # a trigger the vocabulary does not know ("after shoveling snow") is still a trigger
            out.trigger_mentions.append(Mention(a, b, text[a:b], "trigger", None, " ".join(text[a:b].lower().split()),
                                                source="parser"))

    def _visits(self, sent: Span, stext: str, dates: list[DateMention]) -> list[Event]:
        if not dates:
            return []
        verbs = set(self.r["visit_verbs"])
        if not any(t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX") and not self._irrealis(t) for t in sent):
            return []
        provs = [m for m in self.provider_rx.finditer(stext)
                 if m.group(0).isupper() or not m.group(0).isupper() and m.group(0).lower() in self.providers
                 or m.group(0).rstrip("s").lower() in self.providers]
        if not provs:
            return []
        key = provs[0].group(0)
        who = self.providers.get(key.lower()) or self.providers.get(key.rstrip("s").lower()) or key
        return [Event(type="visit", date=d.value, text=stext.strip(), start=sent.start_char,
                      end=sent.start_char + len(stext.rstrip()), label=who, approximate=d.approximate)
                for d in dates]

    def _objects(self, sent: Span, in_sent: list[Mention], when: list[DateMention]) -> list[Event]:
        """Tests ordered or taken, and drugs or treatments given, on the sentence's (or context) date."""
        if not when:
            return []
        d = when[0]
        out = []
        doc = sent.doc
        for m in in_sent:
            if m.assertion in ("negated", "hypothetical", "possible"):
                continue
            if m.type == "test":
                verbs, kind = set(self.r["test_verbs"]), "test"
            elif m.type in ("drug", "drug_class", "treatment"):
                verbs, kind = set(self.r["treatment_verbs"]), "treatment"
            else:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            gov = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if gov is None or gov.lemma_.lower() not in verbs or self._irrealis(gov):
                continue
            stext = sent.text
            out.append(Event(type=kind, date=d.value, text=stext.strip(), start=sent.start_char,
                             end=sent.start_char + len(stext.rstrip()), label=m.label or m.text,
                             approximate=d.approximate, concept=m.concept))
        return out


class TimelineComponent:
    """Writes the account's events to ``doc._.events`` and its trigger mentions beside the others."""

    def __init__(self, rules: str | None):
        self.reader = TimelineReader(narrative_rules.load(rules) if rules else None)

    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            text = source_text(doc)
            tl = self.reader.read(doc, text, current_mentions(doc))
            speakers = Speakers(text, doc._.patient.name if doc._.patient is not None else None)
            for ev in tl.events:
                ev.speaker = speakers.at(ev.start)      # a commenter's episode is not the writer's
            doc._.events = tl.events
            add_mentions(doc, tl.trigger_mentions)
        return doc


@Language.factory("spasmkg_timeline_v1", assigns=["doc._.events", "doc._.narrative_mentions"],
                  default_config={"rules": None})
def make_timeline(nlp: Language, name: str, rules: str | None) -> TimelineComponent:
    return TimelineComponent(rules)


def _days_apart(earlier: str | None, later: str, days: int) -> bool:
    """Whether two ISO dates lie within ``days`` of each other (dates of month precision: in one month)."""
    import datetime as dt
    if not earlier:
        return False
    if len(earlier) == 10 and len(later) == 10:
        gap = (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days
        return 0 <= gap <= days
    return earlier[:7] == later[:7] and len(later) >= 7
