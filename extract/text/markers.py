"""Citation markers in the forms reviews use: ``^{1,2}``, Unicode superscripts, ``<sup>1-5</sup>``,
``[1]``, ``[1, 2]``, ``[3–5]``, chained or glued brackets (``[1][2]``, ``obesity[12]``), parenthesised
numbers (``(1)``, ``(2, 3)``) and superscripts flattened into plain digits, either glued to the
punctuation that closes a clause (``pain.12 Next``) or set after a word (``lifetime 1-5.``,
``L5/S1 9, and``, ``100,000) 1.``).

Plain numbers in prose (``30 and 60 degrees``), enumerations ``(1) The ...``, caption numbering and
scale ends (``zero to 10``) are never markers. The forms that are not typographically marked
(parentheses, flattened digits) are the document's own habit or nothing: they count only in a
document without typographic markers, that uses the form several times, whose numbers all fall
inside its reference list, and never after a word that takes a number (``grade 2``, ``aged 30``).
Markers separated only by spaces or commas (``[1] [2] [3]``) are one chained marker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TABLE = str.maketrans(SUPERSCRIPT_DIGITS + "⁻", "0123456789-")
_LIST = r"\d{1,3}(?:\s*[,–—\-‐‑;]\s*\d{1,3}){0,30}"
_PLAIN_LIST = r"\d{1,3}(?:(?:,\s?|[–\-‐‑])\d{1,3}){0,30}"

# Each pattern captures the number list in group "nums". Atomic groups keep matching linear.
#: typographic forms: a marker wherever they occur
PATTERNS: dict[str, re.Pattern[str]] = {
    "caret": re.compile(r"\^\{(?P<nums>" + _LIST + r")\}"),
    "caret_bare": re.compile(r"\^(?P<nums>\d{1,3}(?:[,–\-]\d{1,3}){0,30})(?![\d}])"),
    "html_sup": re.compile(r"<sup>\s*(?P<nums>" + _LIST + r")\s*</sup>", re.I),
    "unicode_sup": re.compile(
        r"(?P<nums>[" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:[⁻,˒‚·–\-][" + SUPERSCRIPT_DIGITS + r"]{1,3}){0,30})"),
    # glued to a word or to the previous bracket is fine ('obesity[12]', '[1][2]'); a markdown link
    # '[1](#ref1)' is a marker with its target, so is '[3]:12' (a page); an image '![1]' or a link
    # definition '[1]: https://…' is not
    "bracket": re.compile(r"(?<!!)\[[ \t]?(?P<nums>" + _LIST + r")[ \t]?\](?:\((?:https?://|www\.|#|/)[^\s()]{0,2000}\))?(?!:[ \t]*(?:https?://|www\.|<))"),
}
#: bare numbers glued to clause-closing punctuation, followed by a space and a capital or the end
BARE = re.compile(r"(?<=[a-z\)][.,;:])(?P<nums>\d{1,3}(?:[,–\-]\d{1,3}){0,30})(?=\s+[A-Z(]|\s*$|\s*\n)")
#: flattened superscripts set after a word: 'change 9.', 'L5/S1 9, and', 'signs 1-3:' or at a line's end
#: (unless the next line goes on in lower case: then the number belongs to a sentence wrapped there)
SPACED = re.compile(r"(?<=[^\s(\[{])[^\S\n](?P<nums>" + _PLAIN_LIST + r")(?=[.,;:](?:\s|$)|[^\S\n]{0,20}(?:$|\n(?![^\S\n]{0,20}[a-z])))")
#: the same set mid-sentence, before a conjunction ('is advised 1 and quinine ...'): a marker only in a
#: document whose habit the clause-closing ones have already shown
SPACED_MIDWAY = re.compile(r"(?<=[^\s(\[{\d])[^\S\n](?P<nums>" + _PLAIN_LIST + r")(?=[^\S\n](?:and|but|while|whereas|which|although)\b)")
#: flattened superscripts glued to the word they follow: 'lifetime1-5', 'spasms3.'; the word is checked
#: in code (all lower case after its first letter, three letters or more: never 'L5', 'B12', 'T2')
GLUED = re.compile(r"(?<=[a-z])(?P<nums>" + _PLAIN_LIST + r")(?=[.,;:]?(?:\s|$))")
GLUED_WORD = re.compile(r"(?:^|[^\w])(?P<word>[A-Za-z]?[a-z]{2,40})$")
#: what may follow a marker that closes a clause: punctuation and a space, or the end of the line
CLOSES = re.compile(r"[.,;:]?[^\S\n]{0,20}(?:\n|$)|[.,;:](?:\s|$)")
#: parenthesised numbers: '(1)', '(2, 3)', '(4-6)'
PAREN = re.compile(r"\((?P<nums>" + _LIST + r")\)")
#: markers in a chain are separated by nothing but spaces, commas or semicolons
#: ('[1] [2]', '[1], [2]', '[1] and [2]'), or a range between two of them ('[1]–[5]', '[1] to [5]')
CHAIN_GAP = re.compile(r"[\s,;]{0,6}(?:(?:and|&)[\s,;]{1,6}|(?P<to>to\s|[–—-]\s?))?\s{0,6}")
_LIST_SEPARATOR = re.compile(r"\s*[,;˒‚·]\s*")
_RANGE_SEPARATOR = re.compile(r"\s*[–—\-‐‑]\s*")
#: how many times a document must use an untyped form before it counts as its habit
#: (twice is enough for flattened digits when a reference list bounds the numbers: a document with a
#: list and no other marker cites somehow)
HABIT = {"paren": 2, "bare": 3, "bare_in_list": 2}


@lru_cache(maxsize=1)
def number_taking_words() -> frozenset[str]:
    """Words after which a number is a quantity or a label (``grade 2``), from the shipped rules."""
    from spasmkg.extract import rules
    return frozenset(w.lower() for w in rules.load("citation_rules")["number_taking_words"])


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    text: str
    refs: tuple[int, ...]
    style: str


def expand(nums: str, max_range: int = 60) -> list[int]:
    """``"1,3-5"`` -> ``[1, 3, 4, 5]``; a range only when it ascends and is short."""
    nums = nums.translate(_SUP_TABLE).strip()
    if nums.isdigit():
        return [int(nums)]
    out: list[int] = []
    for part in _LIST_SEPARATOR.split(nums):
        if not part:
            continue
        bounds = _RANGE_SEPARATOR.split(part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            a, b = int(bounds[0]), int(bounds[1])
            if a < b <= a + max_range:
                out.extend(range(a, b + 1))
                continue
            out.extend([a, b])
        elif part.isdigit():
            out.append(int(part))
    return list(dict.fromkeys(out))


def uses_bare_style(text: str) -> bool:
    """True when bare numbers glued after punctuation are this document's citation style.

    Decided per document: several such numbers, and none of the typographic forms.
    """
    if any(p.search(text) for name, p in PATTERNS.items() if name != "caret_bare"):
        return False
    return len(BARE.findall(text)) >= HABIT["bare"]


def _word_before(text: str, at: int) -> str:
    """The word that ends just before ``at`` (spaces skipped), lower case, without punctuation."""
    k = at
    while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
        k -= 1
    j = max(0, k - 40)
    token = text[j:k].split()[-1] if text[j:k].split() else ""
    return token.strip("\"'“”‘’*_").lower()


def _quantity_context(text: str, at: int) -> bool:
    """True when the number at ``at`` follows a word that takes a number (``grade (2)``, ``aged 30.``)."""
    word = _word_before(text, at)
    return word.rstrip(".,;:") in number_taking_words() or word[-1:] in "=<>≤≥~±×+"


def _typed(text: str) -> list[tuple[re.Match[str], str]]:
    return [(m, style) for style, pat in PATTERNS.items() for m in pat.finditer(text)]


def _habitual(text: str, max_ref: int | None) -> list[tuple[re.Match[str], str]]:
    """Untyped markers (parenthesised numbers, flattened superscripts), kept only when they are the
    document's habit: each form used at least :data:`HABIT` times, every number in the list."""
    def inside(m: re.Match[str]) -> bool:
        refs = expand(m.group("nums"))
        return bool(refs) and (max_ref is None or all(1 <= r <= max_ref for r in refs))

    paren = []
    for m in PAREN.finditer(text):
        a, b = m.span()
        glued = a > 0 and not text[a - 1].isspace() and text[a - 1] not in "([{"
        closes = CLOSES.match(text, b) is not None
        if max_ref is not None and inside(m) and (glued or closes) and not _quantity_context(text, a):
            paren.append((m, "paren"))
    bare = [(m, "bare") for m in BARE.finditer(text) if inside(m)]
    if max_ref is not None:
        for m in GLUED.finditer(text):
            word = GLUED_WORD.search(text, max(0, m.start() - 42), m.start())
            if word and inside(m) and word.group("word").lower() not in number_taking_words():
                bare.append((m, "bare"))
        bare += [(m, "bare") for m in SPACED.finditer(text)
                 if inside(m) and not _quantity_context(text, m.start("nums"))]
    out = []
    # glued to the punctuation that closes a clause ('review.(1)') a number in parentheses is a
    # citation however often the document does it; spaced or glued to a word it needs the habit
    if len(paren) >= HABIT["paren"] or any(m.start() > 0 and text[m.start() - 1] in ".,;:" for m, _ in paren):
        out += paren
    if len(bare) >= HABIT["bare" if max_ref is None else "bare_in_list"]:
        out += bare
        out += [(m, "bare") for m in SPACED_MIDWAY.finditer(text)
                if inside(m) and not _quantity_context(text, m.start("nums"))]
    return out


