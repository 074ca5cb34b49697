"""Durations and age ranges in prose, normalized to numbers so statements can be compared.

``"from seconds to several minutes"`` -> 1 s .. 600 s; ``"2 to 4 weeks"`` -> 14 .. 28 days;
``"15 minutes or longer"`` -> 900 s .. open; ``"for days"`` -> 2 .. 13 days; ``"aged 30 to 55 years"`` ->
ages 30 .. 55. Vague words (a few, several) get conventional ranges, kept in one table.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400,
                "month": 30 * 86400, "year": 365 * 86400}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "zero": 0}
VAGUE = {"a few": (2, 4), "few": (2, 4), "several": (3, 7), "many": (5, 20), "some": (2, 5)}
# a bare plural unit ('for days', 'lasts weeks') spans from two of it to just under the next unit
BARE_PLURAL = {"seconds": (2, 59), "minutes": (2, 59), "hours": (2, 23), "days": (2, 13), "weeks": (2, 8),
               "months": (2, 11), "years": (2, 10)}
# words that stand for one whole unit
WHOLE = {"all week": (1, 1, "week"), "all day": (1, 1, "day"), "all night": (1, 1, "day"),
         "all weekend": (2, 3, "day"), "all month": (1, 1, "month")}

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
_VAGUE = "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True))
_UNIT = r"(?P<unit{k}>second|minute|hour|day|week|month|year)s?"
_AMOUNT = rf"(?:(?P<vague{{k}}>{_VAGUE})|(?P<n{{k}}>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<m{{k}}>{_NUM}))?)"


def _amount(k: int) -> str:
    return _AMOUNT.format(k=k)


RANGE = re.compile(
    rf"\b(?:from\s+|between\s+|about\s+|approximately\s+|up\s+to\s+|within\s+)?"
    rf"(?:(?:{_amount(1)}\s+{_UNIT.format(k=1)}|(?P<bare1>seconds|minutes|hours|days|weeks|months|years))"
    rf"\s+(?:to|and|-|–)\s+)?"
    rf"(?:{_amount(2)}[\s-]+{_UNIT.format(k=2)}|(?P<bare2>seconds|minutes|hours|days|weeks|months|years))"
    rf"(?P<open>\s+or\s+(?:longer|more))?\b", re.I)
WHOLE_RE = re.compile(r"\b(" + "|".join(map(re.escape, WHOLE)) + r")\b", re.I)
AGE = re.compile(rf"\b(?:aged?|ages\s+of|between\s+the\s+ages\s+of)\s+(?:between\s+)?(?P<a>\d{{1,3}})\s*(?:-|–|to|and)\s*(?P<b>\d{{1,3}})\b", re.I)


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float            # math.inf when open-ended ('or longer')
    text: str
    start: int
    end: int
    kind: str = "duration"  # duration (seconds) | age (years)
    stated_high: float | None = None   # the last value written, when the range is open-ended

    @property
    def open_ended(self) -> bool:
        return math.isinf(self.high)


def _num(s: str) -> float:
    s = s.lower()
    return float(NUMBER_WORDS.get(s, s)) if s in NUMBER_WORDS else float(s)


def _side(m: re.Match, k: int) -> tuple[float, float] | None:
    bare = m.group(f"bare{k}")
    if bare:
        lo, hi = BARE_PLURAL[bare.lower()]
        unit = UNIT_SECONDS[bare.lower().rstrip("s")]
        return lo * unit, hi * unit
    unit_word = m.group(f"unit{k}")
    if not unit_word:
        return None
    unit = UNIT_SECONDS[unit_word.lower()]
    if m.group(f"vague{k}"):
        lo, hi = VAGUE[m.group(f"vague{k}").lower()]
    else:
        lo = _num(m.group(f"n{k}"))
        hi = _num(m.group(f"m{k}")) if m.group(f"m{k}") else lo
    return lo * unit, hi * unit


def durations(text: str, offset: int = 0) -> list[Quantity]:
    """Every duration phrase in ``text`` as a range of seconds (offsets shifted by ``offset``)."""
    out: list[Quantity] = []
    for m in RANGE.finditer(text):
        right = _side(m, 2)
        if right is None:
            continue
        left = _side(m, 1)
        low = left[0] if left else right[0]
        high = math.inf if m.group("open") else right[1]
        out.append(Quantity(low, high, m.group(0), offset + m.start(), offset + m.end(), stated_high=right[1]))
    for m in WHOLE_RE.finditer(text):
        lo, hi, unit = WHOLE[m.group(1).lower()]
        out.append(Quantity(lo * UNIT_SECONDS[unit], hi * UNIT_SECONDS[unit], m.group(0),
                            offset + m.start(), offset + m.end()))
    return sorted(out, key=lambda q: q.start)


def age_ranges(text: str, offset: int = 0) -> list[Quantity]:
    return [Quantity(float(m.group("a")), float(m.group("b")), m.group(0), offset + m.start(), offset + m.end(), "age")
            for m in AGE.finditer(text)]


def humanize(seconds: float) -> str:
    """The largest unit that states ``seconds`` as a whole number ('13 days', not '1.86 weeks')."""
    if math.isinf(seconds):
        return "open-ended"
    units = ("year", "month", "week", "day", "hour", "minute", "second")
    for unit in units:
        v = seconds / UNIT_SECONDS[unit]
        if v >= 1 and abs(v - round(v)) < 0.05:
            n = round(v)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    for unit in units:
        v = seconds / UNIT_SECONDS[unit]
        if v >= 1:
            return f"{v:.1f} {unit}s"
    return f"{seconds:.2g} seconds"


def span_text(low: float, high: float) -> str:
    return humanize(low) if low == high else f"{humanize(low)} to {humanize(high)}"
