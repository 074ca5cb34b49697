"""The build's on-disk store gives back exactly what was put in, and the outputs streamed from it are
the bytes the whole in-memory dataset gives."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from spasmkg.graph.export import annotations_json as annotations
from spasmkg.graph.export.formats import trig_text
from spasmkg.graph.document_graph import new_dataset
from spasmkg.graph.store.parsing import parse_into
from spasmkg.graph.store.build_store import working_dataset

A, P, Q = URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:q")
EXACT = [Literal("5", datatype=XSD.nonNegativeInteger), Literal("1.50", datatype=XSD.decimal),
         Literal("007", datatype=XSD.integer), Literal("2026-11-24T01:00:00+00:00", datatype=XSD.dateTime),
         Literal("Rücken", lang="de"), Literal("plain")]


@pytest.fixture
def ds(tmp_path):
    return working_dataset(tmp_path / "store")


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_literals_come_back_as_written_not_in_oxigraphs_canonical_form(ds):
    g = ds.graph(URIRef("urn:derived"))
    for lit in EXACT:
        g.add((A, P, lit))
    for got in (set(ds.objects(A, P)), set(g.objects(A, P))):
        assert {(str(x), x.datatype, x.language) for x in got} == {(str(x), x.datatype, x.language) for x in EXACT}
    written = {str(q.object) for q in ds.store.ordered_quads()}
    assert '"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in written
    assert '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>' in written
    assert (A, P, Literal("5", datatype=XSD.nonNegativeInteger)) in ds
    assert (A, P, Literal("5", datatype=XSD.integer)) not in ds


def test_a_document_graph_is_read_from_its_file_and_joins_the_union_once(ds, tmp_path):
    shared = "<urn:a> <urn:q> <urn:b> .\n"
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", shared + '<urn:a> <urn:p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'))
    ds.store.attach(URIRef("urn:g2"), _file(tmp_path, "2.nt", shared))
    assert list(ds.objects(A, Q)) == [URIRef("urn:b")]            # stated twice, found once
    assert len(ds) == 2
    assert len(ds.graph(URIRef("urn:g1"))) == 2 and len(ds.graph(URIRef("urn:g2"))) == 1
    assert set(ds.graph(URIRef("urn:g1")).objects(A, P)) == {Literal("1.50", datatype=XSD.decimal)}
    assert {str(c.identifier) for c in ds.graphs()} >= {"urn:g1", "urn:g2"}
    quads = [(str(q.graph_name), str(q.subject)) for q in ds.store.ordered_quads()]
    assert quads == sorted(quads) and len(quads) == 3


def test_a_document_graph_and_the_default_graph_refuse_writes(ds, tmp_path):
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", "<urn:a> <urn:q> <urn:b> .\n"))
    with pytest.raises(ValueError, match="document's own graph"):
        ds.graph(URIRef("urn:g1")).add((A, P, Literal("x")))
    with pytest.raises(ValueError, match="named graph"):
        ds.add((A, P, Literal("x")))
    with pytest.raises(ValueError, match="already in the build"):
        ds.store.attach(URIRef("urn:g1"), tmp_path / "1.nt")


def test_the_streamed_outputs_are_the_bytes_of_the_whole_dataset(seeds_out):
    """graph.trig and annotations.json were streamed from the build's store, one graph at a time;
    the same graph loaded whole into rdflib gives the same bytes."""
    whole = new_dataset()
    parse_into(whole, seeds_out / "graph.trig", "trig")
    assert (seeds_out / "graph.trig").read_text(encoding="utf-8") == trig_text(whole)
    expected = json.dumps(annotations.export(whole), indent=1, ensure_ascii=False) + "\n"
    assert (seeds_out / "annotations.json").read_text(encoding="utf-8") == expected
    assert len(json.loads(expected)["documents"]) == 2


def test_the_build_keeps_its_store_for_the_next_one(seeds_out):
    from spasmkg.build.run import WORK
    from spasmkg.graph.store.build_store import STATE
    state = json.loads((seeds_out / WORK / STATE).read_text(encoding="utf-8"))
    assert len(state["files"]) == 2 and all(Path(p).parent.name == ".cache" for p in state["files"].values())
    assert any(seeds_out.glob(".cache/*.nt"))


def test_types_are_counted_once_per_entity_across_documents(ds, tmp_path):
    """An entity described in two documents' graphs has its type once in the union."""
    text = "<urn:e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:T> .\n"
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", text))
    ds.store.attach(URIRef("urn:g2"), _file(tmp_path, "2.nt", text))
    assert list(ds.objects(URIRef("urn:e"), RDF.type)) == [URIRef("urn:T")]


def test_a_detached_document_takes_out_only_the_triples_no_other_graph_states(ds, tmp_path):
    shared = "<urn:a> <urn:q> <urn:b> .\n"
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", shared + "<urn:a> <urn:q> <urn:c> .\n"))
    ds.store.attach(URIRef("urn:g2"), _file(tmp_path, "2.nt", shared))
    ds.graph(URIRef("urn:derived")).add((A, Q, URIRef("urn:c")))
    ds.store.detach(URIRef("urn:g1"))
    assert set(ds.objects(A, Q)) == {URIRef("urn:b"), URIRef("urn:c")}   # still stated by g2, by urn:derived
    ds.store.drop_graph(URIRef("urn:derived"))
    assert set(ds.objects(A, Q)) == {URIRef("urn:b")}
    ds.store.detach(URIRef("urn:g2"))
    assert len(ds) == 0 and ds.store.graph_names() == []


def test_a_saved_store_opens_again_with_its_documents_and_graphs(tmp_path):
    folder = tmp_path / "store"
    ds = working_dataset(folder)
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", "<urn:a> <urn:q> <urn:b> .\n"))
    ds.graph(URIRef("urn:derived")).add((A, P, Literal("1.50", datatype=XSD.decimal)))
    ds.store.save({"note": "kept"})
    again = working_dataset(folder, keep=True)
    assert again.store.kept == {"note": "kept"} and again.store.documents() == [URIRef("urn:g1")]
    assert set(again.objects(A, P)) == {Literal("1.50", datatype=XSD.decimal)} and len(again) == 2
    again.store.destroy()
    assert len(working_dataset(folder, keep=True)) == 0      # nothing saved since it was opened: empty


def test_a_store_whose_build_did_not_save_it_is_not_opened_again(tmp_path):
    folder = tmp_path / "store"
    ds = working_dataset(folder)
    ds.store.attach(URIRef("urn:g1"), _file(tmp_path, "1.nt", "<urn:a> <urn:q> <urn:b> .\n"))
    ds.store.save({})
    del ds
    opened_then_killed = ("import os, sys; from spasmkg.graph.store.build_store import working_dataset; "
                          "working_dataset(sys.argv[1], keep=True); os._exit(1)")
    assert subprocess.run([sys.executable, "-c", opened_then_killed, str(folder)]).returncode == 1
    assert len(working_dataset(folder, keep=True)) == 0
