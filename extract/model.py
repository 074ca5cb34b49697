"""What extraction produces for one document: plain dataclasses the graph builder turns into RDF.

Every span carries character offsets (Unicode code points) into the original input file, so the
graph can quote the source exactly.
"""
from __future__ import annotations

from typing import Any
from dataclasses import dataclass, field

ASSERTIONS = ("present", "negated", "possible", "hypothetical", "historical")
OUTCOMES = ("helped", "partial", "no_effect", "worse", "side_effect", "tolerated", "not_taken",
            "recommended", "considered")


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Section:
    title: str
    start: int
    end: int
    kind: str = "body"  # body | caption | references | header


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str                      # condition, symptom, exam_sign, drug, ...
    concept: str | None = None     # vocabulary concept id (e.g. "straight_leg_raise_test")
    label: str | None = None       # preferred label of the concept, or the normalized text
    assertion: str = "present"
    source: str = "vocabulary"     # which rule found it: vocabulary | parser | hpo | ...


@dataclass
class Relation:
    type: str                      # indicates, risk_factor_for, causes, mechanism_of, associated_with
    head: Mention
    tail: Mention
    sentence: Span
    claim: Span | None = None
    refs: list[int] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.8
    hedge: str | None = None       # the hedge words as written ('may', 'is thought to'), when hedged
    # clinical statements (recommends, indicated_when, effective_for, red_flag_for, ...): see
    # extract/components/clinical_statements.py
    modality: str | None = None    # stated | hedged | conditional
    agent: str | None = None       # who recommends, as written, when the text names someone else than the authors
    qualifier: str | None = None   # the indication, condition, purpose or comparison, as written
    qualifier_kind: str | None = None
    head_text: str | None = None   # the phrase the statement is about, as written, when wider than its mention


@dataclass
class Citation:
    """A citation marker and the claim span (clause) it supports."""
    marker: Span                   # the marker as written, e.g. "^{1,2}" or "²⁸"
    claim: Span                    # the clause it closes
    refs: list[int]
    section: str | None = None


@dataclass
class Reference:
    n: int
    raw: str
    start: int
    end: int
    kind: str = "JournalArticle"   # JournalArticle | WebPage | Report | Book
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    container: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    accessed: str | None = None
    published: str | None = None
    publisher: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None       # PubMed Central: 'PMC1234567'


@dataclass
class Event:
    type: str                      # episode | visit | treatment | test
    date: str | None
    text: str
    start: int
    end: int
    duration: str | None = None
    trigger: str | None = None
    trigger_concept: str | None = None
    label: str | None = None           # what happened: "spasm episode", "orthopedist", "MRI", "diazepam"
    concept: str | None = None         # vocabulary concept of the test, drug or treatment
    frequency: str | None = None       # as written: "once a year", "2x a week"
    approximate: bool = False          # the date came from a relative expression or "early/late <month>"
    speaker: str | None = None         # who tells it when not the writer: a commenter's name
    anchor: str | None = None          # an inferred or relative date: the date expression it counts from


@dataclass
class Outcome:
    treatment: str
    outcome: str
    start: int
    end: int
    detail: str | None = None
    concept: str | None = None
    speaker: str | None = None     # who reports it when not the writer: a commenter, a practitioner
    date: str | None = None        # when the account places it (a narrated past); None: told of the whole course


@dataclass
class Remission:
    """A stretch the account tells free of the condition while a course of care ran."""
    start: int
    end: int
    text: str
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class CareCourse:
    """One course of care: a run of visits to one provider, or one treatment given or taken, with
    its dates, who gave or advised it, and what the account says it did over that time."""
    label: str                          # what was given: "chiropractor", "diazepam", "yoga"
    kind: str                           # visits | treatment
    start: int                          # span of the account the course covers
    end: int
    text: str                           # the sentence that opens it
    provider: str | None = None         # who gave or advised it, when the account says
    date_from: str | None = None
    date_to: str | None = None
    concept: str | None = None
    events: list[Event] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)   # reports told of it, over its time
    outcome: str | None = None          # what the course did, weighed from the reports and remissions
    remission: Remission | None = None
    episodes_during: int = 0            # dated episodes that fell within its dates
    spans: list[tuple[int, int]] = field(default_factory=list)   # the stretches of the account it covers


@dataclass
class CourseTrigger:
    """A trigger or aggravating factor of the patient's spasms as a whole: told of several episodes,
    of the episodes as a habit, or in the present of the condition."""
    label: str
    concept: str | None
    episodes: list[Event] = field(default_factory=list)
    habitual: bool = False
    kind: str = "recurring"             # recurring | aggravating
    spans: list[tuple[int, int]] = field(default_factory=list)   # the sentences that tell it


@dataclass
class Finding:
    """A finding or diagnosis placed in the spine: vertebral levels or a region, side and severity."""
    mention: Mention
    sites: list[str]                           # normalized labels: "T9-T10", "thoracic spine"
    site_concepts: list[str | None] = field(default_factory=list)
    side: str | None = None                    # right | left | bilateral | central
    severity: str | None = None                # mild | moderate | severe
    conflict: Mention | None = None            # a negated mention of the same finding in the same report


@dataclass
class Patient:
    age: int | None = None
    sex: str | None = None
    name: str | None = None


@dataclass
class Statistic:
    """A number the text reports: a percentage, count, duration, age or angle, with its context."""
    start: int
    end: int
    text: str                      # as written, qualifier included: "approximately 84%"
    kind: str                      # percentage | count | duration | age | age_range | angle | angle_range
    value: str                     # the quantity without its qualifier: "84%", "30 to 55 years"
    unit: str | None = None        # "%", "years", "weeks", "degrees"
    low: float | None = None       # None: open or unknown bound
    high: float | None = None
    qualifier: str | None = None   # "approximately", "up to", "less than"
    population: str | None = None  # "US adults"
    time_frame: str | None = None  # "within 1 year", "during a lifetime"
    sentence: Span | None = None
    claim: Span | None = None
    refs: list[int] = field(default_factory=list)
    about: list[str] = field(default_factory=list)   # concept ids of the conditions and symptoms beside it


@dataclass
class Abbreviation:
    """A short form the text defines (``straight leg raise (SLR)``) and the long form it stands for."""
    short: Span                    # the defining occurrence of the short form
    long: Span                     # the long form beside it
    occurrences: list[Span] = field(default_factory=list)   # later uses of the short form
    concept: str | None = None     # vocabulary concept of the long form, when it is one


@dataclass
class DocumentResult:
    doc_id: str
    source: str
    kind: str
    title: str
    text: str
    sha256: str
    sections: list[Section] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    courses: list[CareCourse] = field(default_factory=list)
    course_triggers: list[CourseTrigger] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    patient: Patient | None = None
    problems: list[str] = field(default_factory=list)
    #: the format the document was read from, and what its reader stated (see spasmkg.extract.readers)
    format: str = "text"
    places: list = field(default_factory=list)         # readers.base.Place: text offsets -> the original
    record: Any = None                                  # readers.base.Record: the document's own record
