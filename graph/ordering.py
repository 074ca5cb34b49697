"""One order for lists read back from the graph, whatever order the store hands triples out in."""
from __future__ import annotations

import json
from typing import Callable


def total_order(items: list[dict], key: Callable[[dict], tuple]) -> list[dict]:
    """``items`` sorted in place by ``key``, ties broken by the whole item (rdflib's iteration order
    differs between a dataset and a copy of one graph, and between runs), and returned."""
    items.sort(key=lambda x: (key(x), json.dumps(x, sort_keys=True, ensure_ascii=False, default=str)))
    return items
