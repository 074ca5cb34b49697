"""A remote SPARQL 1.1 query endpoint, asked through SPARQLWrapper.

Every request has a timeout in whole seconds and a clear error when the endpoint is down, slow or
refuses it; credentials, retries and safe URLs come from :mod:`spasmkg.graph.store.remote`. A
parameter travels as an inline ``VALUES`` block (:mod:`spasmkg.graph.store.binding`). Every query is
checked before it is sent (read-only, no ``SERVICE``).

**Union default graph.** Library queries do not use ``GRAPH``; the endpoint must answer them over
the union of its named graphs (``oxigraph serve --union-default-graph``; Fuseki's
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do so by default).
"""
from __future__ import annotations

import socket
import urllib.error

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote, safety
from spasmkg.graph.store.base import Answer, Bindings, QueryStore, Rows
from spasmkg.graph.store.binding import bind_values

DEFAULT_TIMEOUT = 30



def check_timeout(timeout: int | float | None) -> int:
    """A timeout in whole seconds, at least 1 (SPARQLWrapper truncates with ``int()``, so 0.5
    would silently become 0, which means no timeout at all)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    t = int(timeout)
    if t < 1 or t != timeout:
        raise SpasmkgError("E044", timeout=timeout)
    return t



def _term(b: dict) -> Node:
    """One binding of the SPARQL 1.1 JSON results format as an rdflib term."""
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in b:
        return Literal(value, lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)



def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__



_HTTP_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                "EndPointInternalError": 500}



def _wrapper_reason(exc: BaseException) -> str:
    """SPARQLWrapper turns HTTP errors into its own exceptions: name the status and quote the
    first line of the endpoint's answer."""
    status = _HTTP_STATUS.get(type(exc).__name__)
    text = str(exc)
    answer = text.split("Response:", 1)[1].strip().splitlines() if "Response:" in text else []
    head = f"HTTP {status}" if status else type(exc).__name__
    return f"{head}: {answer[0][:200]}" if answer else head



class EndpointStore(QueryStore):
    """A SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query`` for ``oxigraph serve``."""

    name = "endpoint"

    def __init__(self, url: str, timeout: int | None = None):
        self.url = remote.check_url(url)
        self.shown = remote.redact(url)     # the URL as messages show it
        self.timeout = check_timeout(timeout)

    def _wrapper(self, query: str, fmt: str):
        from SPARQLWrapper import POST, SPARQLWrapper
        sw = SPARQLWrapper(self.url)
        sw.setMethod(POST)
        sw.setTimeout(self.timeout)
        sw.setQuery(query)
        sw.setReturnFormat(fmt)
        for name, value in remote.auth_headers(self.url).items():
            sw.addCustomHttpHeader(name, value)
        assert sw.timeout == self.timeout > 0
        return sw

    def _send(self, query: str, fmt: str):
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        try:
            return remote.retry(lambda: self._wrapper(query, fmt).query(), idempotent=True)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise SpasmkgError("E043", url=self.shown, reason=f"HTTP {exc.code}: {body[0][:200] if body else exc.reason}") from None
        except SPARQLWrapperException as exc:
            raise SpasmkgError("E043", url=self.shown, reason=_wrapper_reason(exc)) from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
            raise SpasmkgError("E016", url=self.shown, reason=_reason(exc)) from None

    def query(self, query: str, bindings: Bindings | None = None) -> Answer:
        form = safety.check_read_only(query)
        text = bind_values(query, bindings)
        safety.check_read_only(text)
        if form in ("ConstructQuery", "DescribeQuery"):
            data = self._send(text, "n3").response.read()
            g = Graph()
            try:
                g.parse(data=data.decode("utf-8"), format="turtle")
            except Exception as exc:   # every rdflib parser raises its own exception types
                raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not Turtle ({_reason(exc)[:200]})") from None
            return Answer("CONSTRUCT", graph=g)
        try:
            doc = self._send(text, "json").convert()
            if "boolean" in doc:
                return Answer("ASK", boolean=bool(doc["boolean"]))
            names = list(doc.get("head", {}).get("vars", []))
            rows: Rows = [{n: _term(b[n]) if n in b else None for n in names} for b in doc["results"]["bindings"]]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:   # a proxy's error page, a wrong URL
            raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not SPARQL JSON ({_reason(exc)[:200]})") from None
        return Answer("SELECT", names, rows)
