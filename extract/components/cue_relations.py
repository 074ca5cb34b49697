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
- ``setting``: a preposition before a tail frames the heads that follow (``in B, A occurs``).

An entry may name the relation it yields (``"relation": "indicates"``) when its key is another
name, so one relation can be read by two engines; ``discourse_subjects`` are subjects that, like an
anaphor, take their tail from the discourse (``Patients present with A``).

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

CONJUNCTION = {",", "and", "or", "and/or", "either", "both", "/", "as", "well", "nor", "neither"}
CLAUSE_STOP = {";", "which", "who", "whom", "whereas", "while", "although", "though", "but", "that"}
NEGATIONS = {"not", "no", "never", "n't", "cannot", "neither", "nor", "rarely"}
ANAPHORS = {"this", "these", "it", "they", "such", "that", "those"}
MODIFIER_POS = {"ADJ", "ADV", "DET", "PUNCT", "CCONJ", "NUM", "SPACE"}
ITEM_SKIP_POS = {"DET", "CCONJ", "PUNCT", "SPACE", "PRON", "AUX", "SCONJ"}
ITEM_LEADS = {"such", "as", "other", "including", "especially", "particularly", "patients", "people",
              "individuals", "persons", "who", "are", "is", "with", "those"}
ALLOWED_PATTERN_KEYS = {"cue", "direction", "adjacent", "list_verbs", "discourse"}
DIRECTIONS = {"head_first", "tail_first", "list", "setting"}


@dataclass
class Pattern:
    cues: list[list[str]]
    direction: str
    adjacent: bool = False
    list_verbs: set[str] = field(default_factory=set)
    discourse: bool = True          # False: a clause that names no tail takes none from the discourse


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
    discourse_subjects: set[str] = field(default_factory=set)  # subjects that point back ('patients present with')


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
                                set(p.get("list_verbs", [])), bool(p.get("discourse", True))))
    return CueSpec(spec.get("relation", rel_type), set(spec["head_types"]), set(spec["tail_types"]), patterns,
                   {tuple(x) for x in spec.get("exclude_pairs", [])}, int(spec.get("discourse_window", 3)),
                   set(generic or []), dict(spec.get("discover", {})), set(spec.get("discourse_subjects", [])))


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
        topic = _topic(mentions)
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
                out, created = context.run()
                new_mentions.extend(created)
                found.extend(out)
                tails = [f.tail for f in out if f.tail.start >= sent.start]
                if tails:
                    recent.append((k, tails))
        return found, new_mentions


def _topic(mentions: list[Span]) -> str | None:
    """The concept the document names most often among its condition mentions."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.label_ == "condition" and m.kb_id_ and m._.assertion != "negated":
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

    # ---- selection helpers -------------------------------------------------------------------
    def heads(self) -> list[Span]:
        return [m for m in self.in_sent if m.label_ in self.spec.head_types]

    def tails(self) -> list[Span]:
        return [m for m in self.in_sent if m.label_ in self.spec.tail_types and m._.assertion != "negated"]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Token range around [start, end) bounded by ';' (and the sentence)."""
        a = start
        while a > self.sent.start and self.doc[a - 1].text != ";":
            a -= 1
        b = end
        while b < self.sent.end and self.doc[b].text != ";":
            b += 1
        return a, b

    def _after(self, spans: list[Span], pos: int, limit: int, stop: bool = True) -> list[Span]:
        """Spans after ``pos`` up to ``limit``, stopping at a clause-stop word outside any span."""
        end = limit
        if stop:
            covered = {i for s in self.in_sent for i in range(s.start, s.end)}
            for i in range(pos, limit):
                if self.doc[i].lower_ in CLAUSE_STOP and i not in covered:
                    end = i
                    break
        return [s for s in spans if s.start >= pos and s.end <= end]

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
            if all(t.lower_ in CONJUNCTION or t.text in "()" for t in between):
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
                for h, t in pairs:
                    if h._.assertion == "negated" or (h.label_, t.label_) in self.spec.exclude_pairs or _overlap(h, t) \
                            or (h.kb_id_ and h.kb_id_ == t.kb_id_):
                        continue
                    out.append(Found(self.spec.type, h, t, self.sent, rule))
        return out, self.created

    def _head_first(self, p: Pattern, cs: int, ce: int):
        if ce < self.sent.end and self.doc[ce].lower_ == "by":
            return []       # 'B is caused by A': a passive turns the cue around (tail_first cues hold it)
        a, b = self.clause(cs, ce)
        heads = self._before_group(self.heads(), cs, a, max_gap=8)
        tails = self._after(self.tails(), ce, b)
        heads, tails = self._pairable(heads, tails)
        if heads and not tails and self._may_discover("tail", heads):
            tails = self._discover(self._object_phrases(ce, b), self.spec.discover["tail"])
        elif tails and not heads and self._may_discover("head", tails):
            heads = self._discover(self._subject_phrases(cs, a), self.spec.discover["head"])
        return [(h, t) for h in heads for t in tails]

    def _tail_first(self, p: Pattern, cs: int, ce: int):
        a, b = self.clause(cs, ce)
        if p.adjacent:
            heads = [h for h in self.heads() if h.start >= ce and h.end <= b
                     and all(t.pos_ in MODIFIER_POS for t in self.doc[ce:h.start])]
            heads = heads[:1]
        else:
            heads = self._after(self.heads(), ce, b)
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

    def _anaphor_before(self, start: int, end: int) -> bool:
        """The clause's subject before the cue is a pronoun or a demonstrative ('they', 'this')."""
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
        ok = [(h, t) for h in heads for t in tails if (h.label_, t.label_) not in self.spec.exclude_pairs]
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
            span = Span(self.doc, ph.start, ph.end, label=label)
            self.created.append(span)
            out.append(span)
        return out

    def _main_head_type(self) -> str:
        for preferred in ("risk_factor", "cause", "condition"):
            if preferred in self.spec.head_types:
                return preferred
        return sorted(self.spec.head_types)[0]


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
