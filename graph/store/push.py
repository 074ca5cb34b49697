"""Sending a built graph to a SPARQL server: each named graph replaced, all at once or not at all.

Through the Graph Store Protocol (``PUT URL?graph=IRI``) or SPARQL Update (``INSERT DATA``), each
graph first goes to a temporary graph; one update request then moves every temporary graph onto its
real name (``MOVE``), which the endpoint applies as one transaction. A push is reported done only
once the graphs are read back from the endpoint with the triples sent.
"""
from __future__ import annotations

import urllib.parse
import uuid
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote, transport
from spasmkg.graph.store.endpoint import EndpointStore, check_timeout
from spasmkg.graph.store.files import load

PROTOCOLS = ("gsp", "update")



def _named_graphs(ds: Dataset) -> list[Graph]:
    return sorted((g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)),
                  key=lambda g: str(g.identifier))



def _request(url: str, method: str, body: bytes, content_type: str, timeout: int, idempotent: bool = True) -> None:
    """One HTTP request with credentials, retried after a transient failure (see :mod:`.remote`)."""
    headers = {"Content-Type": content_type, **remote.auth_headers(url)}
    transport.fetch(url, method, body, headers, timeout, idempotent=idempotent)


def update_url_for(store_url: str) -> str:
    """The SPARQL Update endpoint beside a Graph Store Protocol endpoint: Oxigraph serves ``/store``
    and ``/update``, Fuseki ``/DATASET/data`` and ``/DATASET/update``."""
    parts = urllib.parse.urlsplit(store_url)
    for tail in ("/store", "/data"):
        if parts.path.endswith(tail):
            return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len(tail)] + "/update", query=""))
    raise SpasmkgError("E043", url=remote.redact(store_url),
                       reason="no SPARQL Update endpoint known beside it; give one (--update-endpoint)")



def query_url_for(update_url: str) -> str:
    """The SPARQL query endpoint beside an update endpoint, to read a push back: ``…/update`` becomes
    ``…/query`` (Oxigraph, Fuseki); any other URL is taken to answer queries too (Virtuoso's
    ``/sparql``)."""
    parts = urllib.parse.urlsplit(update_url)
    if parts.path.endswith("/update"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("/update")] + "/query"))
    return update_url


def push(out_dir: Path, url: str, protocol: str = "gsp", timeout: int | None = None,
         update_url: str | None = None, query_url: str | None = None) -> list[tuple[str, int]]:
    """Send every named graph of the built graph in ``out_dir`` to ``url``, replacing a graph of the
    same name; returns (graph IRI, triples) per graph, as read back from the endpoint.

    Nothing is half-pushed: each graph first goes to a temporary graph (``gsp``: a PUT to the
    Graph Store Protocol endpoint, ``URL?graph=IRI``; ``update``: ``INSERT DATA`` posted to the
    SPARQL Update endpoint ``URL``), then one update request moves every temporary graph onto its
    real name (``MOVE``), which the endpoint applies as one transaction. If a request fails before
    that switch, the temporary graphs are dropped and the endpoint keeps its previous graphs.
    With ``gsp`` the switch goes to ``update_url`` (default: see :func:`update_url_for`).

    A push counts as done only when the endpoint holds it: graphs are counted through the query
    endpoint ``query_url`` (default: see :func:`query_url_for`), the temporary graphs before the
    switch (each must hold the triples sent) and the real ones after it (each must hold them, and no
    temporary graph may be left). When the answer to the switch is lost (a reset connection, a
    timeout) the second count tells whether it was applied."""
    shown = remote.redact(url)
    if protocol not in PROTOCOLS:
        raise SpasmkgError("E043", url=shown, reason=f"unknown protocol {protocol!r}; use {' or '.join(PROTOCOLS)}")
    remote.check_url(url)
    switch_url = remote.check_url(url if protocol == "update" else update_url or update_url_for(url))
    read_url = remote.check_url(query_url or query_url_for(switch_url))
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
    sent = [len(g) for g in graphs]
    switch = " ;\n".join(f"MOVE SILENT GRAPH {tmp.n3()} TO {iri.n3()}" for tmp, iri in staged)
    try:
        if switch:
            _check(read_url, [(tmp, iri, n) for (tmp, iri), n in zip(staged, sent)], t, shown, "the staged copy of graph ")
            try:
                _request(switch_url, "POST", switch.encode("utf-8"), "application/sparql-update", t, idempotent=False)
            except SpasmkgError as failed:   # the switch may have been applied although its answer was lost
                try:
                    _check_switched(read_url, staged, sent, t, shown)
                except SpasmkgError:
                    raise failed from None
            else:
                _check_switched(read_url, staged, sent, t, shown)
    finally:
        _drop(switch_url, [tmp for tmp, _ in staged], t)   # after a MOVE they are gone already
    return [(str(iri), n) for (_, iri), n in zip(staged, sent)]


def _counts(query_url: str, names: list[URIRef], timeout: int) -> dict[str, int]:
    """Triples per named graph, read through the query endpoint (a graph it lacks is absent)."""
    # the graph names are IRIs rdflib has validated; n3() writes each as one IRI token
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { " + " ".join(g.n3() for g in names)
             + " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    rows = EndpointStore(query_url, timeout).select(query)[1]
    try:
        return {str(r["g"]): int(str(r["n"])) for r in rows}
    except (KeyError, ValueError) as exc:
        raise SpasmkgError("E043", url=remote.redact(query_url),
                           reason=f"the count of the pushed graphs is not a number ({exc})") from None


def _check(query_url: str, expected: list[tuple[URIRef, URIRef, int]], timeout: int, shown: str, what: str) -> None:
    """Each (graph counted, graph named, triples): the counted graph must hold that many triples;
    E084 names the first that does not."""
    counts = _counts(query_url, [g for g, _, _ in expected], timeout)
    for g, name, n in expected:
        if counts.get(str(g), 0) != n:
            raise SpasmkgError("E084", url=shown, reason=f"{what}{name} holds {counts.get(str(g), 0)} triple(s), {n} were sent")


def _check_switched(query_url: str, staged: list[tuple[URIRef, URIRef]], sent: list[int], timeout: int,
                    shown: str) -> None:
    """After the switch: no temporary graph is left, and every graph holds what was sent."""
    counts = _counts(query_url, [tmp for tmp, _ in staged], timeout)
    if any(counts.values()):
        raise SpasmkgError("E084", url=shown, reason="the pushed graphs were not switched in (they are still staged)")
    _check(query_url, [(iri, iri, n) for (_, iri), n in zip(staged, sent)], timeout, shown, "graph ")


def _drop(update_url: str, graphs: list[URIRef], timeout: int) -> None:
    """Remove temporary graphs, as well as can be: the endpoint may be the thing that failed."""
    if not graphs:
        return
    try:
        _request(update_url, "POST", " ;\n".join(f"DROP SILENT GRAPH {g.n3()}" for g in graphs).encode("utf-8"),
                 "application/sparql-update", timeout)
    except SpasmkgError:
        pass

