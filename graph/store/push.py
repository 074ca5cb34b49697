"""Sending a built graph to a SPARQL server: each named graph replaced, all at once or not at all.

Through the Graph Store Protocol (``PUT URL?graph=IRI``) or SPARQL Update (``INSERT DATA``), each
graph first goes to a temporary graph; one update request then moves every temporary graph onto its
real name (``MOVE``), which the endpoint applies as one transaction.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote
from spasmkg.graph.store.endpoint import _reason, check_timeout
from spasmkg.graph.store.files import load

PROTOCOLS = ("gsp", "update")



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

