"""Relations announced by cue phrases: risk factors, causes, mechanisms, associations.

Every relation type in ``rules/relation_rules.json`` whose ``engine`` is ``cue`` lists patterns;
each pattern has cue phrases (written in base form: a cue word matches a token's lower-case text or
its lemma, so ``result from`` also finds ``resulting from``) and a direction:

- ``head_first``: heads before the cue, tails after it (``A leads to B``, ``A is a risk factor for B``);
- ``tail_first``: tails before the cue, heads after it (``B may result from A``, ``B is due to A``);
  with ``adjacent`` the heads must follow the cue with only modifiers between (``B is a sustained A``);
- ``list``: the cue names the relation in a subject (``risk factors``, ``an identifiable cause``)
  and a list verb (``include``, ``are``) introduces the heads; tails come from the subject
  (``risk factors for B include``) or, when it names none, from the discourse;
- ``setting``: a preposition before a tail frames the heads that follow (``in B, A occurs``);
- ``presentation``: the clause's subject is the tail and every item of the list after the cue is a
  head (``B can lead to A1, A2, and A3``; ``B presents with A``); a subject naming the patients or a
  pronoun (``Patients present with A``) takes the tail from the discourse. Each item is a head
  grown to the whole phrase that names it (``tingling in the ring finger``); items naming no
  mention become new mentions of the ``discover`` type, items naming a mention of another type are
  left out. A pattern may widen the head types it accepts (``head_types``);
- ``introduces``: a sentence that ends with a colon and holds the cue (``conditions that can cause
  B:``, ``B produces three groups of signs:``) introduces the heads listed on the lines after it, one
  or more per line; the tail is the sentence's own (after the cue, else before it) or the topic;
- ``label``: a line that opens with the cue as a label (``- Symptoms: A, B, or C``) lists heads
  after its colon; the tail is a condition the line names after them, else the topic;
- ``continues``: a sentence opening with the cue (``These include A, B, and C``) right after one
  that states the relation for a group (``Several conditions can cause B.``) lists the heads; the
  tail is the discourse's.

A spec's ``type`` names the relation it yields when that differs from its key (several specs may
yield ``indicates``); its ``definition_type`` the relation a ``tail_first`` cue yields inside a
definition of the tail (``B is a disorder that results from A``: A is B's mechanism, not a cause);
its ``process_type`` the relation a head yields whose last word names a process in
``process_heads`` (``B due to entrapment of the ulnar nerve``).

An entry's ``discourse_subjects`` are subjects that, like an anaphor, take their tail from the
discourse (``Sufferers complain of A``); a pattern with ``"discourse": false`` takes no tail from the
discourse when its clause names none; one with ``"active": true`` does not read a passive cue verb
(``is referred to a surgeon`` defines nothing).

When a clause names no tail, the tail is taken from the discourse: the tails of the same relation
type a few sentences back, the previous sentence when the clause opens with an anaphor (``This may
be a result of A``), else the condition the document mentions most (a review's topic).
List items that no vocabulary entry matched become new mentions of the head type, so unseen text
yields risk factors and causes the vocabulary does not know yet.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract.components.relation_arguments import (BULLETS, REASONS, classifies, clause_subject, counts_people, defines, ends_with_colon, grow,
                                                                is_clause,
                                                                list_items, listed_lines, names_people, noun_phrase)

CONJUNCTION = {",", "and", "or", "and/or", "either", "both", "/", "as", "well", "nor", "neither"}
CLAUSE_STOP = {";", "which", "who", "whom", "whereas", "while", "although", "though", "but", "that"}
NEGATIONS = {"not", "no", "never", "n't", "cannot", "neither", "nor", "rarely"}
ANAPHORS = {"this", "these", "it", "they", "such", "that", "those"}
MODIFIER_POS = {"ADJ", "ADV", "DET", "PUNCT", "CCONJ", "NUM", "SPACE"}
ITEM_SKIP_POS = {"DET", "CCONJ", "PUNCT", "SPACE", "PRON", "AUX", "SCONJ"}
ITEM_LEADS = {"such", "as", "other", "including", "especially", "particularly", "patients", "people",
              "individuals", "persons", "who", "are", "is", "with", "those"}
ALLOWED_PATTERN_KEYS = {"cue", "direction", "adjacent", "list_verbs", "head_types", "discourse", "active"}
PREDICATE_DEPS = {"ROOT", "advcl", "relcl", "conj", "xcomp", "ccomp", "acl"}
FIGURES = {"incidence", "prevalence", "frequency", "rate", "occurrence", "onset", "proportion"}
CONDITIONAL = {"if", "unless", "whether"}
DISCOURSE_SKIP = {"symptom", "exam_sign"}   # what a patient presents with, not the topic it points to
DIRECTIONS = {"head_first", "tail_first", "list", "setting", "presentation", "introduces", "label", "continues"}


@dataclass
class Pattern:
    cues: list[list[str]]
    direction: str
    adjacent: bool = False
    list_verbs: set[str] = field(default_factory=set)
    head_types: set[str] = field(default_factory=set)   # widens the spec's head types for this pattern
    discourse: bool = True          # False: a clause that names no tail takes none from the discourse
    active: bool = False            # True: a passive cue verb is another statement ('is referred to')


@dataclass
class CueSpec:
    type: str
    head_types: set[str]
    tail_types: set[str]
    patterns: list[Pattern]
    exclude_pairs: set[tuple[str, str]]
    discourse_window: int = 3
    generic: set[str] = field(default_factory=set)   # nouns never made into new mentions
    discover: dict[str, str] = field(default_factory=dict)  # {"head"|"tail": type of new mentions}
    definition_type: str | None = None   # the relation a cue yields inside a definition of the tail
    headings: set[str] = field(default_factory=set)   # section titles whose bulleted list holds heads
    not_heads: set[str] = field(default_factory=set)  # head nouns a new head mention never ends in
    process_type: str | None = None      # the relation a head naming a process yields instead
    tail_nouns: set[str] = field(default_factory=set)  # head nouns of examples that name a tail
    process_heads: set[str] = field(default_factory=set)
    discourse_subjects: set[str] = field(default_factory=set)  # subjects that point back ('sufferers complain of')


def parse_spec(nlp: Language, rel_type: str, spec: dict, generic: list[str] | None = None) -> CueSpec:
    """A relation type's JSON entry to a :class:`CueSpec`; unknown keys or directions raise."""
    patterns = []
    for p in spec.get("patterns", []):
        unknown = set(p) - ALLOWED_PATTERN_KEYS
        if unknown:
            raise ValueError(f"relation rule {rel_type}: unknown pattern keys {sorted(unknown)}; "
                             f"allowed: {sorted(ALLOWED_PATTERN_KEYS)}")
        if p.get("direction") not in DIRECTIONS:
            raise ValueError(f"relation rule {rel_type}: direction must be one of {sorted(DIRECTIONS)}, "
                             f"not {p.get('direction')!r}")
        cues = [[t.lower_ for t in nlp.make_doc(c)] for c in p["cue"]]
        patterns.append(Pattern(cues, p["direction"], bool(p.get("adjacent", False)),
                                set(p.get("list_verbs", [])), set(p.get("head_types", [])),
                                bool(p.get("discourse", True)), bool(p.get("active", False))))
    return CueSpec(spec.get("type", rel_type), set(spec["head_types"]), set(spec["tail_types"]), patterns,
                   {tuple(x) for x in spec.get("exclude_pairs", [])}, int(spec.get("discourse_window", 3)),
                   generic=set(generic or []), discover=dict(spec.get("discover", {})),
                   definition_type=spec.get("definition_type"),
                   headings={h.lower() for h in spec.get("headings", [])}, not_heads=set(spec.get("not_heads", [])),
                   process_type=spec.get("process_type"), process_heads=set(spec.get("process_heads", [])),
                   tail_nouns=set(spec.get("tail_nouns", [])),
                   discourse_subjects=set(spec.get("discourse_subjects", [])))


