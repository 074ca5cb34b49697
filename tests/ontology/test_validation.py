"""SHACL shapes: the seeds graph conforms; a broken graph fails with a readable report and exit 1."""
from __future__ import annotations

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.cli import main
from spasmkg.ontology.namespaces import CITO, KG, OA, SKG
from spasmkg.ontology.validation import merged, validate


def test_seeds_graph_conforms(seeds_dataset):
    report = validate(seeds_dataset)
    assert report.conforms, report.text
    assert report.violations == 0


def _broken(seeds_dataset):
    g = merged(seeds_dataset)
    claim = next(iter(g.subjects(RDF.type, SKG.Claim)))
    g.remove((claim, SKG.text, None))
    ref = next(iter(g.objects(None, CITO.citesAsEvidence)))
    g.remove((ref, DCTERMS.title, None))
    stray = KG["entity/unlabelled"]
    mention = next(iter(g.subjects(RDF.type, SKG.Mention)))
    g.add((KG["doc/x"], SKG.mentions, stray))
    g.add((stray, RDFS.comment, Literal("no label, no type")))
    return g, claim, ref, stray, mention


def test_a_broken_graph_fails_with_a_readable_report(seeds_dataset):
    g, claim, ref, stray, _ = _broken(seeds_dataset)
    report = validate(g)
    assert not report.conforms
    assert report.violations >= 4          # claim text, reference title, stray label and type
    for expected in ("a claim needs exactly one non-empty text span", "a cited reference needs a title",
                     "an entity needs a label", "an entity must have a domain type",
                     str(claim), str(ref), str(stray)):
        assert expected in report.text


def test_a_mention_without_its_entity_is_reported(seeds_dataset):
    g = merged(seeds_dataset)
    mention = next(iter(g.subjects(RDF.type, SKG.Mention)))
    g.remove((mention, OA.hasBody, None))
    report = validate(g)
    assert not report.conforms and "a mention needs the entity it names" in report.text


def test_cli_validate_exits_1_on_a_broken_graph_and_0_on_the_seeds(seeds_out, seeds_dataset, tmp_path, capsys):
    assert main(["validate", "--graph", str(seeds_out)]) == 0
    assert "Conforms: True" in capsys.readouterr().out
    g, *_ = _broken(seeds_dataset)
    ds = Dataset()
    broken = ds.graph(KG["graph/broken"])
    for t in g:
        broken.add(t)
    (tmp_path / "graph.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    assert main(["validate", "--graph", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Conforms: False" in out and "a cited reference needs a title" in out


def test_a_course_of_care_with_an_unknown_outcome_and_no_events_is_reported(seeds_dataset):
    g = merged(seeds_dataset)
    course = next(iter(g.subjects(RDF.type, SKG.CourseOfCare)))
    g.remove((course, SKG.courseEvent, None))
    g.remove((course, SKG.courseOutcome, None))
    g.add((course, SKG.courseOutcome, Literal("cured forever")))
    report = validate(g)
    assert not report.conforms
    assert "a course of care is made of at least one event" in report.text
    assert "a course of care did one of helped" in report.text and str(course) in report.text
