"""Patient narratives: who the patient is, and the reading of the account as a clinical history.

First-person statements of age and sex (``I am a 36-year-old man``), and a sign-off name at the
end of the text (``- Dan``). :func:`annotate` runs the narrative readers on a parsed account: the
timeline (:mod:`.narrative_timeline`), treatment outcomes (:mod:`.narrative_outcomes`) and findings
placed in the spine (:mod:`.narrative_imaging`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from spasmkg.extract.narrative import relations as narrative_relations
from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import DocumentResult, Mention, Patient
from spasmkg.extract.narrative.imaging import ImagingReader, level_mentions
from spasmkg.extract.narrative.outcomes import OutcomeReader
from spasmkg.extract.narrative.timeline import TimelineReader

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


@lru_cache(maxsize=1)
def _readers() -> tuple[TimelineReader, OutcomeReader, ImagingReader]:
    return TimelineReader(), OutcomeReader(), ImagingReader()


def annotate(res: DocumentResult, doc: Doc) -> None:
    """Fill ``res`` (whose mentions come from ``doc``) with the patient, vertebral levels, the timeline,
    treatment outcomes and located findings."""
    text = res.text
    timeline, outcomes, imaging = _readers()
    res.patient = patient(text)
    dropped = [m for m in res.mentions if _modifier_only(doc, m)]
    res.mentions = [m for m in res.mentions if not any(m is d for d in dropped)]
    res.relations = [r for r in res.relations if not any(r.head is d or r.tail is d for d in dropped)]
    res.mentions = _purpose_drugs(text, res.mentions, doc)
    levels = level_mentions(text)
    # a level the parse found too gives way to the report's reading of it (normalized label, imaging sites)
    same = {(lv.start, lv.end) for lv in levels}
    res.mentions = [m for m in res.mentions if not (m.source == "rule" and (m.start, m.end) in same)]
    res.relations = [r for r in res.relations if any(r.head is m for m in res.mentions)
                     and any(r.tail is m for m in res.mentions)]
    taken = [(m.start, m.end) for m in res.mentions]
    levels = [lv for lv in levels if not any(a < lv.end and lv.start < b for a, b in taken)]
    res.mentions.extend(levels)
    tl = timeline.read(doc, text, res.mentions)
    res.events = tl.events
    res.mentions.extend(tl.trigger_mentions)
    res.outcomes = outcomes.read(doc, text, res.mentions)
    res.findings = imaging.read(text, res.mentions, levels)
    res.relations.extend(narrative_relations.relations(doc, text, res.mentions, res.events))
    res.mentions.sort(key=lambda m: (m.start, m.end, m.type))


def _modifier_only(doc: Doc, m: Mention) -> bool:
    """A treatment word that only modifies another noun (``ice`` in ``an ice cube``) names no treatment."""
    if m.type != "treatment":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    heads = set(narrative_rules.load("events")["modifier_heads"])
    return root.dep_ == "compound" and root.head.i >= span.end and root.head.pos_ == "NOUN" \
        and root.head.lemma_.lower() not in heads


def _purpose_drugs(text: str, mentions: list[Mention], doc: Doc) -> list[Mention]:
    """``something to help me (to) sleep`` / ``something for the pain``: an unnamed drug named by its
    purpose becomes a mention of that drug class (purposes are data: ``purpose_drugs``)."""
    from spasmkg.ontology.vocabulary import shipped
    purposes = narrative_rules.load("events")["purpose_drugs"]
    rx = re.compile(r"\bsomething\s+(?:to\s+help\s+(?:me\s+)?(?:to\s+)?|for\s+)(?P<p>"
                    + "|".join(re.escape(k) for k in sorted(purposes, key=len, reverse=True)) + r")\b", re.I)
    concepts = shipped()
    out = list(mentions)
    for m in rx.finditer(text):
        cid = purposes[m.group("p").lower()]
        if any(x.start < m.end() and m.start() < x.end and x.type in ("drug", "drug_class") for x in out):
            continue
        out = [x for x in out if not (m.start() <= x.start and x.end <= m.end())]
        label = concepts[cid].label if cid in concepts else m.group(0).lower()
        out.append(Mention(m.start(), m.end(), m.group(0), "drug_class", cid, label,
                           assertion=_assertion(doc, m.start(), m.end()), source="narrative"))
    return out


def _assertion(doc: Doc, start: int, end: int) -> str:
    """The assertion the pipeline's ConText component gives a span it did not see."""
    from spasmkg.extract.components.vocabulary import SPANS_KEY
    from spasmkg.extract.pipeline import load_nlp
    span = doc.char_span(start, end, label="drug_class", alignment_mode="expand")
    if span is None:
        return "present"
    saved = list(doc.spans.get(SPANS_KEY, []))
    doc.spans[SPANS_KEY] = [span]
    try:
        load_nlp().get_pipe("spasmkg_assertion")(doc)
        return doc.spans[SPANS_KEY][0]._.assertion
    finally:
        doc.spans[SPANS_KEY] = saved
