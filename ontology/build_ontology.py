"""Author the spasmkg OWL 2 ontology with owlready2 and write ``spasmkg.owl`` (RDF/XML) and ``spasmkg.ttl``.

The ontology is generated rather than hand-edited so every class and property is declared with a
label and a definition in one place (the tables below) and its alignments come from
``alignment.tsv``. Run ``python -m spasmkg.ontology.build_ontology`` after changing either, and
commit both output files: the build, the reasoner and the SHACL validation read them.
"""
from __future__ import annotations

import csv
import io
import types
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import owlready2 as owl
from rdflib import Graph
from rdflib.compare import to_canonical_graph

BASE = "https://w3id.org/spasmkg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/spasmkg/ontology"
VERSION = "0.2.0"
VERSION_IRI = f"https://w3id.org/spasmkg/ontology/{VERSION}"
ENTITY_NS = "https://w3id.org/spasmkg/id/entity/"
PREFIXES = {
    "skg": BASE, "biolink": "https://w3id.org/biolink/vocab/", "obo": "http://purl.obolibrary.org/obo/",
    "fabio": "http://purl.org/spar/fabio/", "cito": "http://purl.org/spar/cito/",
    "biro": "http://purl.org/spar/biro/", "doco": "http://purl.org/spar/doco/", "deo": "http://purl.org/spar/deo/",
    "bibo": "http://purl.org/ontology/bibo/", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#", "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
SKOS = PREFIXES["skos"]
XSD = PREFIXES["xsd"]
DEFINITION = "http://purl.obolibrary.org/obo/IAO_0000115"


@dataclass(frozen=True)
class Term:
    name: str
    parent: str | None
    label: str
    definition: str


# --- classes: (local name, parent, label, definition) -------------------------------------------
CLASSES = [
    Term("DomainEntity", None, "domain entity", "Something the clinical literature on back pain and muscle spasm speaks about: a condition, a symptom, a drug, a body site and the like."),
    Term("Condition", "DomainEntity", "condition", "A disorder, disease, syndrome or injury that a person can have."),
    Term("Disorder", "Condition", "disorder", "A condition with a recognised abnormal structure or function, such as a herniated disc."),
    Term("Syndrome", "Condition", "syndrome", "A condition recognised by a characteristic set of signs and symptoms, such as cauda equina syndrome."),
    Term("Symptom", "DomainEntity", "symptom", "Something a patient experiences and reports, such as pain, stiffness or nausea."),
    Term("ExamSign", "DomainEntity", "exam sign", "A manoeuvre or test of the physical examination, or the finding it elicits, used to recognise a condition."),
    Term("ExamManoeuvre", "ExamSign", "exam manoeuvre", "An action of the examiner during the physical examination, such as raising the straight leg."),
    Term("ExamFinding", "ExamSign", "exam finding", "What an examination manoeuvre elicits or the examiner observes, such as point tenderness."),
    Term("Mechanism", "DomainEntity", "mechanism", "A physiological or pathophysiological process that explains how a condition or symptom arises."),
    Term("PhysiologicalProcess", "Mechanism", "physiological process", "A normal process of the body, such as the release of calcium from the sarcoplasmic reticulum."),
    Term("PathophysiologicalProcess", "Mechanism", "pathophysiological process", "An abnormal process of the body, such as a sustained involuntary contraction."),
    Term("RiskFactor", "DomainEntity", "risk factor", "A characteristic, exposure or behaviour that makes a condition more likely, such as excess weight."),
    Term("Cause", "DomainEntity", "cause", "An event or agent that brings a condition about, such as trauma or overuse."),
    Term("AnatomicalSite", "DomainEntity", "anatomical site", "A part or region of the body, such as the lumbar spine or a nerve root."),
    Term("SpinalRegion", "AnatomicalSite", "spinal region", "A region of the spine: cervical, thoracic, lumbar or sacral."),
    Term("VertebralLevel", "AnatomicalSite", "vertebral level", "A vertebra or a motion segment between two adjacent vertebrae, such as T11-T12; levels are ordered from head to tail."),
    Term("Drug", "DomainEntity", "drug", "A medicinal product named by its generic name; brand names are alternative labels."),
    Term("DrugClass", "DomainEntity", "drug class", "A group of drugs with a shared action or use, such as skeletal muscle relaxants."),
    Term("Treatment", "DomainEntity", "treatment", "An intervention other than a drug meant to relieve or cure: manipulation, physical modalities, exercise, injections, procedures."),
    Term("Manipulation", "Treatment", "manipulation", "A manual treatment that moves a joint or the spine, such as a chiropractic adjustment."),
    Term("PhysicalModality", "Treatment", "physical modality", "A treatment applying a physical agent such as heat, cold, electricity or traction."),
    Term("Exercise", "Treatment", "exercise", "A treatment by physical activity, such as stretching or exercise therapy."),
    Term("Injection", "Treatment", "injection", "A treatment given by injecting a substance into tissue."),
    Term("Procedure", "Treatment", "procedure", "An invasive or surgical treatment."),
    Term("DiagnosticTest", "DomainEntity", "diagnostic test", "A test or imaging study used to diagnose a condition, such as an MRI or a blood profile."),
    Term("ImagingFinding", "DomainEntity", "diagnostic finding", "A result of a diagnostic test or imaging study, such as a disc bulge seen on an MRI."),
    Term("Trigger", "DomainEntity", "trigger", "A circumstance that sets off an episode, such as cold water or stress."),
    Term("Statistic", "DomainEntity", "statistic", "A number reported about a population: a value with a unit, the population it describes and its time frame."),
    Term("Patient", "DomainEntity", "patient", "The person whose own account a patient narrative gives."),
    Term("Event", "DomainEntity", "event", "Something that happened to a patient at a time."),
    Term("Episode", "Event", "episode", "An episode of the condition, such as one attack of muscle spasm."),
    Term("Visit", "Event", "visit", "A visit to a clinician or a clinic."),
    Term("TreatmentEvent", "Event", "treatment event", "A time a patient received or took a treatment."),
    Term("TestEvent", "Event", "test event", "A time a patient underwent a diagnostic test."),
    Term("TreatmentOutcome", "DomainEntity", "treatment outcome", "What a treatment did for a patient, as the patient reports it: helped, did not help, made it worse."),
    Term("CourseOfCare", "DomainEntity", "course of care", "A stretch of care a patient tells of: visits to one provider close in time, or one treatment given or taken, with its dates, who gave it and what it did over that time."),
    Term("Remission", "Event", "remission", "A stretch of time a patient tells free of the condition while a course of care ran."),
    Term("SignOfNerveRootIrritation", "ExamSign", "sign of nerve root irritation", "An exam sign that indicates nerve root irritation. Defined class: the reasoner classifies every exam sign that indicates the nerve root irritation individual."),
    Term("EvidenceEntity", None, "evidence entity", "A document, a part of one, a span of its text or a record derived from it, that carries or locates evidence."),
    Term("Document", "EvidenceEntity", "document", "A source text read into the graph."),
    Term("ReviewArticle", "Document", "review article", "A clinical review article that cites its sources."),
    Term("PatientNarrative", "Document", "patient narrative", "A first-person account by a patient of their own condition."),
    Term("DocumentPart", "EvidenceEntity", "document part", "A part of a document with a span of its text."),
    Term("Section", "DocumentPart", "section", "A titled section of a document."),
    Term("Caption", "DocumentPart", "caption", "The caption of a table or figure."),
    Term("Claim", "EvidenceEntity", "claim", "A span of a document's text that makes an assertion, with the citation marker that backs it."),
    Term("CitationMarker", "EvidenceEntity", "citation marker", "The in-text marker, such as a superscript number, that cites references."),
    Term("Mention", "EvidenceEntity", "mention", "A span of a document's text that names a domain entity."),
    Term("Statement", "EvidenceEntity", "statement", "A relation between two domain entities as one sentence of a document states it, with its evidence."),
    Term("BibliographicReference", "EvidenceEntity", "bibliographic reference", "An entry of a document's reference list: the record of a cited work."),
    Term("JournalArticle", "BibliographicReference", "journal article", "A reference to an article in a journal."),
    Term("WebPage", "BibliographicReference", "web page", "A reference to a web page."),
    Term("Report", "BibliographicReference", "report", "A reference to a report."),
    Term("Book", "BibliographicReference", "book", "A reference to a book or a chapter of one."),
    Term("LocatedFinding", "EvidenceEntity", "located finding", "A finding or diagnosis as one mention places it in the spine: its vertebral levels or regions, side and severity."),
    Term("PatientStatement", "EvidenceEntity", "patient statement", "A span of a patient narrative that states something the literature also speaks about."),
    Term("Comparison", "EvidenceEntity", "comparison", "A reading of a patient's statement against a cited claim of the literature, with a verdict."),
    Term("AssembledStatement", "EvidenceEntity", "assembled statement", "One relation between two entities as the whole corpus states it: the statements of every document that state it, merged."),
    Term("CitedWork", "EvidenceEntity", "cited work", "A work cited by one or more documents; the reference entries that identify the same work point to it."),
    Term("Conflict", "EvidenceEntity", "conflict", "Sources that disagree: outcomes, statistics or statements about the same thing that do not agree."),
    Term("ConflictSide", "EvidenceEntity", "conflict side", "One side of a conflict with the evidence items that take it."),
    Term("Author", "EvidenceEntity", "author", "A person or organisation credited as a creator of a cited work."),
    Term("Journal", "EvidenceEntity", "journal", "A periodical in which cited articles appear."),
    Term("LibraryEntry", "EvidenceEntity", "library entry", "An entry of a reference library (a BibTeX, RIS or CSL-JSON file given to a build) whose fields fill what a reference entry's text leaves out."),
    Term("Abbreviation", "EvidenceEntity", "abbreviation", "A short form a document defines, such as SLR, with the long form it stands for in that document."),
]
DISJOINT = [
    ["DomainEntity", "EvidenceEntity"],
    ["Condition", "Symptom", "ExamSign", "ImagingFinding", "Mechanism", "AnatomicalSite", "Drug", "DrugClass", "Treatment",
     "DiagnosticTest", "Trigger", "Statistic", "Patient", "Event", "TreatmentOutcome", "CourseOfCare"],
    ["Document", "DocumentPart", "Claim", "CitationMarker", "Mention", "Statement", "BibliographicReference",
     "Author", "Journal", "LocatedFinding", "PatientStatement", "Comparison", "AssembledStatement", "CitedWork",
     "Conflict", "ConflictSide", "LibraryEntry"],
]

# --- object properties: (name, label, definition, domain classes, range classes, inverse name, characteristic)
ANY = ["DomainEntity"]
DIAGNOSTIC = ["ExamSign", "DiagnosticTest", "ImagingFinding"]
CLINICAL = ["Condition", "Symptom", "ExamSign", "ImagingFinding", "Mechanism"]
THERAPY = ["Treatment", "Drug", "DrugClass"]
OBJECT_PROPERTIES = [
    ("indicates", "indicates", "The exam sign, symptom, test or finding (or a condition a patient presents with) points to the condition (or the lesion a finding shows) when present.", DIAGNOSTIC + ["Symptom", "Condition"], ["Condition", "ImagingFinding"], "indicatedBy", None),
    ("riskFactorFor", "risk factor for", "The subject makes the condition more likely.", ["RiskFactor", "Condition", "Trigger", "Cause"], ["Condition", "Symptom"], "hasRiskFactor", None),
    ("causes", "causes", "The subject brings the condition or symptom about.", ["Cause", "Condition", "Mechanism", "Trigger", "RiskFactor", "Drug", "Treatment", "ImagingFinding"], ["Condition", "Symptom", "Mechanism"], "causedBy", None),
    ("mechanismOf", "mechanism of", "The process explains how the condition or symptom arises.", ["Mechanism"], ["Condition", "Symptom", "Mechanism"], "hasMechanism", None),
    ("associatedWith", "associated with", "The two entities occur together or are linked, without a stated direction.", ANY, ANY, None, "symmetric"),
    ("hasSymptom", "has symptom", "The condition, patient or episode shows the symptom or sign.", ["Condition", "Patient", "Episode"], ["Symptom", "ExamSign", "Condition"], "symptomOf", None),
    ("locatedIn", "located in", "The subject is at the anatomical site.", CLINICAL + ["Treatment", "Event", "LocatedFinding"], ["AnatomicalSite"], "siteOf", None),
    ("triggeredBy", "triggered by", "The episode or condition was set off by the trigger.", ["Condition", "Symptom", "Event"], ANY, "triggers", None),
    ("hasFinding", "has finding", "The test, patient or test event produced the finding.", ["DiagnosticTest", "Patient", "TestEvent"], ["ImagingFinding", "ExamSign", "Condition"], "findingOf", None),
    ("recommendedFor", "recommended for", "A test, treatment or course of action the text recommends for the condition (the statement node says who recommends it, and when).", ANY, ANY, "hasRecommendation", None),
    ("notRecommendedFor", "not recommended for", "A test, treatment or course of action the text recommends against for the condition.", ANY, ANY, None, None),
    ("indicatedFor", "indicated for", "A test, imaging or procedure the text says is needed for the condition in some circumstance (the statement node holds the indication as written).", ANY, ANY, None, None),
    ("effectiveFor", "effective for", "The treatment works for the condition or symptom, as the text states (the statement node holds what it was compared with).", ANY, ANY, None, None),
    ("notEffectiveFor", "not effective for", "The treatment does not work for the condition or symptom, or works no better than what it was compared with, as the text states.", ANY, ANY, None, None),
    ("redFlagFor", "red flag for", "The sign or symptom points to a serious cause that needs urgent assessment.", ANY, ANY, None, None),
    ("aggravates", "aggravates", "The factor makes the symptom or condition worse.", ANY, ANY, "aggravatedBy", None),
    ("relieves", "relieves", "The factor eases the symptom or condition.", ANY, ANY, "relievedBy", None),
    ("differentialOf", "differential diagnosis of", "The condition is one to tell apart from the other when diagnosing it.", ANY, ANY, None, None),
    ("treats", "treats", "The treatment or drug is used to relieve or cure the condition or symptom.", THERAPY, ["Condition", "Symptom"], "treatedBy", None),
    ("drugClass", "drug class", "The drug belongs to the drug class.", ["Drug"], ["DrugClass"], "classMember", None),
    ("elicits", "elicits", "The exam manoeuvre brings out the finding.", ["ExamManoeuvre"], ["ExamFinding", "Symptom"], "elicitedBy", None),
    ("cranialTo", "cranial to", "The vertebral level lies above (nearer the head than) the other.", ["VertebralLevel"], ["VertebralLevel"], "caudalTo", "transitive"),
    ("withinRegion", "within region", "The vertebral level belongs to the spinal region.", ["VertebralLevel"], ["SpinalRegion"], None, None),
    ("treatment", "treatment", "The treatment, drug or drug class whose outcome this is.", ["TreatmentOutcome"], THERAPY, "hasOutcome", None),
    ("experiencedBy", "experienced by", "The patient to whom the event, outcome, course of care or finding happened.", ["Event", "TreatmentOutcome", "CourseOfCare", "LocatedFinding"], ["Patient"], "experienced", None),
    ("involves", "involves", "The domain entity an event or a course of care is about, such as the drug of a treatment event.", ["Event", "CourseOfCare"], ANY, "involvedIn", None),
    ("courseEvent", "course event", "A visit or treatment event that makes part of the course of care.", ["CourseOfCare"], ["Event"], "inCourse", None),
    ("duringCourse", "during course", "The course of care a treatment outcome was told of, over the course's time.", ["TreatmentOutcome"], ["CourseOfCare"], "reportedOutcome", None),
    ("hasRemission", "has remission", "A remission the patient told of while the course of care ran.", ["CourseOfCare"], ["Remission"], "remissionDuring", None),
    ("courseTrigger", "course trigger", "A trigger or aggravating factor of the patient's spasms as a whole, not of one episode only: told of several episodes, of the episodes as a habit ('usually when ...'), or in the present of the condition ('the pain returns after I've walked around').", ["Patient"], ANY, "courseTriggerOf", None),
    ("nextEpisode", "next episode", "The episode that came next in date order.", ["Episode"], ["Episode"], "previousEpisode", None),
    ("finding", "finding", "The finding or condition entity a located finding places.", ["LocatedFinding"], ANY, None, None),
    ("mention", "mention", "The mention a located finding is read from.", ["LocatedFinding"], ["Mention"], None, None),
    ("conflictsWith", "conflicts with", "A negated mention of the same finding in the same report.", ["LocatedFinding"], ["Mention"], None, None),
    ("aboutPatient", "about patient", "The patient whose statement a comparison reads.", ["Comparison"], ["Patient"], None, None),
    ("patientStatement", "patient statement", "The patient's statement a comparison reads.", ["Comparison"], ["PatientStatement"], None, None),
    ("literatureClaim", "literature claim", "The cited claim of the literature a comparison reads the statement against.", ["Comparison"], ["Claim"], None, None),
    ("about", "about", "The domain entity the statistic or the conflict is about.", ["Statistic", "Conflict"], ANY, "subjectOf", None),
    ("synonymOf", "synonym of", "The text says the two entities are names of the same thing.", ANY, ANY, None, "symmetric"),
    ("supportedBy", "supported by", "A document's statement that states the assembled relation.", ["AssembledStatement"], ["Statement"], "assembledInto", None),
    ("specializes", "specializes", "The assembled relation about a drug that a relation about its drug class generalizes.", ["AssembledStatement"], ["AssembledStatement"], "generalizedBy", None),
    ("identifiesWork", "identifies work", "The cited work a reference entry identifies.", ["BibliographicReference"], ["CitedWork"], "identifiedBy", None),
    ("workIdentifier", "work identifier", "An IRI that names the cited work outside this graph: its DOI (https://doi.org/, in lower case), its PubMed page or its PubMed Central page.", ["BibliographicReference", "CitedWork"], ["Thing"], None, None),
    ("citedIn", "cited in", "A document that cites the work.", ["CitedWork"], ["Document"], "citesWork", None),
    ("hasSide", "has side", "One side of the conflict.", ["Conflict"], ["ConflictSide"], "sideOf", None),
    ("evidence", "evidence", "An outcome, statistic or statement that takes this side of a conflict.", ["ConflictSide"], ["TreatmentOutcome", "Statistic", "Statement"], None, None),
    ("describedIn", "described in", "The document that gives the patient's account.", ["Patient"], ["Document"], "describes", None),
    ("mentions", "mentions", "The document or claim names the domain entity.", ["Document", "Claim"], ANY, "mentionedIn", None),
    ("inDocument", "in document", "The document the span, record or event comes from.", ["DocumentPart", "Claim", "Mention", "Statement", "Event", "TreatmentOutcome", "CourseOfCare", "LocatedFinding", "PatientStatement", "Comparison", "Statistic", "Abbreviation"], ["Document"], None, None),
    ("inClaim", "in claim", "The claim whose span contains the mention.", ["Mention"], ["Claim"], "hasMention", None),
    ("evidenceClaim", "evidence claim", "The cited claim that states the relation or reports the statistic.", ["Statement", "Statistic"], ["Claim"], "supportsStatement", None),
    ("headMention", "head mention", "The mention of the subject of the stated relation.", ["Statement"], ["Mention"], None, None),
    ("tailMention", "tail mention", "The mention of the object of the stated relation.", ["Statement"], ["Mention"], None, None),
    ("hasCitationMarker", "has citation marker", "The marker that cites the claim's references.", ["Claim"], ["CitationMarker"], "markerOf", None),
    ("refersTo", "refers to", "The reference a citation marker points to.", ["CitationMarker"], ["BibliographicReference"], "referredToBy", None),
    ("publishedIn", "published in", "The journal in which the referenced article appeared.", ["BibliographicReference"], ["Journal"], None, None),
    ("denotes", "denotes", "The domain entity an abbreviation's long form names.", ["Abbreviation"], ANY, None, None),
]

# --- datatype properties: (name, label, definition, xsd range or None) ------------------------------
DATA_PROPERTIES = [
    ("text", "text", "The text of a claim, event or other span, as it stands in the document.", "string"),
    ("exact", "exact text", "The exact characters of a mention or marker in the original file.", "string"),
    ("start", "start offset", "Offset of the first character, in Unicode code points from the start of the file.", "integer"),
    ("end", "end offset", "Offset just past the last character, in Unicode code points.", "integer"),
    ("kind", "kind", "The kind of a document: review or narrative.", "string"),
    ("sourceFile", "source file", "The file name the document was read from.", "string"),
    ("sha256", "SHA-256", "The SHA-256 digest of an input file's bytes, as read from disk (a build's provenance).", "string"),
    ("textSha256", "text SHA-256", "The SHA-256 digest of a document's text as decoded, in UTF-8: what the graph's offsets count in.", "string"),
    ("characterCount", "character count", "Number of characters of the document's text.", "integer"),
    ("integrityProblem", "integrity problem", "A problem found while reading the document, such as a reference never cited.", "string"),
    ("sectionTitle", "section title", "Title of the section a claim is in.", "string"),
    ("referenceNumber", "reference number", "The number of an entry in the reference list.", "integer"),
    ("rawText", "raw text", "The reference entry as written.", "string"),
    ("pmid", "PubMed ID", "The PubMed identifier given in a reference.", "string"),
    ("pmcid", "PubMed Central ID", "The PubMed Central identifier of an article or a reference, with its PMC prefix (PMC1234567).", "string"),
    ("evidenceKind", "evidence kind", "What kind of evidence a cited work or a document is: guideline, systematic_review, randomized_trial, cohort, case_report, narrative_review, textbook, web_page, report, or unclassified; told by ontology/evidence_kinds.json from its publication types, title, journal or kind of entry.", "string"),
    ("evidenceSign", "evidence sign", "What told a work's evidence kind, as 'publication type: Review', 'title: randomized' or 'entry: Book'.", "string"),
    ("sourceFormat", "source format", "The format a document was read from: text, markdown, pdf, jats, medline, pubmed-text, html or tei.", "string"),
    ("publicationType", "publication type", "What kind of work a document is, as its record names it (a PubMed publication type such as Review or Randomized Controlled Trial).", "string"),
    ("page", "page", "The page of the original PDF a stretch of text is on, counted from 1.", "integer"),
    ("boundingBox", "bounding box", "Where on its page a stretch of text is: x0, top, x1 and bottom in PDF points from the page's top-left corner, separated by spaces.", "string"),
    ("suppliedField", "supplied field", "A field of a reference entry that a reference library supplied because the entry's text does not state it (doi, pmid, pmcid, volume, issue, pages, authors and the like).", "string"),
    ("accessed", "accessed", "When a cited web page was accessed, as the reference states it.", "string"),
    ("published", "published", "When a cited work was published, as the reference states it.", "string"),
    ("authorNames", "author names", "The authors of a reference as one text, in the order the reference lists them, separated by '; ' (each author is also a node with a position).", "string"),
    ("position", "position", "The position of an author in a reference's author list, from 1.", "integer"),
    ("conceptId", "concept id", "The identifier of the vocabulary concept the entity stands for.", "string"),
    ("hpoId", "HPO id", "The Human Phenotype Ontology identifier the entity is grounded to (from the shipped HPO).", "string"),
    ("hpoLabel", "HPO label", "The name of the Human Phenotype Ontology term the entity is grounded to.", "string"),
    ("nameKey", "name key", "One of the entity's names as a lookup key (Unicode NFKC, spaces collapsed, case-folded), so a name given by a user is found through an index rather than by comparing every label.", "string"),
    ("mentionType", "mention type", "The type of a mention as the annotations export names it.", "string"),
    ("assertion", "assertion", "Whether a mention is asserted, negated, hypothetical or about someone else.", "string"),
    ("extractedBy", "extracted by", "The matcher or rule that produced the mention or statement.", "string"),
    ("relationType", "relation type", "The relation a statement states, as the extraction names it.", "string"),
    ("sentence", "sentence", "The sentence that states a relation.", "string"),
    ("sentenceStart", "sentence start", "Offset of the first character of the sentence.", "integer"),
    ("confidence", "confidence", "How sure the rule that produced a statement is, from 0 to 1.", "decimal"),
    ("modality", "modality", "How a clinical statement is put: stated, hedged ('may', 'is thought to') or conditional ('if', 'unless').", "string"),
    ("negated", "negated", "The statement says the opposite of its relation's name holds (used with recommendations and efficacy, which have their own negative relations too).", "boolean"),
    ("recommendedBy", "recommended by", "Who makes a recommendation, as the text names it (a guideline, a society); absent when the authors make it.", "string"),
    ("indicationText", "indication", "When a test or procedure is needed, as written.", "string"),
    ("conditionText", "condition", "The condition clause a statement holds under, as written ('if a tumor is suspected').", "string"),
    ("purposeText", "purpose", "What a recommendation is for, as written ('to determine whether the cause is specific').", "string"),
    ("comparisonText", "comparison", "What a treatment was compared with, as written ('than placebo').", "string"),
    ("headText", "head text", "The phrase a clinical statement is about, as written.", "string"),
    ("hedge", "hedge", "The words a statement is hedged with, as written ('may', 'is thought to'), when the text does not assert it outright.", "string"),
    ("eventType", "event type", "The type of an event: episode, visit, treatment or test.", "string"),
    ("date", "date", "When an event happened, to the precision the narrative gives (a date, a month or a year).", None),
    ("durationText", "duration", "How long an event lasted, as written.", "string"),
    ("triggerText", "trigger text", "What set off an episode, as written.", "string"),
    ("treatmentText", "treatment text", "The treatment of a treatment outcome, as written.", "string"),
    ("outcome", "outcome", "What a treatment did: helped, did not help, worsened and the like.", "string"),
    ("detail", "detail", "Further words about a treatment outcome, as written.", "string"),
    ("age", "age", "A patient's age in years.", "integer"),
    ("sex", "sex", "A patient's sex, as stated.", "string"),
    ("name", "name", "A patient's given name, as stated.", "string"),
    ("value", "value", "The number a statistic reports, as written (a single number or a range).", "string"),
    ("lowValue", "low value", "The lower bound of a statistic's value (the value itself when it is one number).", "decimal"),
    ("highValue", "high value", "The upper bound of a statistic's value, when it is a range.", "decimal"),
    ("statisticKind", "statistic kind", "What a statistic measures: a prevalence, a count, a duration, a dose and the like.", "string"),
    ("qualifier", "qualifier", "A word that qualifies a statistic's value, such as approximately or up to.", "string"),
    ("unit", "unit", "The unit of a statistic's value, such as percent.", "string"),
    ("population", "population", "The population a statistic describes.", "string"),
    ("timeFrame", "time frame", "The period a statistic covers, such as a lifetime.", "string"),
    ("levelOrder", "level order", "A number that sorts vertebral levels from head to tail (C1 before T1 before L1 before S1).", "integer"),
    ("approximateDate", "approximate date", "True when the narrative gives the event's date only roughly.", "boolean"),
    ("episodeNumber", "episode number", "The position of an episode in date order, from 1.", "integer"),
    ("frequencyText", "frequency", "How often an event happens, as written.", "string"),
    ("startDate", "start date", "When a course of care or a remission began, to the precision the account gives (a date, a month or a year).", None),
    ("endDate", "end date", "When a course of care or a remission ended, as far as the account tells: its last dated event.", None),
    ("provider", "provider", "Who gave or advised a course of care, or advised a treatment recommended during one, as the kind of provider the account names: chiropractor, physical therapy, orthopedist, emergency room, doctor and the like.", "string"),
    ("courseOutcome", "course outcome", "What a course of care did over its time: helped, partial, no_effect, worse or side_effect; helped when the patient tells a remission during it.", "string"),
    ("episodesDuring", "episodes during", "How many dated episodes fell between a course of care's first and last dates.", "integer"),
    ("visitCount", "visit count", "How many dated visits make a course of care.", "integer"),
    ("side", "side", "The side of the body a finding is on: left, right or both.", "string"),
    ("severity", "severity", "How severe a finding is, as the report grades it.", "string"),
    ("feature", "feature", "The feature a comparison reads, such as a trigger or a treatment response.", "string"),
    ("verdict", "verdict", "How the patient's statement stands against the literature, graded: agrees, within the usual range (the literature hedges and the patient is inside), outside the usual range, not addressed, or open question (a question the patient asks, answered).", "string"),
    ("verdictText", "verdict text", "The verdict as a clinician reads it, worded from the literature's own hedge and the feature: 'outside the usual site', 'within the usual age at onset'.", "string"),
    ("literatureText", "literature text", "The words of the literature a comparison reads the statement against.", "string"),
    ("documentCount", "document count", "How many documents state the assembled relation.", "integer"),
    ("claimCount", "claim count", "How many cited claims state the assembled relation.", "integer"),
    ("workCount", "work count", "How many distinct cited works back the assembled relation.", "integer"),
    ("citingDocumentCount", "citing document count", "How many documents cite the work.", "integer"),
    ("community", "community", "The community of the entity graph the entity falls in (0 is the largest).", "integer"),
    ("conflictKind", "conflict kind", "What disagrees: outcomes, statistics or relations.", "string"),
    ("brandName", "brand name", "A brand name under which the drug is sold.", "string"),
    ("shortForm", "short form", "An abbreviation as the document writes it, such as SLR.", "string"),
    ("longForm", "long form", "The words an abbreviation stands for in the document that defines it.", "string"),
    ("occurrences", "occurrences", "How many times the document uses an abbreviation, its definition included.", "integer"),
]

ANNOTATIONS = {  # annotation properties the ontology uses, by full IRI
    "definition": DEFINITION, "prefLabel": SKOS + "prefLabel", "altLabel": SKOS + "altLabel",
    "exactMatch": SKOS + "exactMatch", "closeMatch": SKOS + "closeMatch", "broadMatch": SKOS + "broadMatch",
    "narrowMatch": SKOS + "narrowMatch", "relatedMatch": SKOS + "relatedMatch",
    "title": "http://purl.org/dc/terms/title", "description": "http://purl.org/dc/terms/description",
    "license": "http://purl.org/dc/terms/license",
}
# named individuals the ontology's axioms refer to: (entity id under kg:entity/, class, label)
INDIVIDUALS = [("nerve_root_irritation", "Condition", "nerve root irritation")]


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"alignment: unknown prefix {prefix!r} in {curie!r}; known: {', '.join(sorted(PREFIXES))}")
    return PREFIXES[prefix] + local


