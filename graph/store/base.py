"""What every store answers: ``query(text, bindings) -> Answer`` and, from it, ``select``.

A store's rows are dicts of variable -> rdflib term, so :mod:`spasmkg.queries.results` renders every
store's answers the same way. Bindings are values for variables: an rdflib term, or text for a plain
literal; each store binds them by its engine's own mechanism, never by pasting text into a query.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Iterable, TypeVar

from rdflib import Graph, Literal
from rdflib.term import Node

T = TypeVar("T")
Rows = list[dict[str, Node | None]]
Bindings = dict[str, "Node | str"]     # a variable's value: an rdflib term, or text for a plain literal


def as_terms(bindings: Bindings | None) -> dict[str, Node]:
    """``bindings`` with every plain text value made a literal."""
    return {k: v if isinstance(v, Node) else Literal(v) for k, v in (bindings or {}).items()}


@dataclass
class Answer:
    """One query's answer: ``kind`` is SELECT, ASK or CONSTRUCT (CONSTRUCT also covers DESCRIBE)."""
    kind: str
    variables: list[str] = field(default_factory=list)
    rows: Rows = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    cut: bool = False        # True when rows or triples past a ``max_rows`` were left unread



class QueryStore:
    """The interface of the stores (memory, Oxigraph, a remote endpoint): each implements ``query``."""

    name = "store"
    allow_service = False    # True only when the user asks for SERVICE (sparql --allow-service)

    def query(self, query: str, bindings: Bindings | None = None, max_rows: int | None = None) -> Answer:
        """The answer to ``query``; with ``max_rows``, at most that many rows or triples, read one
        past it to know whether the answer was cut (so a huge answer is never built whole)."""
        raise NotImplementedError

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        """A SELECT query's variables and rows."""
        a = self.query(query, bindings)
        return a.variables, a.rows


def take(items: Iterable[T], max_rows: int | None) -> tuple[list[T], bool]:
    """The first ``max_rows`` of ``items`` (all when None), and whether there were more; reads at
    most one item past the limit."""
    if max_rows is None:
        return list(items), False
    got = list(itertools.islice(items, max_rows + 1))
    return got[:max_rows], len(got) > max_rows
