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
#: wall-clock seconds one document may take to analyse; a batch gets this per document it holds
DOC_SECONDS = _env_number("SPASMKG_DOC_SECONDS", 120)
#: memory, in MB, the analysis of one batch may add to the process that analyses it
DOC_MB = _env_number("SPASMKG_DOC_MB", 4096)
#: most characters of one document the parser reads (spaCy's own cap is 1,000,000)
MAX_DOC_CHARS = int(_env_number("SPASMKG_MAX_DOC_CHARS", 1_000_000))
#: longest run of characters without a space the tokenizer is given: its prefix and suffix rules
#: take quadratic time on a long run of brackets or quotes (10,000 nested parentheses: 41 s)
MAX_RUN_CHARS = int(_env_number("SPASMKG_MAX_RUN_CHARS", 200))
#: most pages of one PDF read; a longer PDF is skipped (a book or a scanned volume is not an article)
PDF_PAGES = int(_env_number("SPASMKG_PDF_PAGES", 300))
#: wall-clock seconds the reading of one PDF may take (its text layer, not its analysis)
PDF_SECONDS = _env_number("SPASMKG_PDF_SECONDS", 120)
#: memory, in MB, the reading of one PDF may add to the process that reads it (a compressed stream
#: can unpack to gigabytes)
PDF_MB = _env_number("SPASMKG_PDF_MB", 2048)
#: seconds to wait for GROBID's answer on one PDF (it parses the whole article before it answers)
GROBID_SECONDS = _env_number("SPASMKG_GROBID_SECONDS", 300)