def alignments(path: Path | None = None) -> list[tuple[str, str, str]]:
    """(term, SKOS mapping relation, target IRI) rows of ``alignment.tsv``."""
    p = path or Path(str(resources.files("spasmkg.ontology") / "alignment.tsv"))
    with p.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = []
    for r in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(r) != 3 or r[1] not in ANNOTATIONS or not r[1].endswith("Match"):
            raise ValueError(f"{p.name}: bad row {r!r}; expected term, a SKOS *Match relation, target CURIE")
        rows.append((r[0], r[1], expand(r[2])))
    return rows


def _en(text: str) -> list:
    return [owl.locstr(text, lang="en")]


def author(world: owl.World | None = None) -> owl.Ontology:
    """The ontology, built in ``world`` (a fresh one by default)."""
    world = world or owl.World()
    onto = world.get_ontology(ONTOLOGY_IRI + "#")
    ap = {}
    with onto:
        for key, iri in ANNOTATIONS.items():
            base, local = iri.rsplit("#", 1) if "#" in iri else iri.rsplit("/", 1)
            ns = onto.get_namespace(base + ("#" if "#" in iri else "/"))
            ap[key] = types.new_class(local, (owl.AnnotationProperty,), exec_body=lambda d, ns=ns: d.update(namespace=ns))
        classes: dict[str, type] = {}
        for t in CLASSES:
            parent = classes[t.parent] if t.parent else owl.Thing
            classes[t.name] = types.new_class(t.name, (parent,))
        props: dict[str, type] = {}
        for name, label, definition, dom, rng, inverse, char in OBJECT_PROPERTIES:
            bases = (owl.ObjectProperty,) + ((owl.TransitiveProperty,) if char == "transitive" else ()) \
                + ((owl.SymmetricProperty,) if char == "symmetric" else ())
            p = types.new_class(name, bases)
            p.domain = [_union(classes, dom)]
            p.range = [_union(classes, rng)]
            props[name] = p
            _annotate(p, ap, label, definition)
            if inverse:
                inv = types.new_class(inverse, (owl.ObjectProperty,))
                inv.inverse_property = p
                props[inverse] = inv
                _annotate(inv, ap, _words(inverse), f"Inverse of “{label}”.")
        for name, label, definition, rng in DATA_PROPERTIES:
            p = types.new_class(name, (owl.DataProperty,))
            if rng:
                onto._add_obj_triple_spo(p.storid, owl.rdf_range, onto._abbreviate(XSD + rng))
            props[name] = p
            _annotate(p, ap, label, definition)
        for t in CLASSES:
            _annotate(classes[t.name], ap, t.label, t.definition)
        for group in DISJOINT:
            owl.AllDisjoint([classes[n] for n in group])
        entity_ns = onto.get_namespace(ENTITY_NS)
        individuals = {}
        for ident, cls, label in INDIVIDUALS:
            ind = classes[cls](ident, namespace=entity_ns)
            ind.label = _en(label)
            individuals[ident] = ind
        classes["SignOfNerveRootIrritation"].equivalent_to = [
            classes["ExamSign"] & props["indicates"].value(individuals["nerve_root_irritation"])]
        for term, relation, target in alignments():
            entity = classes.get(term) or props.get(term)
            if entity is None:
                raise ValueError(f"alignment.tsv: {term!r} is not a class or property of the ontology")
            onto._add_obj_triple_spo(entity.storid, ap[relation].storid, onto._abbreviate(target))
    meta = onto.metadata
    onto._add_data_triple_spod(onto.storid, ap["title"].storid, "spasmkg ontology", "@en")
    onto._add_data_triple_spod(onto.storid, ap["description"].storid,
                               "Classes and properties of the spasmkg knowledge graph of the clinical literature on "
                               "back muscle spasms: the domain (conditions, symptoms, exam signs, drugs, treatments) "
                               "and the evidence (documents, claims, citations, references).", "@en")
    onto._add_obj_triple_spo(onto.storid, ap["license"].storid, onto._abbreviate("https://opensource.org/licenses/MIT"))
    onto._add_obj_triple_spo(onto.storid, onto._abbreviate(PREFIXES["owl"] + "versionIRI"), onto._abbreviate(VERSION_IRI))
    meta.versionInfo = [VERSION]
    return onto


