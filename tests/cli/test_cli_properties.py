"""Properties of the command line under any input (Hypothesis): any bytes as an input file, any
string as a parameter, any small graph as ``graph.trig``. The command either succeeds or fails with
one of spasmkg's own coded messages — never an unexpected failure (``E095``, what a traceback becomes)
— and never changes a file it reads."""
from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmkg.cli import main

PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                         HealthCheck.data_too_large])
CODED = re.compile(r"^spasmkg: error: \[E0\d\d\] ")
COUNTER = itertools.count()


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args])
    return code, out.getvalue(), err.getvalue()


def well_behaved(code: int, err: str, negative: bool = False) -> None:
    """Exit 0, or 2 with one coded line that is not an unexpected failure (1 where a negative result is
    possible)."""
    assert code in ((0, 1, 2) if negative else (0, 2)), (code, err)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and CODED.match(lines[0]), err
        assert "[E095]" not in err, err


def digest(folder: Path) -> dict[str, str]:
    """The graph folder's files, but the query index a reader makes beside the graph (``index/``)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not _index_file(p.relative_to(folder))}


def _index_file(rel: Path) -> bool:
    from spasmkg.graph.store.index import INDEX, LOCK
    return rel.parts[0] in (INDEX, LOCK)


PROSE = ("Acute lumbar spasm responded to methocarbamol in a small series [1].\n\nReferences\n\n"
         "1. Stone V. Methocarbamol for spasm. Spine. 2017;3:4-5.\n").encode("utf-8")
byte_files = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda a, b, c: a + b + c, st.binary(max_size=40), st.just(PROSE), st.binary(max_size=40)),
    st.builds(lambda t, enc: t.encode(enc, "replace"), st.text(max_size=200),
              st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "latin-1", "shift_jis"])),
)


@settings(PROPERTY, max_examples=8)
@given(byte_files)
def test_any_bytes_as_an_input_file(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes")
    (root / "in").mkdir()
    (root / "in" / "doc.txt").write_bytes(data)
    (root / "in" / "doc.pdf").write_bytes(data)
    before = digest(root / "in")
    code, out, err = cli("build", str(root / "in"), "--out", str(root / "out"), "--quiet")
    well_behaved(code, err)
    assert digest(root / "in") == before
    assert (code == 0) == (root / "out" / "graph.trig").exists()


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory) -> Path:
    from spasmkg.build.run import build
    root = tmp_path_factory.mktemp("params")
    (root / "in").mkdir()
    (root / "in" / "review.txt").write_bytes(PROSE)
    (root / "in" / "account.txt").write_text("In June 2020 I had a back spasm after lifting a crate. "
                                              "Ibuprofen helped a little.\n", encoding="utf-8")
    build([root / "in"], root / "out")
    return root / "out"


def _library():
    from spasmkg.queries import runner
    return [(q.name, key) for q in runner.library().values() for key in q.params] or [("exam-signs", "condition")]


@settings(PROPERTY, max_examples=20)
@given(st.sampled_from(_library()), st.text(max_size=60))
def test_any_string_as_a_parameter(small_graph, query_and_key, value):
    name, key = query_and_key
    before = digest(small_graph)
    well_behaved(*cli("query", name, "--param", f"{key}={value}", "--graph", str(small_graph))[::2])
    well_behaved(*cli("trace", value or "x", "--graph", str(small_graph))[::2])
    well_behaved(*cli("query", name, "--param", value, "--graph", str(small_graph))[::2])
    well_behaved(*cli("sparql", value, "--graph", str(small_graph))[::2])
    assert digest(small_graph) == before


def _terms():
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, XSD
    from spasmkg.ontology.namespaces import KG, OA, SKG
    names = st.text(alphabet="abcxyz019_-", min_size=1, max_size=8)
    iris = st.one_of(st.sampled_from([KG["entity/"], KG["claim/"], KG["doc/"], KG["ref/"], KG["event/"]]),
                     ).flatmap(lambda ns: names.map(lambda n: URIRef(f"{ns}{n}")))
    classes = st.sampled_from([SKG.Claim, SKG.Mention, SKG.Condition, SKG.Drug, SKG.Statement, SKG.Document,
                               SKG.BibliographicReference, URIRef("urn:x:Other")])
    preds = st.sampled_from([RDF.type, RDFS.label, SKG.text, SKG.mentions, SKG.inDocument, OA.hasBody,
                             SKG.community, SKG.eventType, SKG.date, SKG.durationText, SKG.episodeNumber,
                             SKG.referenceNumber, SKG.kind, SKG.experiencedBy, SKG.hpoId, RDF.subject,
                             RDF.object, RDF.predicate])
    literals = st.one_of(st.text(max_size=30).map(Literal), st.integers(-5, 10**6).map(Literal),
                         st.sampled_from(["2019-03", "2020-13-45", "spring", "3 days", ""]).map(Literal),
                         st.text(max_size=10).map(lambda t: Literal(t, datatype=XSD.integer)))
    objects = st.one_of(iris, classes, literals, st.builds(BNode))
    return st.lists(st.tuples(iris, preds, objects), min_size=1, max_size=25)


@settings(PROPERTY, max_examples=10)
@given(_terms(), st.sampled_from(["kg:graph/a", "kg:graph/b"]))
def test_any_small_graph_as_graph_trig(tmp_path_factory, triples, graph_name):
    from rdflib import Dataset, URIRef
    from rdflib.namespace import RDF
    from spasmkg.ontology.namespaces import KG
    root = tmp_path_factory.mktemp("graph")
    ds = Dataset()
    g = ds.graph(URIRef(str(KG) + graph_name.split(":", 1)[1]))
    for s, p, o in triples:
        if p == RDF.type and not isinstance(o, URIRef):
            continue
        if isinstance(o, URIRef) or p != RDF.type:
            g.add((s, p, o))
    folder = root / "graph"
    folder.mkdir()
    (folder / "graph.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    before = digest(folder)
    g_ = str(folder)
    well_behaved(*cli("sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "--graph", g_)[::2])
    well_behaved(*cli("validate", "--graph", g_)[::2], negative=True)
    for fmt in ("gexf", "graphml", "timeline-gexf", "annotations", "canonical"):
        well_behaved(*cli("export", fmt, "--with-evidence", "--graph", g_, "--out", str(root / f"x.{fmt}"))[::2])
    well_behaved(*cli("trace", "spasm", "--graph", g_)[::2])
    well_behaved(*cli("query", "patient-timeline", "--graph", g_)[::2])
    well_behaved(*cli("compare", "--graph", g_)[::2])
    assert digest(folder) == before
