"""The ontology and the graph's individuals as one OWL 2 DL ontology in RDF/XML: what Protégé, the
OWL API and HermiT load.

The graph speaks the vocabularies its ontology aligns to (Web Annotation, CiTO, DCTerms, FaBiO,
PRISM, PROV-O) without importing them, and OWL 2 DL wants every class and property declared with
exactly one kind. Each external term the graph uses is declared here by how the graph uses it: a
property whose values are all resources is an object property, one whose values are all literals a
datatype property, one with both an annotation property; a property the ontology already declares
keeps its kind. Every type is a class, every resource an individual. Literals whose datatype is
outside the OWL 2 datatype map (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``) become strings
with the same ISO text, which still sort in date order and whose length tells the precision.
Nothing is imported, so loading the file fetches nothing.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from spasmkg.common.atomic import atomic_write_bytes
from spasmkg.graph.export.xml_safe import xml_text
from spasmkg.ontology import reasoning
from spasmkg.ontology.build_ontology import ONTOLOGY_IRI, VERSION

#: the IRI of the exported ontology: the spasmkg ontology with the individuals of one build
EXPORT_IRI = URIRef("https://w3id.org/spasmkg/id/knowledge-graph")

#: the OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdf:langString
DATATYPE_MAP = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    + [XSD[n] for n in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
        "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
        "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
        "dateTime dateTimeStamp").split()])

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: namespaces whose terms OWL itself gives a meaning; never declared again
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))


def owl_literal(lit: Literal) -> Literal:
    """``lit`` in a datatype of the OWL 2 datatype map, its text fit for XML (:mod:`.xml_safe`)."""
    text = xml_text(str(lit))
    if lit.language:
        return Literal(text, lang=lit.language)
    if lit.datatype is None or lit.datatype in DATATYPE_MAP:
        return Literal(text, datatype=lit.datatype) if text != str(lit) else lit
    return Literal(text)          # xsd:date, xsd:gYear and the like: the ISO text as a string


def _declared_kinds(onto: Graph) -> dict[URIRef, URIRef]:
    return {p: kind for kind in (*PROPERTY_KINDS, OWL.Class) for p in onto.subjects(RDF.type, kind)
            if isinstance(p, URIRef)}


def _usage_kind(values: set[type]) -> URIRef:
    if values == {Literal}:
        return OWL.DatatypeProperty
    if Literal not in values:
        return OWL.ObjectProperty
    return OWL.AnnotationProperty


def owl_graph(ds) -> Graph:
    """The ontology's axioms and every triple of ``ds`` (its default graph, the union of the named
    graphs), with the declarations and literal datatypes OWL 2 DL asks for."""
    onto = reasoning.ontology_graph()
    declared = _declared_kinds(onto)
    g = Graph()
    for prefix, ns in onto.namespaces():
        g.bind(prefix, ns)
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, replace=False)
    source = URIRef(ONTOLOGY_IRI)
    for s, p, o in onto:
        if s != source:                                  # one header: the export's own, below
            g.add((s, p, o))
    g.add((EXPORT_IRI, RDF.type, OWL.Ontology))
    g.add((EXPORT_IRI, OWL.versionInfo, Literal(VERSION)))
    g.add((EXPORT_IRI, DCTERMS.title, Literal("spasmkg knowledge graph", lang="en")))
    g.add((EXPORT_IRI, DCTERMS.description, Literal(
        "The spasmkg ontology and the individuals of one built graph: documents, claims, references, "
        "mentions and the entities they name.", lang="en")))
    g.add((EXPORT_IRI, RDFS.seeAlso, source))
    value_kinds: dict[URIRef, set[type]] = {}
    types: set[URIRef] = set()
    individuals: set[URIRef] = set()
    for s, p, o in ds.triples((None, None, None)):
        if isinstance(o, Literal):
            o = owl_literal(o)
        g.add((s, p, o))
        if p == RDF.type:
            types.add(o)
            individuals.add(s)
            continue
        value_kinds.setdefault(p, set()).add(Literal if isinstance(o, Literal) else URIRef)
        if isinstance(s, URIRef):
            individuals.add(s)
    for p, kinds in sorted(value_kinds.items()):
        if p not in declared and not str(p).startswith(BUILT_IN):
            kind = _usage_kind(kinds)
            declared[p] = kind
            g.add((p, RDF.type, kind))
    for t in sorted(types):
        if isinstance(t, URIRef) and t not in declared and not str(t).startswith(BUILT_IN):
            declared[t] = OWL.Class
            g.add((t, RDF.type, OWL.Class))
    for p, kind in declared.items():                    # values of object properties are individuals too
        if kind == OWL.ObjectProperty:
            individuals.update(o for o in g.objects(None, p) if isinstance(o, URIRef))
    for ind in sorted(individuals):
        if ind not in declared and not isinstance(ind, BNode):
            g.add((ind, RDF.type, OWL.NamedIndividual))
    return g


def write_owl(ds, path, **_: object) -> None:
    """RDF/XML, the syntax every OWL tool reads (Protégé, the OWL API, owlready2, HermiT)."""
    atomic_write_bytes(Path(path), owl_graph(ds).serialize(format="xml", encoding="utf-8"))
