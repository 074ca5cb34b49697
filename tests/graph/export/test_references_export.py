"""`spasmkg export references`: the cited works of a graph built from a review of our own
(library/night-cramps-review.txt: a journal article with DOI and PMID, a book, a web page read on
a date, an article with a PMCID, one the library beside it completes) read back by the programs
reference managers are built on: citeproc-py formats the CSL-JSON, bibtexparser parses the
BibTeX, rispy loads the RIS."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from spasmkg.build.run import build
from spasmkg.graph.export import export
from spasmkg.graph.store.files import load
from spasmkg.ontology.namespaces import KG, PRISM, SKG

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent / "library"
REVIEW = HERE / "night-cramps-review.txt"
LIBRARY = HERE / "desk-spasm-library.bib"
SPASMKG = [sys.executable, "-m", "spasmkg.cli"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The review and its BibTeX library, built together."""
    out = tmp_path_factory.mktemp("refs") / "out"
    build([HERE], out)
    return out


@pytest.fixture(scope="module")
def ds(built):
    return load(built)


@pytest.fixture(scope="module")
def csl(ds, tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("csl") / "refs.json"
    export("references", ds, path, reference_format="csl-json")
    return json.loads(path.read_text(encoding="utf-8"))


def by_id(items: list[dict]) -> dict[str, dict]:
    return {i["id"]: i for i in items}


def test_every_cited_work_once_with_its_fields(csl):
    items = by_id(csl)
    assert sorted(items) == ["crampndnight", "duval2020warmth", "hartwell2015muscle", "marlow2018stretching",
                             "okafor2019calf"]
    article = items["marlow2018stretching"]
    assert article == {
        "id": "marlow2018stretching", "type": "article-journal",
        "title": "Stretching before sleep and nocturnal calf cramps: a randomised trial",
        "container-title": "J Musc Rest", "volume": "12", "issue": "3", "page": "145-152",
        "DOI": "10.5555/JMR.2018.0145", "PMID": "29990001",
        "author": [{"family": "Marlow", "given": "T. J."}, {"family": "Quist", "given": "A. B."},
                   {"family": "Ferreira", "given": "L."}],
        "issued": {"date-parts": [[2018]]}}
    book = items["hartwell2015muscle"]
    assert (book["type"], book["title"], book["publisher"], book["author"]) == (
        "book", "Muscle Cramps in Clinical Practice", "Northgate Press", [{"family": "Hartwell", "given": "G. P."}])
    page = items["crampndnight"]
    assert (page["type"], page["URL"], page["accessed"], page["author"]) == (
        "webpage", "https://cramps.example.org/night-cramps", {"date-parts": [[2021, 3, 3]]},
        [{"literal": "Cramp Care Foundation"}])
    assert items["okafor2019calf"]["PMCID"] == "PMC6100042"


def test_the_library_completes_what_the_text_left_out_and_keeps_what_it_states(csl):
    duval = by_id(csl)["duval2020warmth"]
    # the text gives no DOI, PMID or issue: the library does; the text's journal name stays
    assert (duval["DOI"], duval["PMID"], duval["issue"]) == ("10.5555/OBH.2020.201", "31110005", "2")
    assert duval["container-title"] == "Occup Back Health"


def test_citeproc_formats_the_csl_json_with_every_field(csl):
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(csl), formatter.plain)
    for item in csl:
        bib.register(Citation([CitationItem(item["id"])]))
    lines = {str(e) for e in bib.bibliography()}
    assert len(lines) == len(csl)
    text = "\n".join(lines)
    for item in csl:
        line = next(x for x in lines if item["title"] in x)
        for name in item.get("author", []):
            assert (name.get("family") or name["literal"]) in line
        for var in ("container-title", "publisher", "URL"):
            if var in item:
                assert item[var] in line, (var, line)
        if "issued" in item:
            assert str(item["issued"]["date-parts"][0][0]) in line
        if "volume" in item:
            assert f"{item['volume']}({item['issue']})" in line
        if "DOI" in item:
            assert f"https://doi.org/{item['DOI']}" in line
    assert "Accessed: March 3, 2021" in text
    assert "pp. 145–152" in text


def test_bibtex_parses_back_with_the_same_fields(ds, csl, tmp_path):
    path = tmp_path / "refs.bib"
    export("references", ds, path, reference_format="bibtex")
    lib = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert not lib.failed_blocks
    entries = {e.key: (e.entry_type, {k: f.value for k, f in e.fields_dict.items()}) for e in lib.entries}
    assert sorted(entries) == sorted(by_id(csl))
    assert entries["marlow2018stretching"] == ("article", {
        "author": "Marlow, T. J. and Quist, A. B. and Ferreira, L.",
        "title": "Stretching before sleep and nocturnal calf cramps: a randomised trial",
        "journal": "J Musc Rest", "year": "2018", "volume": "12", "number": "3", "pages": "145--152",
        "doi": "10.5555/JMR.2018.0145", "pmid": "29990001"})
    assert entries["hartwell2015muscle"] == ("book", {
        "author": "Hartwell, G. P.", "title": "Muscle Cramps in Clinical Practice", "year": "2015",
        "publisher": "Northgate Press"})
    assert entries["crampndnight"] == ("misc", {
        "author": "{Cramp Care Foundation}", "title": "Night cramps: what you can do",
        "url": "https://cramps.example.org/night-cramps", "urldate": "2021-03-03"})
    assert entries["okafor2019calf"][1]["pmcid"] == "PMC6100042"
    # every field of every item made it: the same record as the CSL-JSON, in BibTeX's words
    for key, item in by_id(csl).items():
        fields = entries[key][1]
        assert fields.get("doi") == item.get("DOI") and fields.get("pmid") == item.get("PMID")
        assert fields.get("volume") == item.get("volume") and fields.get("number") == item.get("issue")
        assert fields.get("pages", "").replace("--", "-") == item.get("page", "")


