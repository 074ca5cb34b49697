"""Writers for each export format (GEXF for Gephi, GraphML, RDF serializations, annotations JSON)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import networkx as nx

from spasmkg.common.atomic import atomic_open, atomic_write_bytes, atomic_write_text

from spasmkg.graph.export import annotations_json as annotations
from spasmkg.graph import entity_graph
from spasmkg.graph.entity_graph import TYPE_COLOURS
from spasmkg.graph.export import trig
from spasmkg.graph import community_labels
from spasmkg.graph.export.kgx import TAR_SUFFIXES, write_kgx
from spasmkg.graph.export.neo4j import write_neo4j
from spasmkg.graph.export.owl import write_owl
from spasmkg.graph.export.references import REFERENCE_FORMATS, write_references
from spasmkg.graph.export.timeline import write_timeline_gexf
from spasmkg.graph.export.xml_safe import xml_value


def xml_safe_graph(G: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``G`` whose node ids and string attributes an XML file can hold
    (:mod:`spasmkg.graph.export.xml_safe`)."""
    H = nx.DiGraph()
    H.graph.update({k: xml_value(v) for k, v in G.graph.items()})
    for n, data in G.nodes(data=True):
        H.add_node(xml_value(n), **{k: xml_value(v) for k, v in data.items()})
    for s, t, data in G.edges(data=True):
        H.add_edge(xml_value(s), xml_value(t), **{k: xml_value(v) for k, v in data.items()})
    return H


