"""A user's SPARQL query from the editor or the protocol endpoint, run as ``spasmkg sparql`` runs it:
read-only, no SERVICE, in a worker process with a time limit and a row limit
(:func:`spasmkg.queries.sandbox.run_sparql`)."""
from __future__ import annotations

import json

from spasmkg.graph.store.base import Answer, QueryStore
from spasmkg.queries.results import render_answer, to_csv
from spasmkg.queries.sandbox import run_sparql

EXAMPLE = """PREFIX skg: <https://w3id.org/spasmkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?sign ?label ?condition WHERE {
  ?sign a skg:ExamSign ; skos:prefLabel ?label ; skg:indicates ?c .
  ?c skos:prefLabel ?condition .
}
ORDER BY ?label
"""


def run(store: QueryStore, text: str, timeout: int | None = None) -> tuple[Answer, int]:
    """The answer and the row count it was cut to (0 when whole); raises the coded errors of the
    command line (E013 not valid, E014 an update, E015 SERVICE, E022 too slow, E083 not UTF-8).
    ``timeout``: seconds (default ``SPASMKG_QUERY_TIMEOUT``, 30)."""
    return run_sparql(store, text, timeout=timeout)


def serialize(answer: Answer, accept: str) -> tuple[str, str]:
    """(content type, body) of an answer for the protocol endpoint: SPARQL 1.1 JSON results by
    default, CSV when asked for, Turtle for CONSTRUCT and DESCRIBE."""
    if answer.kind in ("CONSTRUCT", "DESCRIBE"):
        return "text/turtle; charset=utf-8", render_answer(answer, "table")
    if "text/csv" in accept and answer.kind == "SELECT":
        return "text/csv; charset=utf-8", to_csv(answer.variables, answer.rows)
    if answer.kind == "ASK":
        return "application/sparql-results+json", json.dumps({"head": {}, "boolean": answer.boolean})
    return "application/sparql-results+json; charset=utf-8", render_answer(answer, "json")