def _words(camel: str) -> str:
    out = "".join(" " + c.lower() if c.isupper() else c for c in camel)
    return out.strip()


def _union(classes: dict, names: list[str]):
    """The class, or the union of the classes, ``names`` name; ``["Thing"]`` is ``owl:Thing`` (any
    resource, such as an IRI from outside the ontology)."""
    if names == ["Thing"]:
        return owl.Thing
    members = [classes[n] for n in names]
    return members[0] if len(members) == 1 else owl.Or(members)


def _annotate(entity, ap: dict, label: str, definition: str) -> None:
    entity.label = _en(label)
    setattr(entity, ap["prefLabel"].name, _en(label))
    setattr(entity, ap["definition"].name, _en(definition))


def write(directory: Path) -> tuple[Path, Path]:
    """Write ``spasmkg.owl`` (RDF/XML, as owlready2 saves it) and ``spasmkg.ttl`` into ``directory``."""
    onto = author()
    owl_path, ttl_path = directory / "spasmkg.owl", directory / "spasmkg.ttl"
    buf = io.BytesIO()
    onto.save(file=buf, format="rdfxml")
    owl_path.write_bytes(buf.getvalue())
    parsed = Graph()
    parsed.parse(data=buf.getvalue().decode("utf-8"), format="xml")
    g = Graph()                             # canonical blank node labels: the same Turtle on every run
    for t in to_canonical_graph(parsed):
        g.add(t)
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    g.bind("kgentity", ENTITY_NS)
    ttl_path.write_text(g.serialize(format="turtle"), encoding="utf-8")
    onto.world.close()
    return owl_path, ttl_path


