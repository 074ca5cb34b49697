"""A remote SPARQL 1.1 query endpoint, asked through SPARQLWrapper (a form POST).

SPARQLWrapper builds the request and converts the answer; the bytes travel through
:mod:`spasmkg.graph.store.transport` (:mod:`spasmkg.graph.store.bounded_wrapper`), so every request
has a deadline in whole seconds, a cap on the answer's size, redirects kept to the same origin, and
a clear error when the endpoint is down, slow or refuses it; credentials, retries and safe URLs come
from :mod:`spasmkg.graph.store.remote`. A parameter travels as an inline ``VALUES`` block (:mod:`spasmkg.graph.store.binding`). Every query is
checked before it is sent (read-only, no ``SERVICE``).

**Union default graph.** Library queries do not use ``GRAPH``; the endpoint must answer them over
the union of its named graphs (``oxigraph serve --union-default-graph``; Fuseki's
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do so by default).
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, N3, POST
from SPARQLWrapper.Wrapper import QueryResult

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote, safety, transport
from spasmkg.graph.store.base import Answer, Bindings, QueryStore, take
from spasmkg.graph.store.bounded_wrapper import BoundedSPARQLWrapper
from spasmkg.graph.store.binding import bind

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



# the query forms as rdflib's parser names them, and as SPARQLWrapper does
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
# what each answer may be, by media type (SPARQLWrapper's ``convert()`` picks its reader by the same)
JSON_TYPES = ("application/sparql-results+json", "application/json")
TURTLE_TYPES = ("text/turtle", "application/turtle", "application/n-triples", "text/n3", "text/rdf+n3",
                "application/n3")


class EndpointStore(QueryStore):
    """A SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query`` for ``oxigraph serve``."""

    name = "endpoint"

    def __init__(self, url: str, timeout: int | None = None):
        self.url = remote.check_url(url)
        self.shown = remote.redact(url)     # the URL as messages show it
        self.timeout = check_timeout(timeout)

    def _ask(self, query: str, form: str, return_format: str) -> QueryResult:
        """The endpoint's answer to ``query``, as SPARQLWrapper's ``QueryResult``."""
        safety.check_utf8(query, "the query")
        sw = BoundedSPARQLWrapper(self.url)
        sw.setMethod(POST)
        sw.setOnlyConneg(True)      # the format is asked for by the Accept header alone
        sw.setTimeout(self.timeout)
        sw.setQuery(query)
        # SPARQLWrapper guesses the form with a regular expression that an IRI holding "ask" or
        # "insert" can fool; rdflib's parser has already read it
        sw.queryType = FORMS[form]
        sw.setReturnFormat(return_format)
        for name, value in remote.auth_headers(self.url).items():
            sw.addCustomHttpHeader(name, value)
        return sw.query()

    def _converted(self, result: QueryResult, types: tuple[str, ...], what: str):
        """``result.convert()``, once the answer says it is one of ``types`` (a proxy's login page
        must not reach a parser of another format)."""
        sent = (result.info().get("content-type") or "").split(";")[0].strip().lower()
        if sent not in types:
            raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not {what} "
                                                              f"(its type is {sent[:60] or 'not given'})")
        return result.convert()

    def query(self, query: str, bindings: Bindings | None = None, max_rows: int | None = None) -> Answer:
        form = safety.check_read_only(query)
        text = bind(query, bindings)
        safety.check_read_only(text)
        if form in ("ConstructQuery", "DescribeQuery"):
            data = self._converted(self._ask(text, form, N3), TURTLE_TYPES, "Turtle")   # N3 asks for N-Triples too
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
        result = self._ask(text, form, JSON)
        try:
            doc = self._converted(result, JSON_TYPES, "SPARQL JSON")
            if "boolean" in doc:
                return Answer("ASK", boolean=bool(doc["boolean"]))
            names = list(doc.get("head", {}).get("vars", []))
            rows, cut = take(({n: _term(b[n]) if n in b else None for n in names} for b in doc["results"]["bindings"]),
                             max_rows)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:   # a proxy's error page, a wrong URL
            raise SpasmkgError("E043", url=self.shown, reason=f"the answer is not SPARQL JSON ({transport.reason(exc)[:200]})") from None
        return Answer("SELECT", names, rows, cut=cut)
