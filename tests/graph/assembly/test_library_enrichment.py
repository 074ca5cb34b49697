"""A reference library beside the documents completes their reference lists: matched by DOI, PMID
or PMCID, else by title and year; it fills what the text lacks, never what it states, and says so."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

from spasmkg.build.run import build
from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.store.files import load
from spasmkg.ontology.namespaces import KG, PRISM, SKG

pytestmark = pytest.mark.slow

REVIEW = """Calf Cramps in Runners: A Brief Review

Background

Calf cramps trouble many distance runners late in a race [1]. Dehydration is a risk factor for exercise cramps [2]. Stretching the calf after a run reduced cramps in one trial [3]. Pickle juice shortened cramps in a laboratory study [4].

References

1. Brandt OL, Yates HN. Cramps at the finish line: a survey of marathon runners. Run Med J. 2016;8(2):90-97. PMID: 27770001.
2. Ferro DA. Fluid loss and cramping in runners. Sport Physiol. 2017.
3. Ito K, Lamb R. Calf stretching after running: a randomised trial. J Run Sci. 2019;3:10-18.
4. Nunez P. Pickle juice and cramp duration. Lab Sport Rep. 2020;2(1):5-9. doi:10.5555/LSR.2020.5
"""

SECOND = """Stretching After a Run

Summary

A short calf stretch after running lowers the rate of cramps [1].

References

1. Ito K, Lamb R. Calf stretching after running. Journal of Running Science. 2019. doi:10.5555/JRS.2019.10
"""

RIS = """TY  - JOUR
ID  - brandt16
AU  - Brandt, Olivia L.
AU  - Yates, Harold N.
TI  - Cramps at the finish line: a survey of marathon runners
T2  - Running Medicine Journal
PY  - 2016
VL  - 8
IS  - 2
SP  - 90
EP  - 97
DO  - 10.5555/RMJ.2016.90
AN  - 27770001
DB  - PubMed
ER  - 

