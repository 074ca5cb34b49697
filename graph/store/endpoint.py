"""A remote SPARQL 1.1 query endpoint, asked by the SPARQL 1.1 protocol (a form POST).

Every request has a deadline in whole seconds, a cap on the answer's size, redirects kept to the
same origin (:mod:`spasmkg.graph.store.transport`), and a clear error when the endpoint is down,
slow or refuses it; credentials, retries and safe URLs come from :mod:`spasmkg.graph.store.remote`. A
parameter travels as an inline ``VALUES`` block (:mod:`spasmkg.graph.store.binding`). Every query is
checked before it is sent (read-only, no ``SERVICE``).

**Union default graph.** Library queries do not use ``GRAPH``; the endpoint must answer them over
the union of its named graphs (``oxigraph serve --union-default-graph``; Fuseki's
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do so by default).
"""
from __future__ import annotations

import json
import urllib.parse

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote, safety, transport
from spasmkg.graph.store.base import Answer, Bindings, QueryStore, take
from spasmkg.graph.store.binding import bind_values

DEFAULT_TIMEOUT = 30



def check_timeout(timeout: int | float | None) -> int:
    """A timeout in whole seconds, at least 1 (0 would mean no limit to most HTTP clients, and a
    limit below a second cannot be told from a slow network)."""
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



JSON_RESULTS = "application/sparql-results+json, application/json;q=0.9"
TURTLE = "text/turtle, application/n-triples;q=0.9"


class EndpointStore(QueryStore):
    """A SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query`` for ``oxigraph serve``."""

    name = "endpoint"

    def __init__(self, url: str, timeout: int | None = None):
        self.url = remote.check_url(url)
        self.shown = remote.redact(url)     # the URL as messages show it
        self.timeout = check_timeout(timeout)

    def _send(self, query: str, accept: str) -> bytes:
        """The body of the endpoint's answer to ``query`` (SPARQL 1.1 protocol: a form POST)."""
        safety.check_utf8(query, "the query")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
                   **remote.auth_headers(self.url)}
        body = urllib.parse.urlencode({"query": query}).encode("ascii")
        return transport.fetch(self.url, "POST", body, headers, self.timeout, idempotent=True).body

    def query(self, query: str, bindings: Bindings | None = None, max_rows: int | None = None) -> Answer:
        form = safety.check_read_only(query)
        text = bind_values(query, bindings)
        safety.check_read_only(text)
        if form in ("ConstructQuery", "DescribeQuery"):
            data = self._send(text, TURTLE)
            g = Graph()
            try:
                g.parse(data=data.decode("utf-8"), format="turtle")
            except Exception as exc:   # every rdflib parser raises its own exception types
                raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not Turtle ({transport.reason(exc)[:200]})") from None
            triples, cut = take(g, max_rows)
            if cut:
                g = Graph()
                for t in triples:
                    g.add(t)
            return Answer("CONSTRUCT", graph=g, cut=cut)
        data = self._send(text, JSON_RESULTS)
        try:
            doc = json.loads(data)
            if "boolean" in doc:
                return Answer("ASK", boolean=bool(doc["boolean"]))
            names = list(doc.get("head", {}).get("vars", []))
            rows, cut = take(({n: _term(b[n]) if n in b else None for n in names} for b in doc["results"]["bindings"]),
                             max_rows)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:   # a proxy's error page, a wrong URL
            raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not SPARQL JSON ({transport.reason(exc)[:200]})") from None
        return Answer("SELECT", names, rows, cut=cut)
