"""The query library: discovers the ``.rq`` files beside this module, reads their headers, and runs
them with bound parameters.

A header is the leading comment block of a file::

    # question: Which exam signs indicate a given condition?
    # param: condition  the condition's label, e.g. "nerve root irritation"
    # example: spasmkg query exam-signs --param condition="nerve root irritation"

A parameter may name its kind in parentheses, which says how its value is bound::

    # param: condition (name)  ...   the value's name key (see spasmkg.graph.name_keys), a literal
    # param: claim (iri)  ...        an IRI, checked to be one
    # param: ref (integer)  ...      an xsd:integer, checked to be a whole number
    # param: text  ...               (no kind) the value as a plain literal

so a query matches a name, an IRI or a number with a triple pattern the store answers from its
index. Values are bound through the engine's own mechanism (rdflib ``initBindings``, pyoxigraph
``substitutions``); user text is never pasted into query text. A remote endpoint gets
them as an inline ``VALUES`` block at the start of the WHERE group (see
:mod:`spasmkg.graph.store.binding`), so a library query uses its parameters in its outer group, never
only inside a sub-select (which would not see them); the cross-store tests hold every query to that.
"""
from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.term import Node

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.name_keys import name_key

from spasmkg.graph.store import safety
from spasmkg.queries.paging import Page, page_of


PARAM_KINDS = ("text", "name", "iri", "integer")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]+")
_INTEGER = re.compile(r"[+-]?[0-9]+")


@dataclass
class LibraryQuery:
    name: str
    text: str
    question: str = ""
    params: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    example: str = ""

    def example_params(self) -> dict[str, str]:
        """The ``--param`` values of the header's ``# example:`` command line."""
        words = shlex.split(self.example)
        out = {}
        for i, w in enumerate(words):
            if w == "--param" and i + 1 < len(words):
                key, _, value = words[i + 1].partition("=")
                out[key] = value
            elif w.startswith("--param="):
                key, _, value = w[len("--param="):].partition("=")
                out[key] = value
        return out


def _parse(name: str, text: str) -> LibraryQuery:
    q = LibraryQuery(name=name, text=text)
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*(question|param|example):\s*(.*)", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "question":
            q.question = value
        elif key == "example":
            q.example = value
        else:
            pname, _, desc = value.partition(" ")
            kind = re.match(r"\s*\((\w+)\)", desc)
            if kind:
                if kind.group(1) not in PARAM_KINDS:
                    raise ValueError(f"{name}.rq: parameter {pname!r} has unknown kind {kind.group(1)!r}")
                desc = desc[kind.end():]
            q.params[pname] = desc.strip()
            q.kinds[pname] = kind.group(1) if kind else "text"
    return q


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    out = {}
    for entry in sorted(resources.files("spasmkg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def _param_line(q: LibraryQuery, key: str) -> str:
    """``condition [name] (the condition's label ...)``: the kind when it is not plain text."""
    kind = q.kinds.get(key, "text")
    head = key if kind == "text" else f"{key} [{kind}]"
    return f"{head} ({q.params[key]})" if q.params[key] else head


def catalogue() -> str:
    """Every query of the library with its question, parameters (and their kinds) and example."""
    entries = []
    for q in library().values():
        params = ", ".join(_param_line(q, k) for k in q.params) or "none"
        entries.append(f"{q.name}\n  {q.question}\n  parameters: {params}\n  example: {q.example}\n")
    return "\n".join(entries)


def get(name: str) -> LibraryQuery:
    lib = library()
    if name not in lib:
        raise SpasmkgError("E008", name=name, known=", ".join(sorted(lib)))
    return lib[name]


def bindings(q: LibraryQuery, params: dict[str, str]) -> dict[Variable, Node]:
    for key in params:
        if key not in q.params:
            raise SpasmkgError("E009", name=q.name, key=key, known=", ".join(q.params) or "none")
    for key in q.params:
        if key not in params:
            raise SpasmkgError("E010", name=q.name, key=key)
    for key, value in params.items():
        safety.check_utf8(value, f"query {q.name!r}: parameter {key!r}")
    return {Variable(k): _term(q, k, v) for k, v in params.items()}


def _shown(value: str, width: int = 60) -> str:
    """A value as a message quotes it: cut to ``width`` characters."""
    return value if len(value) <= width else f"{value[:width]}… ({len(value)} characters)"


def _term(q: LibraryQuery, key: str, value: str) -> Node:
    """``value`` as the RDF term its parameter's kind asks for."""
    kind = q.kinds.get(key, "text")
    if kind == "name":
        return Literal(name_key(value))
    if kind == "iri":
        if not _IRI.fullmatch(value):
            raise SpasmkgError("E028", name=q.name, key=key, kind="an absolute IRI", value=_shown(value))
        return URIRef(value)
    if kind == "integer":
        if not _INTEGER.fullmatch(value.strip()):
            raise SpasmkgError("E028", name=q.name, key=key, kind="a whole number", value=_shown(value))
        try:
            number = int(value)
        except ValueError:    # longer than Python converts (sys.get_int_max_str_digits(), 4300 digits)
            raise SpasmkgError("E028", name=q.name, key=key, kind=f"a whole number of at most "
                               f"{sys.get_int_max_str_digits()} digits", value=_shown(value)) from None
        return Literal(number, datatype=XSD.integer)
    return Literal(value)


@dataclass
class BoundQuery:
    """A library query with its parameters checked and turned into RDF terms, ready for any store."""
    query: LibraryQuery
    bindings: dict[Variable, Node]

    def select(self, store):
        """-> (variables, rows) on ``store`` (:mod:`spasmkg.graph.store.registry`)."""
        return store.select(self.query.text, self._values())

    def page(self, store, limit: int | None = None, offset: int = 0) -> Page:
        """Rows ``offset`` to ``offset + limit`` of the answer, the slice written into the query so the
        store stops there (:mod:`spasmkg.queries.paging`), and whether more rows follow."""
        return page_of(lambda text: store.select(text, self._values()), self.query.text, limit, offset)

    def _values(self) -> dict[str, Node]:
        return {str(k): v for k, v in self.bindings.items()}


def prepare(name: str, params: dict[str, str] | None = None) -> BoundQuery:
    """Query ``name`` with ``params`` checked (E008, E009, E010, E028) before any store is opened,
    so a wrong name or value costs no graph load."""
    q = get(name)
    return BoundQuery(q, bindings(q, params or {}))


def select(store, name: str, params: dict[str, str] | None = None, limit: int | None = None, offset: int = 0):
    """Run library query ``name`` on any store (:mod:`spasmkg.graph.store.registry`) -> (variables, rows);
    with ``limit`` or ``offset``, that page of its rows only."""
    bound = prepare(name, params)
    if limit is None and not offset:
        return bound.select(store)
    p = bound.page(store, limit, offset)
    return p.variables, p.rows
