"""How reviews state relations, on sentences of our own: the signs and symptoms a condition leads
to or presents with, lists whose items are whole phrases, lists on the lines after a colon or under
a heading, definitions, and the discourse that names the topic."""
import pytest

from spasmkg.extract.document import analyse_text


def relations(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    res = analyse_text(text, "t", "t.txt", "review")
    return {(r.type, r.head.text.lower(), r.tail.text.lower()) for r in res.relations
            if kind is None or r.type == kind}


def test_a_condition_leads_to_signs_each_named_in_full():
    got = relations("Foraminal narrowing can lead to grip weakness, tingling in the ring finger and pain in "
                    "the back of the arm.", "indicates")
    assert got == {("indicates", "grip weakness", "foraminal narrowing"),
                   ("indicates", "tingling in the ring finger", "foraminal narrowing"),
                   ("indicates", "pain in the back of the arm", "foraminal narrowing")}


def test_a_participle_takes_the_subject_of_its_clause_and_keeps_coordinated_modifiers():
    got = relations("A T11-12 disc protrusion is rare, leading to groin pain and tingling in the upper and "
                    "lower abdomen.", "indicates")
    assert got == {("indicates", "groin pain", "t11-12 disc protrusion"),
                   ("indicates", "tingling in the upper and lower abdomen", "t11-12 disc protrusion")}


def test_patients_presenting_with_signs_point_to_the_condition_under_discussion():
    text = ("Sciatica is a frequent reason for a visit to the doctor. Most affected adults present with "
            "complaints of burning pain in the hip, groin, or knee.")
    assert ("indicates", "burning pain in the hip, groin, or knee", "sciatica") in relations(text, "indicates")


def test_a_condition_leading_to_another_condition_is_a_cause_not_a_sign():
    got = relations("An L5-S1 disc extrusion leads to S1 radiculopathy.")
    assert not {r for r in got if r[0] == "indicates"}
    assert ("causes", "l5-s1 disc extrusion", "s1 radiculopathy") in got


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
    res = analyse_text("Sciatica can lead to numbness in the lateral calf.", "t", "t.txt", "review")
    sign = next(m for m in res.mentions if m.text == "numbness in the lateral calf")
    assert sign.type == "symptom" and sign.concept == "numbness" and sign.assertion == "present"


def test_a_sentence_ending_in_a_colon_introduces_the_causes_listed_below_it():
    text = ("Sciatica is common in adults.\n\n"
            "A number of conditions can cause sciatica (most are uncommon) 2,3:\n\n"
            "- foraminal disc protrusion (frequent)\n\n"
            "- synovial cysts of the facet joint 4\n\n"
            "infective\n\n"
            "- epidural abscess\n\n"
            "Management\n\n"
            "Rest is advised for a few days after the onset of pain, and most patients recover within weeks.\n")
    got = relations(text, "causes")
    assert {("causes", "foraminal disc protrusion", "sciatica"),
            ("causes", "synovial cysts of the facet joint", "sciatica"),
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
    got = relations("Stenosis of the thoracic canal can lead to unsteady gait and leg stiffness.", "indicates")
    assert ("indicates", "leg stiffness", "stenosis of the thoracic canal") in got


def test_the_topic_may_be_a_disorder_typed_as_a_phenotype():
    text = ("Spondylolysis is a defect of the pars interarticularis. Spondylolysis is common in young athletes. "
            "Affected children usually present with hamstring tightness and low back pain.")
    assert ("indicates", "low back pain", "spondylolysis") in relations(text, "indicates")


def test_a_cause_inside_a_definition_is_the_mechanism():
    got = relations("Sciatica refers to a group of complaints that arise from inflammation of the lumbosacral "
                    "nerve roots.")
    assert ("mechanism_of", "inflammation of the lumbosacral nerve roots", "sciatica") in got
    assert not {r for r in got if r[0] == "causes"}


def test_a_defining_verb_names_the_mechanism():
    got = relations("Spinal stenosis denotes a narrowing of the spinal canal.", "mechanism_of")
    assert ("mechanism_of", "narrowing of the spinal canal", "spinal stenosis") in got


def test_a_labelled_line_lists_signs_of_the_topic_or_of_the_condition_it_names():
    text = ("Sciatica is frequent in young adults.\n"
            "- Symptoms: Aching, numbness, or burning in the calf and foot, often worse at night.\n"
            "- Red flags: saddle anesthesia or loss of anal tone, which call for urgent imaging for "
            "cauda equina syndrome.\n")
    got = relations(text, "indicates")
    assert {("indicates", "numbness", "sciatica"), ("indicates", "burning in the calf and foot", "sciatica"),
            ("indicates", "saddle anesthesia", "cauda equina syndrome"),
            ("indicates", "loss of anal tone", "cauda equina syndrome")} <= got


def test_a_label_is_only_a_label_at_the_start_of_a_line():
    got = relations("Most patients with sciatica describe their symptoms: burning and aching.", "indicates")
    assert not {r for r in got if "burning" in r[1]}


def test_a_label_needs_its_colon_right_after_it():
    text = "Sciatica is common.\n- Keep symptom diaries: write down when pain starts.\n"
    assert relations(text, "indicates") == set()


def test_these_include_lists_the_group_the_previous_sentence_named():
    text = ("Sciatica is common. Several disorders can lead to foraminal crowding. These include osteophytes "
            "of the uncovertebral joints, synovial cysts, and thickening of the joint capsule.")
    got = relations(text, "causes")
    assert ("causes", "thickening of the joint capsule", "sciatica") in got
    assert any(h.startswith("osteophytes of the uncovertebral joints") and t == "sciatica" for _, h, t in got)


def test_these_include_without_a_stated_relation_links_nothing():
    assert relations("Treatment of sciatica is conservative. These include rest and heat.", "causes") == set()


def test_prevalence_and_occurrence_phrasings():
    assert ("risk_factor_for", "advancing age", "lumbar spondylosis") in \
        relations("Lumbar spondylosis is common with advancing age.")
    assert ("causes", "dehydration", "muscle spasm") in relations("Muscle spasm occurs mainly from overuse and dehydration.")


def test_a_plural_cause_noun_in_a_list_is_not_a_verb():
    got = relations("Low back pain arises mainly from strain, occupational causes, and systemic disease.", "causes")
    assert not any(t == "systemic disease" and h == "strain" for _, h, t in got)


def test_a_bulleted_list_under_a_risk_factor_or_cause_heading_names_heads_of_the_topic():
    text = ("Sciatica\n\nSciatica is pain along the sciatic nerve. Sciatica is common.\n\n"
            "Risk factors\n\n- obesity 3\n- prolonged sitting at work\n\n"
            "Causes\n\n- foraminal disc protrusion (frequent)\n- piriformis syndrome\n\n"
            "Treatment\n\n- rest\n- heat\n")
    got = relations(text)
    assert {("risk_factor_for", "obesity", "sciatica"), ("risk_factor_for", "prolonged sitting at work", "sciatica"),
            ("causes", "foraminal disc protrusion", "sciatica"), ("causes", "piriformis syndrome", "sciatica")} <= got
    assert not any(h in ("rest", "heat") for _, h, _ in got)


def test_a_head_named_again_in_parentheses_is_a_head_too():
    got = relations("Sciatica is often due to a herniated disc (a ruptured intervertebral disc) 4.", "causes")
    # the lexicon names the second head without its article
    assert {("causes", "herniated disc", "sciatica"), ("causes", "ruptured intervertebral disc", "sciatica")} <= got
    got = relations("Spinal stenosis is mostly due to lumbar disc herniation (LDH).", "causes")
    assert not any(h == "ldh" for _, h, _ in got)


def test_a_figure_about_the_condition_points_back_to_it():
    text = ("Spondylolysis is seen in young athletes, mostly due to repetitive stress. Its incidence rises "
            "with age, largely due to disc degeneration 9.")
    assert ("causes", "disc degeneration", "spondylolysis") in relations(text, "causes")


def test_a_parenthesis_inside_a_labelled_line_names_the_sign():
    text = ("Sciatica is common.\n- Other signs: Weak ankle push-off or trouble rising on tiptoe "
            "(calf weakness) can appear.\n")
    assert ("indicates", "calf weakness", "sciatica") in relations(text, "indicates")


def test_one_word_items_share_the_head_noun_of_the_next():
    text = "Sciatica is common. Affected adults often present with hip or groin pain."
    assert ("indicates", "hip or groin pain", "sciatica") in relations(text, "indicates")


def test_a_body_part_subject_is_not_a_condition():
    text = "In this disorder the nerve roots are stretched over the disc, leading to aching and cramps."
    assert not {r for r in relations(text, "indicates") if r[2] == "nerve roots"}


def test_a_listed_syndrome_is_not_a_sign():
    got = relations("A burst fracture can result in complications such as conus syndrome.", "indicates")
    assert not {r for r in got if "conus syndrome" in r[1]}


def test_each_sign_keeps_its_own_reason_and_a_process_is_a_mechanism():
    got = relations("Foraminal stenosis can cause radicular pain due to nerve root irritation and myelopathy "
                    "due to cord compression.")
    assert ("mechanism_of", "cord compression", "myelopathy") in got
    assert ("mechanism_of", "cord compression", "radicular pain") not in got


def test_a_test_for_detecting_a_condition_indicates_it():
    got = relations("The straight leg raise test shows good sensitivity for detecting lumbar disc herniation.")
    # the tail is grown to its whole noun phrase
    assert ("indicates", "straight leg raise test", "lumbar disc herniation") in got


def test_the_last_conjunct_of_a_subject_is_a_head_even_unknown():
    got = relations("Obesity, smoking, and heavy manual labour can cause low back pain.", "causes")
    assert ("causes", "heavy manual labour", "low back pain") in got


def test_examples_named_as_conditions_are_tails():
    got = relations("A burst fracture can result in complications such as conus syndrome or "
                    "spinal cord injury.", "causes")
    assert {("causes", "burst fracture", "conus syndrome"), ("causes", "burst fracture", "spinal cord injury")} <= got


def test_an_unnamed_item_inside_a_list_of_heads_does_not_cut_it():
    got = relations("Laminectomy, wiring, and discectomy surgeries may cause spinal instability.", "causes")
    heads = {h for _, h, _ in got}
    assert {"laminectomy", "discectomy surgeries"} <= heads, got


def test_a_patient_referred_to_a_surgeon_is_no_definition():
    got = relations("Patients with nerve root compression are referred to a spine surgeon.", "mechanism_of")
    assert not got, got
    got = relations("Claudication refers to narrowing of the spinal canal.", "mechanism_of")
    assert got, "an active 'refers to' still defines"


def test_a_body_part_is_no_new_risk_factor_or_condition():
    got = relations("Spondylolysis is most frequent in the lumbar spine.")
    assert not any(h == "lumbar spine" for _, h, _ in got), got
    got = relations("The spinal canal can be narrowed as a result of disc bulging.")
    assert not any(t == "spinal canal" for _, _, t in got), got


def test_a_disorder_word_listed_among_signs_is_a_sign_there():
    got = relations("Spinal cord compression may lead to hand numbness, neck pain, and ataxia.", "indicates")
    assert ("indicates", "ataxia", "spinal cord compression") in got, got
    got = relations("Spinal cord compression may lead to ataxia.", "indicates")
    assert not got, "alone, a disorder is no sign of it"
