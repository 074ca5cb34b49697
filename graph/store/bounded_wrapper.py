"""SPARQLWrapper, with its requests sent through :mod:`spasmkg.graph.store.transport`.

SPARQLWrapper builds a SPARQL 1.1 protocol request and reads the answer, but sends the request with
``urllib.request.urlopen``: its timeout bounds each socket operation, not the request (an endpoint
that trickles a byte a second never times out), it reads an answer of any size, and it follows a
redirect to another host or to plain http with the ``Authorization`` header still on. This subclass
replaces only :meth:`_query`, the one method that sends: the request SPARQLWrapper made travels
through :func:`transport.fetch` (one deadline, a size cap, redirects kept to the same origin,
proxies, retries, coded errors) and the complete answer is handed back as the standard-library
response object that SPARQLWrapper's :class:`QueryResult` reads. An answer that names no
``Content-Type`` (a proxy may drop it) is taken to be of the first type the request asked for.
"""
from __future__ import annotations

import io
import urllib.response

from SPARQLWrapper import SPARQLWrapper

from spasmkg.graph.store import transport


class BoundedSPARQLWrapper(SPARQLWrapper):
    """A :class:`SPARQLWrapper` whose every request has a deadline, a size cap and safe redirects."""

    def _query(self) -> tuple[urllib.response.addinfourl, str]:
        if not self.timeout:    # urllib would wait for ever; transport needs a deadline
            raise ValueError("BoundedSPARQLWrapper needs setTimeout() before a query")
        request = self._createRequest()
        reply = transport.fetch(request.full_url, request.get_method(), request.data, dict(request.header_items()),
                                self.timeout, idempotent=not self.isSparqlUpdateRequest())
        if reply.headers.get("Content-Type") is None:
            reply.headers["Content-Type"] = request.get_header("Accept", "").split(",")[0].strip()
        response = urllib.response.addinfourl(io.BytesIO(reply.body), reply.headers, request.full_url, reply.status)
        return response, self.returnFormat
