"""Identifiers as links a reader can follow: HPO terms, DOIs, PubMed ids, and IRIs.

Only ``http``/``https`` targets become links: a value read from a document (a reference's URL) could
be ``javascript:…``, which a browser would run when clicked.
"""
from __future__ import annotations

import re
from urllib.parse import quote

KG = "https://w3id.org/spasmkg/id/"
SKG = "https://w3id.org/spasmkg/ontology#"
_HPO = re.compile(r"HP:\d{7}")
_PMID = re.compile(r"\d{1,9}")


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None."""
    if not url:
        return None
    u = url.strip()
    return u if re.match(r"https?://[^\s<>\"]+\Z", u, re.I) else None


def hpo(curie: str) -> str | None:
    """``HP:0003552`` -> its page in the HPO browser."""
    return f"https://hpo.jax.org/browse/term/{curie}" if _HPO.fullmatch(curie or "") else None


def doi(value: str) -> str | None:
    """A DOI (bare or as a URL) -> its resolver link."""
    v = (value or "").strip()
    v = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", v, flags=re.I)
    return f"https://doi.org/{quote(v, safe='/:;()._-')}" if v.startswith("10.") else None


def pubmed(value: str) -> str | None:
    v = (value or "").strip()
    return f"https://pubmed.ncbi.nlm.nih.gov/{v}/" if _PMID.fullmatch(v) else None


def short(iri: str) -> str:
    """An IRI as the command line prints it: ``kg:`` and ``skg:`` prefixes."""
    s = str(iri)
    if s.startswith(KG):
        return "kg:" + s[len(KG):]
    if s.startswith(SKG):
        return "skg:" + s[len(SKG):]
    return s


def local_type(iri: str) -> str:
    """``https://w3id.org/spasmkg/ontology#ExamSign`` -> ``ExamSign``."""
    return str(iri).rsplit("#", 1)[-1]
