"""Reference entries in styles other than the seed's: Vancouver without italics, ACS with dotted journals."""
import pytest

from spasmkg.extract.text.references import parse_entry


@pytest.mark.parametrize("raw, authors, title, container, year, volume, pages", [
    ("Bratton RL. Assessment and management of acute low back pain. Am Fam Physician. 1999;60(8):2299-308.",
     ["Bratton RL"], "Assessment and management of acute low back pain", "Am Fam Physician", 1999, "60", "2299-308"),
    ("Chou R, Qaseem A, Snow V, Casey D, Cross JT Jr, Shekelle P, et al. Diagnosis and treatment of low back "
     "pain. Ann Intern Med. 2007;147:478-91.",
     ["Chou R", "Qaseem A", "Snow V", "Casey D", "Cross JT Jr", "Shekelle P"], "Diagnosis and treatment of low back pain",
     "Ann Intern Med", 2007, "147", "478-91"),
    ("Chou, R. Low back pain. Ann. Intern. Med. 2014, 160, ITC6-1.",
     ["Chou, R."], "Low back pain", "Ann. Intern. Med", 2014, "160", "ITC6-1"),
    ("Briggs, A. M.; Smith, A. J.; Bragge, P. Thoracic spine pain in the general population. A systematic review. "
     "BMC Musculoskelet. Disord. 2009, 10, 77.",
     ["Briggs, A. M.", "Smith, A. J.", "Bragge, P."], "Thoracic spine pain in the general population. A systematic review",
     "BMC Musculoskelet. Disord", 2009, "10", "77"),
    ("McInerney, J.; Ball, P. A. The pathophysiology of thoracic disc disease. Neurosurg. Focus 2000, 9, e1.",
     ["McInerney, J.", "Ball, P. A."], "The pathophysiology of thoracic disc disease", "Neurosurg. Focus", 2000, "9", "e1"),
])
def test_styles(raw, authors, title, container, year, volume, pages):
    r = parse_entry(1, raw)
    assert (r.authors, r.title, r.container, r.year, r.volume, r.pages) == (authors, title, container, year, volume, pages)