def terms_module() -> str:
    """Python source of ``terms.py``: the ontology's terms as an rdflib ``DefinedNamespace``."""
    lines = ['"""The terms of the spasmkg ontology as an rdflib ``DefinedNamespace`` (a misspelt term raises).',
             "",
             "Generated from the tables of ``build_ontology.py`` by ``python -m spasmkg.ontology.build_ontology``;",
             'edit those tables, not this file.',
             '"""',
             "from rdflib.namespace import DefinedNamespace, Namespace",
             "from rdflib.term import URIRef",
             "", "",
             "class SKGTerms(DefinedNamespace):",
             f'    """spasmkg ontology {VERSION} ({ONTOLOGY_IRI})."""',
             "",
             "    _fail = True",
             f'    _NS = Namespace("{BASE}")',
             ""]
    entries = [(t.name, t.label) for t in CLASSES]
    for name, label, *_rest in OBJECT_PROPERTIES:
        entries.append((name, label))
    for name, label, *_rest in OBJECT_PROPERTIES:
        if _rest[3]:
            entries.append((_rest[3], f"inverse of {label}"))
    entries += [(name, label) for name, label, *_ in DATA_PROPERTIES]
    for name, label in entries:
        lines.append(f"    {name}: URIRef  # {label}")
    return "\n".join(lines) + "\n"