class CueIndex:
    """Where each word (lower-case text or lemma) stands in a document, built once per document so
    finding a cue costs a dictionary lookup per occurrence of its first word, not a scan per sentence."""

    def __init__(self, doc: Doc):
        self.token_i: list[int] = []                 # document index of each non-space token
        self.words: list[tuple[str, str]] = []
        self.adverb: list[bool] = []                 # an adverb may stand inside a cue ('occurs mainly from')
        self.at: dict[str, list[int]] = {}
        for t in doc:
            if t.is_space:
                continue
            k = len(self.token_i)
            low, lemma = t.lower_, t.lemma_.lower()
            self.token_i.append(t.i)
            self.words.append((low, lemma))
            self.adverb.append(t.pos_ == "ADV" and t.tag_ != "WRB")
            self.at.setdefault(low, []).append(k)
            if lemma != low:
                self.at.setdefault(lemma, []).append(k)

    def find(self, sent: Span, cues: list[list[str]]) -> list[tuple[int, int]]:
        out = set()
        for cue in cues:
            for k in self.at.get(cue[0], ()):
                end = self._match(cue, k)
                if end is None:
                    continue
                first, last = self.token_i[k], self.token_i[end]
                if first < sent.start or last >= sent.end:
                    continue
                out.add((first, last + 1))
        return sorted(out)

    def _match(self, cue: list[str], k: int) -> int | None:
        """The index of the cue's last word when the cue starts at ``k``; up to two adverbs may
        stand between its words ('is most commonly caused by', 'occurs primarily from')."""
        pos = k
        for word in cue[1:]:
            pos += 1
            skipped = 0
            while pos < len(self.words) and word not in self.words[pos] and self.adverb[pos] and skipped < 2:
                pos += 1
                skipped += 1
            if pos >= len(self.words) or word not in self.words[pos]:
                return None
        return pos


def _item_between(tokens) -> bool:
    """``tokens`` are one more item of the coordination that no resource names ('A, fusion, and B'):
    separators around a short coordinated noun phrase."""
    words = [t for t in tokens if t.lower_ not in CONJUNCTION]
    return bool(words) and len(words) <= 3 and len(words) < len(tokens) \
        and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in words) \
        and any(t.dep_ in ("conj", "appos") for t in words)


def find_cues(sent: Span, cues: list[list[str]], index: CueIndex | None = None) -> list[tuple[int, int]]:
    """(start, end) token positions of every cue in ``sent``; whitespace tokens are skipped."""
    return (index or CueIndex(sent.doc)).find(sent, cues)


