"""Relations stated by a document's structure rather than by a sentence: the items of a list under
a heading or lead line that names the relation ("Risk factors", "Etiology", "conditions that can
cause X:", "- Symptoms: A, B, or C").

Reference works and patient leaflets list causes, risk factors and symptoms one per line. Each item
is a head of the relation the heading names; the tail is the condition the lead line names, else
the document's topic (the condition it names most). An item the mentions do not cover becomes a
new mention of the relation's head type (``source == "rule"``) when it is a short noun phrase.
Cue words and allowed types are data: ``rules/section_relations.json``. Lists of symptoms and
signs are left to the cue engine's ``label`` and ``introduces`` patterns (``rules/relation_rules.json``),
which grow each item to its whole phrase; relations it already holds are not read twice.

The same structure types things: the top-level items under a heading or lead line about exercise,
equipment or treatments are treatments, under one about medicines or supplements drugs
(:func:`list_mentions`), in a patient's account as in a review.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from spasmkg.extract.model import Mention, Relation, Section, Span
from spasmkg.extract import rules as rule_files

BULLET = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+")
LABEL = re.compile(r"^\s*(?:[-•*–]\s+)?(?P<label>[A-Z][A-Za-z /-]{2,40}):\s+")
TRAILING_REFS = re.compile(r"(?:\s+\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)+\s*$")


@lru_cache(maxsize=1)
def section_rules() -> dict:
    return rule_files.load("section_relations")


def _cue(text: str, rules: dict) -> str | None:
    low = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    for rel, spec in rules["relations"].items():
        if any(f" {c} " in low for c in spec["cues"]):
            return rel
    return None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if line.strip():
            out.append((a, b))
    return out


def _continued(text: str, lines: list[tuple[int, int]], k: int) -> int:
    """The end of line ``k`` with the lines that continue it (a hard-wrapped item: no blank line,
    no bullet, no heading before them)."""
    end = lines[k][1]
    for a, b in lines[k + 1:]:
        line = text[a:b]
        if a != end + 1 or BULLET.match(line) or LABEL.match(line) or line.lstrip().startswith("#"):
            break
        end = b
    return end


def topic(mentions: list[Mention]) -> Mention | None:
    """The condition the document names most often (its first mention), ties to the earliest."""
    conds = [m for m in mentions if m.type == "condition" and m.assertion != "negated"]
    if not conds:
        return None
    counts = Counter((m.concept or m.text.lower()) for m in conds)
    best = max(counts.values())
    return next(m for m in conds if counts[m.concept or m.text.lower()] == best)


class SectionRelations:
    def __init__(self, rules: dict | None = None):
        self.rules = rules or section_rules()
        self.max_words = int(self.rules["max_item_words"])

    def read(self, text: str, doc: Doc, sections: list[Section], mentions: list[Mention]) -> tuple[list[Relation], list[Mention]]:
        """Relations from list items, and the new mentions their items needed."""
        subject = topic(mentions)
        found: list[Relation] = []
        created: list[Mention] = []
        for sec in sections:
            if sec.kind != "body":
                continue
            lines = _lines(text, sec.start, sec.end)
            rel = _cue(sec.title, self.rules) if sec.title else None
            if rel:
                items = [ln for ln in lines if self._short(text, ln)]
                found += self._relate(rel, items, None, subject, text, doc, mentions, created)
            for k, (a, b) in enumerate(lines):
                line = text[a:b]
                label = LABEL.match(line)
                if label and (lrel := _cue(label.group("label"), self.rules)):
                    b = _continued(text, lines, k)
                    found += self._relate(lrel, [(a + label.end(), b)], (a + label.end(), b), subject, text, doc,
                                          mentions, created, split=True)
                elif line.rstrip().endswith(":") and (lrel := _cue(line, self.rules)):
                    items = []
                    for ln in lines[k + 1:]:
                        if text[ln[0]:ln[1]].rstrip().endswith(":"):
                            break                   # the next lead line opens its own list
                        if self._short(text, ln):    # a long line is prose between groups: skipped
                            items.append(ln)
                    found += self._relate(lrel, items, (a, b), subject, text, doc, mentions, created)
        return _unique(found), created

    def _short(self, text: str, line: tuple[int, int]) -> bool:
        words = text[line[0]:line[1]].split()
        return 0 < len(words) <= self.max_words and not text[line[0]:line[1]].rstrip().endswith(":")

    def _relate(self, rel: str, items: list[tuple[int, int]], lead: tuple[int, int] | None, subject,
                text: str, doc: Doc, mentions: list[Mention], created: list[Mention],
                split: bool = False) -> list[Relation]:
        spec = self.rules["relations"][rel]
        heads_ok, tails_ok = set(spec["heads"]), set(spec["tails"])
        out = []
        for a, b in items:
            inside = [m for m in mentions + created if a <= m.start and m.end <= b]
            tails = [m for m in inside if m.type in tails_ok and m.assertion != "negated"] if split else []
            if not tails and lead is not None and not split:
                tails = [m for m in mentions if lead[0] <= m.start and m.end <= lead[1]
                         and m.type in tails_ok and m.assertion != "negated"][:1]
            if not tails and subject is not None:
                tails = [subject]
            heads = [m for m in inside if m.type in heads_ok and not _in_parentheses(text, m)
                     and not any(m is t for t in tails)]
            if not heads and not split and spec.get("new"):
                item = self._item(text, doc, a, b, spec["new"])
                if item is not None and not any(m.start < item.end and item.start < m.end and m.type != "anatomy"
                                                for m in inside):
                    created.append(item)
                    heads = [item]
            sentence = Span(a, b, text[a:b])
            for h in heads:
                for t in tails:
                    if h.start != t.start and (h.concept is None or h.concept != t.concept):
                        out.append(Relation(type=spec.get("relation", rel), head=h, tail=t, sentence=sentence,
                                            rule=f"{rel}:section-list"))
        return out

    def _item(self, text: str, doc: Doc, a: int, b: int, typ: str) -> Mention | None:
        """The line as a new mention: bullet, trailing reference numbers and a parenthesis dropped."""
        line = text[a:b]
        bullet = BULLET.match(line)
        s = a + (bullet.end() if bullet else 0)
        body = text[s:b]
        cut = body.find("(")
        if cut > 0:
            body = body[:cut]
        body = TRAILING_REFS.sub("", body.rstrip()).rstrip(" ,;.")
        e = s + len(body)
        span = doc.char_span(s, e, alignment_mode="contract")
        while span is not None and len(span) and span[0].pos_ in ("DET", "PRON", "CCONJ", "PUNCT"):
            span = span[1:]
        if span is None or not span.text.strip() or len(span) > 8 \
                or not any(t.pos_ in ("NOUN", "PROPN") for t in span) \
                or span[-1].pos_ in ("ADP", "DET", "CCONJ", "PRON", "AUX", "ADJ", "ADV"):
            return None
        return Mention(span.start_char, span.end_char, text[span.start_char:span.end_char], typ, None,
                       " ".join(span.text.lower().split()), source="rule")


def _in_parentheses(text: str, m: Mention) -> bool:
    before = text.rfind("(", 0, m.start)
    return before >= 0 and text.rfind(")", before, m.start) < 0 and text.find(")", m.end) >= 0 \
        and "\n" not in text[before:m.start]


MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(?P<title>.+?)\s*#*\s*$")
TOP_BULLET = re.compile(r"^(?:[-•*–]|\d{1,2}[.)])\s+(?P<item>.+?)\s*$")


def _list_type(words: str, rules: dict) -> str | None:
    low = " " + re.sub(r"[^a-z]+", " ", words.lower()) + " "
    for typ, cues in rules["typed_lists"].items():
        if any(f" {c} " in low for c in cues):
            return typ
    return None


def list_mentions(text: str, doc: Doc, mentions: list[Mention], rules: dict | None = None) -> list[Mention]:
    """New mentions for the short top-level items of lists under a heading or lead line that names
    treatments or drugs; an item that already holds a mention keeps it."""
    rules = rules or section_rules()
    out: list[Mention] = []
    current: str | None = None
    pos = 0
    for line in text.split("\n"):
        a, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        heading = MARKDOWN_HEADING.match(line)
        if heading:
            current = _list_type(heading.group("title"), rules)
            continue
        label = LABEL.match(line)
        if label and (typ := _list_type(label.group("label"), rules)):
            out += _label_items(text, doc, a + label.end(), a + len(line), typ, mentions + out, rules)
            continue
        if line.rstrip().endswith(":"):
            current = _list_type(line, rules) or current     # a lead line without a cue keeps its heading's
            continue
        bullet = TOP_BULLET.match(line)
        if bullet is None:
            if not line[:1].isspace() and len(line.split()) > int(rules["max_item_words"]):
                current = None if not line.rstrip().endswith(":") else current
            continue
        if current is None:
            continue
        s = a + bullet.start("item")
        item = bullet.group("item").rstrip(" .;,")
        e = s + len(item)
        if not 1 <= len(item.split()) <= int(rules["max_typed_item_words"]):
            continue
        if any(m.start < e and s < m.end and m.type != "anatomy" for m in mentions + out):
            continue
        span = doc.char_span(s, e, alignment_mode="contract")
        if span is None or not any(t.is_alpha for t in span):
            continue
        out.append(Mention(span.start_char, span.end_char, text[span.start_char:span.end_char], current, None,
                           " ".join(span.text.lower().split()), source="rule"))
    return out


def _label_items(text: str, doc: Doc, start: int, end: int, typ: str, mentions: list[Mention],
                 rules: dict) -> list[Mention]:
    """'- Relief: Lying down, gentle walking, or changing positions may help': each item up to the
    clause's verb becomes a mention of ``typ`` unless a mention already names it."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    out, item = [], []
    for tok in list(span) + [None]:
        stop = tok is None or tok.text in {",", ";", "(", "."} or tok.lower_ in {"or", "and", "and/or"} \
            or (tok.pos_ in ("AUX", "VERB") and tok.tag_ not in ("VBG", "VBN") and item)
        if not stop:
            item.append(tok)
            continue
        while item and item[0].pos_ in ("DET", "PRON", "CCONJ", "ADP", "PUNCT"):
            item.pop(0)
        if item and len(item) <= int(rules["max_typed_item_words"]) and any(t.is_alpha for t in item):
            s, e = item[0].idx, item[-1].idx + len(item[-1].text)
            if not any(m.start < e and s < m.end and m.type != "anatomy" for m in mentions + out):
                out.append(Mention(s, e, text[s:e], typ, None, " ".join(text[s:e].lower().split()), source="rule"))
        item = []
        if tok is not None and tok.pos_ in ("AUX", "VERB") and tok.tag_ not in ("VBG", "VBN"):
            break                           # the clause's verb ends the list
    return out


def _unique(rels: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in rels:
        key = (r.type, r.head.start, r.head.end, r.tail.start, r.tail.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
