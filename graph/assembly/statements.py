"""Statement assembly: one statement per subject, predicate and object across the corpus.

Each assembled statement carries every supporting statement (with its claim), and the number of
distinct documents, claims and cited works behind it; a statement about a drug is linked to the
statement about its drug class when both exist (more specific -> more general).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from spasmkg.ontology.namespaces import CITO, KG, SKG


@dataclass
class Assembled:
    subject: URIRef
    predicate: URIRef
    object: URIRef
    statements: list[URIRef] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    claims: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)

    @property
    def iri(self) -> URIRef:
        key = "\x1f".join(map(str, (self.subject, self.predicate, self.object)))
        return KG[f"assembled/{hashlib.sha256(key.encode()).hexdigest()[:16]}"]


def assemble(ds: Dataset, work_of: dict[str, str]) -> dict[tuple, Assembled]:
    out: dict[tuple, Assembled] = {}
    for st in sorted(set(ds.subjects(RDF.type, SKG.Statement)), key=str):
        s, p, o = ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object)
        if s is None or p is None or o is None:
            continue
        a = out.setdefault((s, p, o), Assembled(s, p, o))
        a.statements.append(st)
        d = ds.value(st, SKG.inDocument)
        if d is not None:
            a.documents.add(str(d))
        c = ds.value(st, SKG.evidenceClaim)
        if c is not None:
            a.claims.add(str(c))
        for r in ds.objects(st, CITO.citesAsEvidence):
            a.works.add(work_of.get(str(r), str(r)))
    return out


def write(g: Graph, ds: Dataset, assembled: dict[tuple, Assembled]) -> None:
    for (s, p, o), a in sorted(assembled.items(), key=lambda kv: str(kv[1].iri)):
        n = a.iri
        g.add((n, RDF.type, SKG.AssembledStatement))
        g.add((n, RDF.subject, s))
        g.add((n, RDF.predicate, p))
        g.add((n, RDF.object, o))
        for st in a.statements:
            g.add((n, SKG.supportedBy, st))
        g.add((n, SKG.documentCount, Literal(len(a.documents), datatype=XSD.integer)))
        g.add((n, SKG.claimCount, Literal(len(a.claims), datatype=XSD.integer)))
        g.add((n, SKG.workCount, Literal(len(a.works), datatype=XSD.integer)))
        general = ds.value(s, SKG.drugClass)
        if general is not None and (general, p, o) in assembled:
            g.add((n, SKG.specializes, assembled[(general, p, o)].iri))
