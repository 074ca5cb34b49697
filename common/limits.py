"""Limits that keep one bad input or one hostile query from taking the machine down.

Each can be raised for a run through the environment variable named beside it.
"""
from __future__ import annotations

import os


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


#: largest input file read, in MB; a larger file is skipped unread (never loaded into memory)
MAX_FILE_MB = _env_number("SPASMKG_MAX_FILE_MB", 50)
#: wall-clock limit for a user's SPARQL query on the local engine, in seconds
QUERY_TIMEOUT_S = _env_number("SPASMKG_QUERY_TIMEOUT", 30)
#: most rows (or triples) a user's SPARQL query returns; the rest is cut and the cut reported
MAX_RESULT_ROWS = int(_env_number("SPASMKG_MAX_ROWS", 10_000))
#: largest answer read from a remote endpoint, in MB; a longer one is refused unread past the limit
MAX_RESPONSE_MB = _env_number("SPASMKG_MAX_RESPONSE_MB", 100)
#: share of control characters above which a file is taken for binary
MAX_CONTROL_SHARE = 0.05
