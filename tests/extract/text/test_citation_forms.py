"""The citation grammar on the forms real texts use: chained and glued brackets, flattened
superscripts told apart from quantities, parenthesised numbers, author-year in brackets."""
import pytest

from spasmkg.extract.document import analyse_text
from spasmkg.extract.text.author_year import find_author_year
from spasmkg.extract.text.layout import analyse, with_breaks
from spasmkg.extract.text.markers import find_markers
from spasmkg.extract.text.references import parse_entry


def refs_of(text: str, max_ref: int | None = 20) -> list[list[int]]:
    return [list(m.refs) for m in find_markers(text, max_ref)]


def test_chained_brackets_are_one_marker_with_every_number():
    text = "Cramps follow long runs.[1][2] Stretching helps. [3] [4] [5] Heat is soothing [6], [7]."
    found = find_markers(text, max_ref=10)
    assert [list(m.refs) for m in found] == [[1, 2], [3, 4, 5], [6, 7]]
    assert found[0].text == "[1][2]" and found[1].text == "[3] [4] [5]"


def test_a_bracket_glued_to_a_word_is_a_marker():
    assert refs_of("Weight gain[12] and smoking[13,14] raise the risk. So does age [ 15 ].") == [[12], [13, 14], [15]]


def test_a_numbered_markdown_link_is_a_marker_but_a_word_link_is_not():
    assert refs_of("Rest rarely helps.[4](https://example.org/ref4) Walking does.[5]") == [[4], [5]]
    assert refs_of("See [the guideline](https://example.org/g) for doses.") == []


FLAT = ("Back cramps affect most adults during their lifetime 1-3. They peak in midlife, at "
        "L4/L5 4, and again in older adults 5,6.\n\nRisk factors\n\n- heavy lifting 7\n\n- smoking 8\n")


def test_flattened_superscripts_after_words_are_markers():
    found = find_markers(FLAT, max_ref=10)
    assert [list(m.refs) for m in found] == [[1, 2, 3], [4], [5, 6], [7], [8]]
    assert [FLAT[m.start:m.end] for m in found] == ["1-3", "4", "5,6", "7", "8"]


def test_flattened_marker_after_a_parenthesis_or_a_year():
    text = ("Cramps are rare in children (about 1 in 300) 1. A surgeon named the sign in 1901 2. "
            "Most recover by the spring 3.")
    assert refs_of(text) == [[1], [2], [3]]


@pytest.mark.parametrize("text", [
    "Pain lasted 4 weeks and the score fell to 3. The dose was 5. Patients aged 40. Grade 2.",
    "The mean age was 12. Most had grade 3. One group had 7.",
])
def test_quantities_are_not_flattened_markers(text):
    assert find_markers(text, max_ref=20) == []


def test_flattened_markers_need_a_habit_and_a_reference_list():
    one = "Cramps are common in runners 3. Nothing else is cited here."
    assert find_markers(one, max_ref=10) == []                       # once is not a habit
    two = "Cramps are common in runners 3. They fade with rest 4."
    assert [m.refs for m in find_markers(two, max_ref=10)] == [(3,), (4,)]    # twice, inside the list
    assert find_markers(FLAT, max_ref=None) == []                    # no list to check numbers against
    assert [m.refs for m in find_markers(FLAT, max_ref=6)] == [(1, 2, 3), (4,), (5, 6)]  # 7, 8: beyond the list


def test_a_number_ending_a_wrapped_line_is_not_a_marker():
    text = ("The cramps lasted 3\nweeks. Heat helped 1. Ice too 2. Rest as well 4.\n\n"
            "Stretching is advised 5\n\nbut rarely done.")
    assert refs_of(text) == [[1], [2], [4], [5]]


def test_flattened_markers_wait_for_typographic_ones():
    text = "Cramps are common.^{1} They recur 2. They fade 3. They return 4."
    assert refs_of(text) == [[1]]


def test_parenthesised_numbers_as_a_habit():
    text = ("Cramps follow dehydration.(1) Stretching prevents them (2, 3). "
            "Massage may help (4-6).\n")
    assert refs_of(text) == [[1], [2, 3], [4, 5, 6]]


@pytest.mark.parametrize("text", [
    "Check two things: (1) the reflexes and (2) the strength of the leg.",
    "(1) Lie down. (2) Stand up slowly.",
    "The pain is shown in figure (1). It is marked in figure (2).",
])
def test_enumerations_and_labels_are_not_parenthesised_markers(text):
    assert find_markers(text, max_ref=20) == []


