"""OWL reasoning over a built graph with HermiT (through owlready2): consistency, then inferred types.

Only the facts the ontology's axioms speak about go to the reasoner: the ``skg:`` class of each
individual and the ``skg:`` object property assertions between individuals. Literals stay out
(HermiT does not know ``xsd:gYear`` and the like, and no axiom constrains them), which keeps the
run short. What HermiT adds — for instance that the straight leg raise test is a
``skg:SignOfNerveRootIrritation`` — is written into its own named graph, ``kg:graph/inferred``,
so asserted and inferred facts stay apart and SPARQL sees both.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from spasmkg.common.errors import SpasmkgError
from spasmkg.ontology.namespaces import KG, SKG

INFERRED_GRAPH = KG["graph/inferred"]
EXPLAIN_LIMIT = 12        # culprits named in an inconsistency error; the rest are counted


@dataclass
class ReasoningResult:
    individuals: int
    facts: int
    inferred: list[tuple[URIRef, URIRef, URIRef]] = field(default_factory=list)
    seconds: float = 0.0

    def render(self) -> str:
        return (f"reasoning: consistent · {self.individuals} individuals, {self.facts} facts · "
                f"{len(self.inferred)} inferred triple(s) in {INFERRED_GRAPH.n3()} · {self.seconds:.1f} s")


def ontology_path() -> Path:
    return Path(str(resources.files("spasmkg.ontology") / "spasmkg.owl"))


def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ontology_path(), format="xml")
    return g


def _declared(onto: Graph) -> tuple[set, set]:
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    props = {p for p in onto.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    return classes, props


def facts(ds: Graph, onto: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """The triples of ``ds`` the reasoner gets: declared-class types and object property assertions."""
    classes, props = _declared(onto)
    out = [(s, RDF.type, o) for s, o in ds.subject_objects(RDF.type)
           if o in classes and isinstance(s, URIRef)]
    for p in props:
        out.extend((s, p, o) for s, o in ds.subject_objects(p) if isinstance(s, URIRef) and isinstance(o, URIRef))
    return sorted(set(out))


def reason(ds: Graph, infer_property_values: bool = False) -> ReasoningResult:
    """Run HermiT over the facts of ``ds``; raise E019 naming the individuals if they are inconsistent."""
    import owlready2 as owl
    if shutil.which("java") is None and not Path(owl.JAVA_EXE).exists():
        raise SpasmkgError("E061", reason="no Java runtime found (HermiT needs Java 11 or later)")
    t0 = time.perf_counter()
    onto_graph = ontology_graph()
    triples = facts(ds, onto_graph)
    world = owl.World()
    try:
        world.get_ontology(ontology_path().as_uri()).load()
        abox = world.get_ontology("https://w3id.org/spasmkg/id/abox#")
        individuals = {s for s, _, _ in triples} | {o for _, p, o in triples if p != RDF.type}
        a = abox._abbreviate
        for ind in sorted(individuals):
            abox._add_obj_triple_spo(a(str(ind)), a(str(RDF.type)), a(str(OWL.NamedIndividual)))
        for s, p, o in triples:
            abox._add_obj_triple_spo(a(str(s)), a(str(p)), a(str(o)))
        try:
            owl.sync_reasoner_hermit(world, infer_property_values=infer_property_values, debug=0)
        except owl.OwlReadyInconsistentOntologyError:
            raise SpasmkgError("E060", details=explain(triples, onto_graph) or
                               "HermiT names no culprit; check the domains and ranges of the graph's relations") from None
        except owl.OwlReadyJavaError as exc:
            raise SpasmkgError("E061", reason=str(exc).strip().splitlines()[-1][:300]) from None
        inferred = _not_redundant(_inferred(world, individuals, set(triples)), triples, onto_graph)
    finally:
        world.close()
    return ReasoningResult(len(individuals), len(triples), inferred, time.perf_counter() - t0)


def _inferred(world, individuals: set, asserted: set) -> list[tuple[URIRef, URIRef, URIRef]]:
    """New triples about the graph's individuals that the reasoner put into its inferences ontology."""
    inf = world.get_ontology("http://inferrences/")
    un = world._unabbreviate
    out = set()
    for s, p, o in inf.get_triples():
        if not (isinstance(s, int) and isinstance(o, int) and s > 0 and o > 0):
            continue
        t = (URIRef(un(s)), URIRef(un(p)), URIRef(un(o)))
        if t[0] in individuals and str(t[2]).startswith(("https://", "http://")) and t not in asserted \
                and t[2] != OWL.NamedIndividual and (t[1] != RDF.type or str(t[2]).startswith(str(SKG))):
            out.add(t)
    return sorted(out)


