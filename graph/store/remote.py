"""What every call to a remote endpoint needs besides the call: credentials, retries, safe URLs.

* **Credentials** come from the environment (``SPASMKG_ENDPOINT_TOKEN`` for a bearer token, or
  ``SPASMKG_ENDPOINT_USER`` and ``SPASMKG_ENDPOINT_PASSWORD``) or from a netrc file
  (``SPASMKG_NETRC``, else ``~/.netrc``, matched by host). A URL holding a user or password is
  refused: it would end up in shell history, process lists and logs. Credentials are sent as a
  header, only over https (or plain http to this machine), never across a redirect to another
  origin (:mod:`spasmkg.graph.store.transport`), and never appear in a message: every URL shown is
  passed through :func:`redact`, which copes with a malformed one.
* **Retries**: a request that failed in a way that may pass is tried again, at most
  :data:`ATTEMPTS` times in all, waiting :data:`BACKOFF_S` seconds and doubling. A request that is
  safe to repeat (a query, a PUT) is retried after a refused or reset connection, a timeout, or
  HTTP 429, 500, 502, 503, 504; one that is not (the switch of a push) only when the endpoint
  cannot have processed it: a refused connection, HTTP 429 or 503.
* **TLS** is always verified, with the system's certificate store (``SSL_CERT_FILE`` adds a
  private authority); there is no switch to turn verification off.
"""
from __future__ import annotations

import base64
import netrc
import os
import re
import socket
import time
import urllib.error
import urllib.parse
from typing import Callable, TypeVar

from spasmkg.common.errors import SpasmkgError

T = TypeVar("T")

ATTEMPTS = 3
BACKOFF_S = 0.5
RETRY_STATUS = {429, 502, 503, 504}
NOT_PROCESSED = {429, 503}
ENV_TOKEN = "SPASMKG_ENDPOINT_TOKEN"
ENV_USER = "SPASMKG_ENDPOINT_USER"
ENV_PASSWORD = "SPASMKG_ENDPOINT_PASSWORD"
ENV_NETRC = "SPASMKG_NETRC"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_SECRET_PARAMS = ("key", "token", "secret", "password", "passwd", "auth", "signature", "sig")


def redact(url: str) -> str:
    """``url`` without user information, and with the values of secret-looking query parameters
    (``api_key``, ``token``, …) replaced by ``***``: safe to print, even when the URL is malformed
    (a port that is not a number, a bracket left open)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    # user information is dropped whole, up to the last "@" before the query: a password may hold
    # a "/" that a parser would take for the start of the path
    head = min((i for i in (rest.find(c) for c in "?#") if i >= 0), default=len(rest))
    rest = rest[rest.rfind("@", 0, head) + 1:]
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    netloc, tail = rest[:cut], rest[cut:]
    path, _, query = tail.partition("#")[0].partition("?")
    query = "&".join(
        f"{k}=***" if any(s in k.lower() for s in _SECRET_PARAMS) else f"{k}={v}" if v != "" else k
        for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True))
    shown = f"{scheme}{sep}{netloc}{path}" + (f"?{urllib.parse.quote(query, safe='=&*:/?')}" if query else "")
    return _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", shown)   # a message stays one line


def check_url(url: str) -> str:
    """An http(s) URL without credentials in it; the redacted form is what errors show."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port   # raises on a malformed port
    except ValueError:    # the parser's message quotes the "port", which may be a password: not shown
        raise SpasmkgError("E043", url=redact(url), reason="the host or port is malformed "
                                                           "(a port is a number from 0 to 65535)") from None
    if parts.scheme not in ("http", "https"):
        raise SpasmkgError("E043", url=redact(url), reason="the endpoint must be an http:// or https:// URL")
    if parts.username or parts.password:
        raise SpasmkgError("E045", url=redact(url))
    if not parts.hostname:
        raise SpasmkgError("E043", url=redact(url), reason="the URL names no host")
    if _CONTROL.search(url):
        raise SpasmkgError("E043", url=redact(url), reason="the URL holds a space or a control character; percent-encode it")
    return url


def auth_headers(url: str) -> dict[str, str]:
    """The ``Authorization`` header for ``url`` from the environment or a netrc file (or none).
    Credentials go only over https, or over http to this machine."""
    token = os.environ.get(ENV_TOKEN)
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if not token and not user:
        user, password = _from_netrc(urllib.parse.urlsplit(url).hostname or "")
    if not token and not user:
        return {}
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in LOCAL_HOSTS:
        raise SpasmkgError("E047", url=redact(url))
    if token:
        return {"Authorization": f"Bearer {token}"}
    pair = f"{user}:{password or ''}".encode("utf-8")
    return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


def _from_netrc(host: str) -> tuple[str | None, str | None]:
    path = os.environ.get(ENV_NETRC) or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None, None
    try:
        found = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        # the parser's message quotes the offending line, which may hold a password: name the file only
        raise SpasmkgError("E046", path=path, reason=type(exc).__name__) from None
    return (found[0], found[2]) if found else (None, None)


def _status(exc: BaseException) -> int | None:
    return exc.code if isinstance(exc, urllib.error.HTTPError) else None


def transient(exc: BaseException, idempotent: bool) -> bool:
    """Whether a failed request may succeed when sent again."""
    status = _status(exc)
    if status is not None:   # 429 and 503 say the request was not processed; 500, 502, 504 may hide that it was
        return status in NOT_PROCESSED or (idempotent and status in RETRY_STATUS | {500})
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return True
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, socket.timeout, TimeoutError)):
        return idempotent
    return False


def time_budget(timeout: float) -> float:
    """The longest a request with ``timeout`` per attempt can take, retries and pauses included."""
    return ATTEMPTS * timeout + BACKOFF_S * (2 ** (ATTEMPTS - 1) - 1) + 5


def retry(send: Callable[[], T], idempotent: bool = True, sleep: Callable[[float], None] = time.sleep) -> T:
    """``send()``, tried again after a transient failure; at most :data:`ATTEMPTS` tries."""
    delay = BACKOFF_S
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return send()
        except Exception as exc:   # classified below; anything else is raised at once
            if attempt == ATTEMPTS or not transient(exc, idempotent):
                raise
        sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")
