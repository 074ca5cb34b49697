"""Parameters written into the query text, for engines that cannot take bindings beside a query.

The SPARQL 1.1 protocol has no way to send bindings, and pyoxigraph's ``substitutions`` only accept
projected variables. So a value travels inside the query, in one of two ways:

* **as a constant** where the variable stands (:func:`bind_inline`), when the query does not return it
  and every use of it is in the ``WHERE`` group's own patterns and filters. Oxigraph plans a pattern
  with a constant as an index lookup; the same value given in a ``VALUES`` block is joined with the
  pattern after the pattern has been matched in full, and an ``OPTIONAL`` that reads it is matched
  for every node of the graph: a lookup of one claim then grows with the graph (2.8 s against 0.9 ms
  on 4.7M quads, measured on the ``evidence-of-claim`` query).
* **as an inline** ``VALUES (?name) { ("value") }`` block at the start of the ``WHERE`` group
  (:func:`bind_values`, where FILTERs of that group see it, as they see rdflib ``initBindings``), for
  every other parameter: a returned variable, one used in a sub-query, after ``AS``, or outside the
  ``WHERE`` group.

Either way each value is written by ``rdflib.Literal(value).n3()`` (or ``URIRef.n3()``), the RDF
library's own term serializer, which escapes every quote, backslash and line break: whatever the user
typed, the result is one term token, so it cannot close the literal or the block and add query text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.base import Bindings, as_terms

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")
_INNER = re.compile(r"(?<![\w:?$])(?:SELECT|VALUES)(?![\w:])", re.IGNORECASE)   # a sub-query, a VALUES block
_AS = re.compile(r"(?<![\w:?$])AS\s*$", re.IGNORECASE)


def _code(query: str) -> str:
    """``query`` with its comments, IRIs and string literals blanked out (each character a space, so
    positions stay those of ``query``): what is left is the query's own syntax."""
    out, i, n = list(query), 0, len(query)

    def blank(a: int, b: int) -> None:
        out[a:b] = " " * (b - a)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
            continue
        if c == "<":
            m = _IRIREF.match(query, i)
            if m:
                blank(i, m.end())
                i = m.end()
                continue
        if c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            j = min(n, j + len(quote))
            blank(i, j)
            i = j
            continue
        i += 1
    return "".join(out)


def _where_group(code: str) -> tuple[int, int]:
    """(index of the ``{`` that opens the query's WHERE group, index of the ``}`` that closes it) in
    :func:`_code` of the query: the first brace and its match."""
    at = code.find("{")
    if at < 0:
        raise SpasmkgError("E013", reason="no WHERE group to bind parameters in")
    depth = 0
    for i in range(at, len(code)):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        if depth == 0:
            return at, i
    return at, len(code)


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group: the first brace outside comments,
    IRIs and string literals."""
    return _where_group(_code(query))[0]


def _tokens(bindings: Bindings) -> dict[str, str]:
    """Each parameter's value as one term token, serialized by rdflib (an IRI is checked to be one
    ``IRIREF`` token first); each name checked to be a variable name."""
    out = {}
    for k, v in as_terms(bindings).items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise SpasmkgError("E013", reason=f"{k!r} is not a variable name")
        token = v.n3()
        if isinstance(v, URIRef) and not _IRIREF.fullmatch(token):
            raise SpasmkgError("E013", reason=f"{str(v)!r} is not an IRI")
        if not isinstance(v, (URIRef, Literal)):
            raise SpasmkgError("E013", reason=f"a parameter must be an IRI or a literal, not {v!r}")
        out[k] = token
    return out


def values_block(bindings: Bindings) -> str:
    """``VALUES (?a ?b) { ("x" <y>) }`` with each value serialized by rdflib as one term token."""
    tokens = _tokens(bindings)
    return f"VALUES ({' '.join(f'?{k}' for k in tokens)}) {{ ({' '.join(tokens.values())}) }}"


def bind_inline(query: str, bindings: Bindings | None, projected: frozenset[str] | None) -> tuple[str, dict]:
    """``query`` with each parameter it does not return (``projected``: the variables a SELECT
    returns; None for any other form, or ``SELECT *``, and nothing is written in) written as a
    constant where its variable stands, when every use of that variable is inside the WHERE group, the
    group holds no sub-query or VALUES block, and no use follows ``AS``. Returns the query and the
    parameters left for :func:`bind_values`."""
    if not bindings or projected is None:
        return query, dict(bindings or {})
    tokens = _tokens(bindings)
    code = _code(query)
    start, end = _where_group(code)
    if _INNER.search(code, start, end):
        return query, dict(bindings)
    uses: dict[str, list[re.Match]] = {}
    for m in _VARIABLE.finditer(code):
        uses.setdefault(m.group(1), []).append(m)
    inline = {k for k in tokens if k not in projected and uses.get(k)
              and all(start < m.start() < end and not _AS.search(code, 0, m.start()) for m in uses[k])}
    if not inline:
        return query, dict(bindings)
    pieces, at = [], 0
    for m in sorted((m for k in inline for m in uses[k]), key=lambda m: m.start()):
        pieces += [query[at:m.start()], tokens[m.group(1)]]
        at = m.end()
    pieces.append(query[at:])
    return "".join(pieces), {k: v for k, v in bindings.items() if k not in inline}


def bind_values(query: str, bindings: Bindings | None) -> str:
    """``query`` with ``bindings`` as an inline VALUES block at the start of its WHERE group."""
    if not bindings:
        return query
    at = _where_brace(query) + 1
    return f"{query[:at]}\n  {values_block(bindings)}\n{query[at:]}"


@lru_cache(maxsize=256)
def projected_variables(query: str) -> frozenset[str] | None:
    """The variables a SELECT query projects, or None for ``SELECT *`` and other query forms
    (remembered per query text: parsing costs up to 90 ms)."""
    from rdflib.plugins.sparql.parser import parseQuery
    q = parseQuery(query)[1]
    if q.name != "SelectQuery" or "projection" not in q:
        return None
    return frozenset(str(dict(p).get("var") or dict(p).get("evar")) for p in q["projection"])


def bind(query: str, bindings: Bindings | None) -> str:
    """``query`` with every parameter written in: as a constant where it can be (:func:`bind_inline`),
    else in a VALUES block (:func:`bind_values`)."""
    if not bindings:
        return query
    return bind_values(*bind_inline(query, bindings, projected_variables(query)))
