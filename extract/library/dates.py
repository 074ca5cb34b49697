"""Dates as reference lists write them ('March 3, 2021', '2021 Mar 3', '2021') and as reference
managers store them: CSL's ``date-parts`` (``[[2021, 3, 3]]``), as precise as the text is."""
from __future__ import annotations

from datetime import datetime

from dateutil import parser as dateparser

_DEFAULTS = (datetime(1, 1, 1), datetime(2, 2, 2))


def date_parts(text: str | None) -> list[int] | None:
    """``[year]``, ``[year, month]`` or ``[year, month, day]`` for the parts ``text`` states; None
    when it is no date. A part is stated when parsing with two different defaults agrees on it."""
    if not text or not text.strip():
        return None
    try:
        a, b = (dateparser.parse(text, default=d, fuzzy=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if a.year != b.year:
        return None
    parts = [a.year]
    if a.month == b.month:
        parts.append(a.month)
        if a.day == b.day:
            parts.append(a.day)
    return parts


def text_of(parts: list[int]) -> str:
    """``[2021, 3, 3]`` -> ``2021-03-03`` (ISO 8601, to the precision given)."""
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))
