"""One HTTP request to a remote endpoint, with the limits urllib does not have.

urllib's timeout bounds each socket operation, not the request: an endpoint that trickles a byte a
second never times out, and one that sends an endless body fills the memory. Here each attempt has
one deadline for connecting, the headers and the body (a watchdog shuts the connection when it
passes), the body is read up to :data:`spasmkg.common.limits.MAX_RESPONSE_MB`, and a redirect is
followed only where it can take neither the credentials nor the request anywhere else: to the same
origin (scheme, host and port), over https or on this machine, with a status that keeps the method
and the body (307, 308). Every other redirect is an error naming its target. ``https_proxy``,
``http_proxy`` and ``no_proxy`` are honoured as urllib honours them, except for this machine.

:func:`fetch` adds the retries of :mod:`spasmkg.graph.store.remote` and turns every failure into a
coded error; :func:`send` is one attempt.
"""
from __future__ import annotations

import base64
import http.client
import io
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store import remote

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
KEEPS_REQUEST = {307, 308}
CHUNK = 64 * 1024


@dataclass
class Reply:
    """A complete answer: status, headers and the whole body."""
    status: int
    reason: str
    headers: Message
    body: bytes


class DeadlinePassed(TimeoutError):
    """The whole request took longer than its timeout (a slow trickle included)."""


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with the scheme's default port filled in."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def may_follow(url: str, target: str, status: int) -> str | None:
    """None when the redirect from ``url`` to ``target`` may be followed, else why not."""
    if status not in KEEPS_REQUEST:
        return "it does not keep the request (only 307 and 308 do)"
    if origin(target) != origin(url):
        return "it leads to another origin (scheme, host or port)"
    scheme, host, _ = origin(target)
    if scheme != "https" and host not in remote.LOCAL_HOSTS:
        return "it is not over https"
    return None


def _read_capped(resp: http.client.HTTPResponse, url: str) -> bytes:
    limit = int(limits.MAX_RESPONSE_MB * 1024 * 1024)
    chunks, size = [], 0
    while chunk := resp.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise SpasmkgError("E081", url=remote.redact(url), limit=f"{limits.MAX_RESPONSE_MB:g}")
        chunks.append(chunk)
    return b"".join(chunks)


def _target(url: str) -> str:
    """The request target of ``url``: its path and query, with any character HTTP does not allow
    there (a letter with an accent) percent-encoded as UTF-8, and existing escapes kept."""
    parts = urllib.parse.urlsplit(url)
    keep = "/%:@!$&'()*+,;=-._~?"
    return urllib.parse.quote(parts.path or "/", safe=keep) + (f"?{urllib.parse.quote(parts.query, safe=keep)}"
                                                              if parts.query else "")


