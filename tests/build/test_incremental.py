"""A build into a folder that holds an earlier build updates it: a document added, changed or removed
gives the same graph, to the byte, as a build of the same inputs from nothing."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
REVIEWS = ("review-brackets-vancouver.txt", "review-acs-superscript.txt", "case-report-lumbar.txt")
COMPARED = ("annotations.json", "graph.gexf", "graph.trig")
ADDED_SENTENCE = "Massage eased paraspinal muscle spasm for a few days in most patients [4].\n\n"


def _canonical(out, tmp_path) -> bytes:
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    target = tmp_path / f"{out.name}.canonical.nq"
    export("canonical", load(out), target)
    return target.read_bytes()


def _serialized(path) -> bytes:
    """The TriG of the quads of ``path`` serialized from scratch, graph by graph: what a file written by
    copying cached blocks (documents', comparisons') must equal."""
    import io

    import pyoxigraph as ox
    from spasmkg.graph.export import trig
    quads = sorted(ox.parse(path=str(path), format=ox.RdfFormat.TRIG), key=trig.sort_key)
    buf = io.BytesIO()
    trig.write(buf, trig.blocks(quads))
    return buf.getvalue()


def _comparison_blocks_cached(out) -> None:
    """Every comparison graph of ``graph.trig`` has its block in the build's cache (the bytes whose
    digest the index records of the graph), and no comparison graph is the old single one."""
    import hashlib
    import json

    import pyoxigraph as ox
    from spasmkg.build.cache import FOLDER
    from spasmkg.graph.compare.to_rdf import PREFIX
    from spasmkg.graph.export import trig
    graphs = json.loads((out / "index" / "SOURCE.json").read_text(encoding="utf-8"))["graphs"]
    comparisons = {g: digest for g, digest in graphs.items() if "comparisons" in g}
    assert comparisons and all(g.startswith(PREFIX) for g in comparisons)
    cached = b"".join(f.read_bytes() for f in (out / FOLDER).glob("comparisons-*.trig"))
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    for g, digest in comparisons.items():
        block = trig.block(q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == g)
        assert hashlib.sha256(block).hexdigest() == digest and block in cached, f"no cached block of {g}"


def _same_as_fresh(inputs, out, tmp_path, name: str):
    """Build ``inputs`` from nothing into a folder of its own; every compared output is the same bytes."""
    from spasmkg.build.run import build
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    fresh = tmp_path / f"fresh-{name}"
    summary = build([inputs], fresh)
    for f in COMPARED:
        assert (out / f).read_bytes() == (fresh / f).read_bytes(), f"{f} differs after {name}"
    assert (out / "graph.trig").read_bytes() == _serialized(out / "graph.trig"), f"blocks copied after {name}"
    _comparison_blocks_cached(out)
    assert _canonical(out, tmp_path) == _canonical(fresh, tmp_path), f"canonical N-Quads differ after {name}"
    drawn = tmp_path / f"{name}.gexf"                 # the build draws the entity graph once, at assembly
    export("gexf", load(out), drawn)
    assert drawn.read_bytes() == (out / "graph.gexf").read_bytes()
    return summary


def _made_for(out, doc_ids) -> int:
    """The comparisons of the graph in ``out`` that a build must make when only the reviews ``doc_ids``
    are new or changed: the rows that read one of their claims or references, and the rows of the
    literature as a whole (reading no review, or a feature that picks among every review's claims)."""
    from rdflib.namespace import DCTERMS, RDF
    from spasmkg.graph.compare import engine
    from spasmkg.graph.document_graph import doc_iri
    from spasmkg.graph.store.files import load
    from spasmkg.ontology.namespaces import CITO, SKG
    ds = load(out)
    wide = engine.literature_wide(engine.load_rules())
    docs = {doc_iri(i) for i in doc_ids}
    made = 0
    for c in set(ds.subjects(RDF.type, SKG.Comparison)):
        claim = ds.value(c, SKG.literatureClaim)
        read = {ds.value(claim, SKG.inDocument)} if claim is not None else \
            {ds.value(r, DCTERMS.isPartOf) for r in ds.objects(c, CITO.citesAsEvidence)}
        if str(ds.value(c, SKG.feature)) in wide or not read or read & docs:
            made += 1
    return made


def _doc_id(summary, name: str) -> str:
    return next(doc_id for doc_id, _, source in summary.documents if source.endswith(name))


def _figures(summary) -> tuple:
    """What a build summary says of the graph (not of the cache)."""
    return (summary.documents, summary.claims, summary.references, summary.comparisons, summary.triples,
            summary.quads, summary.graphs, summary.assembly, summary.entities_by_type)


@pytest.mark.slow
def test_adding_changing_and_removing_documents_gives_the_graph_of_a_fresh_build(tmp_path):
    from spasmkg.build.run import build
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in (*REVIEWS, "patient-ana.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    out = tmp_path / "out"
    first = build([inputs], out)
    assert first.comparisons > 0 and first.reused == 0 and first.comparisons_made == first.comparisons
    assert first.assembly_read == 4                                     # every document's records read once

    shutil.copy(CORPUS / "guideline-imaging.txt", inputs)             # a review added
    added = build([inputs], out)
    assert added.reused == 4 and len(added.documents) == 5
    assert added.assembly_read == 1                                     # the others' records from the cache
    fresh = _same_as_fresh(inputs, out, tmp_path, "adding a review")
    assert _figures(added) == _figures(fresh)
    new_review = _doc_id(added, "guideline-imaging.txt")              # its rows and the literature's, no others
    assert 0 < added.comparisons_made == _made_for(out, [new_review]) < added.comparisons
    assert "comparisons made by this build" in added.render()

    shutil.copy(CORPUS / "patient-marco.txt", inputs)                 # a narrative added
    grown = build([inputs], out)
    assert grown.comparisons_kept == 1                                 # the other narrative's are kept
    assert grown.comparisons_made == grown.comparisons - added.comparisons
    assert grown.assembly_read == 1
    _same_as_fresh(inputs, out, tmp_path, "adding a narrative")

    changed = inputs / REVIEWS[0]                                      # a review changed
    changed.write_text(changed.read_text(encoding="utf-8").replace("References\n", ADDED_SENTENCE + "References\n", 1),
                       encoding="utf-8")
    again = build([inputs], out)
    assert again.reused == 5 and again.comparisons_kept == 0          # the literature changed
    assert again.claims == grown.claims + 1
    assert again.assembly_read == 1                                     # the changed review only
    _same_as_fresh(inputs, out, tmp_path, "changing a review")
    assert 0 < again.comparisons_made == _made_for(out, [_doc_id(again, REVIEWS[0])]) < again.comparisons

    (inputs / "guideline-imaging.txt").unlink()                        # a review removed, then added back
    dropped = build([inputs], out)
    assert 0 < dropped.comparisons_made == _made_for(out, []) < dropped.comparisons   # the literature's rows only
    _same_as_fresh(inputs, out, tmp_path, "removing a review")
    shutil.copy(CORPUS / "guideline-imaging.txt", inputs)
    back = build([inputs], out)
    assert 0 < back.comparisons_made == _made_for(out, [new_review]) < back.comparisons == again.comparisons
    _same_as_fresh(inputs, out, tmp_path, "adding the review back")

    (inputs / REVIEWS[1]).unlink()                                     # a review removed for good
    removed = build([inputs], out)
    assert len(removed.documents) == 5 and removed.assembly_read == 0
    _same_as_fresh(inputs, out, tmp_path, "removing a review for good")

    (inputs / "patient-ana.txt").unlink()                              # a narrative removed
    last = build([inputs], out)
    assert last.comparisons_kept == 1 and last.assembly_read == 0
    _same_as_fresh(inputs, out, tmp_path, "removing a narrative")