def _gexf_bytes(G: nx.DiGraph) -> bytes:
    """GEXF 1.3: networkx writes it, then the two spots where its output leaves the 1.3 grammar are
    mended (a ``name`` attribute on ``<graph>``, a misspelt xsi namespace)."""
    import io
    from lxml import etree
    H = xml_safe_graph(G)
    for n, data in H.nodes(data=True):
        r, g, b = TYPE_COLOURS.get(data.get("type", "Entity"), (150, 150, 150))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": float(4 + 2 * (data.get("degree", 0) ** 0.5))}
    buf = io.BytesIO()
    nx.write_gexf(H, buf, version="1.3")
    # huge_tree: a label may be longer than libxml2's 10 MB default (the text is our own, not a stranger's)
    root = etree.fromstring(buf.getvalue(), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    for el in root.iter("{http://gexf.net/1.3}graph"):
        el.attrib.pop("name", None)
        el.set("defaultedgetype", "directed")
    for key in list(root.attrib):
        if key.startswith("{http://w3.org/2001/XMLSchema-instance}"):
            value = root.attrib.pop(key)
            root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_gexf(ds, path, with_evidence: bool = False, network: nx.DiGraph | None = None, **_: object) -> None:
    """``network``: the entity graph of ``ds`` already drawn (a build has it from assembly)."""
    G = network if network is not None and not with_evidence else entity_graph.build(ds, with_evidence)
    atomic_write_bytes(Path(path), _gexf_bytes(G))


def write_graphml(ds, path, with_evidence: bool = False, **_: object) -> None:
    import io
    G = xml_safe_graph(entity_graph.build(ds, with_evidence))
    buf = io.BytesIO()
    nx.write_graphml(G, buf)
    atomic_write_bytes(Path(path), buf.getvalue())


def jsonld_context() -> dict:
    """The JSON-LD ``@context``: the graph's prefixes, with spasmkg's own terms as bare names."""
    from spasmkg.ontology.namespaces import PREFIXES, SKG
    return {"@vocab": str(SKG), **{p: str(ns) for p, ns in PREFIXES.items()}}


def _rdf_writer(fmt: str):
    def write(ds, path, **_: object) -> None:
        if fmt == "json-ld":   # keeps the named graphs, as TriG does
            data = ds.serialize(format="json-ld", context=jsonld_context())
        elif fmt in ("turtle", "nt"):
            from rdflib import Graph
            g = Graph()
            for p, ns in ds.namespaces():
                g.bind(p, ns)
            for t in ds.triples((None, None, None)):
                g.add(t)
            data = g.serialize(format=fmt)
        else:
            data = ds.serialize(format=fmt)
        atomic_write_text(Path(path), data)
    return write


def write_trig(ds, path, cached: dict | None = None, contents: dict | None = None, **_: object) -> None:
    """TriG in (graph, subject, predicate, object) order (:mod:`.trig`), written straight into the
    file, one graph at a time. ``cached``: graph IRI -> a file holding that graph's block already, or
    (file, start, end) where it is in one.
    ``contents``, when given, is filled with where each named graph is in the file and a digest of its
    bytes (:func:`spasmkg.graph.export.trig.recorded`): what the query index needs to take in only the
    graphs that changed."""
    with atomic_open(Path(path)) as fh:
        if contents is None:
            trig.write(fh, (part for _, part in _trig_blocks(ds, cached or {})))
        else:
            trig.write(fh, trig.recorded(_trig_blocks(ds, cached or {}), contents))


def trig_text(ds) -> str:
    """:func:`write_trig`'s output as a string."""
    import io
    buf = io.BytesIO()
    trig.write(buf, (part for _, part in _trig_blocks(ds, {})))
    return buf.getvalue().decode("utf-8")


def _trig_blocks(ds, cached: dict):
    """(graph name, a piece of its TriG) in the order they are written; the name is None when not
    known piece by piece (an in-memory dataset, sorted whole)."""
    from spasmkg.graph.store.build_store import WorkingStore
    store = ds.store
    if not isinstance(store, WorkingStore):        # an in-memory dataset: sorted whole
        for part in trig.blocks(sorted(oxigraph_quads(ds), key=trig.sort_key)):
            yield None, part
        return
    for name in store.graph_names():               # the build's store: one graph at a time
        if name in cached:
            yield name, _cached_block(cached[name])
        else:
            for part in trig.pieces(store.graph_quads(name)):
                yield name, part


def _cached_block(place) -> bytes:
    """A graph's cached block: a whole file, or (file, start, end), a range of one."""
    if isinstance(place, tuple):
        path, start, end = place
        with open(path, "rb") as fh:
            fh.seek(start)
            return fh.read(end - start)
    return place.read_bytes()


def oxigraph_quads(ds):
    """The quads of an rdflib Dataset as pyoxigraph quads (triples of the default graph in its default
    graph); the rdflib terms are converted once each (a graph repeats its IRIs and literals many times)."""
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from spasmkg.graph.store.terms import from_rdflib
    term = lru_cache(maxsize=None)(from_rdflib)    # one conversion per distinct term of the dataset
    for s, p, o, g in ds.quads():
        g = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if g == DATASET_DEFAULT_GRAPH_ID else term(g)
        yield ox.Quad(term(s), term(p), term(o), graph)


CSV_FILES = ("nodes.csv", "edges.csv")
#: formats written as a folder of files (``export-FORMAT`` by default): the names written inside it
FOLDERS = {"csv": CSV_FILES, "kgx": ("nodes.tsv", "edges.tsv"),
           "neo4j": ("nodes.csv", "relationships.csv", "load.cypher")}


def write_csv(ds, path, with_evidence: bool = False, **_: object) -> None:
    """Two tables in the folder ``path``: ``nodes.csv`` (``Id, Label`` and the node attributes) and
    ``edges.csv`` (``Source, Target, Type, Weight, Label``), the columns Gephi's spreadsheet importer
    expects; pandas and Neo4j's ``LOAD CSV`` read them as they are."""
    import csv
    import io
    G = entity_graph.build(ds, with_evidence)
    attrs = ["type", "ontology_class", "hpo", "documents", "degree", "kind"]
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["Id", "Label", *attrs])
    for n, data in G.nodes(data=True):
        w.writerow([n, data.get("label", ""), *(data.get(a, "") for a in attrs)])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Weight", "Label"])
    for s, t, data in G.edges(data=True):
        kind = "Undirected" if data.get("relation") in entity_graph.UNDIRECTED else "Directed"
        w.writerow([s, t, kind, int(data.get("weight", 1)), data.get("label", "")])
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in zip(CSV_FILES, (nodes, edges)):
        atomic_write_text(folder / name, table.getvalue())


COMMUNITY_COLUMNS = ("community", "size", "label", "central_entities", "types", "documents", "edges_inside",
                     "edges_out")