REFS = [parse_entry(1, "Adams, B. (2005). Leg cramps at night. Sleep Med, 6(2), 10-15."),
        parse_entry(2, "Brown, C., & Diaz, E. (2019). Heat for back pain. Pain, 160(1), 1-9."),
        parse_entry(3, "Evans, F. (2011). Cramp and magnesium. BMJ, 342, d1-d9.")]


def test_author_year_in_brackets_with_several_works_and_a_page_break():
    text = ("Cramps wake people at night [Adams, 2005]. Heat eases back pain [Brown & Diaz, 2019; "
            "Evans,\n\n2011]. Magnesium does not help (Evans, 2011).")
    found = find_author_year(text, REFS)
    assert [list(m.refs) for m in found] == [[1], [2, 3], [3]]
    assert found[1].text.endswith("2011]")


def test_author_year_citations_win_over_stray_numbers():
    text = ("Leg Cramps\n\nIntroduction\n\nCramps wake people at night [Adams, 2005]. Heat eases back pain "
            "[Brown & Diaz, 2019]. Magnesium does not help [Evans, 2011].\n\nReferences\n\n"
            "1. Adams, B. (2005). Leg cramps at night. Sleep Med, 6(2), 10-15.\n"
            "2. Brown, C., & Diaz, E. (2019). Heat for back pain. Pain, 160(1), 1-9.\n"
            "3. Evans, F. (2011). Cramp and magnesium. BMJ, 342, d1-d9.\n")
    res = analyse_text(text, "ay", "ay.txt", "review")
    assert [(c.claim.text, c.refs) for c in res.citations] == [
        ("Cramps wake people at night", [1]), ("Heat eases back pain", [2]),
        ("Magnesium does not help", [3])]
    assert res.problems == []


def test_with_breaks_restores_line_ends_the_layout_joined():
    text = "Cramps\n\nBody\n\nCramps are common in runners who train long hours in hot weather 3\n\nbut brief.\n"
    lay = analyse(text)
    gap = slice(text.index(" 3"), text.index("but"))
    assert "\n" not in lay.body[gap]
    assert with_breaks(text, lay.body)[gap].count("\n") == 2


def test_chained_markers_back_one_claim_with_all_their_numbers():
    text = ("Cramps\n\nBody\n\nNight cramps are common in older adults. [1] [2] [3] Most last minutes. [4]\n\n"
            "References\n\n1. Alpha A. One. J One. 2001;1:1-2.\n2. Beta B. Two. J Two. 2002;2:3-4.\n"
            "3. Gamma C. Three. J Three. 2003;3:5-6.\n4. Delta D. Four. J Four. 2004;4:7-8.\n")
    res = analyse_text(text, "c", "c.txt", "review")
    assert [(c.claim.text, c.refs) for c in res.citations] == [
        ("Night cramps are common in older adults", [1, 2, 3]), ("Most last minutes", [4])]
    assert res.problems == []


CLAIMS = ("Leg Cramps\n\nImaging\n\nThe choice of test depends on the patient and on what is suspected "
          "in the first place 1.\n\n- plain films of the spine 2\n"
          "- plain films and one CT slice are usually enough 3\n\n"
          "TreatmentStretching of the calf muscle eases most night cramps 4.\n\n"
          "References\n\n1. Alpha A. One. J One. 2001;1:1-2.\n2. Beta B. Two. J Two. 2002;2:3-4.\n"
          "3. Gamma C. Three. J Three. 2003;3:5-6.\n4. Delta D. Four. J Four. 2004;4:7-8.\n")


def test_claims_start_at_list_items_and_after_a_heading_run_into_the_text():
    res = analyse_text(CLAIMS, "l", "l.txt", "review")
    assert [(c.claim.text, c.refs) for c in res.citations] == [
        ("The choice of test depends on the patient and on what is suspected in the first place", [1]),
        ("plain films of the spine", [2]),
        ("plain films and one CT slice are usually enough", [3]),
        ("Stretching of the calf muscle eases most night cramps", [4]),
    ]


def test_a_short_cited_paragraph_is_prose_not_a_heading():
    text = ("Cramps\n\nIntroduction\n\nNight cramps are common.[1] Heat helps.[2]\n\n"
            "References\n\n1. Alpha A. One. J One. 2001;1:1-2.\n2. Beta B. Two. J Two. 2002;2:3-4.\n")
    lay = analyse(text)
    assert [s.title for s in lay.sections] == ["Introduction", "References"]
    assert [m.refs for m in find_markers(lay.body, 2)] == [(1,), (2,)]


