"""Reference identity across documents: the same cited work in two reference lists is one work.

Matched by DOI, PMID or PMCID when an entry has one, else by a key of first-author surname, year, journal,
volume and first page, each normalized so that style does not matter (``Ann Intern Med`` =
``Ann. Intern. Med.``; ``478-491`` and ``478-91`` start on page 478; ``Chou R`` = ``Chou, R.``).
The title breaks ties: two entries whose keys agree but whose titles clearly differ stay apart.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.graph.identifiers import doi_key, identifier_iris, pmcid_key
from spasmkg.ontology.namespaces import FABIO, PRISM, SKG

#: keys that name one work whatever the rest of the entry says
IDENTIFIER_KEYS = ("doi:", "pmid:", "pmcid:")


def fold(text: str | None) -> str:
    t = unicodedata.normalize("NFKD", text or "")
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "", t)


def surname(author: str | None) -> str:
    """``Chou R`` / ``Chou, R.`` / ``Von Korff M`` -> ``chou`` / ``vonkorff``."""
    a = (author or "").strip()
    if "," in a:
        a = a.split(",")[0]
    else:
        a = re.sub(r"\s+[A-Z]{1,4}\.?$", "", a)          # drop trailing initials
    return fold(a)


def first_page(pages: str | None) -> str:
    m = re.match(r"\s*([A-Za-z]*\d+)", pages or "")
    return fold(m.group(1)) if m else ""


@dataclass
class Entry:
    iri: URIRef
    doc: str
    n: int
    first_author: str
    year: str
    container: str
    volume: str
    page: str
    title: str
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    keys: list[str] = field(default_factory=list)


def entries(ds: Dataset) -> list[Entry]:
    out = []
    for r in sorted(set(ds.subjects(RDF.type, SKG.BibliographicReference)), key=str):
        authors = sorted(ds.objects(r, DCTERMS.creator), key=lambda a: int(ds.value(a, SKG.position) or 0))
        first = str(ds.value(authors[0], RDFS.label)) if authors else ""
        e = Entry(r, str(ds.value(r, DCTERMS.isPartOf)), int(ds.value(r, SKG.referenceNumber)), first,
                  str(ds.value(r, FABIO.hasPublicationYear) or ""), str(ds.value(r, PRISM.publicationName) or ""),
                  str(ds.value(r, PRISM.volume) or ""), str(ds.value(r, PRISM.pageRange) or ""),
                  str(ds.value(r, DCTERMS.title) or ""), str(ds.value(r, PRISM.doi) or ""),
                  str(ds.value(r, SKG.pmid) or ""), str(ds.value(r, SKG.pmcid) or ""))
        if e.doi:
            e.keys.append("doi:" + doi_key(e.doi))
        if e.pmid:
            e.keys.append("pmid:" + e.pmid)
        if e.pmcid and (pmc := pmcid_key(e.pmcid)):
            e.keys.append("pmcid:" + pmc)
        if e.first_author and e.year and e.container and (e.volume or e.page):
            e.keys.append("bib:" + "|".join((surname(e.first_author), e.year, fold(e.container),
                                              fold(e.volume), first_page(e.page))))
        elif e.first_author and e.title:
            e.keys.append("title:" + "|".join((surname(e.first_author), e.year, fold(e.title)[:80])))
        out.append(e)
    return out


def work_identifiers(members: list[Entry]) -> list[URIRef]:
    """The identifier IRIs of a work: every DOI, PMID and PMCID its entries state, once each."""
    out: list[URIRef] = []
    for m in members:
        for iri in identifier_iris(m.doi, m.pmid, m.pmcid):
            if iri not in out:
                out.append(iri)
    return out


def _same_title(a: Entry, b: Entry) -> bool:
    if not a.title or not b.title:
        return True
    ta, tb = fold(a.title), fold(b.title)
    return ta in tb or tb in ta or difflib.SequenceMatcher(None, ta, tb).ratio() >= 0.8


def group(ds: Dataset) -> dict[str, list[Entry]]:
    """Work id -> the reference entries (from any document) that cite that work."""
    items = entries(ds)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    for i, e in enumerate(items):
        for k in e.keys:
            j = by_key.setdefault(k, i)
            if j != i and (k.startswith(IDENTIFIER_KEYS) or _same_title(items[j], e)):
                parent[find(i)] = find(j)
    groups: dict[int, list[Entry]] = {}
    for i, e in enumerate(items):
        groups.setdefault(find(i), []).append(e)
    out = {}
    for members in groups.values():
        members.sort(key=lambda e: (e.doc, e.n))
        key = min((k for e in members for k in e.keys), default=str(members[0].iri))
        wid = hashlib.sha256(key.encode()).hexdigest()[:16]
        if wid in out:      # two works share their smallest key (same bib key, titles apart): both kept
            wid = hashlib.sha256(f"{key}\x1f{members[0].iri}".encode()).hexdigest()[:16]
        out[wid] = members
    return out
