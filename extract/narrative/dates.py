"""Dates in a patient's account, resolved to ISO values with a running reference date.

People write ``In March 2019`` once and then ``April 2`` or ``two weeks later``. A
:class:`DateResolver` reads the expressions in text order and keeps the last resolved date as its
reference: a date without a year takes the reference's year or the next one, whichever puts it nearer
the reference (a backward jump counts half again as far), so ``February 11`` after ``December 30, 2019`` is
2020-02-11 while ``in August`` after ``November 2010`` stays 2010; a relative date counts from the
reference. Calendar arithmetic is
python-dateutil's ``relativedelta``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
                "several": 3}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PART = r"(?:(?P<part>early|mid|middle of|late|the end of|end of|the beginning of|beginning of|the start of)[\s-]+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Month Day[, Year] with more days listed after it: "February 9, 11, 16 and 25, 2015"
MONTH_DAY = re.compile(
    _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?P<more>(?:\s*(?:,|and|&)\s*(?:and\s+)?[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*[-:]))*)"
    r"(?:,?\s+" + _YEAR + r")?(?!\s*(?:%|percent|mg|years?\b))", re.I)
DAY_MONTH = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.I)
MONTH_YEAR = re.compile(_PART + r"\b" + _MONTH + r"\s*(?:,|of)?\s+" + _YEAR + r"\b", re.I)
MONTH_ONLY = re.compile(r"\b(?:in|since|during|until|by|from|of|last|this|early|mid|late)\s+" + _PART.replace("?P<part>", "?:")
                        + _MONTH + r"\b(?!\s+\d)", re.I)
YEAR_ONLY = re.compile(r"(?<![\d/.-])" + _YEAR + r"(?![\d/-])(?!\s*(?:%|mg|patients|people|adults))")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# not a fraction in an amount: "2 1/2 weeks" is a duration, not 2 January
NUMERIC = re.compile(r"(?<!\d\s)\b(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)(?:/(?P<year>(?:19|20)?\d\d))?\b"
                     r"(?!\s*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|times?|mg|cups?|tablets?|pills?)\b)")
_AMOUNT = r"(?P<n>\d+(?:\s*(?:-|–|to)\s*\d+)?|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
RELATIVE = re.compile(r"\b(?:(?:about|around|roughly|nearly|almost|some|approximately)\s+)?" + _AMOUNT
                      + r"\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|after(?:wards?)?|earlier|before|ago)\b", re.I)
NEXT = re.compile(r"\b(?:the\s+)?(?P<which>next|following)\s+(?P<unit>day|morning|evening|night|week|month|year)\b", re.I)
MONTH_WORDS = {"may"}  # month names that are also common words: need a day or a year beside them
AMBIGUOUS = {"may", "march", "mar", "jan", "sept"}  # as months they are capitalised


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str            # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    kind: str             # absolute | inferred | relative
    approximate: bool = False
    anchor: str | None = None   # for an inferred or relative date: the expression it was counted from


class DateResolver:
    """Resolves date expressions left to right against a running reference date."""

    def __init__(self, reference: dt.date | None = None):
        self.ref: dt.date | None = reference
        self.ref_text: str | None = None       # the expression that set the reference
        self.ref_precision = 10 if reference else 0

    def _infer_year(self, month: int, day: int | None) -> int | None:
        if self.ref is None:
            return None
        best, cost = None, None
        for year in (self.ref.year, self.ref.year + 1):   # an unstated year is never an earlier one
            try:
                d = dt.date(year, month, day or 1)
            except ValueError:
                continue
            gap = (d - self.ref).days
            c = -gap * 1.5 if gap < 0 else gap
            if day is None and year == self.ref.year and month == self.ref.month:
                c = 0
            if cost is None or c < cost:
                best, cost = year, c
        return best

    def _set(self, year: int, month: int | None, day: int | None) -> None:
        self.ref = dt.date(year, month or 1, day or 1)
        self.ref_precision = 10 if day else 7 if month else 4

    def resolve(self, text: str, offset: int = 0) -> list[DateMention]:
        """Every date expression in ``text`` (offsets shifted by ``offset``), resolved in order."""
        found: list[tuple[int, int, str, re.Match]] = []
        taken: list[tuple[int, int]] = []

        def add(kind: str, m: re.Match) -> None:
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                return
            taken.append((s, e))
            found.append((s, e, kind, m))

        for kind, rx in (("iso", ISO), ("month_day", MONTH_DAY), ("day_month", DAY_MONTH), ("month_year", MONTH_YEAR),
                         ("relative", RELATIVE), ("next", NEXT), ("month_only", MONTH_ONLY), ("year", YEAR_ONLY),
                         ("numeric", NUMERIC)):
            for m in rx.finditer(text):
                add(kind, m)
        out: list[DateMention] = []
        for s, e, kind, m in sorted(found, key=lambda f: f[0]):
            anchor = self.ref_text
            for d in self._resolve_one(kind, m, text, offset):
                if d.kind in ("inferred", "relative"):
                    d.anchor = anchor
                out.append(d)
                self.ref_text = d.text
        return out

    def _resolve_one(self, kind: str, m: re.Match, text: str, offset: int) -> list[DateMention]:
        s, e = m.span()
        gd = m.groupdict()
        month = MONTHS.get(gd["month"].lower().rstrip(".")) if gd.get("month") and not gd["month"].isdigit() \
            else int(gd["month"]) if gd.get("month") else None
        year = int(gd["year"]) if gd.get("year") and len(gd["year"]) == 4 else None
        if kind in ("month_day", "day_month") and gd["month"].lower() in AMBIGUOUS and not gd["month"][0].isupper():
            return []
        if kind in ("month_day", "day_month", "iso", "numeric"):
            if kind == "numeric" and gd.get("year") and len(gd["year"]) == 2:
                year = 2000 + int(gd["year"]) if int(gd["year"]) < 50 else 1900 + int(gd["year"])
            days = [int(gd["day"])]
            if gd.get("more"):
                days += [int(x) for x in re.findall(r"\d+", gd["more"])]
            inferred = year is None
            year = year or self._infer_year(month, days[0])
            if year is None:
                return []
            out = []
            # a list of days shares the month; the last of them may carry the year
            span_starts = [s] + [s + mm.start() for mm in re.finditer(r"\d+", m.group(0))][1:len(days)]
            for i, day in enumerate(days):
                try:
                    dt.date(year, month, day)
                except ValueError:
                    continue
                a = span_starts[i]
                b = e if i == len(days) - 1 else span_starts[i + 1]
                frag = m.group(0)[a - s:b - s].rstrip(" ,&and")
                out.append(DateMention(offset + a, offset + a + len(frag), frag,
                                       f"{year:04d}-{month:02d}-{day:02d}", "inferred" if inferred else "absolute"))
            if out:
                self._set(year, month, days[-1])
            return out
        if kind == "month_year":
            self._set(year, month, None)
            part = (gd.get("part") or "").lower()
            # "mid-September": later relative dates count from the middle of the month
            self.ref = self.ref.replace(day=5 if "early" in part or "beginning" in part or "start" in part
                                        else 15 if "mid" in part else 25 if part else 1)
            return [DateMention(offset + s, offset + e, m.group(0), f"{year:04d}-{month:02d}", "absolute",
                                approximate=bool(gd.get("part")))]
        if kind == "month_only":
            word = gd["month"].lower().rstrip(".")
            if word in AMBIGUOUS and not gd["month"][0].isupper():
                return []
            if word in MONTH_WORDS or len(word) == 3 and word not in ("jan", "feb", "aug", "oct", "nov", "dec"):
                return []
            year = self._infer_year(month, None)
            if year is None:
                return []
            self._set(year, month, None)
            return [DateMention(offset + s, offset + e, m.group(0), f"{year:04d}-{month:02d}", "inferred")]
        if kind == "year":
            year = int(m.group("year"))
            self._set(year, None, None)
            return [DateMention(offset + s, offset + e, m.group(0), f"{year:04d}", "absolute")]
        if kind in ("relative", "next"):
            if self.ref is None or self.ref_precision < 7:
                return []
            if kind == "next":
                n, unit, sign = 1, m.group("unit").lower(), 1
                unit = "day" if unit in ("morning", "evening", "night") else unit
            else:
                n = _amount(m.group("n"))
                unit = m.group("unit").lower().rstrip("s")
                sign = -1 if m.group("dir").lower() in ("earlier", "before", "ago") else 1
            delta = relativedelta(**{unit + "s": sign * n})
            d = self.ref + delta
            precision = 10 if unit in ("day", "week") and self.ref_precision == 10 else 7
            value = d.isoformat()[:precision]
            self._set(d.year, d.month, d.day if precision == 10 else None)
            return [DateMention(offset + s, offset + e, m.group(0), value, "relative", approximate=True)]
        return []


def _amount(text: str) -> int:
    t = text.lower()
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    nums = [int(x) for x in re.findall(r"\d+", t)]
    return round(sum(nums) / len(nums)) if nums else 1
