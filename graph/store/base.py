"""What every store answers: ``query(text, bindings) -> Answer`` and, from it, ``select``.

A store's rows are dicts of variable -> rdflib term, so :mod:`spasmkg.queries.results` renders every
store's answers the same way. Bindings are values for variables: an rdflib term, or text for a plain
literal; each store binds them by its engine's own mechanism, never by pasting text into a query.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal
from rdflib.term import Node

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



class QueryStore:
    """The interface of the stores (memory, Oxigraph, a remote endpoint): each implements ``query``."""

    name = "store"
    allow_service = False    # True only when the user asks for SERVICE (sparql --allow-service)

    def query(self, query: str, bindings: Bindings | None = None) -> Answer:
        raise NotImplementedError

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        """A SELECT query's variables and rows."""
        a = self.query(query, bindings)
        return a.variables, a.rows
