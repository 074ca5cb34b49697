"""Statistics in the prose: percentages, counts, durations, age and angle ranges.

A regular-expression scan of the parsed text, built from the word lists in
``rules/statistics.json``; each hit goes to ``doc.spans["statistics"]`` (label: the kind) with its
value, unit, bounds, the population it is about (``84% of US adults`` → ``US adults``) and the time
frame the sentence sets (``within 1 year``). The patterns are written without nested repetition, so
their running time stays linear in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as rule_files

SPANS_KEY = "statistics"
NUMBER = r"\d{1,9}(?:[.,]\d{1,6})?"
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12, "zero": 0}

if not Span.has_extension("statistic"):
    Span.set_extension("statistic", default=None)


@dataclass
class Found:
    kind: str                  # percentage | count | duration | age | age_range | angle_range
    value: str                 # the quantity as written, without qualifiers: "30 to 55 years"
    unit: str | None
    low: float | None
    high: float | None
    qualifier: str | None = None
    population: str | None = None
    time_frame: str | None = None


def load_rules(path: str | None) -> dict:
    return rule_files.load(path or "statistics")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _num(s: str) -> float | None:
    s = s.strip().lower()
    if s in WORD_NUMBERS:
        return float(WORD_NUMBERS[s])
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


class StatisticsFinder:
    def __init__(self, nlp: Language, rules: str | None = None):
        r = load_rules(rules)
        self.rules = r
        qual = rf"(?:(?P<qual>{_alt(r['qualifiers'])})\s+)?"
        time = _alt(r["time_units"])
        vague = _alt(r["vague_quantities"])
        quant = rf"(?:{NUMBER}|{vague})"
        open_end = rf"(?:\s+(?P<open>{_alt(r['open_ends'])}))?"
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("percentage", re.compile(
                rf"{qual}(?P<cmp>[<>≤≥]\s?)?(?P<low>{NUMBER})(?:\s?(?:%|percent)\s?(?:to|-|–)\s?(?P<high>{NUMBER}))?"
                rf"\s?(?:%|percent\b)", re.I)),
            ("range", re.compile(
                rf"{qual}(?:between\s+|from\s+)?(?P<low>{NUMBER})\s?(?:to|-|–|and)\s?(?P<high>{NUMBER})\s?"
                rf"(?P<unit>{time}|{_alt(r['angle_units'])})\b{open_end}", re.I)),
            ("unit_range", re.compile(
                rf"(?P<u1>{time})\s+to\s+(?P<q2>{quant})\s+(?P<unit>{time})\b{open_end}", re.I)),
            ("age_range", re.compile(
                rf"(?P<cue>{_alt(r['age_cues'])})\s+(?:between\s+|from\s+)?(?P<low>{NUMBER})\s?(?:to|-|–|and)\s?"
                rf"(?P<high>{NUMBER})(?!\s?(?:%|percent|{time}|{_alt(r['angle_units'])}))\b", re.I)),
            ("single", re.compile(
                rf"{qual}(?P<cmp>[<>≤≥]\s?)?(?P<low>{quant})\s(?P<unit>{time}|{_alt(r['angle_units'])})\b{open_end}",
                re.I)),
            ("age_single", re.compile(r"\b(?P<low>\d{1,3})[- ](?:year|yr)s?[- ]old\b", re.I)),
            ("count", re.compile(
                rf"{qual}(?P<low>{NUMBER})\s(?P<unit>{_alt(r['count_scales'])})\b", re.I)),
        ]
        self.people = set(r.get("population_nouns", []))
        self.people_cue = re.compile(rf"\b(?:{_alt(sorted(self.people))})\s*$", re.I)  # 'adults over 70 years'
        self.age_cue = re.compile(rf"\b(?:{_alt(r['age_cues'])})\s*(?:[<>≤≥]|between|from|of)?\s*$", re.I)
        self.frame = re.compile(
            rf"\b(?:during a lifetime|over a lifetime|each year|every year|per year|annually|"
            rf"(?:within|after|in the first|over the (?:past|next|last)|during the (?:first|past|last))\s+"
            rf"(?:{quant}|a|the)\s+(?:{time}))\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        taken: list[tuple[int, int]] = []
        spans: list[Span] = []
        for name, rx in self.patterns:
            for m in rx.finditer(text):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken):
                    continue
                found = self._classify(name, m, text)
                if found is None:
                    continue
                span = doc.char_span(a, b, label=found.kind, alignment_mode="expand")
                if span is None:
                    continue
                taken.append((a, b))
                self._context(span, found, m)
                span._.statistic = self._bounds(found)
                spans.append(span)
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _classify(self, name: str, m: re.Match, text: str) -> Found | None:
        g = m.groupdict()
        qual = (g.get("qual") or "").lower() or None
        cmp = (g.get("cmp") or "").strip() or None
        if cmp:
            qual = {"<": "less than", ">": "more than", "≤": "at most", "≥": "at least"}[cmp]
        before = text[max(0, m.start() - 24):m.start()]
        start_value = m.start("low") if g.get("low") else m.start()
        value = text[start_value if not cmp else m.start("cmp"):m.end()].strip()
        if name == "percentage":
            low, high = _num(g["low"]), _num(g["high"]) if g.get("high") else None
            return Found("percentage", value, "%", low, high if high is not None else low, qual)
        if name == "count":
            scale = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}[g["unit"].lower()]
            n = _num(g["low"])
            return Found("count", value, None, n * scale if n is not None else None,
                         n * scale if n is not None else None, qual)
        if name == "age_single":               # 'a 45-year-old man'
            n = _num(g["low"])
            return Found("age", m.group(0), "years", n, n, qual)
        if name == "age_range":
            return Found("age_range", text[m.start("low"):m.end()], "years", _num(g["low"]), _num(g["high"]), qual)
        unit = g.get("unit", "").lower()
        angle = unit in self.rules["angle_units"]
        if name == "unit_range":
            return Found("duration", m.group(0), _plural(unit), None,
                         None if g.get("open") else _num(g["q2"]), qual)
        low = _num(g["low"])
        high = _num(g["high"]) if g.get("high") else low
        if g.get("open"):
            high = None
        if angle:
            kind = "angle_range" if g.get("high") else "angle"
        elif _plural(unit) == "years" and (self.age_cue.search(before) or self.people_cue.search(before)):
            kind = "age_range" if g.get("high") else "age"
        else:
            kind = "duration"
        return Found(kind, value, "degrees" if angle else _plural(unit), low, high, qual)

    @staticmethod
    def _bounds(found: Found) -> Found:
        """An open comparison leaves one bound open: '<45 years' has no lower bound."""
        if found.qualifier in ("less than", "under", "at most"):
            found.low = None
        elif found.qualifier in ("more than", "over", "at least"):
            found.high = None
        return found

    def _people_before(self, span: Span) -> str | None:
        nouns = [t for t in span.doc[span.sent.start:span.start] if t.lower_ in self.people]
        return nouns[-1].text if nouns else None

    def _context(self, span: Span, found: Found, m: re.Match) -> None:
        sent = span.sent
        doc = span.doc
        if found.kind == "percentage":
            nxt = [t for t in doc[span.end:sent.end] if not t.is_space][:2]
            if nxt and nxt[0].lower_ == "of":
                # the sentence's chunks, not the document's: one pass per sentence, not per document
                chunk = next((c for c in sent.noun_chunks if c.start > nxt[0].i and c.start <= nxt[0].i + 3), None)
                if chunk is not None and chunk.start < sent.end:
                    found.population = chunk.text
            found.population = found.population or self._people_before(span)
        elif found.kind in ("age_range", "age"):
            found.population = self._people_before(span)
        if found.kind not in ("percentage", "count"):
            return
        frames = [(f.start(), f.end(), f.group(0)) for f in self.frame.finditer(doc.text, sent.start_char, sent.end_char)
                  if not (f.start() >= span.start_char and f.end() <= span.end_char)]
        if frames:
            pos = span.start_char
            found.time_frame = min(frames, key=lambda f: min(abs(f[0] - pos), abs(f[1] - pos)))[2]


def _plural(unit: str) -> str:
    unit = unit.lower()
    return unit if unit.endswith("s") else unit + "s"


@Language.factory("spasmkg_statistics_v1", assigns=["doc.spans"], default_config={"rules": None})
def make_statistics(nlp: Language, name: str, rules: str | None) -> StatisticsFinder:
    return StatisticsFinder(nlp, rules)