def proxy_for(url: str) -> urllib.parse.SplitResult | None:
    """The proxy a request to ``url`` goes through: ``http_proxy`` / ``https_proxy`` unless
    ``no_proxy`` names the host, as urllib reads them. Never one for this machine: credentials may
    travel there over plain http, which must not cross a network to a proxy."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    proxy = urllib.request.getproxies().get(parts.scheme)
    if not proxy or host in remote.LOCAL_HOSTS or host.startswith("127.") or urllib.request.proxy_bypass(host):
        return None
    found = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    try:
        found.port
    except ValueError:
        found = None
    if found is None or not found.hostname:
        raise SpasmkgError("E043", url=remote.redact(url), reason=f"the {parts.scheme}_proxy setting is not a URL")
    return found


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
    """A connection for ``url``, the request target to send on it, and headers for a proxy. Through
    a proxy, https goes in a tunnel (``CONNECT``; TLS from end to end, so the proxy never sees the
    credentials) and http as an absolute URL."""
    parts = urllib.parse.urlsplit(url)
    target = _target(url)
    proxy = proxy_for(url)
    tls = ssl.create_default_context() if parts.scheme == "https" else None
    if proxy is None:
        if tls:
            return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=tls), target, {}
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout), target, {}
    auth = {}
    if proxy.username:
        pair = f"{urllib.parse.unquote(proxy.username)}:{urllib.parse.unquote(proxy.password or '')}"
        auth = {"Proxy-Authorization": "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")}
    if tls:
        conn = http.client.HTTPSConnection(proxy.hostname, proxy.port or 80, timeout=timeout, context=tls)
        conn.set_tunnel(parts.hostname, parts.port or 443, headers=auth)
        return conn, target, {}
    conn = http.client.HTTPConnection(proxy.hostname, proxy.port or 80, timeout=timeout)
    return conn, f"{parts.scheme}://{parts.netloc}{target}", auth


def _once(url: str, method: str, body: bytes | None, headers: dict[str, str], deadline: float,
          timeout: float) -> Reply:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlinePassed(f"timed out: no complete answer within {timeout:g} s")
    conn, target, proxy_headers = _connection(url, remaining)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)   # wakes the reading thread: the read ends at once
            except OSError:
                pass
    watchdog = threading.Timer(remaining, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request(method, target, body=body, headers={**headers, **proxy_headers})
        resp = conn.getresponse()
        reply = Reply(resp.status, resp.reason, resp.headers, _read_capped(resp, url))
    except SpasmkgError:
        raise
    except Exception:   # whatever a shut socket raised, the cause is the deadline
        if expired.is_set():
            raise DeadlinePassed(f"timed out: no complete answer within {timeout:g} s") from None
        raise
    finally:
        watchdog.cancel()
        conn.close()
    if expired.is_set():    # a shut socket may also look like the end of a body without a length
        raise DeadlinePassed(f"timed out: no complete answer within {timeout:g} s")
    return reply


def send(url: str, method: str, body: bytes | None, headers: dict[str, str], timeout: float) -> Reply:
    """One attempt: the answer of ``url``, after the redirects that may be followed, within
    ``timeout`` seconds in all. An HTTP error status raises ``urllib.error.HTTPError``."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        reply = _once(url, method, body, headers, deadline, timeout)
        if reply.status not in REDIRECTS:
            if reply.status >= 400:
                raise urllib.error.HTTPError(remote.redact(url), reply.status, reply.reason, reply.headers,
                                             io.BytesIO(reply.body))
            return reply
        target = urllib.parse.urljoin(url, reply.headers.get("Location") or "")
        why = may_follow(url, target, reply.status)
        if why:
            raise SpasmkgError("E080", url=remote.redact(url), status=reply.status, target=remote.redact(target),
                               reason=why)
        url = target
    raise SpasmkgError("E080", url=remote.redact(url), status=reply.status, target=remote.redact(target),
                       reason=f"more than {MAX_REDIRECTS} redirects")


def reason(exc: BaseException) -> str:
    """The first line of a failure, for a message."""
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def fetch(url: str, method: str, body: bytes | None, headers: dict[str, str], timeout: float,
          idempotent: bool = True) -> Reply:
    """:func:`send`, retried after a transient failure (:func:`remote.retry`); every failure is a
    coded error: E043 when the endpoint refused or answered garbage, E016 when it did not answer."""
    shown = remote.redact(url)
    try:
        return remote.retry(lambda: send(url, method, body, headers, timeout), idempotent=idempotent)
    except urllib.error.HTTPError as exc:
        lines = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise SpasmkgError("E043", url=shown, reason=f"HTTP {exc.code}: {lines[0][:200] if lines else exc.reason}") from None
    except http.client.IncompleteRead as exc:
        raise SpasmkgError("E016", url=shown, reason=f"the answer broke off after {len(exc.partial)} bytes") from None
    except (ConnectionError, TimeoutError) as exc:   # before HTTPException: RemoteDisconnected is both
        raise SpasmkgError("E016", url=shown, reason=reason(exc)) from None
    except http.client.HTTPException as exc:          # a garbage status line, headers too long
        raise SpasmkgError("E043", url=shown, reason=f"the answer is not HTTP ({type(exc).__name__}: {reason(exc)[:100]})") from None
    except OSError as exc:                            # no such host, TLS not verified, unreachable network
        raise SpasmkgError("E016", url=shown, reason=reason(exc)) from None
