"""Every ``skg:`` term the code writes is declared in the ontology: in the source, and in real builds."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from spasmkg.ontology.namespaces import SKG
from spasmkg.ontology.terms import SKGTerms

ROOT = Path(__file__).resolve().parents[2]
SOURCE = [p for d in ("spasmkg", "common", "extract", "graph", "ontology", "queries") for p in (ROOT / d).rglob("*.py")]
CORPUS = ROOT / "tests" / "corpus"
ABBREVIATED = """Straight leg raise testing in low back pain

The straight leg raise (SLR) test is done with the patient supine. A positive SLR between 30 and
70 degrees suggests nerve root irritation [1]. About 5% of patients with low back pain have sciatica [2].

References
1. Deville WL, van der Windt DA. The test of Lasegue: systematic review. Spine 2000;25:1140-7.
2. Deyo RA, Weinstein JN. Low back pain. N Engl J Med 2001;344:363-70.
"""


def declared() -> set[str]:
    g = Graph().parse(ROOT / "ontology" / "spasmkg.ttl", format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {str(s) for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(SKG))}


def test_the_closed_namespace_refuses_an_undeclared_term():
    with pytest.raises(AttributeError):
        SKG.NoSuchTerm  # noqa: B018
    assert SKG.Claim == URIRef(str(SKG) + "Claim")


def test_the_generated_namespace_holds_every_declared_term_and_no_other():
    terms = {str(getattr(SKGTerms, n)) for n in SKGTerms.__annotations__}
    assert terms == declared()


def test_every_skg_term_named_in_the_source_is_declared():
    known = declared()
    used: dict[str, str] = {}
    for path in SOURCE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "SKG" \
                    and not node.attr.startswith("_"):
                used[str(SKG) + node.attr] = str(path.relative_to(ROOT))
            elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "SKG" \
                    and isinstance(node.slice, ast.Constant):
                used[str(SKG) + node.slice.value] = str(path.relative_to(ROOT))
    assert {t: f for t, f in used.items() if t not in known} == {}


@pytest.mark.slow
def test_every_skg_term_in_a_build_is_declared(tmp_path, seeds_out):
    from spasmkg.build.run import build
    from spasmkg.graph.store.files import load
    src = tmp_path / "in"
    src.mkdir()
    (src / "slr.txt").write_text(ABBREVIATED, encoding="utf-8")
    for f in CORPUS.glob("*.txt"):
        (src / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    build([src], tmp_path / "out")
    known = declared()
    for folder in (tmp_path / "out", seeds_out):
        ds = load(folder)
        used = {str(t) for q in ds.quads() for t in q[:3] if isinstance(t, URIRef) and str(t).startswith(str(SKG))}
        assert used - known == set(), folder
    assert (None, RDF.type, SKG.Abbreviation) in load(tmp_path / "out")
