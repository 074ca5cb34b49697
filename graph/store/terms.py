"""RDF terms between rdflib and pyoxigraph, one conversion each way for every store and parser."""
from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the equal rdflib term (plain literals stay plain)."""
    import pyoxigraph as ox
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in (str(XSD.string), str(RDF.langString)):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected RDF term {term!r}")


def from_rdflib(term: Node):
    """An rdflib IRI, blank node or literal as the equal pyoxigraph term."""
    import pyoxigraph as ox
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")

