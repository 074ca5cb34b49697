"""Patient narratives: who the patient is.

First-person statements of age and sex (``I am a 49 year old female``), and a sign-off name at the
end of the text (``- Clare``).
"""
from __future__ import annotations

import re

from .model import Patient

SEX_WORDS = {"female": "female", "woman": "female", "girl": "female", "lady": "female",
             "male": "male", "man": "male", "boy": "male", "guy": "male"}
AGE_SEX = re.compile(
    r"\bI(?:'m| am|’m)\s+(?:an?\s+)?(?P<age>\d{1,3})[\s-]*(?:years?|yrs?|y/?o)[\s-]*(?:old)?[\s-]*"
    r"(?P<sex>female|woman|girl|lady|male|man|boy|guy)?\b", re.I)
AGE_ONLY = re.compile(r"\bI(?:'m| am|’m)\s+(?P<age>\d{1,3})\b(?!\s*(?:%|percent|times|days|weeks|months))", re.I)
SEX_ONLY = re.compile(r"\bI(?:'m| am|’m)\s+an?\s+(?:\w+\s+){0,2}(?P<sex>female|woman|male|man|mother|father)\b", re.I)
SIGN_OFF = re.compile(r"(?:^|\n|[.!]\s)\s*[-–—~]\s*(?P<name>[A-Z][a-z]{1,30}(?:\s[A-Z]\.?)?)\s*$")


def patient(text: str) -> Patient:
    p = Patient()
    if (m := AGE_SEX.search(text)):
        p.age = int(m.group("age"))
        if m.group("sex"):
            p.sex = SEX_WORDS[m.group("sex").lower()]
    elif (m := AGE_ONLY.search(text)):
        p.age = int(m.group("age"))
    if p.sex is None and (m := SEX_ONLY.search(text)):
        p.sex = {"mother": "female", "father": "male"}.get(m.group("sex").lower(),
                                                           SEX_WORDS.get(m.group("sex").lower()))
    if (m := SIGN_OFF.search(text.rstrip())):
        p.name = m.group("name")
    return p
