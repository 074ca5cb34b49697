"""Every exporter on a graph whose claims hold every class of awkward character: C0 controls (NUL, an
ANSI colour escape, a form feed from pdftotext), DEL, C1 controls, the non-characters U+FFFE and
U+FFFF, emoji and combining marks. XML files stay well-formed (GEXF valid against its grammar), RDF
files keep the text exactly."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import networkx as nx
import pytest
from lxml import etree

from conftest import SHARED
from spasmkg.graph.export.xml_safe import xml_text

C0 = "\x00\x01\x08\x0b\x0c\x0e\x1b[31m\x1f"
ODD = {"c0": C0, "del": "\x7f", "c1": "\x80\x85\x9f", "nonchar": "\ufffe\uffff", "emoji": "\U0001F62C\U0001F9B4",
       "combining": "e\u0301 n\u0303"}
CLAIM = "Quinine helped the nocturnal cramp " + "".join(ODD.values()) + " in older adults [1]."
# NUL is only taken for a sign of a binary file in the first 8 KB: the odd claim comes after them
PADDING = "Paraspinal muscle spasm is frequent after heavy lifting in young workers [1]. " * 120
REVIEW = PADDING + CLAIM + "\n\nReferences\n\n1. Ash P. Cramps at night. Sleep Med. 2009;2:3-4.\n"
ACCOUNT = ("In May 2021 I had a spasm\x0c\x1b[31m\ufffe in my lower back after gardening " + ODD["emoji"]
           + ". The doctor gave me diazepam and I felt better after two days.\n")
GRAPH_EXPORTS = ("gexf", "graphml", "timeline-gexf", "csv")
RDF_EXPORTS = {"turtle": "ttl", "trig": "trig", "ntriples": "nt", "nquads": "nq", "canonical": "nq"}


def test_xml_text_keeps_length_and_shows_controls():
    assert xml_text("a\x0cb\x00c\x1bd") == "a\u240cb\u2400c\u241bd"
    assert xml_text("\ufffe\uffff") == "\ufffd\ufffd"
    kept = "\t\n\r\x7f\x85 \U0001F62C e\u0301"
    assert xml_text(kept) == kept
    for c in map(chr, range(0x20)):
        assert len(xml_text(c)) == 1


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory):
    from spasmkg.build.run import build
    root = tmp_path_factory.mktemp("odd")
    (root / "in").mkdir()
    (root / "in" / "review.txt").write_text(REVIEW, encoding="utf-8")
    (root / "in" / "account.txt").write_text(ACCOUNT, encoding="utf-8")
    summary = build([root / "in"], root / "out")
    assert len(summary.documents) == 2 and not summary.skipped
    return root


def _claim_texts(ds) -> set[str]:
    from spasmkg.ontology.namespaces import SKG
    return {str(t) for t in ds.objects(None, SKG.text)}


def test_the_graph_keeps_the_odd_characters(odd_build):
    from spasmkg.graph.store.files import load
    texts = _claim_texts(load(odd_build / "out"))
    assert any(all(v in t for v in ODD.values()) for t in texts)


def _check_gexf(path):
    checker = SHARED / "tools" / "check_gexf.py"
    if checker.exists():
        done = subprocess.run([sys.executable, str(checker), str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("fmt", GRAPH_EXPORTS)
def test_graph_exports_with_evidence_are_well_formed(odd_build, fmt):
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    from spasmkg.graph.export.formats import WITH_EVIDENCE
    out = odd_build / f"x-{fmt}"
    export(fmt, load(odd_build / "out"), out, with_evidence=fmt in WITH_EVIDENCE)   # the timeline has no evidence nodes
    if fmt == "csv":
        labels = [r["Label"] for r in csv.DictReader((out / "nodes.csv").open(encoding="utf-8", newline=""))]
        assert any("\x0c" in label for label in labels)     # CSV is not XML: the text stays as it is
        return
    root = etree.parse(str(out)).getroot()                  # a strict XML 1.0 parse
    text = etree.tostring(root, encoding="unicode")
    assert "\u240c" in text and "\U0001F62C" in text and (fmt == "timeline-gexf" or "e\u0301" in text)
    if fmt == "graphml":
        G = nx.read_graphml(out)
        assert any("\u241b[31m" in str(d.get("label", "")) for _, d in G.nodes(data=True))
    else:
        _check_gexf(out)


@pytest.mark.parametrize("fmt", sorted(RDF_EXPORTS))
def test_rdf_exports_keep_the_text_exactly(odd_build, fmt):
    import pyoxigraph as ox
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    ds = load(odd_build / "out")
    out = odd_build / f"x.{RDF_EXPORTS[fmt]}"
    export(fmt, ds, out)
    syntax = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "nq": ox.RdfFormat.N_QUADS}[RDF_EXPORTS[fmt]]
    literals = {q.object.value for q in ox.parse(path=str(out), format=syntax) if isinstance(q.object, ox.Literal)}
    assert _claim_texts(ds) <= literals


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for v in items for s in _strings(v)]


def test_json_exports_keep_the_text_exactly(odd_build):
    from rdflib import Dataset, Literal
    from spasmkg.graph.export import export
    from spasmkg.graph.store.files import load
    ds = load(odd_build / "out")
    export("jsonld", ds, odd_build / "x.jsonld")
    back = Dataset()
    back.parse(odd_build / "x.jsonld", format="json-ld")
    assert _claim_texts(ds) <= {str(o) for _, _, o, _ in back.quads() if isinstance(o, Literal)}
    notes = json.loads((odd_build / "out" / "annotations.json").read_text(encoding="utf-8"))
    assert any(all(v in s for v in ODD.values()) for s in _strings(notes))
