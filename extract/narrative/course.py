"""A patient's account as a course of care: who gave what, from when to when, and what it did then.

The timeline (:mod:`.timeline`) finds dated visits and treatments one sentence at a time, and the
outcome reader (:mod:`.outcomes`) what each treatment did, without a date. Read together they give
the course of care a clinician would draw up:

* visits to one provider close in time make one course (a word such as ``new`` before the
  provider starts another); a treatment given or taken is a course of its own, given by the
  provider seen that day or in the sentence before;
* an outcome told in the narrated past is dated by the course or the event it is told of; an
  outcome told in the present (``heat helps``) speaks of the whole account and keeps no date;
* a stretch the account tells free of spasms while the care ran (``no spasms the whole time I saw
  her``) is a remission, and the course it falls in helped; an improvement told there also helped;
  when the next episode is told as the remission's end (``I was spasm-free until May 23``), the
  remission runs to that date;
* a trigger told of several episodes, or of the episodes as a habit (``usually when …``), is a
  trigger of the patient's spasms as a whole; so is a trigger the writer tells in the present of
  the condition (``the pain returns after I've walked around``): an aggravating factor.

Cue words and limits are data (``rules/narrative_course.json``); nothing names an account's words.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import CareCourse, CourseTrigger, Event, Mention, Outcome, Remission
from spasmkg.extract.narrative.reading import current_mentions, is_narrative, source_text

for _name in ("courses", "course_triggers"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

EXCLUDED = {"recommended", "considered", "not_taken", "tolerated"}   # no report of what the course did


def day(value: str | None) -> dt.date | None:
    """The first day an ISO date of any precision (2015, 2015-02, 2015-02-09) can mean."""
    if not value:
        return None
    parts = value.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def last_day(value: str | None) -> dt.date | None:
    """The last day an ISO date of any precision can mean: 2014-12 ends on 31 December."""
    first = day(value)
    if first is None or value is None:
        return None
    n = value.count("-")
    if n == 2:
        return first
    if n == 1:
        nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(first.year, 12, 31)


class CourseReader:
    def __init__(self, rules: dict | None = None, providers: dict[str, str] | None = None):
        r = rules or narrative_rules.load("narrative_course")
        self.r = r
        self.absence = re.compile(narrative_rules.words_regex(r["absence_cues"]), re.I)
        self.care_span = re.compile(narrative_rules.words_regex(r["care_span_cues"]), re.I)
        self.improvement = re.compile(narrative_rules.words_regex(r["improvement_cues"]), re.I)
        self.new_words = set(r["new_provider_words"])
        self.until = re.compile(narrative_rules.words_regex(
            narrative_rules.load("narrative_events")["onset_until"]), re.I)
        self.providers = set((providers or narrative_rules.load("narrative_events")["providers"]).values())
        self.provider_treatments = {k: set(v) for k, v in r["provider_treatments"].items()}

    # ------------------------------------------------------------------ reading
    def read(self, doc: Doc, text: str, events: list[Event], outcomes: list[Outcome],
             mentions: list[Mention] = ()) -> tuple[list[CareCourse], list[CourseTrigger]]:
        own = [e for e in events if not e.speaker]
        self._breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)] + [len(text)]
        self._date_outcomes(doc, own, outcomes)
        courses = self._visit_courses(own, text) + self._treatment_courses(own)
        courses.sort(key=lambda c: (c.start, c.date_from or ""))
        self._stretches(courses, own, text)
        for c in courses:
            self._weigh(doc, c, text, outcomes, own)
            if c.remission is not None:
                self._remission_end(c, own, text)
        courses.sort(key=lambda c: (c.date_from or "~", c.start))
        return courses, self._recurring(own) + self._aggravating(doc, own, mentions)

    def _para_end(self, offset: int) -> int:
        return self._breaks[bisect.bisect_right(self._breaks, offset)] if offset < self._breaks[-1] else self._breaks[-1]

    def _para_start(self, offset: int) -> int:
        k = bisect.bisect_right(self._breaks, offset) - 1
        return self._breaks[k] if k >= 0 else 0

    def _past(self, doc: Doc, offset: int) -> bool:
        """The sentence at ``offset`` narrates: its main clause (or a clause joined to it) is in the past."""
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        sent = span.sent
        root = sent.root
        clauses = [root, *[c for c in root.children if c.dep_ == "conj"]]
        tags = set(self.r["past_tags"])
        return any(v.tag_ in tags or any(a.dep_ in ("aux", "auxpass") and a.tag_ in tags for a in v.children)
                   for v in clauses)

    def _date_outcomes(self, doc: Doc, events: list[Event], outcomes: list[Outcome]) -> None:
        """An outcome told in the narrated past takes the date of the latest dated event told before
        it in its paragraph; one told in the present keeps no date."""
        dated = sorted((e for e in events if e.date), key=lambda e: e.start)
        for o in outcomes:
            if o.speaker or not self._past(doc, o.start):
                continue
            lo = self._para_start(o.start)
            before = [e for e in dated if lo <= e.start <= o.start]
            if before:
                o.date = max((e for e in before if e.start == before[-1].start), key=lambda e: e.date).date

    def _visit_courses(self, events: list[Event], text: str) -> list[CareCourse]:
        visits = sorted((e for e in events if e.type == "visit" and e.date), key=lambda e: (e.date, e.start))
        open_: dict[str, CareCourse] = {}
        out: list[CareCourse] = []
        for v in visits:
            who = v.label or "provider"
            cur = open_.get(who)
            gap = (day(v.date) - day(cur.date_to)).days if cur is not None and day(v.date) and day(cur.date_to) else None
            fresh = v.start != (cur.events[-1].start if cur else -1) and self._new_provider(v, text)
            if cur is None or gap is None or gap > self.r["max_gap_days"] or fresh:
                cur = CareCourse(label=who, kind="visits", start=v.start, end=v.end, text=v.text, provider=who,
                                 date_from=v.date)
                open_[who] = cur
                out.append(cur)
            cur.events.append(v)
            cur.date_to = v.date
            cur.end = max(cur.end, v.end)
        return out

    def _new_provider(self, v: Event, text: str) -> bool:
        """The visit's sentence says a new provider of the kind: ``a new chiropractor``."""
        words = re.findall(r"[\w-]+", text[v.start:v.end].lower())
        label = (v.label or "").split()
        for k, w in enumerate(words):
            if label and words[k:k + len(label)] == label and k and words[k - 1] in self.new_words:
                return True
        return False

    def _treatment_courses(self, events: list[Event]) -> list[CareCourse]:
        visits = sorted((e for e in events if e.type == "visit"), key=lambda e: e.start)
        out = []
        for e in sorted((e for e in events if e.type == "treatment"), key=lambda e: e.start):
            if (e.label or "") in self.providers:
                continue                  # "I decided to try a new chiropractor": the visits tell that course
            out.append(CareCourse(label=e.label or "treatment", kind="treatment", start=e.start, end=e.end,
                                  text=e.text, provider=self._giver(e, visits), date_from=e.date, date_to=e.date,
                                  concept=e.concept, events=[e]))
        return out

    def _giver(self, e: Event, visits: list[Event]) -> str | None:
        """The provider seen the day the treatment was given, or in its sentence or the sentence
        before it within the paragraph: ``I returned to the orthopedist … He gave me an injection``."""
        same = [v for v in visits if v.date and v.date == e.date and v.start < e.start
                and not (v.start <= e.start <= v.end)]
        if same:
            return same[-1].label
        lo = self._para_start(e.start)
        near = [v for v in visits if lo <= v.start and v.end < e.start and e.start - v.end <= 200]
        return near[-1].label if near else None

    def _stretches(self, courses: list[CareCourse], events: list[Event], text: str) -> None:
        """The spans of the account a course covers: from each of its events to the next event
        sentence of something else, or to the end of that event's paragraph."""
        starts = sorted({e.start for e in events})
        for c in courses:
            own = {e.start for e in c.events}
            spans = []
            for e in c.events or []:
                nxt = [s for s in starts if s > e.start and s not in own]
                end = min([self._para_end(e.start), *nxt[:1]])
                spans.append((e.start, len(text[:end].rstrip())))
            c.spans = sorted(set(spans)) or [(c.start, c.end)]
            c.end = max(b for _, b in c.spans)

    def _weigh(self, doc: Doc, c: CareCourse, text: str, outcomes: list[Outcome], events: list[Event]) -> None:
        """The reports told of the course over its time, its remission, and what it did."""
        related = self.provider_treatments.get(c.label, set()) | ({c.concept} if c.concept else set())
        lo, hi = day(c.date_from), last_day(c.date_to)
        lead = dt.timedelta(days=self.r["lead_days"])
        for o in outcomes:
            if o.speaker:
                continue
            inside = any(a <= o.start < b for a, b in c.spans)
            same_time = o.date is not None and lo is not None and hi is not None and day(o.date) is not None \
                and lo - lead <= last_day(o.date) and day(o.date) <= hi
            about = o.concept in related or o.treatment.lower() == c.label.lower()
            if (inside and (c.kind == "visits" or about)) or (about and same_time):
                c.outcomes.append(o)
        for s in doc.sents:
            if not any(a <= s.start_char < b for a, b in c.spans):
                continue
            stext = text[s.start_char:s.end_char]
            if self.absence.search(stext) and self.care_span.search(stext) and c.kind == "visits" and c.remission is None:
                c.remission = Remission(s.start_char, s.start_char + len(stext.rstrip()), stext.strip(),
                                        c.date_from, c.date_to)
            elif self.improvement.search(stext) and c.kind == "visits" and self._past(doc, s.start_char) \
                    and not any(o.start == s.start_char for o in c.outcomes):
                c.outcomes.append(Outcome(treatment=c.label, outcome="helped", start=s.start_char,
                                          end=s.start_char + len(stext.rstrip()), detail=stext.strip(),
                                          date=c.date_to))
        c.episodes_during = sum(1 for e in events if e.type == "episode" and day(e.date) is not None
                                and lo is not None and hi is not None and lo < day(e.date) < day(c.date_to))
        kinds = [o.outcome for o in c.outcomes if o.outcome not in EXCLUDED]
        if c.remission is not None:
            c.outcome = "helped"
        else:
            c.outcome = next((k for k in self.r["weigh_order"] if k in kinds), None)

    def _remission_end(self, c: CareCourse, events: list[Event], text: str) -> None:
        """The first episode told after the course, when it is told as the end of a stretch free of
        spasms (``I was spasm-free until May 23``), ends the remission on its date."""
        after = sorted((e for e in events if e.type == "episode" and e.start >= c.end), key=lambda e: e.start)
        if after and after[0].date and self.until.search(text[after[0].start:after[0].end]) \
                and (c.remission.date_to is None or after[0].date > c.remission.date_to):
            c.remission.date_to = after[0].date

    def _present(self, doc: Doc, offset: int) -> bool:
        """The sentence at ``offset`` tells the present of the condition: its main verb is in the present."""
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        sent = span.sent
        first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
        if sent.text.rstrip().endswith("?") or first is None or first.lower_ in self.r["not_assertive_openers"]:
            return False                # a question, a condition: "If I lift …"
        return sent.root.tag_ in set(self.r["present_tags"]) and not self._past(doc, offset)

    def _aggravating(self, doc: Doc, events: list[Event], mentions: list[Mention]) -> list[CourseTrigger]:
        """Triggers the writer tells in the present of the condition, not of one dated episode."""
        told_of_episodes = {(e.start, e.end) for e in events if e.type == "episode"}
        by: dict[str, CourseTrigger] = {}
        for m in mentions:
            if m.type != "trigger" or m.assertion in ("negated", "hypothetical", "possible") \
                    or any(a <= m.start < b for a, b in told_of_episodes) or not self._present(doc, m.start):
                continue
            label = " ".join((m.label or m.text).lower().split())
            t = by.setdefault(m.concept or label, CourseTrigger(label=label, concept=m.concept, kind="aggravating"))
            t.spans.append((m.start, m.end))
        return list(by.values())

    def _recurring(self, events: list[Event]) -> list[CourseTrigger]:
        """Triggers told of several episodes, or of episodes as a habit (an episode with a frequency)."""
        by: dict[str, CourseTrigger] = {}
        for e in sorted((e for e in events if e.type == "episode" and e.trigger), key=lambda e: e.start):
            key = e.trigger_concept or " ".join(e.trigger.lower().split())
            t = by.setdefault(key, CourseTrigger(label=e.trigger, concept=e.trigger_concept))
            t.episodes.append(e)
            t.habitual = t.habitual or bool(e.frequency)
        return [t for t in by.values() if len(t.episodes) >= self.r["recurring_min_episodes"] or t.habitual]


class CourseComponent:
    """Writes the account's courses of care to ``doc._.courses``, the triggers of the spasms as a
    whole to ``doc._.course_triggers``, and a date on each outcome told in the narrated past."""

    def __init__(self, rules: str | None):
        self.reader = CourseReader(narrative_rules.load(rules) if rules else None)

    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            doc._.courses, doc._.course_triggers = self.reader.read(
                doc, source_text(doc), doc._.events or [], doc._.outcomes or [], current_mentions(doc))
        return doc


@Language.factory("spasmkg_course_v1", assigns=["doc._.courses", "doc._.course_triggers"],
                  default_config={"rules": None})
def make_course(nlp: Language, name: str, rules: str | None) -> CourseComponent:
    return CourseComponent(rules)
