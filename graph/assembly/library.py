"""Reference libraries fill what the corpus's reference lists leave out, into ``kg:graph/library``.

A reference entry parsed from a text may lack its DOI, its PMID, its volume or its authors; the
library a reader keeps in a reference manager often has them. Each entry of the corpus is matched
to a library entry by DOI, PMID or PMCID, else by its title (folded as works are) and year, and
the fields it lacks are added from the library. What the text states is never replaced: a field
the entry already has is left alone, and a title match whose identifiers disagree is no match.

Every addition says where it came from (PROV-O): the reference has a ``prov:qualifiedDerivation``
whose ``prov:entity`` is the library entry (a ``skg:LibraryEntry`` with its key, part of the
library file, named by the file's SHA-256) and whose ``skg:suppliedField`` lists the fields added.
The additions live in their own named graph, so the documents' graphs (and their cache) stay what
the texts gave.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from spasmkg.extract.library import Library, LibraryEntry
from spasmkg.extract.model import Reference
from spasmkg.graph.assembly.works import fold
from spasmkg.graph.identifiers import doi_key, identifier_iris, pmcid_key
from spasmkg.ontology.namespaces import FABIO, KG, PRISM, SKG

GRAPH = KG["graph/library"]
#: the fields a library may supply: Reference attribute -> the property the graph states it with
FIELDS = {"doi": PRISM.doi, "pmid": SKG.pmid, "pmcid": SKG.pmcid, "title": DCTERMS.title,
          "container": PRISM.publicationName, "year": FABIO.hasPublicationYear, "volume": PRISM.volume,
          "issue": PRISM.issueIdentifier, "pages": PRISM.pageRange, "publisher": DCTERMS.publisher,
          "url": FABIO.hasURL, "accessed": SKG.accessed}


@dataclass
class LibrarySummary:
    libraries: list[tuple[str, int]] = field(default_factory=list)    # file name, entries
    enriched: int = 0          # reference entries given at least one field
    fields: int = 0            # fields given

    def render(self) -> str:
        files = ", ".join(f"{name} ({n} entries)" for name, n in self.libraries)
        return f"reference libraries: {files} · {self.enriched} reference(s) completed with {self.fields} field(s)"


class _Index:
    """A library's entries by identifier and by (folded title, year)."""

    def __init__(self, lib: Library):
        self.by: dict[str, LibraryEntry] = {}
        for e in lib.entries:
            for k in _keys(e.ref):
                self.by.setdefault(k, e)

    def match(self, ref: Reference) -> LibraryEntry | None:
        for k in _keys(ref):
            e = self.by.get(k)
            if e is not None and (not k.startswith("title:") or not _disagree(ref, e.ref)):
                return e
        return None


def _keys(r: Reference) -> list[str]:
    """Identifier keys first, then the title and year."""
    keys = []
    if r.doi:
        keys.append("doi:" + doi_key(r.doi))
    if r.pmid:
        keys.append("pmid:" + r.pmid.strip())
    if r.pmcid and (pmc := pmcid_key(r.pmcid)):
        keys.append("pmcid:" + pmc)
    if r.title and r.year:
        keys.append(f"title:{fold(r.title)}|{r.year}")
    return keys


def _disagree(a: Reference, b: Reference) -> bool:
    """Both state an identifier of one kind and they differ: two works of the same title and year."""
    return bool(a.doi and b.doi and doi_key(a.doi) != doi_key(b.doi) or
                a.pmid and b.pmid and a.pmid.strip() != b.pmid.strip() or
                a.pmcid and b.pmcid and pmcid_key(a.pmcid) != pmcid_key(b.pmcid))


