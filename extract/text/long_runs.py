"""Long runs of characters without a space, broken up before spaCy's tokenizer reads them.

The tokenizer strips prefixes and suffixes from a token one at a time, re-matching the rest each
time: a run of n brackets or quotes costs n² (4,000 nested parentheses: 18 s; 10,000 in a 100 KB
file: 41 s). No word of prose is that long, so in the copy the parser reads (the same length as the
original, every offset unchanged) every ``limit``-th character of a longer run becomes a space.
Mentions and claims still quote the original text.
"""
from __future__ import annotations

import re

from spasmkg.common import limits


def break_long_runs(text: str, limit: int | None = None) -> str:
    """``text`` with each run of more than ``limit`` non-space characters cut by a space every
    ``limit`` characters (default :data:`spasmkg.common.limits.MAX_RUN_CHARS`)."""
    limit = limit or limits.MAX_RUN_CHARS
    long_run = re.compile(r"\S{%d,}" % (limit + 1))
    if not long_run.search(text):
        return text

    def cut(m: re.Match) -> str:
        chars = list(m.group())
        for i in range(limit, len(chars), limit + 1):
            chars[i] = " "
        return "".join(chars)

    return long_run.sub(cut, text)