def _not_redundant(inferred: list, asserted: list, onto: Graph) -> list:
    """Drop inferred types that merely restate a superclass of an asserted type."""
    sup = _superclasses(onto)
    implied: dict = {}
    for s, p, o in asserted:
        if p == RDF.type:
            implied.setdefault(s, set()).update(sup.get(o, {o}))
    return [t for t in inferred if not (t[1] == RDF.type and t[2] in implied.get(t[0], ()))]


def materialize(ds: Dataset, result: ReasoningResult) -> Graph:
    """Write the inferred triples into the named graph ``kg:graph/inferred`` of ``ds``."""
    g = ds.graph(INFERRED_GRAPH)
    for t in result.inferred:
        g.add(t)
    return g


# --- explaining an inconsistency -------------------------------------------------------------------

def _superclasses(onto: Graph) -> dict[URIRef, set[URIRef]]:
    sup: dict[URIRef, set[URIRef]] = {}
    for c in onto.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef):
            sup[c] = {c} | {x for x in onto.transitive_objects(c, RDFS.subClassOf) if isinstance(x, URIRef)}
    return sup


def _disjoint_pairs(onto: Graph) -> set[frozenset]:
    pairs = {frozenset((a, b)) for a, b in onto.subject_objects(OWL.disjointWith)}
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(onto.items(onto.value(node, OWL.members)))
        pairs |= {frozenset((x, y)) for i, x in enumerate(members) for y in members[i + 1:]}
    return pairs


def _classes_of(onto: Graph, expr) -> set[URIRef]:
    """Named classes of a domain/range expression: a class or a union of classes."""
    if isinstance(expr, URIRef):
        return {expr}
    union = onto.value(expr, OWL.unionOf)
    return {x for x in onto.items(union)} if union is not None else set()


def explain(triples: list, onto: Graph) -> str:
    """Which individuals carry types the ontology declares disjoint, and where each type comes from."""
    sup = _superclasses(onto)
    disjoint = _disjoint_pairs(onto)
    # each individual: list of (alternatives it must belong to one of, reason)
    needs: dict[URIRef, list[tuple[set, str]]] = {}
    for s, p, o in triples:
        if p == RDF.type:
            needs.setdefault(s, []).append(({o}, f"asserted {_short(o)}"))
            continue
        for d in onto.objects(p, RDFS.domain):
            needs.setdefault(s, []).append((_classes_of(onto, d), f"subject of {_short(p)} {_short(o)}"))
        for r in onto.objects(p, RDFS.range):
            needs.setdefault(o, []).append((_classes_of(onto, r), f"object of {_short(s)} {_short(p)}"))
    problems = []
    for ind, reqs in sorted(needs.items()):
        for i, (alts_a, why_a) in enumerate(reqs):
            for alts_b, why_b in reqs[i + 1:]:
                if alts_a and alts_b and all(_clash(a, b, sup, disjoint) for a in alts_a for b in alts_b):
                    problems.append(f"{_short(ind)}: {why_a} vs {why_b} (disjoint classes)")
    problems = list(dict.fromkeys(problems))
    more = f"; and {len(problems) - EXPLAIN_LIMIT} more" if len(problems) > EXPLAIN_LIMIT else ""
    return "; ".join(problems[:EXPLAIN_LIMIT]) + more


def _clash(a, b, sup, disjoint) -> bool:
    return any(frozenset((x, y)) in disjoint for x in sup.get(a, {a}) for y in sup.get(b, {b}))


def _short(term) -> str:
    s = str(term)
    for prefix, ns in (("skg:", str(SKG)), ("kg:", str(KG))):
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s