def find_markers(text: str, max_ref: int | None = None) -> list[Marker]:
    """All citation markers in ``text``, in order, without overlaps, chains joined into one.

    ``max_ref``: the number of entries in the document's reference list, when known; bracketed and
    bare numbers above it are taken as prose, not markers, unless the document cites in brackets
    (two or more bracketed markers within its list): then ``[31]`` in a list of 30 is a marker that
    points to a missing reference, which the integrity report names.
    """
    found: list[Marker] = []
    taken = bytearray(len(text))        # one flag per character: linear, whatever the marker count
    typed = _typed(text)
    bracket_style = max_ref is not None and sum(
        1 for m, style in typed if style == "bracket"
        and all(1 <= r <= max_ref for r in expand(m.group("nums")))) >= 2

    def add(m: re.Match[str], style: str) -> None:
        a, b = (m.start("nums"), m.end()) if style == "bare" and m.group(0)[:1].isspace() else m.span()
        if 1 in taken[a:b]:
            return
        refs = tuple(expand(m.group("nums")))
        if not refs:
            return
        out_of_list = max_ref and any(r > max_ref or r < 1 for r in refs)
        if out_of_list and (style == "bare" or (style == "bracket" and not bracket_style)):
            return
        taken[a:b] = b"\x01" * (b - a)
        found.append(Marker(a, b, text[a:b], refs, style))

    for m, style in typed:
        add(m, style)
    if not any(mk.style != "caret_bare" for mk in found):
        for m, style in _habitual(text, max_ref):
            add(m, style)
    found.sort(key=lambda mk: mk.start)
    return chain(text, found)


def chain(text: str, markers: list[Marker]) -> list[Marker]:
    """Join markers separated only by spaces, commas, semicolons or 'and' (``[1] [2]``, ``^{1}^{2}``)
    into one marker carrying all their numbers: together they back one claim. ``[1]–[4]`` is a range."""
    out: list[Marker] = []
    for mk in markers:
        prev = out[-1] if out else None
        gap = CHAIN_GAP.fullmatch(text, prev.end, mk.start) if prev is not None else None
        if gap is not None:
            between: tuple[int, ...] = ()
            if gap.group("to") and prev.refs[-1] < mk.refs[0] <= prev.refs[-1] + 60:
                between = tuple(range(prev.refs[-1] + 1, mk.refs[0]))
            refs = tuple(dict.fromkeys(prev.refs + between + mk.refs))
            out[-1] = Marker(prev.start, mk.end, text[prev.start:mk.end], refs, prev.style)
        else:
            out.append(mk)
    return out


def mask(text: str, markers: list[Marker]) -> str:
    """``text`` with every marker overwritten by spaces (same length, same offsets)."""
    chars = list(text)
    for mk in markers:
        for k in range(mk.start, mk.end):
            chars[k] = " "
    return "".join(chars)
