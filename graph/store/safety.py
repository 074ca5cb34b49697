"""Guards for running SPARQL on the local rdflib engine.

rdflib follows ``SERVICE`` clauses to any URL and loads ``FROM`` graphs from the web by default. A
custom evaluation hook refuses every ``SERVICE`` pattern (also inside ``OPTIONAL`` or ``SILENT``),
and remote graph loading is switched off. Update requests are refused before parsing reaches the
engine.
"""
from __future__ import annotations

from functools import lru_cache

import rdflib.plugins.sparql as rdflib_sparql
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import SPARQLError

from spasmkg.common.errors import SpasmkgError

_HOOK = "spasmkg-no-service"


def _refuse_service(ctx, part):
    if part.name == "ServiceGraphPattern":
        raise SpasmkgError("E015")
    raise NotImplementedError()   # let rdflib evaluate every other part as usual


def install(allow_service: bool = False) -> None:
    """Switch the local engine to its safe mode (idempotent). ``allow_service`` lifts the SERVICE
    refusal for a user who asks for it (``spasmkg sparql --allow-service``); remote graph loading
    (FROM, LOAD) stays off."""
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    if allow_service:
        CUSTOM_EVALS.pop(_HOOK, None)
    else:
        CUSTOM_EVALS[_HOOK] = _refuse_service


def check_utf8(text: str, source: str) -> str:
    """``text`` when it can be written as UTF-8. Bytes that were not UTF-8 on the command line reach
    Python as lone surrogates (``\\udcff``), which no engine, serializer or HTTP body can take."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(text[exc.start])
        byte = f"byte 0x{bad - 0xDC00:02x}" if 0xDC80 <= bad <= 0xDCFF else f"U+{bad:04X}"
        raise SpasmkgError("E083", source=source, reason=f"{byte} at character {exc.start + 1}") from None
    return text


def check_read_only(query: str, allow_service: bool = False) -> str:
    """Refuse anything but a read-only query form, and refuse SERVICE unless ``allow_service``;
    return the query form (``SelectQuery``, ``AskQuery``, ``ConstructQuery`` or ``DescribeQuery``).

    The verdict on a query text is remembered (parsing with rdflib costs tens of milliseconds and
    library queries run again and again); a refused text is parsed again each time it is tried."""
    check_utf8(query, "the query")
    return _checked(query, allow_service)


@lru_cache(maxsize=512)
def _checked(query: str, allow_service: bool) -> str:
    try:
        parsed = parseQuery(query)
    except Exception as exc:  # pyparsing raises its own exception types
        try:
            from rdflib.plugins.sparql.parser import parseUpdate
            parseUpdate(query)
        except Exception:
            raise SpasmkgError("E013", reason=str(exc).splitlines()[0]) from None
        raise SpasmkgError("E014") from None
    form = parsed[1].name
    if form not in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"):
        raise SpasmkgError("E014")
    if not allow_service and _has_service(parsed):
        raise SpasmkgError("E015")
    return form


def _has_service(node) -> bool:
    """Walk the parse tree (CompValue dicts, pyparsing ParseResults, lists) for a SERVICE pattern."""
    from pyparsing import ParseResults
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, ParseResults):
        children = list(node)
    elif isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, (list, tuple)):
        children = list(node)
    else:
        return False
    return any(_has_service(c) for c in children)


__all__ = ["install", "check_read_only", "check_utf8", "SPARQLError"]
