"""Imaging findings and diagnoses located in the spine, read from a report quoted in a narrative.

Vertebral disc levels (``L4-L5``, ``C5-6``, ``L5/S1``) become anatomy mentions with a normalized
label (``C5-C6``). Every finding on a report line is linked to the levels on that line, with the side
(``right``, ``left``, ``bilateral``, ``central``) and severity (``mild``, ``small``…) written beside it;
a diagnosis is linked to the spinal region of its line (``Cervical spine: spondylosis``) or of its
own name (``lumbar disc degeneration``). When the same report also denies a finding it lists
(``no disc herniation``), the affirmed finding keeps a pointer to that negated mention: the
contradiction is kept, not resolved. Word lists are data: ``rules/narrative_imaging.json``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import Finding, Mention
from spasmkg.extract.narrative.reading import current_mentions, is_narrative, source_text

if not Doc.has_extension("findings"):
    Doc.set_extension("findings", default=None)

REGIONS = {"C": (1, 8), "T": (1, 12), "L": (1, 5), "S": (1, 5)}
ORDER = "CTLS"
LEVEL = re.compile(r"(?<![\w-])(?P<r1>[CTLS])(?P<n1>\d{1,2})\s*(?:-|–|/|to)\s*(?P<r2>[CTLS])?(?P<n2>\d{1,2})(?![\w-])")


def level_label(m: re.Match) -> str | None:
    """``C5-6`` -> ``C5-C6``; None when the pair is not two adjacent vertebrae."""
    r1, n1 = m.group("r1"), int(m.group("n1"))
    r2, n2 = m.group("r2") or r1, int(m.group("n2"))
    lo, hi = REGIONS[r1]
    if not lo <= n1 <= hi or not REGIONS[r2][0] <= n2 <= REGIONS[r2][1]:
        return None
    adjacent = (r1 == r2 and n2 == n1 + 1) or \
        (ORDER.index(r2) == ORDER.index(r1) + 1 and n1 == hi - (1 if r1 == "C" else 0) and n2 == 1) or \
        (r1 == "C" and r2 == "T" and n1 == 7 and n2 == 1)
    return f"{r1}{n1}-{r2}{n2}" if adjacent else None


def level_mentions(text: str) -> list[Mention]:
    out = []
    for m in LEVEL.finditer(text):
        label = level_label(m)
        if label:
            out.append(Mention(m.start(), m.end(), m.group(0), "anatomy", None, label, source="narrative"))
    return out


class ImagingReader:
    def __init__(self, rules: dict | None = None):
        r = rules or narrative_rules.load("narrative_imaging")
        self.side = re.compile(r"\b(?P<w>" + "|".join(map(re.escape, r["sides"])) + r")\b", re.I)
        self.sides = {k.lower(): v for k, v in r["sides"].items()}
        self.severity = re.compile(r"\b(?P<w>" + "|".join(map(re.escape, r["severities"])) + r")\b", re.I)
        self.severities = {k.lower(): v for k, v in r["severities"].items()}
        self.regions = {k.lower(): v for k, v in r["regions"].items()}
        self.finding_types = set(r["finding_types"])
        self.diagnosis_types = set(r["diagnosis_types"])
        self.imaging_rx = re.compile(narrative_rules.words_regex(r["imaging_sources"]), re.I)
        self.not_imaging_rx = re.compile(narrative_rules.words_regex(r["not_imaging_sources"]), re.I)

    def read(self, text: str, mentions: list[Mention], levels: list[Mention]) -> list[Finding]:
        out: list[Finding] = []
        # a report line, or one sentence of a line of prose
        lines = [(m.start(), m.end()) for m in re.finditer(r"(?:[^\n.!?]|[.!?](?!\s+[A-Z]))+[.!?]?", text)]
        negated = [m for m in mentions if m.type in self.finding_types and m.assertion == "negated"]
        not_imaging = self._not_imaging_blocks(text)
        for a, b in lines:
            if any(x <= a < y for x, y in not_imaging):
                continue                # a diagnosis list on a prescription or referral is no imaging report
            on_line = [m for m in mentions if a <= m.start < b]
            lv = [m for m in levels if a <= m.start < b]
            findings = [m for m in on_line if m.type in self.finding_types and m.assertion != "negated"]
            if lv and findings:
                for f, sites in zip(findings, self._pair(findings, lv, b)):
                    stops = [x.start for x in findings + lv if x.start > f.start] + [b]
                    after = text[f.end:min(stops)]
                    before = " ".join(text[max(a, f.start - 30):f.start].split()[-3:])
                    out.append(Finding(mention=f, sites=[x.label for x in sites], site_concepts=[None] * len(sites),
                                       side=self._side(f.text, before, after),
                                       severity=self._severity(f.text, before),
                                       conflict=self._conflict(f, negated)))
            placed = {id(f) for f in findings} if lv else set()
            for f in (m for m in on_line if m.type in self.diagnosis_types and m.assertion != "negated"
                      and id(m) not in placed):
                region = self._region(text, f, on_line)
                if region:
                    label, cid = region
                    out.append(Finding(mention=f, sites=[label], site_concepts=[cid]))
        return out

    def _not_imaging_blocks(self, text: str) -> list[tuple[int, int]]:
        """The lines a non-imaging document introduces (``The prescription included the following
        diagnosis:``): the short lines after it, up to a line of prose or the next introduction."""
        out = []
        for m in re.finditer(r"^[^\n]*:[ \t]*$", text, re.M):
            intro = m.group(0).lower()
            if not self.not_imaging_rx.search(intro) or self.imaging_rx.search(intro):
                continue
            start = end = m.end()
            for line in re.finditer(r"[^\n]*\n?", text[m.end():]):
                body = line.group(0).strip()
                if not line.group(0):
                    break
                if body and (len(body.split()) > 8 and body[-1:] in ".!?" or body.endswith(":") and ":" not in body[:-1]
                             and len(body.split()) > 3):
                    break
                end = m.end() + line.end()
            out.append((start, end))
        return out

    @staticmethod
    def _pair(findings: list[Mention], levels: list[Mention], line_end: int) -> list[list[Mention]]:
        """The levels of each finding on a line: all of them when the line opens with its levels
        (``L4-L5 and L5-S1: mild disc bulging``), else the levels after the finding and before the next
        one; a finding with none shares the next finding's levels (``A and B, C5-C6, C6-C7``)."""
        if all(x.end <= findings[0].start for x in levels):
            return [levels] * len(findings)
        bounds = [f.start for f in findings[1:]] + [line_end]
        own = [[x for x in levels if f.end <= x.start < nxt] for f, nxt in zip(findings, bounds)]
        for i in range(len(own) - 1, -1, -1):
            if not own[i]:
                own[i] = next((o for o in own[i + 1:] if o), None) or \
                    [x for x in levels if x.end <= findings[i].start][-1:]
        return own

    def _side(self, name: str, before: str, after: str) -> str | None:
        m = self.side.search(name) or self.side.search(before) or self.side.search(after)
        return self.sides[m.group("w").lower()] if m else None

    def _severity(self, name: str, before: str) -> str | None:
        m = self.severity.search(name) or self.severity.search(before)
        return self.severities[m.group("w").lower()] if m else None

    @staticmethod
    def _conflict(f: Mention, negated: list[Mention]) -> Mention | None:
        def head(m: Mention) -> str:
            return re.sub(r"[^a-z]", "", (m.text.split() or [""])[-1].lower())[:5]
        for n in negated:
            if (n.concept and n.concept == f.concept) or head(n) == head(f):
                return n
        return None

    def _region(self, text: str, f: Mention, on_line: list[Mention]) -> tuple[str, str | None] | None:
        for m in on_line:
            if m.type == "anatomy" and m.end <= f.start and m.text.lower() in self.regions:
                return self.regions[m.text.lower()]
        for word, value in self.regions.items():
            if re.search(r"\b" + re.escape(word) + r"\b", f.text, re.I):
                return value
        return None


class ImagingComponent:
    """Writes the findings placed in the spine to ``doc._.findings``; the levels are the anatomy
    mentions the narrative mention component added."""

    def __init__(self, rules: str | None):
        self.reader = ImagingReader(narrative_rules.load(rules) if rules else None)

    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            levels = [m for m in doc._.narrative_mentions or [] if m.type == "anatomy" and m.source == "narrative"]
            doc._.findings = self.reader.read(source_text(doc), current_mentions(doc), levels)
        return doc


@Language.factory("spasmkg_imaging_v1", assigns=["doc._.findings"], default_config={"rules": None})
def make_imaging(nlp: Language, name: str, rules: str | None) -> ImagingComponent:
    return ImagingComponent(rules)
