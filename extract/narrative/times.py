"""Words that place an episode in time, whether or not they resolve to a calendar date.

A writer places episodes with ``On Sunday``, ``last week``, ``three weeks ago``, ``After college``,
``In the first year`` as often as with ``March 2016``; how often with ``now and then``. A
:class:`TimeFinder` finds those spans, so an episode is kept (undated, or dated by what the
:class:`~.dates.DateResolver` can support) instead of lost. Patterns are data:
``rules/narrative_times.json``.
"""
from __future__ import annotations

import re

from spasmkg.extract import rules as rule_files


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class TimeFinder:
    def __init__(self, rules: dict | None = None):
        r = rules or rule_files.load("narrative_times")
        fills = {"N": "|".join(sorted(r["numbers"], key=len, reverse=True)), "UNIT": _alt(r["units"]),
                 "DAY": _alt(r["weekdays"]), "MONTH": _alt(r["months"]), "PART": _alt(r["day_parts"]), "SEASON": _alt(r["seasons"]),
                 "HOLIDAY": _alt(r["holidays"]), "STAGE": _alt(r["life_stages"])}
        self.patterns = [re.compile(re.sub(r"\{(\w+)\}", lambda m: fills[m.group(1)], p), re.I)
                         for p in r["patterns"]]
        self.frequency_rx = re.compile(r"\b(?:" + _alt(r["frequency_adverbs"]) + r")\b", re.I)

    def find(self, text: str, offset: int = 0) -> list[tuple[int, int]]:
        """The time expressions of ``text`` as (start, end) offsets shifted by ``offset``, in text order,
        the longest where they overlap."""
        found: list[tuple[int, int]] = []
        for rx in self.patterns:
            for m in rx.finditer(text):
                if m.end() > m.start():
                    found.append(m.span())
        found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if out and s < out[-1][1]:
                continue
            out.append((s, e))
        return [(s + offset, e + offset) for s, e in out]

    def frequency(self, text: str) -> str | None:
        """A frequency adverb of ``text`` (``now and then``), as written."""
        m = self.frequency_rx.search(text)
        return m.group(0) if m else None
