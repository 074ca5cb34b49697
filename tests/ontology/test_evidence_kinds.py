"""Evidence kinds of cited works, told by the rules in ontology/evidence_kinds.json (titles of our own)."""
from __future__ import annotations

import pytest

from spasmkg.ontology.evidence import classify, label


@pytest.mark.parametrize("title, container, entry, kind", [
    ("Managing lumbar spasm in adults: a clinical practice guideline of the Northern Spine Society", "Spine Care", "JournalArticle", "guideline"),
    ("Heat for acute back spasm: a systematic review and meta-analysis of trials", "Pain Rep", "JournalArticle", "systematic_review"),
    ("Relaxants for back spasm", "Cochrane Database Syst Rev", "JournalArticle", "systematic_review"),
    ("Tizanidine versus placebo in acute lumbar spasm: a randomised double-blind study", "Back J", "JournalArticle", "randomized_trial"),
    ("Recurrence of back spasm in a cohort of nurses", "Occup Med Notes", "JournalArticle", "cohort"),
    ("Paraspinal spasm after a lightning strike: a case report", "Case Notes", "JournalArticle", "case_report"),
    ("Muscle spasm of the back: a review for primary care", "Fam Med", "JournalArticle", "narrative_review"),
    ("Clinical Examination of the Back", None, "Book", "textbook"),
    ("Back spasm", None, "WebPage", "web_page"),
    ("Thoughts on spinal muscle tone", "Spine Notes", "JournalArticle", "unclassified"),   # no sign: not guessed
])
def test_kind_from_title_journal_or_entry(title, container, entry, kind):
    assert classify(title, container, entry).kind == kind


def test_a_systematic_review_of_trials_is_a_systematic_review():
    assert classify("Randomized trials of heat for back spasm: a systematic review").kind == "systematic_review"


def test_publication_types_come_before_words():
    got = classify("A review of heat therapy", publication_types=["Randomized Controlled Trial", "Journal Article"])
    assert (got.kind, got.sign) == ("randomized_trial", "publication type: randomized controlled trial")


def test_labels_read_as_people_say_them():
    assert label("systematic_review") == "systematic review or meta-analysis"
    assert label("unclassified") == "unclassified journal article"
