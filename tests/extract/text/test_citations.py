"""Claims at the grain of the marker: from the previous marker or the sentence start."""
from spasmkg.extract.document import analyse_text

TEXT = """Spasm Review

Introduction

Spasms are sustained contractions^{1,2} of a muscle group^{3} that cannot relax.⁴ Most cases resolve within weeks.[5]

References

1. Alpha A. One. *J One*. 2001;1:1-2.
2. Beta B. Two. *J Two*. 2002;2:3-4.
3. Gamma C. Three. *J Three*. 2003;3:5-6.
4. Delta D. Four. *J Four*. 2004;4:7-8.
5. Eps E. Five. *J Five*. 2005;5:9-10.
6. Zeta F. Six. *J Six*. 2006;6:11-12.
"""


def test_each_marker_supports_the_clause_it_closes():
    res = analyse_text(TEXT, "t", "t.txt", "review")
    got = [(c.claim.text, c.refs) for c in res.citations]
    assert got == [
        ("Spasms are sustained contractions", [1, 2]),
        ("of a muscle group", [3]),
        ("that cannot relax", [4]),
        ("Most cases resolve within weeks", [5]),
    ]
    for c in res.citations:
        assert TEXT[c.claim.start:c.claim.end] == c.claim.text


def test_integrity_report_names_uncited_and_missing_references():
    text = TEXT.replace("weeks.[5]", "weeks.^{5,9}")
    res = analyse_text(text, "t", "t.txt", "review")
    assert "reference 6 is never cited" in res.problems
    assert any("reference 9" in p and "not in the reference list" in p for p in res.problems)


def test_seed_review_has_98_claims_and_reference_23_uncited(review_text):
    res = analyse_text(review_text, "r", "r.txt", "review")
    assert len(res.citations) == 98
    assert res.problems == ["reference 23 is never cited"]
    first = res.citations[0]
    assert first.claim.text == "Acute muscle spasms of the back, defined as sustained involuntary contractions"
    assert first.refs == [1, 2] and first.section == "Introduction"
