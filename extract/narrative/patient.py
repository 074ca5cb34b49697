"""Who the patient is: first-person statements of age and sex (``I am a 36-year-old man``), a case
line for someone else's account (``my husband (52, male)``), and a sign-off name at the end of the
text (``- Dan``). The ``spasmkg.patient.v1`` component writes the result to ``doc._.patient``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract.model import Patient
from spasmkg.extract.narrative.reading import is_narrative, source_text

if not Doc.has_extension("patient"):
    Doc.set_extension("patient", default=None)

SEX_WORDS = {"female": "female", "woman": "female", "girl": "female", "lady": "female",
             "male": "male", "man": "male", "boy": "male", "guy": "male"}
AGE_SEX = re.compile(
    r"\bI(?:'m| am|’m)\s+(?:an?\s+)?(?P<age>\d{1,3})[\s-]*(?:years?|yrs?|y/?o)[\s-]*(?:old)?[\s-]*"
    r"(?P<sex>female|woman|girl|lady|male|man|boy|guy)?\b", re.I)
AGE_ONLY = re.compile(r"\bI(?:'m| am|’m)\s+(?P<age>\d{1,3})\b(?!\s*(?:%|percent|times|days|weeks|months))", re.I)
SEX_ONLY = re.compile(r"\bI(?:'m| am|’m)\s+an?\s+(?:\w+\s+){0,2}(?P<sex>female|woman|male|man|mother|father)\b", re.I)
SIGN_OFF = re.compile(r"(?:^|\n|[.!]\s)\s*[-–—~]\s*(?P<name>[A-Z][a-z]{1,30}(?:\s[A-Z]\.?)?)\s*$")
# a bare name closing the text ("Any advice welcome. Jen"), unless it is a closing word itself
BARE_SIGN_OFF = re.compile(r"(?:^|\n|[.!?]\s+)(?P<name>[A-Z][a-z]{1,30})\s*$")
CLOSINGS = {"thanks", "thank", "cheers", "regards", "best", "love", "sincerely", "bye", "again", "anyone",
            "please", "help", "advice", "ok", "okay", "yes", "no"}
# someone else's account, or a case line: "(52, male)", "a 45-year-old woman", "45 yo female"
AGE_SEX_ANY = re.compile(
    r"\(\s*(?P<age>\d{1,3})\s*,?\s*(?P<sex>female|male|woman|man|f|m)\s*\)"
    r"|\ban?\s+(?P<age2>\d{1,3})[\s-]*(?:years?|yrs?|y/?o)[\s-]*(?:old)?[\s-]*(?P<sex2>female|male|woman|man)\b", re.I)


def patient(text: str) -> Patient:
    p = Patient()
    if (m := AGE_SEX.search(text)):
        p.age = int(m.group("age"))
        if m.group("sex"):
            p.sex = SEX_WORDS[m.group("sex").lower()]
    elif (m := AGE_ONLY.search(text)):
        p.age = int(m.group("age"))
        # "I am 28, female, and a runner": the sex word in the rest of that sentence
        rest = re.split(r"[.!?\n]", text[m.end():m.end() + 80], maxsplit=1)[0]
        if (w := re.search(r"\b(female|woman|girl|lady|male|man|boy|guy)\b", rest, re.I)):
            p.sex = SEX_WORDS[w.group(1).lower()]
    if p.age is None and (m := AGE_SEX_ANY.search(text)):
        p.age = int(m.group("age") or m.group("age2"))
        sex = (m.group("sex") or m.group("sex2")).lower()
        p.sex = {"f": "female", "m": "male"}.get(sex, SEX_WORDS.get(sex))
    if p.sex is None and (m := SEX_ONLY.search(text)):
        p.sex = {"mother": "female", "father": "male"}.get(m.group("sex").lower(),
                                                           SEX_WORDS.get(m.group("sex").lower()))
    if (m := SIGN_OFF.search(text.rstrip())):
        p.name = m.group("name")
    elif (m := BARE_SIGN_OFF.search(text.rstrip())) and m.group("name").lower() not in CLOSINGS:
        p.name = m.group("name")
    return p


class PatientReader:
    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            doc._.patient = patient(source_text(doc))
        return doc


@Language.factory("spasmkg_patient_v1", assigns=["doc._.patient"])
def make_patient(nlp: Language, name: str) -> PatientReader:
    return PatientReader()
