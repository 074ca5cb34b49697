"""Where a document came from, in the graph: its format, its own bibliographic record, and for
each annotated stretch of text the place in the original file (a PDF page and box, an element path).

The places extend the W3C Web Annotation targets the graph already writes: a PDF place is an
``oa:FragmentSelector`` conforming to the PDF fragment identifiers (RFC 3778/8118:
``page=3&viewrect=x,y,w,h``), with ``skg:page`` and ``skg:boundingBox`` beside it for queries; an
element path is an ``oa:XPathSelector``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from spasmkg.extract.model import DocumentResult
from spasmkg.graph.identifiers import identifier_iris
from spasmkg.ontology import evidence
from spasmkg.ontology.namespaces import FABIO, OA, PRISM, SKG

#: what a FragmentSelector of a PDF conforms to, as the Web Annotation model names it
PDF_FRAGMENT = URIRef("http://tools.ietf.org/rfc/rfc3778")
MESH = "http://id.nlm.nih.gov/mesh/"


def add_record(g: Graph, d: URIRef, res: DocumentResult) -> None:
    """The document's format and, when its reader gave one, its own record."""
    g.add((d, SKG.sourceFormat, Literal(getattr(res, "format", "text"))))
    rec = getattr(res, "record", None)
    if rec is None:
        return
    if rec.authors:
        g.add((d, SKG.authorNames, Literal("; ".join(rec.authors))))
    if rec.journal:
        g.add((d, PRISM.publicationName, Literal(rec.journal)))
    if rec.year:
        g.add((d, FABIO.hasPublicationYear, Literal(str(rec.year), datatype=XSD.gYear)))
    for prop, value in ((PRISM.doi, rec.doi), (SKG.pmid, rec.pmid), (SKG.pmcid, rec.pmcid)):
        if value:
            g.add((d, prop, Literal(value)))
    for iri in identifier_iris(rec.doi, rec.pmid, rec.pmcid):     # as a cited work's identifiers are
        g.add((d, SKG.workIdentifier, iri))
    if rec.license:
        lic = rec.license
        g.add((d, DCTERMS.license, URIRef(lic) if lic.startswith(("http://", "https://")) and " " not in lic
               else Literal(lic)))
    for t in rec.publication_types:
        g.add((d, SKG.publicationType, Literal(t)))
    if rec.publication_types or rec.journal:         # a record says what kind of work it is
        add_evidence_kind(g, d, evidence.classify(rec.title, rec.journal, None, rec.publication_types))
    for ui, label in rec.subjects:          # identifiers as the record states them
        s = URIRef(MESH + ui)
        g.add((d, DCTERMS.subject, s))
        g.add((s, RDFS.label, Literal(label)))


def add_evidence_kind(g: Graph, node: URIRef, kind: evidence.EvidenceKind) -> None:
    """The work's evidence kind and what told it (:mod:`spasmkg.ontology.evidence`)."""
    g.add((node, SKG.evidenceKind, Literal(kind.kind)))
    g.add((node, SKG.evidenceSign, Literal(kind.sign)))


@dataclass
class PlaceIndex:
    """A document's places, sorted, so each selector finds its own in logarithmic time."""
    places: list
    starts: list[int] = field(init=False)
    reach: list[int] = field(init=False)     # the furthest end among the places up to each one

    def __post_init__(self) -> None:
        self.places = sorted(self.places, key=lambda p: (p.start, p.end))
        self.starts = [p.start for p in self.places]
        self.reach = list(accumulate((p.end for p in self.places), max))

    def within(self, start: int, end: int) -> list:
        """The places that hold part of ``[start, end)``, in order."""
        lo, hi = bisect_right(self.reach, start), bisect_left(self.starts, end)
        return [p for p in self.places[lo:hi] if p.end > start]


def place_index(res: DocumentResult) -> PlaceIndex | None:
    if not getattr(res, "places", None):
        return None
    idx = res.__dict__.get("_place_index")
    if idx is None:
        idx = res.__dict__["_place_index"] = PlaceIndex(res.places)
    return idx


def add_place_selectors(g: Graph, node: URIRef, target: URIRef, res: DocumentResult, start: int, end: int) -> None:
    """Selectors into the original file for ``text[start:end]``: one per PDF page it spans (the
    union of its lines' boxes there), one per element path."""
    idx = place_index(res)
    if idx is None:
        return
    pages: dict[int, list[float]] = {}
    paths: list[str] = []
    for p in idx.within(start, end):
        if p.page is not None:
            box = pages.setdefault(p.page, [float("inf"), float("inf"), float("-inf"), float("-inf")])
            if p.box is not None:
                x0, top, x1, bottom = p.box
                box[:] = [min(box[0], x0), min(box[1], top), max(box[2], x1), max(box[3], bottom)]
        if p.path and p.path not in paths:
            paths.append(p.path)
    for page, box in sorted(pages.items()):
        sel = URIRef(f"{node}#page-{page}")
        g.add((target, OA.hasSelector, sel))
        g.add((sel, RDF.type, OA.FragmentSelector))
        g.add((sel, DCTERMS.conformsTo, PDF_FRAGMENT))
        g.add((sel, SKG.page, Literal(page, datatype=XSD.integer)))
        value = f"page={page}"
        if box[0] != float("inf"):
            x0, top, x1, bottom = (round(v, 1) for v in box)
            value += f"&viewrect={x0:g},{top:g},{x1 - x0:g},{bottom - top:g}"
            g.add((sel, SKG.boundingBox, Literal(f"{x0:g} {top:g} {x1:g} {bottom:g}")))
        g.add((sel, RDF.value, Literal(value)))
    for k, path in enumerate(paths[:8]):
        sel = URIRef(f"{node}#xpath-{k}")
        g.add((target, OA.hasSelector, sel))
        g.add((sel, RDF.type, OA.XPathSelector))
        g.add((sel, RDF.value, Literal(path)))
