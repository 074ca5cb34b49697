"""Loading the narrative rule files (``rules/narrative_*.json``) shipped inside the package."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=8)
def load(name: str) -> dict:
    """The rule file ``rules/narrative_<name>.json`` as a dict."""
    path = resources.files("spasmkg.extract.rules") / f"narrative_{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def words_regex(words) -> str:
    """An alternation matching any of ``words`` as whole words, longest first."""
    import re
    return r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
