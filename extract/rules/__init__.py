"""The one loader of every rule file shipped in ``rules/`` (or given by a user as a path).

Rules are data: each component names its file (``load("relation_rules")``) or takes a user's file
through its ``rules`` setting (``load("/path/to/my_rules.json")``); nothing else reads them.
"""
from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path


def load(name: str) -> dict:
    """The rule file ``rules/<name>.json`` as a dict, or the JSON file at ``name`` when it is a path.

    Each call returns its own copy, so a component may edit what it loaded."""
    if name.endswith(".json") or "/" in name or "\\" in name:
        return json.loads(Path(name).read_text(encoding="utf-8"))      # a user's file: read afresh
    return copy.deepcopy(_shipped(name))


def load_all(prefix: str) -> list[dict]:
    """Every shipped rule file whose name starts with ``prefix``, in name order."""
    folder = resources.files("spasmkg.extract.rules")
    names = sorted(f.name[:-len(".json")] for f in folder.iterdir()
                   if f.name.startswith(prefix) and f.name.endswith(".json"))
    return [load(n) for n in names]


@lru_cache(maxsize=32)
def _shipped(name: str) -> dict:
    return json.loads((resources.files("spasmkg.extract.rules") / f"{name}.json").read_text(encoding="utf-8"))


def words_regex(words) -> str:
    """An alternation matching any of ``words`` as whole words, longest first."""
    return r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
