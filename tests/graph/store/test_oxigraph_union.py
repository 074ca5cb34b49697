"""An Oxigraph store answers over the union of the named graphs as a set, like rdflib does: a
triple that several documents state is matched once, so joins and counts agree across stores."""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef

from spasmkg.graph.store.files import load
from spasmkg.graph.store.memory import MemoryStore
from spasmkg.graph.store.oxigraph import OxigraphStore

EX = "https://example.org/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _folder(tmp_path):
    ds = Dataset(default_union=True)
    same = (URIRef(EX + "entity"), URIRef(EX + "label"), Literal("muscle spasm"))
    for name in ("doc-a", "doc-b", "doc-c"):
        ds.graph(URIRef(EX + name)).add(same)
    ds.graph(URIRef(EX + "doc-a")).add((URIRef(EX + "doc-a"), URIRef(EX + "title"), Literal("A")))
    out = tmp_path / "built"
    out.mkdir()
    ds.serialize(out / "graph.trig", format="trig")
    return out


def _n(store, query):
    _, rows = store.select(query)
    return int(rows[0]["n"])


def test_a_triple_in_three_graphs_is_matched_once_on_both_stores(tmp_path):
    out = _folder(tmp_path)
    ox = OxigraphStore(tmp_path / "ox")
    assert ox.load_graph(out) == 4                      # the quads of the files, as loaded
    memory = MemoryStore(load(out))
    assert _n(memory, COUNT) == _n(ox, COUNT) == 2
    assert _n(memory, GRAPHS) == _n(ox, GRAPHS) == 3    # the named graphs are still there
    del ox
    import gc
    gc.collect()                                        # one process may hold the database once
    reopened = OxigraphStore(tmp_path / "ox")           # the way it answers survives a reopen
    assert _n(reopened, COUNT) == 2


def test_a_store_loaded_before_the_union_copy_still_answers_through_the_union_view(tmp_path):
    out = _folder(tmp_path)
    ox = OxigraphStore(tmp_path / "ox")
    ox.load_graph(out)
    pointer = tmp_path / "ox" / OxigraphStore.ACTIVE
    first = pointer.read_text(encoding="utf-8").splitlines()[0]
    del ox
    import gc
    gc.collect()
    import pyoxigraph
    db = pyoxigraph.Store(str(tmp_path / "ox" / first))     # as an older loader left it: no copy
    db.remove_graph(pyoxigraph.DefaultGraph())
    del db
    pointer.write_text(first + "\n", encoding="utf-8")
    old = OxigraphStore(tmp_path / "ox")
    assert _n(old, COUNT) == 4                          # Oxigraph's union view: once per graph


JOIN = "SELECT ?v WHERE { ?a <https://example.org/p> ?x . ?x <https://example.org/q> ?v }"
GRAPH_JOIN = "SELECT ?v WHERE { GRAPH ?g { ?a <https://example.org/p> ?x } ?x <https://example.org/q> ?v }"


def test_a_blank_node_is_the_same_node_in_its_graph_and_in_the_union(tmp_path):
    """The union is loaded apart from the graphs; a blank node must not become two nodes there."""
    out = tmp_path / "built"
    out.mkdir()
    (out / "graph.trig").write_text(
        "<https://example.org/g1> { <https://example.org/a> <https://example.org/p> _:x .\n"
        "  _:x <https://example.org/q> \"level L5\" . }\n"
        "<https://example.org/g2> { <https://example.org/b> <https://example.org/p> <https://example.org/c> . }\n",
        encoding="utf-8")
    ox = OxigraphStore(tmp_path / "ox")
    assert ox.load_graph(out) == 3
    memory = MemoryStore(load(out))
    for query in (JOIN, GRAPH_JOIN):
        assert [str(r["v"]) for r in ox.select(query)[1]] == [str(r["v"]) for r in memory.select(query)[1]] \
            == ["level L5"]
    assert _n(ox, COUNT) == _n(memory, COUNT) == 3
    del ox


def test_a_load_in_pieces_keeps_blank_nodes_and_counts_across_the_pieces(tmp_path, monkeypatch):
    """The loader takes a file a few quads at a time (its memory bound): a blank node whose triples
    fall in different pieces stays one node, and every quad is loaded once."""
    from spasmkg.graph.store import oxigraph
    monkeypatch.setattr(oxigraph, "LOAD_CHUNK", 2)
    out = tmp_path / "built"
    out.mkdir()
    lines = [f"<https://example.org/d{i}> <https://example.org/p> <https://example.org/c{i}> ." for i in range(5)]
    (out / "graph.trig").write_text(
        "<https://example.org/g1> { <https://example.org/a> <https://example.org/p> _:x .\n"
        + "\n".join(lines) + "\n  _:x <https://example.org/q> \"level L5\" . }\n"
        "<https://example.org/g2> { <https://example.org/d0> <https://example.org/p> <https://example.org/c0> . }\n",
        encoding="utf-8")
    ox = OxigraphStore(tmp_path / "ox")
    assert ox.load_graph(out) == 8                      # eight quads, in four pieces
    memory = MemoryStore(load(out))
    for query in (JOIN, GRAPH_JOIN):
        assert [str(r["v"]) for r in ox.select(query)[1]] == ["level L5"]
    assert _n(ox, COUNT) == _n(memory, COUNT) == 7      # d0's triple in two graphs is one in the union
    assert _n(ox, GRAPHS) == 2
    del ox
