"""The ontology files: load in owlready2 and rdflib, carry labels and definitions, align to real IRIs."""
from __future__ import annotations

import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import owlready2
import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from spasmkg.ontology.namespaces import SKG
from spasmkg.ontology import build_ontology

HERE = Path(str(resources.files("spasmkg.ontology")))
DEFINITION = URIRef(build_ontology.DEFINITION)
BIOLINK = build_ontology.PREFIXES["biolink"]
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ttl() -> Graph:
    g = Graph()
    g.parse(HERE / "spasmkg.ttl", format="turtle")
    return g


def skg_terms(g: Graph) -> set[URIRef]:
    return {s for kind in TERM_KINDS for s in g.subjects(RDF.type, kind) if str(s).startswith(str(SKG))}


def test_owl_and_turtle_hold_the_same_triples(ttl):
    xml = Graph()
    xml.parse(HERE / "spasmkg.owl", format="xml")
    assert len(xml) == len(ttl) > 500
    assert isomorphic(xml, ttl)


@pytest.mark.slow
def test_committed_files_match_the_authoring_script(tmp_path):
    build_ontology.write(tmp_path)
    fresh, shipped = Graph(), Graph()
    fresh.parse(tmp_path / "spasmkg.ttl", format="turtle")
    shipped.parse(HERE / "spasmkg.ttl", format="turtle")
    assert isomorphic(fresh, shipped), "run python -m spasmkg.ontology.build_ontology and commit its output"


def test_ontology_header_has_iri_and_version_iri(ttl):
    onto = URIRef(build_ontology.ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ttl
    assert ttl.value(onto, OWL.versionIRI) == URIRef(build_ontology.VERSION_IRI)
    assert not list(ttl.objects(onto, OWL.imports))


def test_every_class_and_property_has_a_label_and_a_definition(ttl):
    terms = skg_terms(ttl)
    assert len(terms) > 100
    missing = [str(t) for t in terms if ttl.value(t, RDFS.label) is None or ttl.value(t, DEFINITION) is None]
    assert missing == []


def test_object_properties_have_domains_and_ranges(ttl):
    props = {SKG[row[0]] for row in build_ontology.OBJECT_PROPERTIES}
    assert SKG.indicates in props and len(props) > 20
    assert [str(p) for p in props if ttl.value(p, RDFS.domain) is None or ttl.value(p, RDFS.range) is None] == []


def test_loads_in_owlready2_without_network():
    world = owlready2.World()
    onto = world.get_ontology((HERE / "spasmkg.owl").as_uri()).load()
    assert onto.base_iri == build_ontology.ONTOLOGY_IRI + "#"
    assert onto.ExamSign is not None and onto.indicates is not None
    assert onto.indicatedBy.inverse_property is onto.indicates
    assert onto.ReviewArticle in onto.Document.descendants()
    world.close()


def _biolink_iris() -> set[str]:
    path = Path(str(resources.files("biolink_model") / "schema" / "biolink_model.yaml"))
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes = {"".join(w[:1].upper() + w[1:] for w in name.split()) for name in schema["classes"]}
    slots = {name.replace(" ", "_") for name in schema["slots"]}
    return {BIOLINK + n for n in classes | slots}


def test_every_biolink_iri_used_exists_in_the_biolink_schema(ttl):
    used = {str(o) for o in ttl.objects() if str(o).startswith(BIOLINK)}
    assert len(used) > 25
    assert sorted(used - _biolink_iris()) == []


@pytest.mark.slow
def test_the_check_would_catch_a_misspelt_biolink_iri():
    known = _biolink_iris()
    assert BIOLINK + "Disease" in known and BIOLINK + "has_phenotype" in known
    assert BIOLINK + "Diseases" not in known and BIOLINK + "is_risk_factor_for" not in known


def test_every_domain_class_is_aligned_to_biolink(ttl):
    domain = {c for c in ttl.transitive_subjects(RDFS.subClassOf, SKG.DomainEntity)} - {SKG.SignOfNerveRootIrritation}
    relations = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
    mapped = {s for r in relations for s, o in ttl.subject_objects(r) if str(o).startswith(BIOLINK)}
    assert sorted(str(c) for c in domain - mapped) == []


def test_evidence_classes_align_to_the_evidence_vocabularies(ttl):
    def targets(term):
        return {str(o) for r in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch) for o in ttl.objects(term, r)}
    assert "http://purl.org/spar/fabio/JournalArticle" in targets(SKG.JournalArticle)
    assert "http://www.w3.org/ns/oa#Annotation" in targets(SKG.Claim)
    assert "http://www.w3.org/ns/prov#Agent" in targets(SKG.Author)
    assert "http://purl.obolibrary.org/obo/IAO_0000310" in targets(SKG.Document)
    assert "http://purl.org/spar/cito/cites" in targets(SKG.refersTo)


