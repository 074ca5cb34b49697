"""The graph's entities and the relations between them in Biolink terms: each entity with its Biolink
category, each relation with its Biolink predicate, both read from the ontology's alignment
(``ontology/alignment.tsv``), never typed twice. KGX and Neo4j exports draw from here.

A class takes the Biolink class it is aligned to most closely (exactMatch before closeMatch before
broadMatch); a class without one takes its parent's. A relation takes the Biolink slot its property
is aligned to, or ``biolink:related_to`` with the spasmkg property kept as ``original_predicate``.
A relation one of the documents states (an ``skg:Statement``) is a text-mined assertion with the
publications its claims cite; a relation the build derives (a drug's class, the order of vertebral
levels) says so.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from spasmkg.ontology import build_ontology
from spasmkg.ontology.namespaces import BIOLINK, CITO, KG, PRISM, SKG

ENTITY_NS = str(KG["entity/"])
#: the CURIE prefix of spasmkg's entity identifiers in Biolink-style exports
PREFIX = "SPASMKG"
#: the information resource every node and edge comes from (Biolink's infores registry style)
SOURCE = "infores:spasmkg"
RANK = {"exactMatch": 0, "closeMatch": 1, "broadMatch": 2, "narrowMatch": 3, "relatedMatch": 4}
RELATED_TO = "biolink:related_to"
FALLBACK_CATEGORY = "biolink:NamedThing"


def curie(iri: str) -> str:
    """A spasmkg entity IRI as a CURIE whose local part holds no '/' (KGX's CURIE pattern): the path
    segments joined by '.' (entity paths are slugs of letters, digits, '-' and '_')."""
    if iri.startswith(ENTITY_NS):
        return f"{PREFIX}:{iri[len(ENTITY_NS):].replace('/', '.')}"
    if iri.startswith(str(BIOLINK)):
        return "biolink:" + iri[len(str(BIOLINK)):]
    return iri


@lru_cache(maxsize=1)
def alignment() -> tuple[dict[str, str], dict[str, str]]:
    """(skg class name -> Biolink class CURIE, skg property name -> Biolink slot CURIE), closest match first."""
    best: dict[str, tuple[int, str]] = {}
    for term, relation, target in build_ontology.alignments():
        if target.startswith(str(BIOLINK)):
            cand = (RANK[relation], curie(target))
            best[term] = min(best.get(term, cand), cand)
    classes = {t.name for t in build_ontology.CLASSES}
    parents = {t.name: t.parent for t in build_ontology.CLASSES}
    cls: dict[str, str] = {}
    for name in classes:
        n = name
        while n and n not in best:
            n = parents.get(n)
        cls[name] = best[n][1] if n else FALLBACK_CATEGORY
    props = {name: best[name][1] for name, *_ in build_ontology.OBJECT_PROPERTIES if name in best}
    return cls, props


@lru_cache(maxsize=None)
def _depth(name: str) -> int:
    """How many superclasses the class has: the larger, the more specific."""
    parents = {t.name: t.parent for t in build_ontology.CLASSES}
    d = 0
    while parents.get(name):
        name, d = parents[name], d + 1
    return d


@dataclass
class Node:
    iri: str
    id: str
    name: str
    categories: list[str]
    classes: list[str]
    synonyms: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)


@dataclass
class Edge:
    subject: str
    predicate: str
    object: str
    relation: str                   # the skg property's local name
    stated: bool                    # a document states it (an skg:Statement)
    claims: int = 0                 # the claims that state it
    publications: list[str] = field(default_factory=list)


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def nodes(ds) -> list[Node]:
    """Every entity of the graph, sorted by IRI, with its most specific classes' Biolink categories."""
    cls_map, _ = alignment()
    out = []
    entities = {s for s, _, o in ds.triples((None, RDF.type, None))
                if isinstance(s, URIRef) and str(s).startswith(ENTITY_NS) and str(o).startswith(str(SKG))}
    for e in sorted(entities, key=str):
        names = sorted({_local(t) for t in ds.objects(e, RDF.type) if str(t).startswith(str(SKG))} & set(cls_map))
        deepest = max((_depth(n) for n in names), default=0)
        specific = [n for n in names if _depth(n) == deepest]
        cats = list(dict.fromkeys(cls_map[n] for n in specific)) or [FALLBACK_CATEGORY]
        label = min((str(x) for x in ds.objects(e, RDFS.label)), default=str(e)[len(ENTITY_NS):])
        synonyms = sorted({str(x) for x in ds.objects(e, SKOS.altLabel)} - {label})
        xrefs = sorted({str(x).replace("http://purl.obolibrary.org/obo/HP_", "HP:")
                        for x in ds.objects(e, SKOS.exactMatch)})
        out.append(Node(str(e), curie(str(e)), label, cats, specific, synonyms, xrefs))
    return out


def _publications(ds, claim) -> set[str]:
    pubs = set()
    for ref in ds.objects(claim, CITO.citesAsEvidence):
        for pmid in ds.objects(ref, SKG.pmid):
            pubs.add(f"PMID:{pmid}")
        for ident in ds.objects(ref, PRISM.doi):
            pubs.add(f"doi:{ident}")
    return pubs


def edges(ds, node_iris: set[str]) -> list[Edge]:
    """Every skg relation between two entities, sorted, with its Biolink predicate and evidence."""
    _, prop_map = alignment()
    props = {SKG[name] for name, *_ in build_ontology.OBJECT_PROPERTIES}
    stated: dict[tuple[str, str, str], set] = defaultdict(set)
    pubs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for st in ds.subjects(RDF.type, SKG.Statement):
        s, p, o = ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object)
        if s is None or p is None or o is None:
            continue
        key = (str(s), str(p), str(o))
        claim = ds.value(st, SKG.evidenceClaim)
        stated[key].add(claim or st)
        if claim is not None:
            pubs[key] |= _publications(ds, claim)
    out = []
    seen = set()
    for p in sorted(props, key=str):
        for s, o in ds.subject_objects(p):
            key = (str(s), str(p), str(o))
            if key in seen or key[0] not in node_iris or key[2] not in node_iris:
                continue
            seen.add(key)
            name = _local(p)
            out.append(Edge(key[0], prop_map.get(name, RELATED_TO), key[2], name, key in stated,
                            len(stated.get(key, ())), sorted(pubs.get(key, ()))))
    return sorted(out, key=lambda e: (e.subject, e.relation, e.object))
