"""A PDF sent to a GROBID server, its TEI back (``spasmkg build --grobid URL``).

GROBID's ``/api/processFulltextDocument`` takes the PDF as the multipart field ``input``; asked for
``teiCoordinates`` of sentences, callouts and reference entries, it gives each their boxes, which
become the reading's places. The request has one deadline (``SPASMKG_GROBID_SECONDS``) and the
answer a size cap (``SPASMKG_MAX_RESPONSE_MB``); a busy server (503) is asked again a few times;
redirects are not followed. Any failure is ``E107``, naming the file and the server.
"""
from __future__ import annotations

import time
from pathlib import Path

import requests

from spasmkg.common import limits
from spasmkg.common.errors import SpasmkgError

ENDPOINT = "/api/processFulltextDocument"
#: the elements GROBID is asked to give coordinates for
COORDINATES = ("s", "ref", "biblStruct", "head", "figure")
#: how often a busy server (503) is asked, and the pause before asking again
TRIES = 3
PAUSE_S = 2.0


def fulltext_tei(path: Path, base_url: str) -> bytes:
    """The TEI GROBID gives for the PDF at ``path``."""
    url = base_url.rstrip("/") + ENDPOINT
    fields = [("teiCoordinates", c) for c in COORDINATES]
    fields += [("segmentSentences", "1"), ("includeRawCitations", "1"), ("consolidateHeader", "0"),
               ("consolidateCitations", "0")]
    deadline = time.monotonic() + limits.GROBID_SECONDS
    cap = int(limits.MAX_RESPONSE_MB * 1024 * 1024)

    def failed(reason: str) -> SpasmkgError:
        return SpasmkgError("E107", path=path, url=base_url, reason=reason)

    for attempt in range(TRIES):
        left = deadline - time.monotonic()
        if left <= 0:
            raise failed(f"no answer within {limits.GROBID_SECONDS:g} s (SPASMKG_GROBID_SECONDS)")
        try:
            with open(path, "rb") as fh, requests.post(
                    url, files={"input": (path.name, fh, "application/pdf")}, data=fields,
                    headers={"Accept": "application/xml"}, timeout=(min(10.0, left), left),
                    allow_redirects=False, stream=True) as answer:
                if answer.status_code == 503:           # GROBID's 'all my threads are busy'
                    if attempt + 1 == TRIES:
                        raise failed(f"the server stayed busy (HTTP 503) after {TRIES} tries")
                    time.sleep(min(PAUSE_S * (attempt + 1), max(0.0, deadline - time.monotonic())))
                    continue
                if answer.status_code != 200:
                    raise failed(f"HTTP {answer.status_code} {answer.reason or ''}".strip())
                body = bytearray()
                for chunk in answer.iter_content(65536):
                    body += chunk
                    if len(body) > cap:
                        raise failed(f"the answer is larger than {limits.MAX_RESPONSE_MB:g} MB (SPASMKG_MAX_RESPONSE_MB)")
                    if time.monotonic() > deadline:
                        raise failed(f"no full answer within {limits.GROBID_SECONDS:g} s (SPASMKG_GROBID_SECONDS)")
                if not body.strip():
                    raise failed("an empty answer")
                return bytes(body)
        except requests.RequestException as exc:
            raise failed(f"{type(exc).__name__}: {exc}") from None
    raise AssertionError("unreachable: every try returns or raises")