def test_alignment_rejects_an_unknown_prefix(tmp_path):
    bad = tmp_path / "alignment.tsv"
    bad.write_text("Condition\tcloseMatch\tnope:Disease\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown prefix 'nope'"):
        build_ontology.alignments(bad)


def test_builder_and_queries_use_only_declared_terms(ttl, seeds_dataset):
    declared = skg_terms(ttl)
    used = {t for triple in seeds_dataset.triples((None, None, None)) for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(SKG))}
    for rq in Path(str(resources.files("spasmkg.queries"))).glob("*.rq"):
        used |= {SKG[m] for m in re.findall(r"\bskg:([A-Za-z_][\w]*)", rq.read_text(encoding="utf-8"))}
    assert sorted(str(t) for t in used - declared) == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None or not Path("/usr/share/java/owlapi-distribution.jar").exists(),
                    reason="needs Java and the OWL API (Debian libowlapi-java)")
def test_owl_api_parses_it_as_owl2_dl(tmp_path):
    import glob
    src = r'''
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;
import java.io.File;
public class DlCheck {
  public static void main(String[] a) throws Exception {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    OWLOntology o = m.loadOntologyFromOntologyDocument(new File(a[0]));
    OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
    System.out.println("classes=" + o.getClassesInSignature().size() + " violations=" + r.getViolations().size());
    for (OWLProfileViolation v : r.getViolations()) System.out.println(v);
  }
}'''
    (tmp_path / "DlCheck.java").write_text(src)
    cp = ":".join(glob.glob("/usr/share/java/*.jar"))
    subprocess.run(["javac", "-cp", cp, "-d", str(tmp_path), str(tmp_path / "DlCheck.java")], check=True,
                   capture_output=True, timeout=300)
    out = subprocess.run(["java", "-cp", f"{tmp_path}:{cp}", "DlCheck", str(HERE / "spasmkg.owl")],
                         capture_output=True, text=True, timeout=300).stdout
    assert re.search(r"classes=(\d+) violations=0", out), out
    assert int(re.search(r"classes=(\d+)", out).group(1)) >= 50


def test_readme_tables_are_current():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert build_ontology.markdown_tables() in readme, "run python -m spasmkg.ontology.build_ontology"
    assert "`skg:SignOfNerveRootIrritation`" in readme and "biolink:Disease" in readme


def test_terms_module_is_current_and_covers_every_declared_term(ttl):
    from spasmkg.ontology.terms import SKGTerms
    assert (HERE / "terms.py").read_text(encoding="utf-8") == build_ontology.terms_module()
    for term in skg_terms(ttl):
        assert getattr(SKGTerms, str(term)[len(str(SKG)):]) == term
    with pytest.raises(AttributeError):
        SKGTerms.Indicatez


def test_every_mention_type_maps_to_a_domain_class_of_the_ontology(ttl):
    from spasmkg.ontology.vocabulary import TYPE_CLASS
    domain = set(ttl.transitive_subjects(RDFS.subClassOf, SKG.DomainEntity))
    assert sorted(c for c in TYPE_CLASS.values() if SKG[c] not in domain) == []
