"""Pages of a query's answer: ``LIMIT`` and ``OFFSET`` written into the query itself, so the store
stops once it has the page instead of building every row.

The query is parsed first (rdflib's SPARQL parser): only a SELECT or CONSTRUCT is paged, and its own
slice is read from the parse. Its outer ``LIMIT``/``OFFSET`` clauses (tokens at brace depth 0,
outside strings, IRIs and comments) are replaced by one clause written from two integers; nothing a
user typed is copied into it. A page of a query that has its own slice stays inside it: page
``offset``/``limit`` of a query with ``LIMIT L OFFSET O`` asks for ``OFFSET O+offset`` and at most
``L-offset`` rows (the smaller limit wins). The result is parsed again and must carry exactly the
slice intended, else the query is refused (E134) rather than run with another meaning.

Pages are consecutive and do not overlap only when the query's ``ORDER BY`` orders its rows totally;
every library query orders by all it projects (``tests/queries/test_paging.py`` holds them to it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import safety

MOST = 10 ** 12                 # a bound every engine parses (Oxigraph reads LIMIT into 64 bits)
TABLE_PAGE = 100                # rows a terminal table shows when no --limit is given

_TOKEN = re.compile(r'''
    (?P<space>\s+|\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>[?$]?[A-Za-z_][\w.-]*:?[\w.:%-]*|[0-9]+)
  | (?P<other>.)
''', re.X | re.S)


@dataclass(frozen=True)
class Slice:
    limit: int | None
    offset: int


def check_limit(value: object) -> int:
    """A page size: a whole number from 1 to :data:`MOST` (E131), given as int or text."""
    n = _whole(value)
    if n is None or not 1 <= n <= MOST:
        raise SpasmkgError("E131", most=MOST, value=value)
    return n


def check_offset(value: object) -> int:
    """A page's first row: a whole number from 0 to :data:`MOST` (E132), given as int or text."""
    n = _whole(value)
    if n is None or not 0 <= n <= MOST:
        raise SpasmkgError("E132", most=MOST, value=value)
    return n


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9]{1,20}\s*", value):
        return int(value)
    return None


def _own_slice(query: str) -> tuple[str, Slice]:
    """The query's form and its own outer slice, as the parser reads them."""
    from rdflib.plugins.sparql.parser import parseQuery
    form = safety.check_read_only(query, allow_service=True)   # E013/E014; SERVICE is judged where it runs
    body = parseQuery(query)[1]
    lo = body["limitoffset"] if "limitoffset" in body else {}    # CompValue.get() does not default to None
    limit = lo["limit"] if "limit" in lo else None
    offset = lo["offset"] if "offset" in lo else None
    return form, Slice(None if limit is None else int(limit), 0 if offset is None else int(offset))


def _outer_clauses(query: str) -> tuple[list[tuple[int, int]], int | None]:
    """Spans of the outer ``LIMIT n`` / ``OFFSET n`` clauses, and where a trailing ``VALUES`` block
    starts (None without one)."""
    tokens = []
    depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        tokens.append((kind, m.group(), m.start(), m.end(), depth))
    spans, values_at = [], None
    for i, (kind, text, start, _end, d) in enumerate(tokens):
        if kind != "word" or d != 0:
            continue
        word = text.upper()
        if word in ("LIMIT", "OFFSET") and i + 1 < len(tokens) and tokens[i + 1][1].isdigit():
            spans.append((start, tokens[i + 1][3]))
        elif word == "VALUES" and values_at is None:
            values_at = start
    return spans, values_at


def paged(query: str, limit: int | None = None, offset: int = 0) -> str:
    """``query`` answering only rows ``offset`` to ``offset + limit`` of its answer (``limit`` None:
    every row from ``offset``). Unchanged when there is nothing to page."""
    if limit is None and not offset:
        return query
    if limit is not None and (_whole(limit) is None or not 0 <= limit <= MOST + 1):   # one more: see page_of
        raise SpasmkgError("E131", most=MOST, value=limit)
    check_offset(offset)
    form, own = _own_slice(query)
    if form not in ("SelectQuery", "ConstructQuery"):
        raise SpasmkgError("E133")
    want_offset = own.offset + offset
    want_limit = limit
    if own.limit is not None:
        room = max(own.limit - offset, 0)
        want_limit = room if limit is None else min(limit, room)
    clause = (f" LIMIT {want_limit}" if want_limit is not None else "") + (f" OFFSET {want_offset}" if want_offset else "")
    spans, values_at = _outer_clauses(query)
    if spans:
        at = spans[0][0]
        kept, pos = [], 0
        for start, end in spans:
            kept.append(query[pos:start])
            pos = end
        kept.append(query[pos:])
        text = "".join(kept)
        text = text[:at] + clause.lstrip() + text[at:]
    elif values_at is not None:
        text = query[:values_at] + clause.lstrip() + "\n" + query[values_at:]
    else:
        text = query.rstrip() + "\n" + clause.lstrip() + "\n"
    try:
        got = _own_slice(text)[1]
    except SpasmkgError as exc:
        raise SpasmkgError("E134", reason=str(exc)) from None
    if got != Slice(want_limit, want_offset):
        raise SpasmkgError("E134", reason="its own LIMIT and OFFSET could not be told apart from the rest")
    return text


@dataclass
class Page:
    """Rows of one page, and whether rows follow it (the store was asked for one row more)."""
    variables: list[str]
    rows: list
    offset: int
    limit: int | None
    more: bool

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.rows)


def page_of(select, query: str, limit: int | None, offset: int = 0) -> Page:
    """One page of a SELECT: ``select(text) -> (variables, rows)`` runs the paged text, asked for
    one row more than ``limit`` to know whether another page follows."""
    if limit is not None:
        check_limit(limit)
    names, rows = select(paged(query, None if limit is None else limit + 1, offset))
    more = limit is not None and len(rows) > limit
    return Page(names, rows[:limit] if more else rows, offset, limit, more)