@dataclass
class Found:
    type: str
    head: Span
    tail: Span
    sentence: Span
    rule: str


class CueEngine:
    """Runs every cue relation type over a parsed document with mentions."""

    def __init__(self, specs: list[CueSpec]):
        self.specs = specs

    def __call__(self, doc: Doc, mentions: list[Span]) -> tuple[list[Found], list[Span]]:
        sents = [s for s in doc.sents if s.text.strip()]
        mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        new_mentions: list[Span] = []
        found: list[Found] = []
        topic = topic_of(mentions)
        index = CueIndex(doc)
        starts = [m.start for m in mentions]
        for spec in self.specs:
            recent: list[tuple[int, list[Span]]] = []  # (sentence index, tails) of this type
            for k, sent in enumerate(sents):
                lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
                in_sent = [m for m in mentions[lo:hi] if m.end <= sent.end] + \
                    [m for m in new_mentions if sent.start <= m.start and m.end <= sent.end]
                context = _Context(spec, sent, in_sent, sents[k - 1] if k else None, mentions, recent, k, topic,
                                   index)
                context.following, context.found_before = sents[k + 1:], new_mentions
                out, created = context.run()
                new_mentions.extend(created)
                found.extend(out)
                # a presentation carries its topic on ('Patients present with A. They report B.')
                tails = [f.tail for f in out if f.tail.start >= sent.start or ":presentation:" in f.rule]
                if tails:
                    recent.append((k, tails))
        return found, new_mentions


