"""A remote SPARQL 1.1 endpoint: querying it (SPARQLWrapper) and pushing a built graph to it.

Every network call of spasmkg lives in this module, with a timeout in whole seconds and a clear
error when the endpoint is down, slow or refuses the request.

**Parameters.** The SPARQL 1.1 protocol has no way to send bindings beside a query, and
SPARQLWrapper has no binding API, so a parameter travels inside the query as an inline
``VALUES (?name) { ("value") }`` block placed at the start of the query's ``WHERE`` group (where
FILTERs of that group see it, as they see rdflib ``initBindings``). The value is written by
``rdflib.Literal(value).n3()``, the RDF library's own term serializer, which escapes every quote,
backslash and line break: whatever the user typed, the result is one string literal token, so it
cannot close the literal or the block and add query text. The query text itself comes from the
library, and every query is checked before it is sent (read-only, no ``SERVICE``).

**Union default graph.** Library queries do not use ``GRAPH``; the endpoint must answer them over
the union of its named graphs (``oxigraph serve --union-default-graph``; Fuseki's
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso do so by default).
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from spasmkg.errors import SpasmkgError

from . import remote
from .stores import Answer, Bindings, Rows, as_terms

DEFAULT_TIMEOUT = 30
PROTOCOLS = ("gsp", "update")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def check_timeout(timeout: int | float | None) -> int:
    """A timeout in whole seconds, at least 1 (SPARQLWrapper truncates with ``int()``, so 0.5
    would silently become 0, which means no timeout at all)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    t = int(timeout)
    if t < 1 or t != timeout:
        raise SpasmkgError("E044", timeout=timeout)
    return t


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


class EndpointStore:
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
        from spasmkg.queries import safety
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

    def select(self, query: str, bindings: Bindings | None = None) -> tuple[list[str], Rows]:
        a = self.query(query, bindings)
        return a.variables, a.rows


def _named_graphs(ds: Dataset) -> list[Graph]:
    return sorted((g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)),
                  key=lambda g: str(g.identifier))


def _request(url: str, method: str, body: bytes, content_type: str, timeout: int, idempotent: bool = True) -> None:
    """One HTTP request with credentials, retried after a transient failure (see :mod:`.remote`)."""
    headers = {"Content-Type": content_type, **remote.auth_headers(url)}

    def send() -> None:
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    try:
        remote.retry(send, idempotent=idempotent)
    except urllib.error.HTTPError as exc:
        body_lines = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise SpasmkgError("E043", url=remote.redact(url),
                           reason=f"HTTP {exc.code}: {body_lines[0][:200] if body_lines else exc.reason}") from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
        raise SpasmkgError("E016", url=remote.redact(url), reason=_reason(exc)) from None


def update_url_for(store_url: str) -> str:
    """The SPARQL Update endpoint beside a Graph Store Protocol endpoint: Oxigraph serves ``/store``
    and ``/update``, Fuseki ``/DATASET/data`` and ``/DATASET/update``."""
    parts = urllib.parse.urlsplit(store_url)
    for tail in ("/store", "/data"):
        if parts.path.endswith(tail):
            return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len(tail)] + "/update", query=""))
    raise SpasmkgError("E043", url=remote.redact(store_url),
                       reason="no SPARQL Update endpoint known beside it; give one (--update-endpoint)")


def push(out_dir: Path, url: str, protocol: str = "gsp", timeout: int | None = None,
         update_url: str | None = None) -> list[tuple[str, int]]:
    """Send every named graph of the built graph in ``out_dir`` to ``url``, replacing a graph of the
    same name; returns (graph IRI, triples) per graph.

    Nothing is half-pushed: each graph first goes to a temporary graph (``gsp``: a PUT to the
    Graph Store Protocol endpoint, ``URL?graph=IRI``; ``update``: ``INSERT DATA`` posted to the
    SPARQL Update endpoint ``URL``), then one update request moves every temporary graph onto its
    real name (``MOVE``), which the endpoint applies as one transaction. If a request fails before
    that switch, the temporary graphs are dropped and the endpoint keeps its previous graphs.
    With ``gsp`` the switch goes to ``update_url`` (default: see :func:`update_url_for`)."""
    from .store import load
    shown = remote.redact(url)
    if protocol not in PROTOCOLS:
        raise SpasmkgError("E043", url=shown, reason=f"unknown protocol {protocol!r}; use {' or '.join(PROTOCOLS)}")
    remote.check_url(url)
    switch_url = remote.check_url(url if protocol == "update" else update_url or update_url_for(url))
    t = check_timeout(timeout)
    token = uuid.uuid4().hex
    graphs = _named_graphs(load(out_dir))
    staged: list[tuple[URIRef, URIRef]] = []
    try:
        for i, g in enumerate(graphs):
            tmp = URIRef(f"urn:spasmkg:push:{token}:{i}")
            staged.append((tmp, URIRef(g.identifier)))   # listed first: a failed request may still have written
            nt = g.serialize(format="nt", encoding="utf-8")
            if protocol == "gsp":
                sep = "&" if urllib.parse.urlsplit(url).query else "?"
                _request(f"{url}{sep}{urllib.parse.urlencode({'graph': str(tmp)})}", "PUT", nt,
                         "application/n-triples", t)
            else:
                # The data is rdflib's own N-Triples serialization (every literal escaped), which is
                # also valid SPARQL; the graph names are IRIs rdflib has validated.
                update = (f"DROP SILENT GRAPH {tmp.n3()} ;\nINSERT DATA {{ GRAPH {tmp.n3()} {{\n"
                          + nt.decode("utf-8") + "}}")
                _request(url, "POST", update.encode("utf-8"), "application/sparql-update", t)
    except SpasmkgError:
        _drop(switch_url, [tmp for tmp, _ in staged], t)
        raise
    switch = " ;\n".join(f"MOVE SILENT GRAPH {tmp.n3()} TO {iri.n3()}" for tmp, iri in staged)
    try:
        if switch:
            _request(switch_url, "POST", switch.encode("utf-8"), "application/sparql-update", t, idempotent=False)
    finally:
        _drop(switch_url, [tmp for tmp, _ in staged], t)   # after a MOVE they are gone already
    return [(str(iri), len(g)) for (_, iri), g in zip(staged, graphs)]


def _drop(update_url: str, graphs: list[URIRef], timeout: int) -> None:
    """Remove temporary graphs, as well as can be: the endpoint may be the thing that failed."""
    if not graphs:
        return
    try:
        _request(update_url, "POST", " ;\n".join(f"DROP SILENT GRAPH {g.n3()}" for g in graphs).encode("utf-8"),
                 "application/sparql-update", timeout)
    except SpasmkgError:
        pass
