"""A cited work's DOI, PMID and PMCID as the IRIs the rest of the web names it by.

A literal (``prism:doi "10.1000/ABC"``) can only be compared as text; an IRI
(``https://doi.org/10.1000/abc``) joins this graph with any other graph, catalogue or reference
manager that names the same work by it. DOIs are case-insensitive, so the IRI holds the DOI in
lower case (two lists that print it differently meet at one IRI) while ``prism:doi`` keeps it as
written, for display. Characters an IRI may not hold are percent-encoded, as doi.org asks.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

DOI_BASE = "https://doi.org/"
PUBMED_BASE = "https://pubmed.ncbi.nlm.nih.gov/"
PMC_BASE = "https://www.ncbi.nlm.nih.gov/pmc/articles/"
#: what a DOI keeps unencoded in its IRI besides letters, digits and ``_.-~``
_DOI_SAFE = "/:;()!$&'*+,=@"
_PMID = re.compile(r"\d{1,9}")
_PMCID = re.compile(r"(?:PMC)?(\d{1,9})", re.I)


def doi_key(doi: str) -> str:
    """The DOI as it is matched: trimmed, lower case, without a resolver prefix."""
    d = doi.strip()
    d = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", d, flags=re.I)
    return d.lower()


def doi_iri(doi: str) -> URIRef:
    return URIRef(DOI_BASE + quote(doi_key(doi), safe=_DOI_SAFE))


def pmid_iri(pmid: str) -> URIRef | None:
    """PubMed's page of the record; None for a value that is not a PubMed number."""
    p = pmid.strip()
    return URIRef(f"{PUBMED_BASE}{int(p)}/") if _PMID.fullmatch(p) else None


def pmcid_key(pmcid: str) -> str | None:
    """``PMC1234567`` for 'PMC1234567', 'pmc1234567' or '1234567'; None for anything else."""
    m = _PMCID.fullmatch(pmcid.strip())
    return f"PMC{int(m.group(1))}" if m else None


def pmcid_iri(pmcid: str) -> URIRef | None:
    key = pmcid_key(pmcid)
    return URIRef(f"{PMC_BASE}{key}/") if key else None


def identifier_iris(doi: str | None, pmid: str | None, pmcid: str | None) -> list[URIRef]:
    """The IRIs of whichever of the three identifiers a reference states, in that order."""
    out = [doi_iri(doi)] if doi and doi_key(doi) else []
    for iri in (pmid_iri(pmid) if pmid else None, pmcid_iri(pmcid) if pmcid else None):
        if iri is not None:
            out.append(iri)
    return out