def topic_of(mentions: list[Span]) -> str | None:
    """The concept the document names most often among its condition mentions (an HPO term
    counts too: a disorder HPO names may be typed as a phenotype)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if (m.label_ == "condition" or m.kb_id_.startswith("HP:")) and m.kb_id_ and m._.assertion != "negated":
            counts[m.kb_id_] = counts.get(m.kb_id_, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


class _Context:
    def __init__(self, spec: CueSpec, sent: Span, in_sent: list[Span], previous: Span | None,
                 mentions: list[Span], recent, index: int, topic: str | None, cues: CueIndex | None = None):
        self.spec, self.sent, self.in_sent, self.previous = spec, sent, in_sent, previous
        self.mentions, self.recent, self.index, self.topic = mentions, recent, index, topic
        self.cues = cues or CueIndex(sent.doc)
        self.doc = sent.doc
        self.created: list[Span] = []
        self.following: list[Span] = []          # the sentences after this one (lines of a list)
        self.found_before: list[Span] = []       # mentions other specs read from the parse

    # ---- selection helpers -------------------------------------------------------------------
    def heads(self) -> list[Span]:
        return [m for m in self.in_sent + self.created if m.label_ in self.spec.head_types]

    def tails(self) -> list[Span]:
        return [m for m in self.in_sent + self.created if m.label_ in self.spec.tail_types
                and m._.assertion != "negated"]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Token range around [start, end) bounded by ';' (and the sentence)."""
        a = start
        while a > self.sent.start and self.doc[a - 1].text != ";":
            a -= 1
        b = end
        while b < self.sent.end and self.doc[b].text != ";":
            b += 1
        return a, b

    def _after(self, spans: list[Span], pos: int, limit: int, stop: bool = True,
               heads: bool = False) -> list[Span]:
        """Spans after ``pos`` up to ``limit``, stopping at a clause-stop word or at the next reason
        ('B due to A and C due to D') outside any span. Heads exclude the span a reason follows:
        that is the reason's own tail ('C')."""
        end, reason = limit, False
        if stop:
            covered = {i for s in self.in_sent for i in range(s.start, s.end)}
            for i in range(pos, limit):
                if i in covered:
                    continue
                if self.doc[i].lower_ in CLAUSE_STOP:
                    end = i
                    break
                if self.doc[i].lower_ in REASONS and any(
                        m.end in (i, i - 1) and m.label_ in self.spec.tail_types for m in self.in_sent):
                    end, reason = i, True       # a tail with its own reason begins a new statement
                    break
        found = [s for s in spans if s.start >= pos and s.end <= end]
        if heads:       # 'A (AB)': the short form defined for a head is that head, not another one
            found = [s for s in found if not self._short_form_of(s, found)]
        if heads and reason:
            found = [s for s in found if any(not t.is_space and not t.is_punct for t in self.doc[s.end:end])]
        return found

    def _short_form_of(self, span: Span, others: list[Span]) -> bool:
        """``span`` is a short form in parentheses right after another of ``others`` ('A (AB)')."""
        doc = self.doc
        if len(span) != 1 or not span.text.isupper() or span.start < 2 or span.end >= len(doc):
            return False
        return doc[span.start - 1].text == "(" and doc[span.end].text == ")" \
            and any(o.end == span.start - 1 for o in others)

    def _before_group(self, spans: list[Span], pos: int, floor: int, max_gap: int) -> list[Span]:
        """The span nearest before ``pos`` and those coordinated with it (joined by ',', 'and', 'or')."""
        cands = sorted((s for s in spans if s.end <= pos and s.start >= floor), key=lambda s: s.start)
        if not cands:
            return []
        last = cands[-1]
        typed = self.spec.head_types | self.spec.tail_types
        others = [m for m in self.in_sent if last.end <= m.start and m.end <= pos and m.label_ in typed]
        if others or _gap_words(self.doc, last.end, pos) > max_gap:
            return []
        group = [last]
        for s in reversed(cands[:-1]):
            between = [t for t in self.doc[s.end:group[-1].start] if not t.is_space]
            if all(t.lower_ in CONJUNCTION or t.text in "()" for t in between) or _item_between(between):
                group.append(s)
            else:
                break
        return group

    def discourse_tails(self) -> list[Span]:
        for k, tails in reversed(self.recent):
            if self.index - k <= self.spec.discourse_window:
                return tails
        first = next((t for t in self.sent if not t.is_space and not t.is_punct), None)
        if first is not None and first.lower_ in ANAPHORS and self.previous is not None:
            prev = [m for m in self.mentions if self.previous.start <= m.start and m.end <= self.previous.end
                    and m.label_ in self.spec.tail_types and m._.assertion != "negated"]
            if prev:
                return prev[:1]
        if self.topic:
            same = [m for m in self.mentions if m.kb_id_ == self.topic and m.label_ in self.spec.tail_types]
            before = [m for m in same if m.end <= self.sent.start]
            return (before[-1:] or same[:1])
        return []

    def topical_tails(self) -> list[Span]:
        """The discourse's tails that can be what signs point to: a symptom only when it is the
        document's topic (a disorder typed as a phenotype)."""
        return [t for t in self.discourse_tails() if t.label_ not in DISCOURSE_SKIP or t.kb_id_ == self.topic]

    # ---- patterns ----------------------------------------------------------------------------
    def run(self) -> tuple[list[Found], list[Span]]:
        out: list[Found] = []
        for p in self.spec.patterns:
            for cs, ce in self.cues.find(self.sent, p.cues):
                if any(m.start < ce and cs < m.end for m in self.in_sent):
                    continue  # a cue inside a mention is part of a name ('pain is induced by ...')
                if any(t.lower_ in NEGATIONS for t in self.doc[max(self.sent.start, cs - 3):cs]):
                    continue  # 'does not result from'
                rule = f"{self.spec.type}:{p.direction}:{self.doc[cs:ce].text.lower()}"
                pairs = getattr(self, f"_{p.direction}")(p, cs, ce)
                pairs = pairs + [(alt, t) for h, t in pairs for alt in self._restated(h)]
                for h, t in pairs:
                    kind = self.spec.type
                    if self.spec.definition_type and p.direction == "tail_first" and defines(self.doc[cs], t):
                        kind = self.spec.definition_type
                    elif self.spec.process_type and p.direction == "tail_first" \
                            and h[-1].lemma_.lower() in self.spec.process_heads:
                        kind = self.spec.process_type   # 'entrapment of the nerve' is how, not what
                    # the topic may be a disorder HPO types as a phenotype: it still has causes
                    excluded = kind == self.spec.type and (h.label_, t.label_) in self.spec.exclude_pairs and not (
                        t.kb_id_.startswith("HP:") and t.kb_id_ == self.topic)
                    if h._.assertion == "negated" or excluded or _overlap(h, t) \
                            or (h.kb_id_ and h.kb_id_ == t.kb_id_):
                        continue
                    rule = rule.replace(self.spec.type, kind, 1)
                    out.append(Found(kind, self._grown(h, cs, ce), self._grown(t, cs, ce), self.sent, rule))
        return out, self.created

    def _restated(self, head: Span) -> list[Span]:
        """The head named again in parentheses right after it ('due to sacroiliitis (inflammation
        of the joint)'): the same thing, so the same relation; an abbreviation is left to its own reader."""
        doc = self.doc
        if head.end >= self.sent.end or doc[head.end].text != "(":
            return []
        close = next((t.i for t in doc[head.end + 1:min(head.end + 9, self.sent.end)] if t.text == ")"), None)
        if close is None or close == head.end + 1:
            return []
        inner = doc[head.end + 1:close]
        if not any(t.pos_ in ("NOUN", "PROPN") for t in inner) or any(t.like_num for t in inner) \
                or (len(inner) == 1 and inner.text.isupper()):
            return []
        if any(m.start < inner.end and inner.start < m.end and m.label_ != "anatomy" for m in self.in_sent + self.created):
            return []
        span = Span(doc, inner.start, inner.end, label=head.label_)
        self.created.append(span)
        return [span]

    def _grown(self, span: Span, cs: int, ce: int) -> Span:
        """A mention grown to the noun phrase that names the thing ('T11-12 disc protrusion',
        'thickening of the joint capsule'), on its own side of the cue and without taking in
        another mention; the mention itself when it cannot grow."""
        if not (self.sent.start <= span.start and span.end <= self.sent.end):
            return span
        a, b = self.clause(cs, ce)
        floor, limit = (a, cs) if span.end <= cs else (max(a, ce), b)
        g = grow(span, floor, limit)
        if g is span or any(m.start < g.end and g.start < m.end and not (span.start <= m.start and m.end <= span.end)
                            and m.label_ != "anatomy" for m in self.in_sent + self.created):
            return span
        g = _widened(span, g.start, g.end)
        self.created.append(g)
        return g

    def _head_first(self, p: Pattern, cs: int, ce: int):
        if ce < self.sent.end and self.doc[ce].lower_ == "by":
            return []       # 'B is caused by A': a passive turns the cue around (tail_first cues hold it)
        if ce - cs == 1 and self.doc[cs].pos_ in ("NOUN", "PROPN"):
            return []       # 'occupational causes' in a list: a one-word cue must be the predicate
        a, b = self.clause(cs, ce)
        heads = self._before_group(self.heads(), cs, a, max_gap=8)
        tails = self._after(self.tails(), ce, b)
        heads, tails = self._pairable(heads, tails)
        if heads and not tails and self._may_discover("tail", heads):
            tails = self._discover(self._object_phrases(ce, b), self.spec.discover["tail"])
        elif tails and not heads and self._may_discover("head", tails):
            heads = self._discover(self._subject_phrases(cs, a), self.spec.discover["head"])
        if heads and tails and "head" in self.spec.discover:
            heads = heads + self._last_conjunct(heads, cs)
        if heads and tails and "tail" in self.spec.discover:
            tails = tails + self._examples(ce, b)
        return [(h, t) for h in heads for t in tails]

    def _examples(self, ce: int, b: int) -> list[Span]:
        """Examples the vocabulary does not know, listed after 'such as' or 'including', whose head
        noun names a condition ('complications such as conus syndrome or B')."""
        lead = next((t.i for t in self.doc[ce:b] if t.lower_ in ("such", "including", "like")), None)
        if lead is None:
            return []
        start = lead + 2 if self.doc[lead].lower_ == "such" else lead + 1
        typed = self.spec.head_types | self.spec.tail_types
        out = []
        for s, e in list_items(self.doc, start, b):
            if self.doc[e - 1].lemma_.lower() not in self.spec.tail_nouns or any(
                    m.start < e and s < m.end and m.label_ in typed for m in self.in_sent + self.created):
                continue
            span = Span(self.doc, s, e, label=self.spec.discover["tail"])
            self.created.append(span)
            out.append(span)
        return out

    def _last_conjunct(self, heads: list[Span], cs: int) -> list[Span]:
        """The last item of a coordinated subject the vocabulary does not know ('Falls,
        sprains, and contact sports can cause B'): a head too."""
        last = max(heads, key=lambda h: h.end)
        words = [t for t in self.doc[last.end:cs] if not t.is_space]
        if not words or words[0].lower_ not in ("and", "or", ",") or words[-1].pos_ not in ("AUX", "VERB") \
                and words[-1].tag_ != "MD":
            return []
        words = [t for t in words if t.lower_ not in ("and", "or", ",")]
        while words and (words[-1].pos_ in ("AUX", "VERB", "ADV", "PART") or words[-1].tag_ == "MD"):
            words.pop()
        if not 1 <= len(words) <= 4 or words[-1].pos_ not in ("NOUN", "PROPN") \
                or any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in words):
            return []
        start, end = words[0].i, words[-1].i + 1
        typed = self.spec.head_types | self.spec.tail_types
        if any(m.start < end and start < m.end and m.label_ in typed for m in self.in_sent + self.created):
            return []
        span = Span(self.doc, start, end, label=self.spec.discover["head"])
        self.created.append(span)
        return [span]

    def _tail_first(self, p: Pattern, cs: int, ce: int):
        if p.active and any(c.dep_ == "auxpass" for c in self.doc[cs].children):
            return []           # 'the patient is referred to a surgeon': no definition
        a, b = self.clause(cs, ce)
        if p.adjacent:
            heads = [h for h in self.heads() if h.start >= ce and h.end <= b
                     and all(t.pos_ in MODIFIER_POS for t in self.doc[ce:h.start])]
            heads = heads[:1]
        else:
            heads = self._after(self.heads(), ce, b, heads=True)
        tails = self._before_group(self.tails(), cs, a, max_gap=12 if not p.adjacent else 4)
        if heads and tails:
            heads, tails = self._pairable(heads, tails)
        if not heads and tails and not p.adjacent and self._may_discover("head", tails):
            heads = self._discover(self._object_phrases(ce, b), self.spec.discover["head"])
        if not heads:
            return []
        if not tails and not p.adjacent and not self._anaphor_before(a, cs) and self._may_discover("tail", heads):
            tails = self._discover(self._subject_phrases(cs, a), self.spec.discover["tail"])
        if not tails and not p.adjacent and p.discourse and self._anaphor_before(a, cs):
            tails = self.discourse_tails()
        return [(h, t) for h in heads for t in tails]

    def _presentation(self, p: Pattern, cs: int, ce: int):
        a, b = self.clause(cs, ce)
        cue = self.doc[cs]
        # 'patients present with' may parse as an adjective, even as one modifying 'patients'
        people_amod = cue.dep_ == "amod" and cue.head.i < cs and names_people(cue.head)
        if cue.pos_ not in ("VERB", "AUX") and not (cue.pos_ == "ADJ" and (cue.dep_ in PREDICATE_DEPS or people_amod)):
            return []           # 'the cause of': a noun, not a predicate
        if (ce < self.sent.end and self.doc[ce].lower_ == "by") or any(c.dep_ == "auxpass" for c in cue.children):
            return []           # 'is caused by': a passive turns the cue around
        if any(t.lower_ in CONDITIONAL for t in self.doc[a:cs]) or \
                next((t.pos_ for t in self.doc[ce:b] if not t.is_space), "") == "PRON":
            return []           # 'unless the patient presents with', 'should cause it to worsen'
        tails = [t for t in self.topical_tails() if not cs <= t.start < b] if people_amod \
            else self._subject_tails(cs, a, b)
        pairs = self._items_as_heads(p, list_items(self.doc, ce, b), tails)
        if pairs:
            self.created.extend(t for t in tails if t.start >= self.sent.start and t.end <= self.sent.end)
        return pairs

    def _continues(self, p: Pattern, cs: int, ce: int):
        """'These include A, B and C' after a sentence that states the relation for a group
        ('Several conditions can cause B.'): the items are the heads, the tail the discourse's."""
        if self.previous is None or cs - self.sent.start > 3:
            return []
        stated = [q for q in self.spec.patterns if q.direction in ("head_first", "tail_first", "list")]
        if not any(self.cues.find(self.previous, q.cues) for q in stated):
            return []
        tails = self.topical_tails()
        return self._items_as_heads(p, list_items(self.doc, ce, self.sent.end), tails)

    def _label(self, p: Pattern, cs: int, ce: int):
        lead = [t for t in self.doc[self.sent.start:cs] if not t.is_space and t.text not in BULLETS]
        colon = ce if ce < self.sent.end and self.doc[ce].text == ":" else None
        if len(lead) > 2 or colon is None:
            return []           # not a line that opens with a label ('Symptoms: A, B, or C')
        items = list_items(self.doc, colon + 1, self.sent.end)
        if not items:
            return []
        last = items[-1][1]
        later = [t for t in self.tails() if t.start >= last]
        tails = later[:1] or self.topical_tails()
        return self._items_as_heads(p, items, tails)

    def _items_as_heads(self, p: Pattern, items: list[tuple[int, int]], tails: list[Span]):
        """Each item a head: the mention it holds widened to the item, or a new mention."""
        if not tails:
            return []
        accepted = self.spec.head_types | p.head_types
        heads = []
        spans = self._shared_heads(items, self.in_sent + self.created)
        known = self.in_sent + self.created
        listed = sum(any(m.start < e and s < m.end and m.label_ in accepted for m in known) for s, e in spans)
        for s, e in spans:
            inside = [m for m in known if m.start < e and s < m.end and m.label_ != "anatomy"]
            good = [m for m in inside if m.label_ in accepted]
            if not good and listed >= 2 and len(inside) == 1 and inside[0]._.source == "lexicon" and len(inside[0]) == 1:
                good = inside    # a word the lexicon files as a disorder, listed among signs ('..., and ataxia')
            if good:
                heads.append(_widened(good[0], s, max(e, good[-1].end)))
            elif not inside and "head" in self.spec.discover and not self._generic(s, e) \
                    and not is_clause(s, e, self.doc) and any(t.pos_ in ("NOUN", "PROPN") for t in self.doc[s:e]) \
                    and self.doc[e - 1].lemma_.lower() not in self.spec.not_heads:
                heads.append(Span(self.doc, s, e, label=self.spec.discover["head"]))
        self.created.extend(heads)
        return [(h, t) for h in heads for t in tails]

    def _shared_heads(self, items: list[tuple[int, int]], known: list[Span]) -> list[tuple[int, int]]:
        """One-word items that name nothing by themselves share the head noun of the item after
        them ('hip or groin pain', 'hand, wrist and/or forearm numbness'): they join it."""
        out: list[tuple[int, int]] = []
        pending: int | None = None
        for k, (s, e) in enumerate(items):
            named = any(m.start < e and s < m.end and m.label_ != "anatomy" for m in known)
            nxt = items[k + 1] if k + 1 < len(items) else None
            if e - s == 1 and not named and nxt is not None and nxt[1] - nxt[0] >= 2 and nxt[0] - e <= 2 \
                    and "\n" not in self.doc[s:nxt[0]].text:
                pending = s if pending is None else pending
                continue
            out.append((s if pending is None else pending, e))
            pending = None
        return out

    def _subject_tails(self, cs: int, a: int, b: int) -> list[Span]:
        """The tail a clause's subject names: the subject's phrase around a tail mention, a new
        mention for a subject the vocabulary lacks, the discourse's tail for 'patients' or 'they'."""
        subj = clause_subject(self.doc, self.doc[cs], a)
        if subj is None or subj.i >= cs or counts_people(subj):
            return []
        if subj.pos_ == "PRON" and not names_people(subj):
            return []
        if names_people(subj):
            return [t for t in self.topical_tails() if not cs <= t.start < b]
        if any(m.start <= subj.i < m.end and m.label_ == "anatomy" for m in self.in_sent):
            return []           # 'the nerves are stretched, leading to ...': a body part
        np = noun_phrase(self.doc, subj, a, cs)
        named = [m for m in self.in_sent + self.created if m.start < np.end and np.start < m.end
                 and m.label_ in self.spec.tail_types and m._.assertion != "negated"]
        if named:
            return [_widened(named[-1], np.start, np.end)]
        if "tail" in self.spec.discover and not self._generic(subj.i, subj.i + 1) and not any(
                m.start < np.end and np.start < m.end and not absorbable(m) for m in self.in_sent + self.created):
            return [Span(self.doc, np.start, np.end, label=self.spec.discover["tail"])]
        return []

    def _introduces(self, p: Pattern, cs: int, ce: int):
        if not ends_with_colon(self.sent) or classifies(self.sent):
            return []
        after = [t for t in self.tails() if t.start >= ce]
        before = [t for t in self.tails() if t.end <= cs]
        tails = after[:1] or before[-1:]
        if not tails:
            a, b = self.clause(cs, ce)
            tails = self._subject_tails(cs, a, b)
            self.created.extend(t for t in tails if t.start >= self.sent.start and t.end <= self.sent.end)
        if not tails:
            tails = self.topical_tails()
        if not tails:
            return []
        accepted = self.spec.head_types | p.head_types
        known = self.mentions + self.found_before + self.created
        heads = []
        for s, e in self._shared_heads(listed_lines(self.doc, self.following), known):
            inside = [m for m in known if m.start < e and s < m.end and m.label_ != "anatomy"]
            good = [m for m in inside if m.label_ in accepted
                    and all((m.label_, t.label_) not in self.spec.exclude_pairs for t in tails)]
            clause = is_clause(s, e, self.doc)
            if good:
                heads.extend(good if clause else [_widened(good[0], s, max(e, good[-1].end))])
            elif not clause and "head" in self.spec.discover and not self._generic(s, e) \
                    and any(t.pos_ in ("NOUN", "PROPN") for t in self.doc[s:e]):
                # the line names a member of the list, whatever type a matcher gave its words
                new = Span(self.doc, min([s] + [m.start for m in inside]), max([e] + [m.end for m in inside]),
                           label=self.spec.discover["head"])
                heads.append(new)
        self.created.extend(h for h in heads if not any(h is m for m in known))
        return [(h, t) for h in heads for t in tails]

    def _generic(self, start: int, end: int) -> bool:
        """A phrase whose head word is a generic noun ('symptoms', 'different types')."""
        last = self.doc[end - 1]
        return last.lower_ in self.spec.generic or last.lemma_.lower() in self.spec.generic

    def _anaphor_before(self, start: int, end: int) -> bool:
        """The clause's subject before the cue is a pronoun or a demonstrative ('they', 'this'), or
        a figure about the condition under discussion ('Its prevalence doubles ..., largely due to A')."""
        if any(t.lemma_.lower() in FIGURES and t.dep_ in ("nsubj", "nsubjpass") for t in self.doc[start:end]):
            return True
        typed = self.spec.head_types | self.spec.tail_types
        if any(m.start >= start and m.end <= end and m.label_ in typed for m in self.in_sent):
            return False
        return any((t.lower_ in ANAPHORS or t.lower_ in self.spec.discourse_subjects)
                   and t.dep_ in ("nsubj", "nsubjpass", "det", "ROOT") for t in self.doc[start:end])

    def _setting(self, p: Pattern, cs: int, ce: int):
        a, b = self.clause(cs, ce)
        tail = next((t for t in self.tails() if t.start >= ce
                     and all(x.pos_ in MODIFIER_POS for x in self.doc[ce:t.start])), None)
        if tail is None:
            return []
        heads = self._after(self.heads(), tail.end, b)
        return [(h, tail) for h in heads]

    def _list(self, p: Pattern, cs: int, ce: int):
        verb = None
        for tok in self.doc[ce:self.sent.end]:
            if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
                verb = tok
                break
        if verb is None or verb.lemma_.lower() not in p.list_verbs:
            return []
        if verb.lemma_.lower() == "be":
            nxt = next((t for t in self.doc[verb.i + 1:self.sent.end] if not t.is_space), None)
            if nxt is None or nxt.pos_ in ("ADJ", "ADV", "PART", "ADP", "VERB", "AUX"):
                return []
        subject_tails = [t for t in self.tails() if t.start >= ce and t.end <= verb.i]
        tails = subject_tails or self.discourse_tails()
        if not tails:
            return []
        self._discover_items(verb.i + 1, self.sent.end)
        heads = [h for h in self.heads() + self.created if h.start > verb.i]
        return [(h, t) for h in heads for t in tails]

    def _discover_items(self, start: int, end: int) -> None:
        """New head mentions for list items that hold no mention at all."""
        covered = {i for s in self.in_sent if not absorbable(s) for i in range(s.start, s.end)}
        items, cur = [], []
        for i in range(start, end):
            tok = self.doc[i]
            if i not in covered and (tok.lower_ in {",", ";", "and", "or", "and/or", "."} or tok.is_space):
                if cur:
                    items.append(cur)
                cur = []
            else:
                cur.append(i)
        if cur:
            items.append(cur)
        # a list of causes holds causes: the type the entry discovers heads as, before any preference
        label = self.spec.discover.get("head") or (sorted(self.spec.head_types)[0] if len(self.spec.head_types) == 1
                                                   else self._main_head_type())
        for item in items:
            if any(i in covered for i in item):
                continue
            toks = [self.doc[i] for i in item]
            while toks and (toks[0].pos_ in ITEM_SKIP_POS or toks[0].lower_ in ITEM_LEADS):
                toks.pop(0)
            while toks and toks[-1].pos_ in ("PUNCT", "SPACE", "CCONJ"):
                toks.pop()
            if not 1 <= len(toks) <= 6 or not any(t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ") for t in toks):
                continue
            if all(t.is_stop for t in toks):
                continue
            span = Span(self.doc, toks[0].i, toks[-1].i + 1, label=label)
            self.created.append(span)

    # ---- entities the vocabulary does not know, read from the parse -----------------------
    def _subject_phrases(self, cs: int, floor: int) -> list[Span]:
        return subject_phrases(self.doc, cs, floor, self.spec.generic)

    def _object_phrases(self, ce: int, limit: int) -> list[Span]:
        return object_phrases(self.doc, ce, limit, self.spec.generic)

    def _pairable(self, heads: list[Span], tails: list[Span]) -> tuple[list[Span], list[Span]]:
        """Heads and tails that can pair under the excluded type pairs (both kept when one side is empty)."""
        if not heads or not tails:
            return heads, tails
        ok = [(h, t) for h in heads for t in tails if (h.label_, t.label_) not in self.spec.exclude_pairs
              or h[-1].lemma_.lower() in self.spec.process_heads]
        return ([h for h in heads if any(h is x for x, _ in ok)] if ok else [],
                [t for t in tails if any(t is y for _, y in ok)] if ok else tails)

    def _may_discover(self, side: str, others: list[Span]) -> bool:
        """A new mention on ``side`` is allowed only when it could pair with one of ``others``."""
        label = self.spec.discover.get(side)
        if label is None:
            return False
        pairs = [(label, o.label_) if side == "head" else (o.label_, label) for o in others]
        return any(pair not in self.spec.exclude_pairs for pair in pairs)

    def _discover(self, phrases: list[Span], label: str) -> list[Span]:
        """New mentions for phrases that overlap no mention (a phrase holding a mention is skipped)."""
        out = []
        for ph in phrases:
            if any(m.start < ph.end and ph.start < m.end and not absorbable(m) for m in self.in_sent + self.created):
                continue
            if any(m.label_ == "anatomy" and m.start <= ph.root.i < m.end for m in self.in_sent):
                continue        # its head names a body part: a place ('most frequent in the lumbar spine')
            span = Span(self.doc, ph.start, ph.end, label=label)
            self.created.append(span)
            out.append(span)
        return out

    def _main_head_type(self) -> str:
        for preferred in ("risk_factor", "cause", "condition"):
            if preferred in self.spec.head_types:
                return preferred
        return sorted(self.spec.head_types)[0]


def _widened(m: Span, start: int, end: int) -> Span:
    """The mention ``m`` widened to [start, end) (never narrowed), keeping its type, concept and assertion."""
    span = Span(m.doc, min(start, m.start), max(end, m.end), label=m.label_, kb_id=m.kb_id_)
    span._.assertion = m._.assertion
    return span


def absorbable(m: Span) -> bool:
    """A mention a longer new one may swallow: an anatomical site ('lumbar') or an HPO phenotype
    name inside a condition the vocabulary lacks ('degenerative spondylolisthesis')."""
    return m.label_ == "anatomy" or m.kb_id_.startswith("HP:")


def subject_phrases(doc: Doc, cs: int, floor: int, generic: set[str]) -> list[Span]:
    """The subject noun phrase of the predicate that holds the token ``cs`` ('Obesity is a risk
    factor for'), with its coordinated phrases, when it lies in [floor, cs)."""
    tok = doc[cs]
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not floor <= subj.i < cs or subj.pos_ == "PRON":
        return []
    return [p for p in (phrase(doc, x, floor, cs, generic) for x in [subj, *subj.conjuncts] if floor <= x.i < cs) if p]


def object_phrases(doc: Doc, ce: int, limit: int, generic: set[str]) -> list[Span]:
    """The noun phrase right after ``ce`` and those coordinated with it ('from A or B')."""
    first = next((t for t in doc[ce:limit] if t.pos_ in ("NOUN", "PROPN")), None)
    if first is None or any(t.pos_ in ("VERB", "AUX") or t.lower_ in CLAUSE_STOP for t in doc[ce:first.i]):
        return []
    root = first
    while root.dep_ in ("compound", "amod", "nmod") and first.i < root.head.i < limit:
        root = root.head
    roots = [root, *[c for c in root.conjuncts if root.i < c.i < limit]]
    return [p for p in (phrase(doc, r, ce, limit, generic) for r in roots) if p]


def phrase(doc: Doc, root, floor: int, limit: int, generic: set[str]) -> Span | None:
    """The noun phrase headed by ``root``: its modifiers and a following 'of'/'in' phrase, without
    determiners, at most eight tokens, inside [floor, limit); None for a generic head noun."""
    left = min([root.i] + [c.left_edge.i for c in root.lefts
                           if c.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "poss")])
    right = root.i
    for c in root.rights:
        if c.dep_ == "prep" and c.right_edge.i < limit and c.right_edge.i - left < 8:
            right = c.right_edge.i
        else:
            break
    left = max(left, floor)
    while left <= right and (doc[left].pos_ in ITEM_SKIP_POS or doc[left].lower_ in ITEM_LEADS):
        left += 1
    while right >= left and doc[right].pos_ in ("PUNCT", "SPACE", "CCONJ", "ADP", "DET"):
        right -= 1
    if right < left or right - left >= 8 or root.lower_ in generic or root.lemma_.lower() in generic:
        return None
    return doc[left:right + 1]


def _gap_words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not t.is_space and not t.is_punct)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
