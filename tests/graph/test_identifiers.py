"""A reference's DOI, PMID and PMCID as IRIs, and works merged by any of them."""
from __future__ import annotations

from rdflib import URIRef

from spasmkg.extract.model import DocumentResult, Reference
from spasmkg.graph.assembly import works
from spasmkg.graph.document_graph import add_document, new_dataset, ref_iri
from spasmkg.graph.identifiers import doi_iri, identifier_iris, pmcid_iri, pmid_iri
from spasmkg.ontology.namespaces import SKG


def test_a_doi_is_matched_in_lower_case_and_encoded_where_an_iri_needs_it():
    assert doi_iri("10.5555/JMR.2018.0145") == URIRef("https://doi.org/10.5555/jmr.2018.0145")
    assert doi_iri("https://doi.org/10.5555/ABC") == doi_iri("doi: 10.5555/abc")
    assert doi_iri("10.1002/(SICI)1097-4636<23::AID>3.0.CO;2-X") == URIRef(
        "https://doi.org/10.1002/(sici)1097-4636%3C23::aid%3E3.0.co;2-x")
    assert doi_iri('10.5555/a"b{c}#d?e%f') == URIRef("https://doi.org/10.5555/a%22b%7Bc%7D%23d%3Fe%25f")


def test_pubmed_and_pubmed_central_pages():
    assert pmid_iri("29990001") == URIRef("https://pubmed.ncbi.nlm.nih.gov/29990001/")
    assert pmid_iri("PMC12") is None
    assert pmcid_iri("pmc6100042") == pmcid_iri("6100042") == URIRef(
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6100042/")
    assert pmcid_iri("PMCX") is None
    assert identifier_iris(None, "12", "PMC3") == [URIRef("https://pubmed.ncbi.nlm.nih.gov/12/"),
                                                   URIRef("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3/")]


def _doc(doc_id: str, *refs: Reference) -> DocumentResult:
    return DocumentResult(doc_id, f"{doc_id}.txt", "review", doc_id, "text", "0" * 64, references=list(refs))


def test_works_merge_by_pmcid_before_names_and_carry_every_identifier():
    """Entry c shares entry a's name key (author, year, journal, volume) but not its title or PMCID:
    it stays a work of its own, and is not lost to a's."""
    ds = new_dataset()
    # the same work, written two ways: the names and journals do not agree, the PMCID does
    add_document(ds, _doc("a", Reference(1, "raw", 0, 3, authors=["Okafor N"], title="Calf stretching for cramps",
                                         container="Ageing Muscle", year=2019, volume="7", pmcid="PMC6100042")))
    add_document(ds, _doc("b", Reference(4, "raw", 0, 3, authors=["Okafor, Ngozi"], title="Calf stretching in old age",
                                         container="Age Musc", year=2019, volume="7", pages="33-40",
                                         doi="10.5555/AM.2019.33", pmcid="PMC6100042")))
    add_document(ds, _doc("c", Reference(2, "raw", 0, 3, authors=["Okafor N"], title="Another study",
                                         container="Ageing Muscle", year=2019, volume="7", pmcid="PMC6100043")))
    groups = works.group(ds)
    merged = [m for m in groups.values() if len(m) == 2]
    assert len(groups) == 2 and len(merged) == 1
    assert {(e.doc, e.n) for e in merged[0]} == {("https://w3id.org/spasmkg/id/doc/a", 1),
                                                 ("https://w3id.org/spasmkg/id/doc/b", 4)}
    assert works.work_identifiers(merged[0]) == [URIRef("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6100042/"),
                                                 URIRef("https://doi.org/10.5555/am.2019.33")]
    assert set(ds.objects(ref_iri("b", 4), SKG.workIdentifier)) == {
        URIRef("https://doi.org/10.5555/am.2019.33"), URIRef("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6100042/")}
