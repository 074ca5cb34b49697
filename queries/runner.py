"""The query library: discovers the ``.rq`` files beside this module, reads their headers, and runs
them with bound parameters.

A header is the leading comment block of a file::

    # question: Which exam signs indicate a given condition?
    # param: condition  the condition's label, e.g. "nerve root irritation"
    # example: spasmkg query exam-signs --param condition="nerve root irritation"

Parameters are bound as RDF literals through the engine's own mechanism (rdflib ``initBindings``,
pyoxigraph ``substitutions``); user text is never pasted into query text. A remote endpoint gets
them as an inline ``VALUES`` block at the start of the WHERE group (see
:mod:`spasmkg.graph.endpoint`), so a library query uses its parameters in its outer group, never
only inside a sub-select (which would not see them); the cross-store tests hold every query to that.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Literal, Variable

from spasmkg.errors import SpasmkgError

from . import safety


@dataclass
class LibraryQuery:
    name: str
    text: str
    question: str = ""
    params: dict[str, str] = field(default_factory=dict)
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
            q.params[pname] = desc.strip()
    return q


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    out = {}
    for entry in sorted(resources.files("spasmkg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def get(name: str) -> LibraryQuery:
    lib = library()
    if name not in lib:
        raise SpasmkgError("E008", name=name, known=", ".join(sorted(lib)))
    return lib[name]


def bindings(q: LibraryQuery, params: dict[str, str]) -> dict[Variable, Literal]:
    for key in params:
        if key not in q.params:
            raise SpasmkgError("E009", name=q.name, key=key, known=", ".join(q.params) or "none")
    for key in q.params:
        if key not in params:
            raise SpasmkgError("E010", name=q.name, key=key)
    return {Variable(k): Literal(v) for k, v in params.items()}


def run_local(ds, query: str, binds: dict | None = None):
    """Run ``query`` on an rdflib Dataset with the safety hooks installed."""
    safety.install()
    safety.check_read_only(query)
    return ds.query(query, initBindings=binds or {})


def run(ds, name: str, params: dict[str, str] | None = None):
    q = get(name)
    return run_local(ds, q.text, bindings(q, params or {}))


def select(store, name: str, params: dict[str, str] | None = None):
    """Run library query ``name`` on any store of :mod:`spasmkg.graph.stores` -> (variables, rows)."""
    q = get(name)
    binds = bindings(q, params or {})
    return store.select(q.text, {str(k): str(v) for k, v in binds.items()})
