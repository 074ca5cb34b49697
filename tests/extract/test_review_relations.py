"""Risk factors, causes, mechanisms and associations read from cue phrases, on texts of our own."""
import json

import pytest

from spasmkg.extract.document import analyse_text


def relations(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    res = analyse_text(text, "t", "t.txt", "review")
    return {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations
            if kind is None or r.type == kind}


def test_named_risk_factor_and_the_list_that_follows_it():
    text = ("Smoking is an established risk factor for low back pain [4]. Other risk factors include "
            "obesity, a sedentary lifestyle and heavy lifting [5, 6].")
    res = analyse_text(text, "t", "t.txt", "review")
    got = {(r.type, r.head.text.lower(), r.tail.text.lower(), tuple(r.refs)) for r in res.relations}
    assert ("risk_factor_for", "smoking", "low back pain", (4,)) in got
    for head in ("obesity", "sedentary lifestyle", "heavy lifting"):
        assert ("risk_factor_for", head, "low back pain", (5, 6)) in got


def test_list_items_the_vocabulary_does_not_know_become_risk_factors():
    text = "Risk factors for low back pain include poor sleep quality, vibration exposure and jaw clenching."
    res = analyse_text(text, "t", "t.txt", "review")
    found = {m.text for m in res.mentions if m.type == "risk_factor" and m.source == "parser"}
    assert found == {"poor sleep quality", "vibration exposure", "jaw clenching"}
    assert ("risk_factor_for", "jaw clenching", "low back pain") in relations(text)


def test_prevalence_rising_with_a_factor():
    assert ("risk_factor_for", "age", "sciatica") in relations("The prevalence of sciatica rises with age.")


@pytest.mark.parametrize("text, head, tail", [
    ("Sciatica can result from a herniated disc [7].", "herniated disc", "sciatica"),
    ("Muscle strain often causes muscle spasm.", "muscle strain", "muscle spasm"),
    ("In older adults, sciatica is frequently caused by spinal stenosis.", "spinal stenosis", "sciatica"),
    ("Obesity is a common cause of low back pain.", "obesity", "low back pain"),
])
def test_causal_cues_in_both_directions(text, head, tail):
    assert ("causes", head, tail) in relations(text, "causes")


def test_causes_listed_after_a_cause_noun():
    text = "Known causes of lumbago include ligament sprain and degenerative disc disease."
    got = relations(text, "causes")
    assert got == {("causes", "ligament sprain", "lumbago"), ("causes", "degenerative disc disease", "lumbago")}


def test_pronoun_subject_takes_the_tail_it_refers_to():
    text = "The origin of most muscle spasms is unclear, but they may arise from a muscle strain."
    assert ("causes", "muscle strain", "muscle spasms") in relations(text, "causes")


def test_negated_cue_gives_no_relation():
    assert relations("Spinal stenosis does not result from smoking.", "causes") == set()
    assert relations("The cause of the pain is unknown.") == set()


@pytest.mark.parametrize("text, head, tail", [
    ("Muscle spasms are painful, sustained involuntary contractions of a muscle.",
     "sustained involuntary contractions", "muscle spasms"),
    ("A muscle spasm, defined as an involuntary contraction that does not relax, may last minutes.",
     "involuntary contraction", "muscle spasm"),
    ("In muscle spasm, sustained contractions deplete energy stores.", "sustained contractions", "muscle spasm"),
])
def test_mechanism_patterns(text, head, tail):
    assert ("mechanism_of", head, tail) in relations(text, "mechanism_of")


def test_anaphor_carries_the_condition_into_the_next_sentence():
    text = ("In muscle spasm the contractions are sustained. This may be a result of excess calcium "
            "binding to troponin C.")
    assert ("mechanism_of", "excess calcium", "muscle spasm") in relations(text)


def test_association_is_not_a_cause():
    got = relations("Muscle spasms are commonly associated with low back pain.")
    assert got == {("associated_with", "muscle spasms", "low back pain")}


def test_unknown_pattern_key_is_refused(tmp_path):
    from spasmkg.extract.pipeline import load_model
    from spasmkg.extract.components.relations import RelationExtractor
    rules = {"causes": {"engine": "cue", "head_types": ["condition"], "tail_types": ["condition"],
                        "patterns": [{"cue": ["cause"], "direction": "head_first", "weight": 2}]}}
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown pattern keys"):
        RelationExtractor(load_model(), str(path))


def test_drugs_named_in_reference_titles_are_mentions_at_their_file_offsets():
    text = ("Muscle relaxants are widely prescribed [1].\n\nReferences\n\n"
            "1. Doe J, Roe R. Baclofen versus tizanidine for spasticity: a trial. Spine J. 2019;19(2):10-20.\n")
    res = analyse_text(text, "t", "t.txt", "review")
    drugs = {(m.text, m.source) for m in res.mentions if m.type == "drug" and m.source == "reference"}
    assert drugs == {("Baclofen", "reference"), ("tizanidine", "reference")}
    for m in res.mentions:
        assert text[m.start:m.end] == m.text


def test_reference_titles_are_read_by_every_reader_of_names_not_the_vocabulary_alone():
    # 'vertebral osteomyelitis' is known to HPO and the lexicon, not to the vocabulary
    text = ("Infection is a rare cause of back pain [1].\n\nReferences\n\n"
            "1. Doe J. Outcomes of vertebral osteomyelitis at L4-5 in adults. "
            "Eur Spine J. 2020;29(4):700-9.\n")
    res = analyse_text(text, "t", "t.txt", "review")
    titled = {(m.text.lower(), m.type) for m in res.mentions if m.source == "reference"}
    # grown to the level that places it, and the level kept whole
    assert ("vertebral osteomyelitis at l4-5", "condition") in titled
    for m in res.mentions:
        assert text[m.start:m.end] == m.text
    # the title's words are bibliographic: no relation is read out of them
    assert all(r.head.source != "reference" and r.tail.source != "reference" for r in res.relations)


@pytest.mark.parametrize("text, rel, new_text, new_type", [
    ("Obesity is the most common risk factor for degenerative spondylolisthesis.",
     ("risk_factor_for", "obesity", "degenerative spondylolisthesis"), "degenerative spondylolisthesis", "condition"),
    ("Piriformis syndrome may result from prolonged sitting.",
     ("causes", "prolonged sitting", "piriformis syndrome"), "Piriformis syndrome", "condition"),
    ("Sciatica may result from a synovial cyst of the facet joint.",
     ("causes", "synovial cyst of the facet joint", "sciatica"), "synovial cyst of the facet joint", "condition"),
])
def test_parse_names_entities_the_vocabulary_lacks(text, rel, new_text, new_type):
    # named by the parse, or typed by a resource beyond the vocabulary (HPO, the lexicon)
    res = analyse_text(text, "t", "t.txt", "review")
    assert rel in {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations}
    assert (new_text, new_type) in {(m.text, m.type) for m in res.mentions if m.source != "vocabulary"}


def test_no_new_mention_when_neither_side_is_known():
    res = analyse_text("Coccydynia is frequently caused by a fall onto the tailbone.", "t", "t.txt", "review")
    assert res.relations == [] and not [m for m in res.mentions if m.source == "parser"]


@pytest.mark.parametrize("text, head, tail", [
    ("If the Waddell tests are positive, symptom magnification is likely.", "waddell tests", "symptom magnification"),
    ("If pain is induced by back extension, lumbar spondylolysis should be considered.",
     "pain is induced by back extension", "lumbar spondylolysis"),
    ("A positive straight leg raise test is a sign of sacroiliac joint dysfunction.",
     "straight leg raise test", "sacroiliac joint dysfunction"),
])
def test_exam_sign_points_to_a_condition_the_vocabulary_lacks(text, head, tail):
    res = analyse_text(text, "t", "t.txt", "review")
    assert ("indicates", head, tail) in {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations}
    assert any(m.text.lower() == tail and m.type == "condition" and m.source != "vocabulary" for m in res.mentions)


@pytest.mark.parametrize("text, rel", [
    ("Spinal stenosis can lead to numbness in the lateral foot.",
     ("indicates", "numbness in the lateral foot", "spinal stenosis")),
    ("Sciatica is common. Patients present with buttock pain.",
     ("indicates", "buttock pain", "sciatica")),
])
def test_symptoms_point_to_the_condition_that_produces_them(text, rel):
    res = analyse_text(text, "t", "t.txt", "review")
    assert rel in {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations}


def test_a_condition_producing_a_symptom_is_no_cause_of_it():
    res = analyse_text("Spinal stenosis can lead to numbness in the lateral foot.", "t", "t.txt", "review")
    assert not [r for r in res.relations if r.type == "causes"]


def test_items_of_a_list_of_causes_are_causes():
    res = analyse_text("Known causes of sciatica include a fall onto the tailbone, childbirth and a tight belt.",
                       "t", "t.txt", "review")
    new = {m.text: m.type for m in res.mentions if m.source == "parser"}
    assert new and set(new.values()) == {"cause"}, new


def test_an_adverb_inside_a_cue_does_not_hide_it():
    res = analyse_text("Sciatica occurs mainly from a herniated disc.", "t", "t.txt", "review")
    assert ("causes", "herniated disc", "sciatica") in {(r.type, r.head.text, r.tail.text.lower()) for r in res.relations}


def test_a_test_named_for_what_it_detects_indicates_it():
    res = analyse_text("The straight leg raise test is highly sensitive for detecting a herniated disc.",
                       "t", "t.txt", "review")
    got = {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations}
    assert ("indicates", "straight leg raise test", "herniated disc") in got, got


def test_a_condition_patients_present_with_points_to_the_topic():
    res = analyse_text("Spinal stenosis is common in older adults. Patients present with sciatica and buttock pain.",
                       "t", "t.txt", "review")
    got = {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations}
    assert {("indicates", "sciatica", "spinal stenosis"), ("indicates", "buttock pain", "spinal stenosis")} <= got, got


@pytest.mark.parametrize("text, hedge", [
    ("Sciatica is thought to result from a herniated disc.", "is thought to"),
    ("Obesity may increase the risk of sciatica.", "may"),
    ("Sciatica results from a herniated disc.", None),
])
def test_a_hedged_relation_keeps_its_hedge(text, hedge):
    res = analyse_text(text, "t", "t.txt", "review")
    (rel,) = [r for r in res.relations if r.type in ("causes", "risk_factor_for")]
    assert rel.hedge == hedge
    assert (rel.confidence < 0.8) == (hedge is not None)
