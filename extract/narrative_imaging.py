"""Imaging findings and diagnoses located in the spine, read from a report quoted in a narrative.

Vertebral disc levels (``T6-T7``, ``T9-10``, ``L5/S1``) become anatomy mentions with a normalized
label (``T9-T10``). Every finding on a report line is linked to the levels on that line, with the side
(``right``, ``left``, ``bilateral``, ``central``) and severity (``mild``, ``small``…) written beside it;
a diagnosis is linked to the spinal region of its line (``Lumbar Spine: Facet dysfunction``) or of its
own name (``Thoracic disc degeneration``). When the same report also denies a finding it lists
(``no evidence of disc bulge``), the affirmed finding keeps a pointer to that negated mention: the
contradiction is kept, not resolved. Word lists are data: ``rules/narrative_imaging.json``.
"""
from __future__ import annotations

import re

from . import narrative_rules
from .model import Finding, Mention

REGIONS = {"C": (1, 8), "T": (1, 12), "L": (1, 5), "S": (1, 5)}
ORDER = "CTLS"
LEVEL = re.compile(r"(?<![\w-])(?P<r1>[CTLS])(?P<n1>\d{1,2})\s*(?:-|–|/|to)\s*(?P<r2>[CTLS])?(?P<n2>\d{1,2})(?![\w-])")


def level_label(m: re.Match) -> str | None:
    """``T9-10`` -> ``T9-T10``; None when the pair is not two adjacent vertebrae."""
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
        r = rules or narrative_rules.load("imaging")
        self.side = re.compile(r"\b(?P<w>" + "|".join(map(re.escape, r["sides"])) + r")\b", re.I)
        self.sides = {k.lower(): v for k, v in r["sides"].items()}
        self.severity = re.compile(r"\b(?P<w>" + "|".join(map(re.escape, r["severities"])) + r")\b", re.I)
        self.severities = {k.lower(): v for k, v in r["severities"].items()}
        self.regions = {k.lower(): v for k, v in r["regions"].items()}
        self.finding_types = set(r["finding_types"])
        self.diagnosis_types = set(r["diagnosis_types"])

    def read(self, text: str, mentions: list[Mention], levels: list[Mention]) -> list[Finding]:
        out: list[Finding] = []
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        negated = [m for m in mentions if m.type in self.finding_types and m.assertion == "negated"]
        anatomy = {m.concept: m for m in mentions if m.type == "anatomy" and m.concept}
        for a, b in lines:
            on_line = [m for m in mentions if a <= m.start < b]
            lv = [m for m in levels if a <= m.start < b]
            findings = [m for m in on_line if m.type in self.finding_types and m.assertion != "negated"]
            if lv and findings:
                for i, f in enumerate(findings):
                    nxt = findings[i + 1].start if i + 1 < len(findings) else b
                    ctx = text[f.start:nxt]
                    out.append(Finding(mention=f, sites=[x.label for x in lv], site_concepts=[None] * len(lv),
                                       side=self._side(f, ctx), severity=self._severity(text, f),
                                       conflict=self._conflict(f, negated)))
            for f in (m for m in on_line if m.type in self.diagnosis_types and m.assertion != "negated"):
                region = self._region(text, f, on_line)
                if region:
                    label, cid = region
                    out.append(Finding(mention=f, sites=[label], site_concepts=[cid]))
        return out

    def _side(self, f: Mention, ctx: str) -> str | None:
        m = self.side.search(f.text) or self.side.search(ctx)
        return self.sides[m.group("w").lower()] if m else None

    def _severity(self, text: str, f: Mention) -> str | None:
        before = text[max(0, f.start - 25):f.start].split()[-3:]
        m = self.severity.search(f.text) or self.severity.search(" ".join(before))
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
