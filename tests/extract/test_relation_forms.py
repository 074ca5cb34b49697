"""How reviews state relations, on sentences of our own: the signs and symptoms a condition leads
to or presents with, lists whose items are whole phrases, and the discourse that names the topic."""
import pytest

from spasmkg.extract.document import analyse_text


def relations(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    res = analyse_text(text, "t", "t.txt", "review")
    return {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations
            if kind is None or r.type == kind}


def test_a_condition_leads_to_signs_each_named_in_full():
    got = relations("Lumbar canal narrowing can lead to motor weakness, numbness in the medial foot "
                    "and pain in the front of the thigh.", "indicates")
    assert got == {("indicates", "motor weakness", "lumbar canal narrowing"),
                   ("indicates", "numbness in the medial foot", "lumbar canal narrowing"),
                   ("indicates", "pain in the front of the thigh", "lumbar canal narrowing")}


def test_a_participle_takes_the_subject_of_its_clause_and_keeps_coordinated_modifiers():
    got = relations("An L2-3 disk herniation is rare, leading to hip flexion weakness and paresthesia "
                    "in the inner and outer thigh.", "indicates")
    assert got == {("indicates", "hip flexion weakness", "l2-3 disk herniation"),
                   ("indicates", "paresthesia in the inner and outer thigh", "l2-3 disk herniation")}


def test_patients_presenting_with_signs_point_to_the_condition_under_discussion():
    text = ("Sciatica is a frequent reason for a visit to the doctor. When symptomatic, patients present "
            "with complaints of burning pain in the hip, groin, and or knee.")
    got = relations(text, "indicates")
    assert ("indicates", "burning pain in the hip, groin, and or knee", "sciatica") in got


def test_a_condition_leading_to_another_condition_is_a_cause_not_a_sign():
    got = relations("A C4-5 disk herniation leads to C5 radiculopathy.")
    assert not {r for r in got if r[0] == "indicates"}
    assert any(r[0] == "causes" and "radiculopathy" in r[2] for r in got)


@pytest.mark.parametrize("text", [
    "The cause of the cramps is unknown.",                       # 'cause' as a noun
    "About 60% of adults experience neck pain at some point.",   # a statistic about people
    "Pressure behind the knee should cause it to worsen.",        # a pronoun object
    "Imaging is rarely needed unless the patient presents with progressive weakness.",
    "This exposes binding sites, leading to contraction of the muscle fiber.",
])
def test_no_sign_where_nothing_presents(text):
    assert relations(text, "indicates") == set()


def test_a_grown_sign_keeps_its_assertion_and_concept():
    res = analyse_text("Spinal stenosis can lead to numbness in the medial foot.", "t", "t.txt", "review")
    sign = next(m for m in res.mentions if m.text == "numbness in the medial foot")
    assert sign.type == "symptom" and sign.concept == "numbness" and sign.assertion == "present"


def test_a_sentence_ending_in_a_colon_introduces_the_causes_listed_below_it():
    text = ("Sciatica is common in adults.\n\n"
            "A number of conditions can cause sciatica (most are uncommon) 2,3:\n\n"
            "- lumbar disc herniation (most common)\n\n"
            "- synovial cysts of the facet joint 4\n\n"
            "infective\n\n"
            "- epidural abscess\n\n"
            "Management\n\n"
            "Rest is advised for a few days after the onset of pain, and most patients recover within weeks.\n")
    got = relations(text, "causes")
    assert {("causes", "lumbar disc herniation", "sciatica"), ("causes", "synovial cysts of the facet joint", "sciatica"),
            ("causes", "epidural abscess", "sciatica")} <= got
    assert not any("rest" in head or "management" in head for _, head, _ in got)


def test_signs_listed_after_a_colon_indicate_the_condition_the_sentence_names():
    text = ("Conus medullaris syndrome typically produces two groups of signs:\n\n"
            "- perineal numbness\n\n"
            "- urinary retention\n")
    got = relations(text, "indicates")
    assert {("indicates", "perineal numbness", "conus medullaris syndrome"),
            ("indicates", "urinary retention", "conus medullaris syndrome")} <= got


def test_a_classification_is_not_a_list_of_signs():
    text = ("Sciatica can be classified as acute or chronic based on the duration of symptoms:\n\n"
            "- acute: under six weeks\n\n"
            "- chronic: over three months\n")
    assert relations(text, "indicates") == set()


def test_a_subject_holding_a_body_site_is_named_whole():
    got = relations("Stenosis in the thoracic spine can lead to gait disturbance and leg stiffness.", "indicates")
    assert ("indicates", "gait disturbance", "stenosis in the thoracic spine") in got


def test_the_topic_may_be_a_disorder_typed_as_a_phenotype():
    text = ("Spondylolysis is a defect of the pars interarticularis. Spondylolysis is common in young athletes. "
            "When symptomatic, patients present with low back pain and hamstring tightness.")
    got = relations(text, "indicates")
    assert ("indicates", "low back pain", "spondylolysis") in got


def test_a_cause_inside_a_definition_is_the_mechanism():
    got = relations("Sciatica refers to a collection of symptoms that result from irritation of the sciatic nerve.")
    assert ("mechanism_of", "irritation of the sciatic nerve", "sciatica") in got
    assert not {r for r in got if r[0] == "causes"}


def test_a_defining_verb_names_the_mechanism():
    got = relations("Spinal stenosis denotes a narrowing of the spinal canal.", "mechanism_of")
    assert ("mechanism_of", "narrowing of the spinal canal", "spinal stenosis") in got


def test_a_labelled_line_lists_signs_of_the_topic_or_of_the_condition_it_names():
    text = ("Sciatica is common.\n"
            "- Symptoms: Pain, numbness, or tingling in the buttock and one leg, often worse when sitting.\n"
            "- Warning signs: Saddle anesthesia or new urinary retention, which may point to cauda equina syndrome.\n")
    got = relations(text, "indicates")
    assert {("indicates", "numbness", "sciatica"), ("indicates", "tingling in the buttock and one leg", "sciatica"),
            ("indicates", "saddle anesthesia", "cauda equina syndrome"),
            ("indicates", "new urinary retention", "cauda equina syndrome")} <= got


def test_a_label_is_only_a_label_at_the_start_of_a_line():
    got = relations("Most patients with sciatica describe their symptoms: burning and aching.", "indicates")
    assert not {r for r in got if "burning" in r[1]}


def test_these_include_lists_the_group_the_previous_sentence_named():
    text = ("Sciatica is common. Several conditions can lead to the compression. These include bulging of the "
            "intervertebral disc, thickening of the ligamentum flavum, and hypertrophy of the facet joints.")
    got = relations(text, "causes")
    assert {("causes", "bulging of the intervertebral disc", "sciatica"),
            ("causes", "thickening of the ligamentum flavum", "sciatica"),
            ("causes", "hypertrophy of the facet joints", "sciatica")} <= got


def test_these_include_without_a_stated_relation_links_nothing():
    assert relations("Treatment of sciatica is conservative. These include rest and heat.", "causes") == set()


def test_prevalence_and_occurrence_phrasings():
    assert ("risk_factor_for", "aging", "spinal stenosis") in relations("Spinal stenosis is common with aging.")
    got = relations("Acquired stenosis occurs mainly from trauma and degenerative changes.", "causes")
    assert ("causes", "trauma", "acquired stenosis") in got


def test_a_plural_cause_noun_in_a_list_is_not_a_verb():
    got = relations("Acquired stenosis occurs mainly from trauma, iatrogenic causes, and systemic disease.", "causes")
    assert not any(t == "systemic disease" and h == "trauma" for _, h, t in got)


def test_a_bulleted_list_under_a_risk_factor_or_cause_heading_names_heads_of_the_topic():
    text = ("Sciatica\n\nSciatica is pain along the sciatic nerve. Sciatica is common.\n\n"
            "Risk factors\n\n- obesity 3\n- prolonged sitting at work\n\n"
            "Causes\n\n- lumbar disc herniation (most common)\n- piriformis syndrome\n\n"
            "Treatment\n\n- rest\n- heat\n")
    got = relations(text)
    assert {("risk_factor_for", "obesity", "sciatica"), ("risk_factor_for", "prolonged sitting at work", "sciatica"),
            ("causes", "lumbar disc herniation", "sciatica"), ("causes", "piriformis syndrome", "sciatica")} <= got
    assert not any(h in ("rest", "heat") for _, h, _ in got)


def test_a_sign_named_again_in_parentheses_is_a_head_too():
    got = relations("Sciatica is often due to spondylolysis (pars interarticularis defects) 6.", "causes")
    assert {("causes", "spondylolysis", "sciatica"), ("causes", "pars interarticularis defects", "sciatica")} <= got
    got = relations("Spinal stenosis is mostly due to lumbar disc herniation (LDH).", "causes")
    assert not any(h == "ldh" for _, h, _ in got)


def test_a_figure_about_the_condition_points_back_to_it():
    text = ("The incidence of spondylolysis in children is ~5%, mostly due to repetitive stress. "
            "Incidence increases in adulthood to ~10%, mostly due to degenerative change 9.")
    assert ("causes", "degenerative change", "spondylolysis") in relations(text, "causes")


def test_a_parenthesis_inside_a_labelled_line_names_the_sign():
    text = "Sciatica is common.\n- Other signs: Mild weakness in the foot or difficulty lifting the toes (foot drop) may occur.\n"
    assert ("indicates", "foot drop", "sciatica") in relations(text, "indicates")


def test_one_word_items_share_the_head_noun_of_the_next():
    text = "Sciatica is common. When symptomatic, patients present with neck or arm pain."
    assert ("indicates", "neck or arm pain", "sciatica") in relations(text, "indicates")


def test_a_body_part_subject_is_not_a_condition():
    text = "In sciatica the nerve roots are compressed, leading to pain and numbness."
    assert not {r for r in relations(text, "indicates") if r[2] == "nerve roots"}


def test_a_listed_syndrome_is_not_a_sign():
    got = relations("Spinal cord injury can result in complications such as conus syndrome.", "indicates")
    assert not {r for r in got if "conus syndrome" in r[1]}


def test_a_label_needs_its_colon_right_after_it():
    text = "Sciatica is common.\n- Track symptom details: note when pain occurs.\n"
    assert relations(text, "indicates") == set()


def test_each_sign_keeps_its_own_reason_and_a_process_is_a_mechanism():
    got = relations("Stenosis in the cervical spine can lead to radicular symptoms due to nerve root compression "
                    "and myelopathy due to spinal cord compression.")
    assert {("indicates", "radicular symptoms", "stenosis in the cervical spine"),
            ("mechanism_of", "nerve root compression", "radicular symptoms"),
            ("mechanism_of", "spinal cord compression", "myelopathy")} <= got
    assert not any(r[0] == "causes" and r[2] == "nerve root compression" for r in got)
    assert ("mechanism_of", "spinal cord compression", "radicular symptoms") not in got


def test_a_test_for_detecting_a_condition_indicates_it():
    got = relations("The straight leg raise test has a sensitivity of about 90% for detecting disc herniation.")
    assert ("indicates", "straight leg raise test", "disc herniation") in got


def test_the_last_conjunct_of_a_subject_is_a_head_even_unknown():
    got = relations("Laminectomy, fusion, and discectomy surgeries can cause iatrogenic spinal stenosis.", "causes")
    assert ("causes", "discectomy surgeries", "iatrogenic spinal stenosis") in got


def test_examples_named_as_conditions_are_tails():
    got = relations("Spinal cord injury can result in major complications such as conus syndrome or "
                    "cauda equina syndrome.", "causes")
    assert {("causes", "spinal cord injury", "conus syndrome"),
            ("causes", "spinal cord injury", "cauda equina syndrome")} <= got
