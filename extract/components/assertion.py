"""Assertion status of each mention: present, negated, possible, hypothetical or historical.

A ConText-style algorithm (Harkema et al., 2009): trigger phrases open a scope forward or backward
within the sentence; termination phrases close it; pseudo-triggers are skipped. Rules are data
(``rules/context_rules.json``); a user can pass another file through the ``rules`` setting.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from spasmkg.extract import rules as rule_files
from spasmkg.extract.components.vocabulary import SPANS_KEY

ALLOWED_KEYS = {"literal", "category", "direction"}
CATEGORIES = {"negated", "possible", "hypothetical", "historical"}

if not Span.has_extension("assertion"):
    Span.set_extension("assertion", default="present")


def load_rules(path: str | None) -> dict:
    """Rules from ``path``, or else every shipped ``rules/context_rules*.json`` merged."""
    files = [rule_files.load(path)] if path else rule_files.load_all("context_rules")
    data: dict = {"context_rules": [], "termination": [], "pseudo": []}
    for part in files:
        for key in data:
            data[key].extend(part.get(key, []))
    for rule in data["context_rules"]:
        unknown = set(rule) - ALLOWED_KEYS
        if unknown:
            raise ValueError(f"context rule {rule!r}: unknown keys {sorted(unknown)}; allowed: {sorted(ALLOWED_KEYS)}")
        if rule["category"] not in CATEGORIES or rule["direction"] not in ("forward", "backward"):
            raise ValueError(f"context rule {rule!r}: category must be one of {sorted(CATEGORIES)}, "
                             "direction forward or backward")
    return data


class AssertionDetector:
    def __init__(self, nlp: Language, rules: str | None = None, max_scope: int = 12):
        data = load_rules(rules)
        self.max_scope = max_scope
        self.triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rule_of: dict[str, dict] = {}
        for k, rule in enumerate(data["context_rules"]):
            key = f"rule{k}"
            self.rule_of[key] = rule
            self.triggers.add(key, [nlp.make_doc(rule["literal"])])
        self.terminators = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.terminators.add("TERM", [nlp.make_doc(t) for t in data.get("termination", [])])
        self.pseudo = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pseudo.add("PSEUDO", [nlp.make_doc(t) for t in data.get("pseudo", [])])

    def __call__(self, doc: Doc) -> Doc:
        pseudo = {(s, e) for _, s, e in self.pseudo(doc)}
        pseudo_tokens = {i for s, e in pseudo for i in range(s, e)}
        terms = {s for _, s, e in self.terminators(doc)}
        scopes: list[tuple[int, int, str]] = []
        matches = self.triggers(doc)
        for match_id, s, e in matches:
            if any(i in pseudo_tokens for i in range(s, e)):
                continue
            if any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for _, s2, e2 in matches):
                continue        # part of a longer trigger: "if" inside "wonder if" is not a condition
            rule = self.rule_of[doc.vocab.strings[match_id]]
            sent = doc[s].sent
            if rule["direction"] == "forward":
                end = min(sent.end, e + self.max_scope)
                for i in range(e, end):
                    if i in terms or (doc[i].is_punct and doc[i].text in ".;"):
                        end = i
                        break
                scopes.append((e, end, rule["category"]))
            else:
                start = max(sent.start, s - self.max_scope)
                for i in range(s - 1, start - 1, -1):
                    if i in terms or (doc[i].is_punct and doc[i].text in ".;,"):
                        start = i + 1
                        break
                scopes.append((start, s, rule["category"]))
        priority = {"negated": 4, "hypothetical": 3, "possible": 2, "historical": 1}
        for span in doc.spans.get(SPANS_KEY, []):
            best = "present"
            for a, b, cat in scopes:
                if a <= span.start and span.end <= b and priority[cat] > priority.get(best, 0):
                    best = cat
            span._.assertion = best
        return doc


@Language.factory("spasmkg_assertion_v1", assigns=["span._.assertion"],
                  default_config={"rules": None, "max_scope": 12})
def make_assertion(nlp: Language, name: str, rules: str | None, max_scope: int) -> AssertionDetector:
    return AssertionDetector(nlp, rules, max_scope)
