"""Bulleted lists in an account: what a nested item is about, and what a list introduction says of
its items.

Writers review treatments as lists: a short item names the treatment (``- Zorvex``) and
the items nested under it report on it (``- It eased the cramps``); or a sentence says one thing
of every item that follows (``All of these aggravated my back:``). Markdown bullets (``-``, ``*``,
``+``, ``•``) and numbered items (``1.``, ``2)``) are read; indentation gives the nesting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•]|\d{1,2}[.)])[ \t]+(?P<item>\S.*?)[ \t]*$", re.M)
MAX_TOPIC_WORDS = 6


@dataclass(frozen=True)
class Item:
    start: int          # the item's text (after the bullet)
    end: int
    indent: int
    line_start: int

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


class Lists:
    def __init__(self, text: str):
        self.text = text
        self.items = [Item(m.start("item"), m.end("item"), len(m.group("indent").expandtabs(4)), m.start())
                      for m in BULLET.finditer(text)]

    def _item_at(self, offset: int) -> int | None:
        for i, it in enumerate(self.items):
            if it.line_start <= offset <= it.end:
                return i
        return None

    def topic(self, offset: int) -> tuple[int, int] | None:
        """The short item a nested item at ``offset`` is about, as (start, end) without a closing stop."""
        i = self._item_at(offset)
        if i is None:
            return None
        me = self.items[i]
        for j in range(i - 1, -1, -1):
            it = self.items[j]
            if self.text[it.end:self.items[j + 1].line_start].strip():
                return None                      # prose between the items: another list
            if it.indent < me.indent:
                if it.words(self.text) > MAX_TOPIC_WORDS:
                    return None
                end = it.end - 1 if self.text[it.end - 1] in ".:;" else it.end
                return it.start, end
        return None

    def introduced(self, end: int) -> list[tuple[int, int]]:
        """The short top-level items of the list that starts right after ``end`` (a sentence ending in ``:``)."""
        rest = self.text[end:]
        following = [it for it in self.items if it.line_start >= end and not rest[:max(0, it.line_start - end)].strip()]
        if not following:
            return []
        first = following[0]
        out: list[tuple[int, int]] = []
        k = self.items.index(first)
        for j in range(k, len(self.items)):
            it = self.items[j]
            if j > k and self.text[self.items[j - 1].end:it.line_start].strip():
                break                            # prose between the items: the list ended
            if it.indent < first.indent:
                break
            if it.indent == first.indent:
                if it.words(self.text) > MAX_TOPIC_WORDS:
                    break
                out.append((it.start, it.end - 1 if self.text[it.end - 1] in ".:;" else it.end))
        return out
