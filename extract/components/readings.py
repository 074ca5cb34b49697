"""Second readings of a mention, given by the sentence it stands in.

One name can be two kinds of thing, and the sentence says which: a disc herniation seen on an MRI is
an imaging finding, the same herniation named as what a patient has is a condition; "nerve root
compression" is a condition a patient has and the mechanism by which it hurts; "pathologic reflexes"
are what an examiner tests; "a history of lymphoma" is a risk factor; "stop smoking" is advice,
a treatment. The first reading stays the mention; each second reading is kept apart in
``doc.spans["readings"]`` (exported with ``source == "context"``), so relations still see one
mention per name. A reading takes its mention's assertion (a negated herniation stays negated) and
no concept id: the concept belongs to the first reading's type. (Span extensions are keyed by
offsets, so a reading records nothing on itself that would overwrite its mention's.) Cue words are data (``rules/reading_rules.json``).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as rule_files
from spasmkg.extract.components.nested import NESTED_KEY
from spasmkg.extract.components.vocabulary import SPANS_KEY

READINGS_KEY = "readings"


@lru_cache(maxsize=1)
def reading_rules() -> dict:
    return rule_files.load("reading_rules")


def _words(span) -> list[str]:
    return [t.lemma_.lower() for t in span] + [t.lower_ for t in span]


class ContextReader:
    def __init__(self, rules: dict | None = None):
        r = rules or reading_rules()
        self.imaging = set(r["imaging_cues"])
        self.to_finding = set(r["condition_in_imaging"])
        self.to_condition = set(r["finding_outside_imaging"])
        self.never_finding = set(r["never_findings"])
        self.syndrome = set(r["syndrome_heads"])
        self.felt = set(r["felt_heads"])
        self.mechanism = set(r["mechanism_heads"])
        self.exam = set(r["exam_heads"])
        self.exam_verbs = set(r["exam_verbs"])
        self.difficulty = set(r["difficulty_words"])
        self.history = set(r["history_words"])
        self.advice = set(r["advice_verbs"])
        self.advice_objects = set(r["advice_objects"])
        self.max_advice = int(r["max_advice_words"])
        self.relational = tuple(r["relational_suffixes"])
        self.list_cues = [c.split() for c in r["list_cues"]]
        self.list_cues_by_type = {t: [c.split() for c in cs] for t, cs in r["list_cues_by_type"].items()}
        self.list_types = set(r["list_types"])
        self.max_item = int(r["max_item_words"])
        self.generic = set(r["generic_nouns"]) | set(rule_files.load("relation_rules")["generic_nouns"])
        self.max_listed = int(r["max_listed_words"])

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc.spans.get(SPANS_KEY, []))
        out: list[Span] = []
        for m in mentions:
            out += self._typed(doc, m)
        out += self._placed(doc, mentions)
        out += self._advice(doc, mentions)
        out += self._listed(doc, mentions)
        out += self._conjoined(doc, mentions)
        seen = {(m.start, m.end, m.label_) for m in mentions}
        seen |= {(m.start, m.end, m.label_) for m in doc.spans.get(NESTED_KEY, [])}
        kept = []
        for s in out:
            if (s.start, s.end, s.label_) not in seen:
                seen.add((s.start, s.end, s.label_))
                kept.append(s)
        doc.spans[READINGS_KEY] = kept
        return doc

    def _reading(self, m: Span, label: str, start: int | None = None, end: int | None = None) -> Span:
        span = Span(m.doc, m.start if start is None else start, m.end if end is None else end, label=label)
        if (span.start, span.end) != (m.start, m.end):
            span._.assertion = m._.assertion
        return span

    def _in_imaging(self, m: Span) -> bool:
        sent = m.sent if m.sent is not None else m.doc[:]
        return any(t.lower_ in self.imaging or t.lemma_.lower() in self.imaging for t in sent)

    def _typed(self, doc: Doc, m: Span) -> list[Span]:
        """Readings of the mention's own words."""
        out = []
        head = m.root.lemma_.lower() if m.root.pos_ in ("NOUN", "PROPN") else m[-1].lemma_.lower()
        words = set(_words(m))
        # a clinical diagnosis is not something an image shows: "cauda equina syndrome", "back pain"
        if m.label_ in self.to_finding and head not in self.never_finding and self._in_imaging(m):
            out.append(self._reading(m, "finding"))
        if m.label_ in self.to_condition and not self._in_imaging(m):
            out.append(self._reading(m, "condition"))
        # a named kind of pain is a condition as well as what a patient feels: "neuropathic pain"
        if m.label_ == "symptom" and len(m) > 1 and head in self.syndrome and self._kind_modifier(m):
            out.append(self._reading(m, "condition"))
        # and a pain named as a condition is what a patient feels: "low back pain"
        if m.label_ == "condition" and head in self.felt:     # not a myelopathy: that is diagnosed, not felt
            out.append(self._reading(m, "symptom"))
        if m.label_ in ("condition", "cause", "finding") and head in self.mechanism:
            out.append(self._reading(m, "mechanism"))
        if m.label_ == "symptom" and words & self.exam:
            out.append(self._reading(m, "exam_sign"))
        if m.label_ == "exam_sign" and m[0].lower_ in self.difficulty:
            out.append(self._reading(m, "symptom"))
        return out

    def _kind_modifier(self, m: Span) -> bool:
        """The word before the head names a kind, not a quality: a noun ("back pain") or a relational
        adjective ("neuropathic", "radicular", "chronic"), not "severe" or "sharp"."""
        mod = m[-2]
        if mod.pos_ in ("NOUN", "PROPN"):
            return True
        return mod.pos_ == "ADJ" and mod.lower_.endswith(self.relational)

    def _placed(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """Readings the words around a mention give: "compression of the X", "X impingement",
        "history of X", "testing X"."""
        out = []
        for m in mentions:
            before = doc[max(0, m.start - 3):m.start]
            # "compression of (the) nerve root", "spinal cord impingement"
            if m.label_ == "anatomy":
                if len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lemma_.lower() in self.mechanism:
                    out.append(self._reading(m, "mechanism", start=before[-2].i))
                elif len(before) >= 3 and before[-2].lower_ == "of" and before[-1].pos_ == "DET" \
                        and before[-3].lemma_.lower() in self.mechanism:
                    out.append(self._reading(m, "mechanism", start=before[-3].i))
                if m.end < len(doc) and (doc[m.end].lemma_.lower() in self.mechanism or doc[m.end].lower_ in self.mechanism):
                    out.append(self._reading(m, "mechanism", end=m.end + 1))
                # "testing grip strength", "testing the reflexes of the X"
                if before and before[-1].lemma_.lower() in self.exam_verbs and before[-1].pos_ == "VERB":
                    end = m.end + 1 if m.end < len(doc) and doc[m.end].pos_ == "NOUN" else m.end
                    out.append(self._reading(m, "exam_sign", start=before[-1].i, end=end))
            # "a history of lymphoma": a past condition is a risk factor
            if m.label_ in ("condition", "cause") and len(before) >= 2 and before[-1].lower_ == "of" \
                    and before[-2].lemma_.lower() in self.history:
                out.append(self._reading(m, "risk_factor", start=before[-2].i))
        return out

    def _advice(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """A behaviour the text advises changing is a treatment: "stop smoking", "reduce body
        weight", "avoid heavy lifting"."""
        out = []
        for tok in doc:
            if tok.lemma_.lower() not in self.advice and tok.lower_ not in self.advice:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.pos_ != "VERB":
                # the small tagger reads an imperative in a list as a noun: "quit smoking"
                if nxt is not None and (nxt.lower_ in self.advice_objects or nxt.lemma_.lower() in self.advice_objects):
                    out.append(Span(doc, tok.i, tok.i + 2, label="treatment"))
                continue
            for obj in tok.children:
                if obj.dep_ not in ("dobj", "xcomp", "obj") or obj.i <= tok.i:
                    continue
                span = doc[tok.i:obj.i + 1]
                if len(span) > self.max_advice or any("\n" in t.text for t in span):
                    continue
                words = {obj.lemma_.lower(), obj.lower_}
                if not words & self.advice_objects:
                    continue
                out.append(Span(doc, tok.i, obj.i + 1, label="treatment"))
        return out


    def _listed(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """Items listed as kinds of a named thing are things of its type (a Hearst pattern):
        "conservative care such as traction, massage or heat" names three treatments."""
        out = []
        owner = {i: m for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            if m.label_ not in self.list_types:
                continue
            i = m.end + (1 if m.end < len(doc) and doc[m.end].text == "," else 0)
            cues = self.list_cues + self.list_cues_by_type.get(m.label_, [])
            cue = next((c for c in cues if [t.lower_ for t in doc[i:i + len(c)]] == c), None)
            if cue is None:
                continue
            items = self._items(doc, i + len(cue), m.sent.end if m.sent is not None else len(doc))
            if len(items) < 2 and cue == ["with"]:
                continue                    # "surgery with good results" is not a list of surgeries
            for a, b in items:
                if any(j in owner for j in range(a, b)):
                    continue                # a named item keeps its own type
                out.append(Span(doc, a, b, label=m.label_))
        return out

    def _conjoined(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """A phrase listed with named things of one kind is a thing of that kind: in "from
        hypertrophy or spasm of the muscle" and "worse after sitting for long periods, climbing
        stairs or running uphill", the unnamed items take the type the named ones share. The list is
        read from its commas and conjunctions (the small parser's coordination is unreliable)."""
        out = []
        owner = {i: m for m in mentions for i in range(m.start, m.end)}
        for sent in doc.sents:
            items = self._sentence_items(doc, sent)
            for run in self._runs(items):
                named = {owner[i].label_ for a, b in run for i in range(a, b) if i in owner}
                typed = [(a, b) for a, b in run if any(i in owner for i in range(a, b))]
                # a list of one kind: its named items agree, and they are at least half of it
                if len(named) != 1 or len(run) < 2 or 2 * len(typed) < len(run) or len(typed) == len(run):
                    continue
                if len(run) == 2 and not any(t.lower_ == "or" for t in doc[run[0][1]:run[1][0]]):
                    continue                # two things joined by "and" may be of two kinds; "X or Y" are alternatives
                label = next(iter(named))
                if label not in self.list_types:
                    continue
                # every named item must be the item itself, not a word inside a longer phrase
                if any(not self._is_item(owner, a, b) for a, b in typed):
                    continue
                for a, b in run:
                    if (a, b) in typed:
                        continue
                    head = doc[b - 1]
                    if b - a > self.max_listed or head.pos_ not in ("NOUN", "PROPN") \
                            or doc[a].pos_ in ("ADP", "SCONJ", "PART", "VERB") \
                            or head.lemma_.lower() in self.generic or head.lower_ in self.generic \
                            or any(t.pos_ in ("PRON", "NUM") or t.tag_ in ("WDT", "WP")
                                   or (t.pos_ == "PROPN" and t.text[:1].isupper()) for t in doc[a:b]):
                        continue            # a person, a name, a clause, a word for anything: not a thing of the list's kind
                    out.append(Span(doc, a, b, label=label))
        return out

    @staticmethod
    def _is_item(owner: dict, a: int, b: int) -> bool:
        """The named mentions in ``a:b`` cover at least half of its words."""
        return 2 * sum(1 for i in range(a, b) if i in owner) >= b - a

    def _sentence_items(self, doc: Doc, sent: Span) -> list[tuple[int, int] | None]:
        """The sentence cut at commas and conjunctions; each piece is an item (its phrase's words) or
        None where the piece is not a nominal phrase."""
        pieces, a = [], sent.start
        for i in range(sent.start, sent.end + 1):
            tok = doc[i] if i < sent.end else None
            if tok is None or tok.text in (",", ";", "/") or tok.lower_ in ("and", "or"):
                if any(not t.is_space for t in doc[a:i]):      # ", and" is one separator
                    pieces.append((a, i))
                a = i + 1
        items: list[tuple[int, int] | None] = []
        last = len(pieces) - 1
        for k, (a, b) in enumerate(pieces):
            items.append(self._phrase(doc, a, b, first=k == 0, final=k == last))
        return items

    def _phrase(self, doc: Doc, a: int, b: int, first: bool, final: bool) -> tuple[int, int] | None:
        """The nominal phrase a piece holds: the whole piece, or the tail after its verb or
        preposition (the list's first item), or the head before a verb (its last item)."""
        words = [t for t in doc[a:b] if not t.is_space and t.pos_ != "PUNCT"]
        if not words:
            return None
        start, end = words[0].i, words[-1].i + 1
        # the first piece may open with the words that introduce the list: keep its last phrase
        for t in reversed(words):
            if t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON") and t.tag_ != "VBG":
                start = t.i + 1
                break
        if start > words[0].i and not first:
            # only the first item may be cut after an introducer; an ADP inside a later item is its own
            start = words[0].i
            inner = [t for t in words if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") and t.tag_ != "VBG"]
            if inner:
                if not final:
                    return None
                end = inner[0].i         # the last item ends where a clause goes on
            if final:                    # or where a phrase about the whole list begins: "... for the pain"
                end = next((t.i for t in doc[start:end] if t.pos_ == "ADP"), end)
        # a participle after a noun modifies it and ends the item: "the nerve passing through ..."
        for t in doc[start + 1:end]:
            if t.tag_ == "VBG" and doc[t.i - 1].pos_ in ("NOUN", "PROPN") \
                    and not (t.i + 1 < end and doc[t.i + 1].pos_ in ("NOUN", "PROPN")):
                end = t.i
                break
        while start < end and doc[start].pos_ in ("DET", "CCONJ", "PUNCT", "ADV"):
            start += 1
        while end > start and doc[end - 1].pos_ in ("PUNCT", "ADP", "DET", "CCONJ"):
            end -= 1
        span = doc[start:end]
        if not len(span) or len(span) > self.max_item or "\n" in span.text:
            return None
        if not any(t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG" for t in span):
            return None
        return start, end

    @staticmethod
    def _runs(items: list[tuple[int, int] | None]) -> list[list[tuple[int, int]]]:
        """Consecutive items, split where a piece is not one."""
        return [list(run) for is_item, run in groupby(items, key=lambda it: it is not None) if is_item]

    def _items(self, doc: Doc, start: int, limit: int) -> list[tuple[int, int]]:
        """The conjuncts of a list from ``start``: runs of nominal words split by commas, 'and', 'or'."""
        items, a, i = [], start, start
        while i <= limit:
            tok = doc[i] if i < limit else None
            end_of_item = tok is None or tok.text in (",", "/") or tok.lower_ in ("and", "or")
            if end_of_item:
                words = [t for t in doc[a:i] if t.pos_ != "DET"]
                if words:
                    first = words[0].i
                    if i - first > self.max_item or not any(t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG" for t in words):
                        break
                    items.append((first, i))
                if tok is None:
                    break
                a = i + 1
            elif tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON") and tok.tag_ != "VBG" or tok.text in (".", ";", ":", "(", ")"):
                words = [t for t in doc[a:i] if t.pos_ != "DET"]
                if words and i - words[0].i <= self.max_item and any(t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG" for t in words):
                    items.append((words[0].i, i))
                break
            i += 1
        return items


@Language.factory("spasmkg_readings_v1", assigns=["doc.spans"], default_config={})
def make_readings(nlp: Language, name: str) -> ContextReader:
    return ContextReader()
