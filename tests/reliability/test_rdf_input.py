"""User RDF/XML and OWL files: entity tricks and network imports are refused before any parser
runs; a plain file reads as usual."""
from __future__ import annotations

import time

import pytest

from spasmkg.errors import SpasmkgError
from spasmkg.graph.rdf_input import check_ontology, parse_rdf

RDF_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:owl="http://www.w3.org/2002/07/owl#">')

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "aaaaaaaaaa">\n'
          + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
          + ']>\n' + RDF_HEAD + '<rdf:Description rdf:about="urn:x:s"><rdfs:label>&j;</rdfs:label>'
          '</rdf:Description></rdf:RDF>\n')


def write(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_billion_laughs_is_refused_at_once(tmp_path):
    p = write(tmp_path, "laughs.owl", LAUGHS)
    t0 = time.monotonic()
    with pytest.raises(SpasmkgError) as info:
        parse_rdf(p)
    assert info.value.code == "E024" and str(p) in str(info.value)
    assert time.monotonic() - t0 < 2            # expanded, the label would be 10^10 characters


def test_an_external_entity_cannot_read_a_local_file(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET")
    p = write(tmp_path, "xxe.rdf", f'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
              + RDF_HEAD + '<rdf:Description rdf:about="urn:x:s"><rdfs:label>&x;</rdfs:label>'
              '</rdf:Description></rdf:RDF>\n')
    with pytest.raises(SpasmkgError) as info:
        parse_rdf(p)
    assert info.value.code == "E024" and "TOP-SECRET" not in str(info.value)


def test_network_imports_are_refused_and_never_fetched(tmp_path):
    p = write(tmp_path, "imports.ttl", "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
              "<urn:x:o> a owl:Ontology ; owl:imports <http://127.0.0.1:9/onto.owl> .\n")
    with pytest.raises(SpasmkgError) as info:
        parse_rdf(p)
    assert info.value.code == "E025" and "http://127.0.0.1:9/onto.owl" in str(info.value)
    g = parse_rdf(p, allow_network_imports=True)     # allowed: listed, still not followed
    assert len(g) == 2


def test_owlready_python_module_annotation_is_refused(tmp_path):
    p = write(tmp_path, "module.owl", '<?xml version="1.0"?>\n' + RDF_HEAD.replace(
        ">", ' xmlns:ow="http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#">', 1)
        + '<owl:Ontology rdf:about="urn:x:o"><ow:python_module>os</ow:python_module></owl:Ontology></rdf:RDF>\n')
    with pytest.raises(SpasmkgError) as info:
        check_ontology(p)
    assert info.value.code == "E026" and "'os'" in str(info.value)


def test_plain_files_read_and_broken_ones_are_named(tmp_path):
    ok = write(tmp_path, "ok.owl", '\ufeff<?xml version="1.0"?>\n' + RDF_HEAD
               + '<owl:Class rdf:about="urn:x:Spasm"><rdfs:label>spasm</rdfs:label></owl:Class></rdf:RDF>\n')
    assert len(check_ontology(ok)) == 2
    bad = write(tmp_path, "bad.ttl", "<urn:x:a> <urn:x:b> \n")
    with pytest.raises(SpasmkgError) as info:
        parse_rdf(bad)
    assert info.value.code == "E026" and str(bad) in str(info.value)