TY  - JOUR
ID  - ferro17
AU  - Ferro, Dana A.
TI  - Fluid Loss and Cramping in Runners
T2  - Sport Physiol
PY  - 2017
VL  - 11
IS  - 4
SP  - 300
EP  - 309
C2  - PMC6200077
ER  - 
"""

CSL = [
    {"id": "ito2019", "type": "article-journal", "title": "Calf stretching after running: a randomised trial",
     "author": [{"family": "Ito", "given": "Kenji"}, {"family": "Lamb", "given": "Rhea"}],
     "issued": {"date-parts": [[2019]]}, "container-title": "J Run Sci", "volume": "3", "issue": "1",
     "page": "10-18", "DOI": "10.5555/JRS.2019.10"},
    # same title and year as entry 4, but another DOI: another work, not a match
    {"id": "nunez2020", "type": "article-journal", "title": "Pickle juice and cramp duration",
     "issued": {"date-parts": [[2020]]}, "DOI": "10.5555/OTHER.1", "volume": "99", "PMID": "31119999"},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    (d / "runner-cramps.txt").write_text(REVIEW, encoding="utf-8")
    (d / "stretch-note.txt").write_text(SECOND, encoding="utf-8")
    (d / "runners.ris").write_text(RIS, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    lib = tmp_path_factory.mktemp("libs") / "stretching.json"
    lib.write_text(json.dumps(CSL), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = build([corpus, lib], out)
    return summary, load(out)


def ref(n: int) -> URIRef:
    return KG[f"ref/runner-cramps/{n}"]


def test_a_library_is_no_document_and_its_use_is_summed_up(built):
    summary, _ = built
    assert [d[0] for d in summary.documents] == ["runner-cramps", "stretch-note"]
    assert summary.library == ("reference libraries: runners.ris (2 entries), stretching.json (2 entries) · "
                               "4 reference(s) completed with 12 field(s)")


def test_matched_by_pmid_the_text_keeps_what_it_states(built):
    _, ds = built
    r = ref(1)
    assert ds.value(r, PRISM.doi) == Literal("10.5555/RMJ.2016.90")         # the library's DOI, the text had none
    assert ds.value(r, PRISM.publicationName) == Literal("Run Med J")         # the text's journal, not the library's
    assert set(ds.objects(r, PRISM.volume)) == {Literal("8")}
    assert sorted(str(ds.value(a, RDFS.label)) for a in ds.objects(r, DCTERMS.creator)) == ["Brandt OL", "Yates HN"]
    assert set(ds.objects(r, SKG.authorNames)) == {Literal("Brandt OL; Yates HN")}
    assert URIRef("https://doi.org/10.5555/rmj.2016.90") in set(ds.objects(r, SKG.workIdentifier))


def test_matched_by_title_and_year_the_missing_fields_are_filled(built):
    _, ds = built
    r = ref(2)   # 'Fluid loss and cramping in runners. Sport Physiol. 2017.': read with no journal, volume or pages
    assert (ds.value(r, PRISM.publicationName), ds.value(r, PRISM.volume), ds.value(r, PRISM.issueIdentifier),
            ds.value(r, PRISM.pageRange), ds.value(r, SKG.pmcid)) == (
        Literal("Sport Physiol"), Literal("11"), Literal("4"), Literal("300-309"), Literal("PMC6200077"))
    assert ds.value(r, DCTERMS.title) == Literal("Fluid loss and cramping in runners")
    derivation = ds.value(r, PROV.qualifiedDerivation)
    assert {str(f) for f in ds.objects(derivation, SKG.suppliedField)} == {"container", "volume", "issue", "pages", "pmcid"}
    entry = ds.value(derivation, PROV.entity)
    assert ds.value(entry, DCTERMS.identifier) == Literal("ferro17")
    assert ds.value(ds.value(entry, DCTERMS.isPartOf), SKG.sourceFile) == Literal("runners.ris")


def test_a_second_library_in_csl_json(built):
    _, ds = built
    r = ref(3)
    assert (ds.value(r, PRISM.doi), ds.value(r, PRISM.issueIdentifier)) == (Literal("10.5555/JRS.2019.10"), Literal("1"))
    derivation = ds.value(r, PROV.qualifiedDerivation)
    assert ds.value(ds.value(ds.value(derivation, PROV.entity), DCTERMS.isPartOf), SKG.sourceFile) == \
        Literal("stretching.json")


def test_a_doi_the_library_gives_joins_two_documents_entries_into_one_work(built, corpus, tmp_path):
    build([corpus / "runner-cramps.txt", corpus / "stretch-note.txt"], tmp_path)     # without the libraries
    alone = load(tmp_path)
    assert alone.value(ref(3), SKG.identifiesWork) != alone.value(KG["ref/stretch-note/1"], SKG.identifiesWork)
    _, ds = built
    # runner-cramps [3] states no DOI; stretch-note [1] does, with another journal name and no volume
    note = KG["ref/stretch-note/1"]
    work = ds.value(ref(3), SKG.identifiesWork)
    assert work is not None and ds.value(note, SKG.identifiesWork) == work
    assert ds.value(work, SKG.citingDocumentCount) == Literal(2)
    assert URIRef("https://doi.org/10.5555/jrs.2019.10") in set(ds.objects(work, SKG.workIdentifier))
    # matched by its DOI, the note's entry gets what its text lacks (read as a report: no journal)
    supplied = ds.value(note, PROV.qualifiedDerivation)
    assert {str(f) for f in ds.objects(supplied, SKG.suppliedField)} == {"container", "volume", "issue", "pages"}


def test_a_title_match_whose_doi_disagrees_is_no_match(built):
    _, ds = built
    r = ref(4)
    assert set(ds.objects(r, PRISM.volume)) == {Literal("2")}
    assert ds.value(r, SKG.pmid) is None and ds.value(r, PROV.qualifiedDerivation) is None


@pytest.mark.parametrize("name, content, code", [
    ("broken.bib", "@article{a, title = {Cramps}\n@book{b, title={x}}\n", "E106"),
    ("broken.ris", "TY  - JOUR\nTI  - Cramps\n", "E106"),
    ("broken.json", '[{"id": "a", "title": "Cramps"', "E106"),
    ("items.json", '[{"id": "a", "title": "Cramps", "author": "Ash"}]', "E108"),
    ("empty.json", "[]", "E109"),
])
def test_a_malformed_library_is_a_coded_error_naming_the_file(corpus, tmp_path, name, content, code):
    lib = tmp_path / name
    lib.write_text(content, encoding="utf-8")
    summary = build([corpus / "runner-cramps.txt", lib], tmp_path / "out")
    assert len(summary.skipped) == 1 and summary.skipped[0].startswith(f"[{code}] {lib}")
    assert summary.library == ""
    with pytest.raises(SpasmkgError) as err:
        build([corpus / "runner-cramps.txt", lib], tmp_path / "strict", strict=True)
    assert err.value.code == "E027"


def test_the_command_line_names_a_malformed_library(corpus, tmp_path):
    lib = tmp_path / "refs.bib"
    lib.write_text("@article{ash2019,\n  title = {Cramps},\n  year = 2019\n\n@book{b, title={x}}\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "spasmkg.cli", "build", str(corpus / "runner-cramps.txt"), str(lib),
                        "--out", str(tmp_path / "cli"), "--quiet"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert f"skipped: [E106] {lib}: is not a valid BibTeX reference library (line 1: " in p.stdout