def test_ris_loads_back_with_the_same_fields(ds, csl, tmp_path):
    path = tmp_path / "refs.ris"
    export("references", ds, path, reference_format="ris")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("TY  - ")                 # no counter line before the first record
    records = {r["id"]: r for r in rispy.loads(text)}
    assert sorted(records) == sorted(by_id(csl))
    assert records["marlow2018stretching"] == {
        "type_of_reference": "JOUR", "id": "marlow2018stretching",
        "authors": ["Marlow, T. J.", "Quist, A. B.", "Ferreira, L."],
        "title": "Stretching before sleep and nocturnal calf cramps: a randomised trial",
        "secondary_title": "J Musc Rest", "volume": "12", "number": "3", "doi": "10.5555/JMR.2018.0145",
        "year": "2018", "start_page": "145", "end_page": "152", "accession_number": "29990001",
        "name_of_database": "PubMed"}
    assert records["crampndnight"]["type_of_reference"] == "ELEC"
    assert records["crampndnight"]["access_date"] == "2021/03/03"
    assert records["crampndnight"]["urls"] == ["https://cramps.example.org/night-cramps"]
    assert records["hartwell2015muscle"]["publisher"] == "Northgate Press"
    assert records["okafor2019calf"]["custom2"] == "PMC6100042"


def test_each_format_read_back_as_a_library_gives_the_same_records(ds, tmp_path):
    """What one format writes, spasmkg reads as a library with the same fields as the others."""
    from spasmkg.extract.library import parse
    got = {}
    for fmt, name in (("csl-json", "refs.json"), ("bibtex", "refs.bib"), ("ris", "refs.ris")):
        export("references", ds, tmp_path / name, reference_format=fmt)
        entries = parse((tmp_path / name).read_text(encoding="utf-8"), fmt, tmp_path / name)
        got[fmt] = {e.key: (e.ref.authors, e.ref.title, e.ref.container, e.ref.year, e.ref.volume, e.ref.issue,
                            e.ref.pages, e.ref.doi, e.ref.pmid, e.ref.pmcid, e.ref.url, e.ref.publisher,
                            e.ref.accessed.replace("/", "-") if e.ref.accessed else None)
                    for e in entries}
    assert got["csl-json"] == got["bibtex"] == got["ris"]
    assert len(got["ris"]) == 5


def test_identifiers_are_iris_on_references_and_works(ds):
    ref1, ref4 = KG["ref/night-cramps-review/1"], KG["ref/night-cramps-review/4"]
    assert set(ds.objects(ref1, SKG.workIdentifier)) == {
        URIRef("https://doi.org/10.5555/jmr.2018.0145"), URIRef("https://pubmed.ncbi.nlm.nih.gov/29990001/")}
    assert ds.value(ref1, PRISM.doi) == Literal("10.5555/JMR.2018.0145")     # as written, for display
    assert URIRef("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6100042/") in set(ds.objects(ref4, SKG.workIdentifier))
    work = ds.value(ref4, SKG.identifiesWork)
    assert set(ds.objects(work, SKG.workIdentifier)) == set(ds.objects(ref4, SKG.workIdentifier))
    # a DOI the library gave is an identifier too, and is said to come from the library
    ref5 = KG["ref/night-cramps-review/5"]
    assert URIRef("https://doi.org/10.5555/obh.2020.201") in set(ds.objects(ref5, SKG.workIdentifier))
    derivation = ds.value(ref5, PROV.qualifiedDerivation)
    assert {str(f) for f in ds.objects(derivation, SKG.suppliedField)} == {"doi", "pmid", "issue"}
    entry = ds.value(derivation, PROV.entity)
    assert (entry, None, None) in ds and ds.value(entry, SKG.sourceFile) is None
    assert str(ds.value(ds.value(entry, URIRef("http://purl.org/dc/terms/isPartOf")), SKG.sourceFile)) == LIBRARY.name


def test_the_command_line_writes_each_format_and_keeps_the_exports_protections(built, tmp_path):
    def run(*args):
        return subprocess.run([*SPASMKG, "export", "references", "--graph", str(built), *args],
                              capture_output=True, text=True, timeout=300)
    p = run("--format", "bibtex")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"wrote {built / 'references.bib'}"
    assert (built / "references.bib").read_text(encoding="utf-8").startswith("@misc{crampndnight,")
    p = run()
    assert p.returncode == 0 and (built / "references.json").exists()
    p = run("--format", "bibtex")                             # exists: refused unless --force
    assert p.returncode == 2 and "[E097]" in p.stderr and "references.bib" in p.stderr
    p = run("--format", "ris", "--out", str(built / "graph.trig"), "--force")   # never the build's own
    assert p.returncode == 2 and "[E096]" in p.stderr
    p = subprocess.run([*SPASMKG, "export", "gexf", "--format", "ris", "--graph", str(built), "--out",
                        str(tmp_path / "g.gexf")], capture_output=True, text=True, timeout=300)
    assert p.returncode == 2 and "[E099]" in p.stderr and "references export only" in p.stderr
    assert not (tmp_path / "g.gexf").exists()