def write_communities(ds, path, **_: object) -> None:
    """A summary table of the entity graph's communities, one row each, largest first: its number (the
    ``community`` attribute of the GEXF), size, name (its most central entities), its ten most central
    entities with their weight inside it, its entity types, documents, and edges inside and out."""
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COMMUNITY_COLUMNS)
    for c in community_labels.communities(entity_graph.build(ds)):
        w.writerow([c.number, c.size, c.label, "; ".join(f"{lab} ({weight:g})" for lab, weight in c.central[:10]),
                    "; ".join(f"{t} {n}" for t, n in sorted(c.types.items(), key=lambda x: (-x[1], x[0]))),
                    ";".join(sorted(c.documents)), c.edges_inside, c.edges_out])
    atomic_write_text(Path(path), buf.getvalue())


def write_canonical(ds, path, **_: object) -> None:
    """Canonical N-Quads (RDFC-1.0, sorted) of the knowledge graph without the build's activity
    graph: two builds of the same inputs give the same bytes."""
    from rdflib import Dataset
    from spasmkg.graph.identity import canonicalize
    from spasmkg.graph.provenance import BUILD_GRAPH
    kg = Dataset()
    for s, p, o, g in ds.quads():
        if g is not None and getattr(g, "identifier", g) != BUILD_GRAPH:
            kg.add((s, p, o, kg.graph(getattr(g, "identifier", g))))
    atomic_write_text(Path(path), canonicalize(kg.serialize(format="nquads", encoding="utf-8"), "nquads"))


def write_annotations(ds, path, cached: dict | None = None, **_: object) -> None:
    """``annotations.json`` written one document at a time, as ``json.dumps(..., indent=1)`` would
    write the whole export. ``cached``: document id -> a file holding that document's entries."""
    docs = annotations.documents(ds) if cached is None else \
        (doc for i in sorted(cached) for doc in json.loads(Path(cached[i]).read_text(encoding="utf-8")))
    with atomic_open(Path(path)) as fh:
        fh.write(b'{\n "documents": [')
        n = 0
        for n, doc in enumerate(docs, start=1):
            # indented at line feeds only: textwrap.indent would also break at a NEL or U+2028 kept raw in a string
            text = "\n".join("  " + line for line in json.dumps(doc, indent=1, ensure_ascii=False).split("\n"))
            fh.write((",\n" if n > 1 else "\n").encode("utf-8") + text.encode("utf-8"))
        fh.write(b"\n ]\n}\n" if n else b"]\n}\n")


FORMATS = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "turtle": _rdf_writer("turtle"),
    "trig": write_trig,
    "ntriples": _rdf_writer("nt"),
    "nquads": _rdf_writer("nquads"),
    "jsonld": _rdf_writer("json-ld"),
    "csv": write_csv,
    "canonical": write_canonical,
    "annotations": write_annotations,
    "timeline-gexf": write_timeline_gexf,
    "references": write_references,
    "owl": write_owl,
    "kgx": write_kgx,
    "neo4j": write_neo4j,
    "communities": write_communities,
}
#: the formats whose writer adds claim and reference nodes when asked ``with_evidence``
WITH_EVIDENCE = ("gexf", "graphml", "csv")
#: each format's default file name after ``export.``; no two formats share one
EXTENSIONS = {"gexf": "gexf", "graphml": "graphml", "turtle": "ttl", "trig": "trig", "ntriples": "nt",
              "nquads": "nq", "jsonld": "jsonld", "annotations": "json",
              "canonical": "canonical.nq", "timeline-gexf": "timeline.gexf", "owl": "owl",
              "communities": "communities.csv"}


def folder_members(fmt: str, out: Path) -> tuple[str, ...]:
    """The files a folder export writes into ``out`` (which may exist, they may not); () for a file."""
    return () if Path(out).name.endswith(TAR_SUFFIXES) else FOLDERS.get(fmt, ())


def default_name(fmt: str, reference_format: str | None = None) -> str:
    """The output's name when none is given: ``export.EXT``, or the folder ``export-FORMAT`` for the
    formats that write several files (csv, kgx, neo4j); for references ``references.json``, ``.bib``
    or ``.ris`` by its ``reference_format``."""
    if fmt == "references":
        return f"references.{REFERENCE_FORMATS[reference_format or 'csl-json'][1]}"
    return f"export-{fmt}" if fmt in FOLDERS else f"export.{EXTENSIONS.get(fmt, fmt)}"
