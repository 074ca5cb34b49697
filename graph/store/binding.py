"""Parameters as an inline ``VALUES`` block, for engines that cannot take bindings beside a query.

The SPARQL 1.1 protocol has no way to send bindings, and pyoxigraph's ``substitutions`` only accept
projected variables. So a value travels inside the query as ``VALUES (?name) { ("value") }`` placed at
the start of the query's ``WHERE`` group (where FILTERs of that group see it, as they see rdflib
``initBindings``). Each value is written by ``rdflib.Literal(value).n3()``, the RDF library's own term
serializer, which escapes every quote, backslash and line break: whatever the user typed, the result is
one term token, so it cannot close the literal or the block and add query text.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.base import Bindings, as_terms

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group: the first brace outside comments,
    IRIs and string literals."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == "<":
            m = _IRIREF.match(query, i)
            if m:
                i = m.end()
                continue
        if c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "{":
            return i
        i += 1
    raise SpasmkgError("E013", reason="no WHERE group to bind parameters in")


def values_block(bindings: Bindings) -> str:
    """``VALUES (?a ?b) { ("x" <y>) }`` with each value serialized by rdflib as one term token (an
    IRI is checked to be one ``IRIREF`` token first)."""
    names = " ".join(f"?{k}" for k in bindings)
    for k in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise SpasmkgError("E013", reason=f"{k!r} is not a variable name")
    tokens = []
    for v in as_terms(bindings).values():
        token = v.n3()
        if isinstance(v, URIRef) and not _IRIREF.fullmatch(token):
            raise SpasmkgError("E013", reason=f"{str(v)!r} is not an IRI")
        if not isinstance(v, (URIRef, Literal)):
            raise SpasmkgError("E013", reason=f"a parameter must be an IRI or a literal, not {v!r}")
        tokens.append(token)
    return f"VALUES ({names}) {{ ({' '.join(tokens)}) }}"


def bind_values(query: str, bindings: Bindings | None) -> str:
    """``query`` with ``bindings`` as an inline VALUES block at the start of its WHERE group."""
    if not bindings:
        return query
    at = _where_brace(query) + 1
    return f"{query[:at]}\n  {values_block(bindings)}\n{query[at:]}"