def test_flattened_superscripts_glued_to_a_word():
    text = "Cramps strike most adults in their lifetime1-3. Runners2 and swimmers are prone4, 5. Vitamin B12 and L5 are not."
    assert refs_of(text) == [[1, 2, 3], [2], [4, 5]]
    assert find_markers("Cramps grow with type2 and day3 and B12.", max_ref=20) == []


def test_author_year_with_an_organisation_as_author():
    refs = [parse_entry(1, "World Health Organization. (2019). Back pain. Geneva: WHO."),
            parse_entry(2, "Adams, B. (2005). Leg cramps at night. Sleep Med, 6(2), 10-15.")]
    found = find_author_year("Back pain is common (World Health Organization, 2019; Adams, 2005).", refs)
    assert [list(m.refs) for m in found] == [[1, 2]]


@pytest.mark.parametrize("heading", ["7. References", "Reference", "Literature", "References and further reading"])
def test_more_reference_headings(heading):
    lay = analyse(f"Cramps\n\nBody\n\nNight cramps are common in older adults and in runners.[1]\n\n{heading}\n\n"
                  "1. Adams B. Leg cramps at night. Sleep Med. 2005;6(2):10-15.\n")
    assert lay.references is not None and lay.references.title == heading


WRAPPED = ("Leg Cramps\n\nTreatment\n\nNight cramps in older adults respond to\nStretching and heat [1]. "
           "Ash et al. [2] found that quinine helps but harms the heart.\n\n"
           "References\n\n1. Alpha A. One. J One. 2001;1:1-2.\n2. Ash K. Two. J Two. 2002;2:3-4.\n")


def test_a_wrapped_line_and_a_sentence_opening_with_its_authors():
    res = analyse_text(WRAPPED, "w", "w.txt", "review")
    assert [(c.claim.text, c.refs) for c in res.citations] == [
        ("Night cramps in older adults respond to\nStretching and heat", [1]),
        ("found that quinine helps but harms the heart", [2])]


def test_a_bracket_with_a_page_is_a_marker_but_a_link_definition_is_not():
    assert refs_of("Cramps are common.[3]:12 Heat helps.[4]") == [[3], [4]]
    assert refs_of("[3]: https://example.org/cramps") == []


def test_author_year_with_three_authors_and_a_page():
    text = "Cramps wake people (Brown, Diaz, & Evans, 2019, p. 4). Heat helps (Adams 2005; Brown and Diaz, 2019)."
    refs = [REFS[0], parse_entry(2, "Brown, C., Diaz, E., & Evans, F. (2019). Heat for back pain. Pain, 160(1), 1-9.")]
    assert [list(m.refs) for m in find_author_year(text, refs)] == [[2], [1, 2]]


def test_a_reference_cited_only_in_a_caption_is_cited():
    text = ("Cramps\n\nBody\n\nNight cramps are common in older adults who walk little.[1]\n\n"
            "Figure 1. The calf muscle in a cramp.[2]\n\n"
            "References\n\n1. Alpha A. One. J One. 2001;1:1-2.\n2. Beta B. Two. J Two. 2002;2:3-4.\n")
    res = analyse_text(text, "f", "f.txt", "review")
    assert [(c.claim.text, c.refs) for c in res.citations] == [
        ("Night cramps are common in older adults who walk little", [1]), ("Figure 1. The calf muscle in a cramp", [2])]
    assert res.problems == []


def test_one_parenthesised_number_after_a_full_stop_is_a_marker():
    assert refs_of("This review updates an earlier one.(1) Newer trials are listed below.", max_ref=3) == [[1]]
    assert refs_of("This review updates an earlier one (1) with newer trials.", max_ref=3) == []


def test_brackets_joined_by_and_or_spanning_a_range():
    assert refs_of("Cramps are common [1] and [3]. Heat helps [4]–[6]. Rest helps [7] to [8].") == [
        [1, 3], [4, 5, 6], [7, 8]]


def test_plural_nouns_end_clauses_that_markers_back():
    text = ("Cramps resolve in most cases 3. They have grown more common over the years 4.\n"
            "- dehydration and heavy exercise 2\n- diuretics 5\n")
    assert refs_of(text, max_ref=6) == [[3], [4], [2], [5]]


def test_a_flattened_marker_before_a_conjunction_once_the_habit_is_shown():
    text = "Stretching is advised 1 and quinine is no longer used 2. Most cramps stop 3. Cramps last 1 and rarely 2 minutes."
    assert refs_of(text, max_ref=5) == [[1], [2], [3]]
    assert find_markers("Stretching is advised 1 and quinine is no longer used.", max_ref=5) == []