TABLE_START, TABLE_END = "<!-- tables: generated by build_ontology.py -->", "<!-- end of generated tables -->"


def markdown_tables() -> str:
    """Classes and properties with their parents, domains, ranges and alignments, as Markdown tables."""
    aligned: dict[str, list[str]] = {}
    for term, relation, target in alignments():
        curie = next((f"{p}:{target[len(ns):]}" for p, ns in PREFIXES.items() if target.startswith(ns)), target)
        aligned.setdefault(term, []).append(f"{relation} `{curie}`")
    out = ["### Classes", "", "| class | label | subclass of | aligned to | definition |", "|---|---|---|---|---|"]
    for t in CLASSES:
        out.append(f"| `skg:{t.name}` | {t.label} | {f'`skg:{t.parent}`' if t.parent else ''} | "
                   f"{'<br>'.join(aligned.get(t.name, []))} | {t.definition} |")
    out += ["", "### Object properties", "", "| property | domain | range | inverse | aligned to | definition |",
            "|---|---|---|---|---|---|"]
    for name, _label, definition, dom, rng, inverse, char in OBJECT_PROPERTIES:
        extra = f" ({char})" if char else ""
        out.append(f"| `skg:{name}`{extra} | {' ∪ '.join(dom)} | {' ∪ '.join(rng)} | "
                   f"{f'`skg:{inverse}`' if inverse else ''} | {'<br>'.join(aligned.get(name, []))} | {definition} |")
    out += ["", "### Datatype properties", "", "| property | range | aligned to | definition |", "|---|---|---|---|"]
    for name, _label, definition, rng in DATA_PROPERTIES:
        out.append(f"| `skg:{name}` | {f'xsd:{rng}' if rng else 'any literal'} | "
                   f"{'<br>'.join(aligned.get(name, []))} | {definition} |")
    return "\n".join(out) + "\n"


def write_readme_tables(readme: Path) -> None:
    """Replace the generated part of ``readme`` (between the two markers) with fresh tables."""
    text = readme.read_text(encoding="utf-8")
    head, sep, rest = text.partition(TABLE_START)
    _, sep2, tail = rest.partition(TABLE_END)
    if not sep or not sep2:
        raise ValueError(f"{readme.name}: the markers {TABLE_START} and {TABLE_END} are missing")
    readme.write_text(f"{head}{TABLE_START}\n{markdown_tables()}{TABLE_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for p in write(here):
        print(f"wrote {p.name}")
    write_readme_tables(here / "README.md")
    (here / "terms.py").write_text(terms_module(), encoding="utf-8")
    print("wrote the tables of README.md and terms.py")