def _stated(ds: Dataset, r: URIRef) -> Reference:
    """What the graph states of reference ``r`` (its text's fields, and any a library gave before)."""
    def v(p):
        x = ds.value(r, p)
        return str(x) if x is not None else None
    year = v(FABIO.hasPublicationYear)
    ref = Reference(n=int(ds.value(r, SKG.referenceNumber) or 0), raw="", start=0, end=0,
                    authors=[str(a) for a in ds.objects(r, DCTERMS.creator)],
                    year=int(year) if year and year.isdigit() else None)
    for name, prop in FIELDS.items():
        if name != "year":
            setattr(ref, name, v(prop))
    return ref


def enrich(ds: Dataset, libraries: list[Library]) -> LibrarySummary:
    """Fill the corpus's reference entries from ``libraries`` (earlier ones first) into :data:`GRAPH`."""
    summary = LibrarySummary([(lib.name, len(lib.entries)) for lib in libraries])
    if not libraries:
        return summary
    g = ds.graph(GRAPH)
    indexes = [(lib, _Index(lib)) for lib in libraries]
    for r in sorted(set(ds.subjects(RDF.type, SKG.BibliographicReference)), key=str):
        given = 0
        for lib, index in indexes:
            stated = _stated(ds, r)
            entry = index.match(stated)
            if entry is not None:
                given += _fill(g, r, stated, lib, entry)
        summary.enriched += given > 0
        summary.fields += given
    return summary


def _fill(g, r: URIRef, stated: Reference, lib: Library, entry: LibraryEntry) -> int:
    """Add to ``g`` the fields ``entry`` has and ``stated`` lacks, with their provenance; how many."""
    supplied = []
    for name, prop in FIELDS.items():
        value = getattr(entry.ref, name)
        if value in (None, "") or getattr(stated, name) not in (None, ""):
            continue
        if name == "year":
            g.add((r, prop, Literal(str(value), datatype=XSD.gYear)))
        elif name == "url":
            g.add((r, prop, Literal(value, datatype=XSD.anyURI)))
        else:
            g.add((r, prop, Literal(value)))
        supplied.append(name)
    if entry.ref.authors and not stated.authors:
        for i, name in enumerate(entry.ref.authors, start=1):
            a = URIRef(f"{r}/author/{i}")
            g.add((r, DCTERMS.creator, a))
            g.add((a, RDF.type, SKG.Author))
            g.add((a, RDFS.label, Literal(name)))
            g.add((a, SKG.position, Literal(i, datatype=XSD.integer)))
        g.add((r, SKG.authorNames, Literal("; ".join(entry.ref.authors))))
        supplied.append("authors")
    if not supplied:
        return 0
    new_ids = [getattr(entry.ref, k) if k in supplied else None for k in ("doi", "pmid", "pmcid")]
    for iri in identifier_iris(*new_ids):
        g.add((r, SKG.workIdentifier, iri))
    source = _entry_node(g, lib, entry)
    derivation = URIRef(f"{r}/supplied/{lib.sha256[:16]}")
    g.add((r, PROV.wasDerivedFrom, source))
    g.add((r, PROV.qualifiedDerivation, derivation))
    g.add((derivation, RDF.type, PROV.Derivation))
    g.add((derivation, PROV.entity, source))
    for name in supplied:
        g.add((derivation, SKG.suppliedField, Literal(name)))
    return len(supplied)


def _entry_node(g, lib: Library, entry: LibraryEntry) -> URIRef:
    """The library entry, part of its file (named by content, as the build's inputs are)."""
    file = KG[f"input/{lib.sha256}"]
    g.add((file, RDF.type, PROV.Entity))
    g.add((file, SKG.sourceFile, Literal(lib.name)))
    g.add((file, SKG.sha256, Literal(lib.sha256)))
    g.add((file, DCTERMS.format, Literal(lib.format)))
    node = KG[f"library/{lib.sha256[:16]}/{entry.ref.n}"]
    g.add((node, RDF.type, SKG.LibraryEntry))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.identifier, Literal(entry.key)))
    g.add((node, DCTERMS.isPartOf, file))
    g.add((node, PROV.wasDerivedFrom, file))
    return node
