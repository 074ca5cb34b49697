"""The terms of the spasmkg ontology as an rdflib ``DefinedNamespace`` (a misspelt term raises).

Generated from the tables of ``build_ontology.py`` by ``python -m spasmkg.ontology.build_ontology``;
edit those tables, not this file.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class SKGTerms(DefinedNamespace):
    """spasmkg ontology 0.2.0 (https://w3id.org/spasmkg/ontology)."""

    _fail = True
    _NS = Namespace("https://w3id.org/spasmkg/ontology#")

    DomainEntity: URIRef  # domain entity
    Condition: URIRef  # condition
    Disorder: URIRef  # disorder
    Syndrome: URIRef  # syndrome
    Symptom: URIRef  # symptom
    ExamSign: URIRef  # exam sign
    ExamManoeuvre: URIRef  # exam manoeuvre
    ExamFinding: URIRef  # exam finding
    Mechanism: URIRef  # mechanism
    PhysiologicalProcess: URIRef  # physiological process
    PathophysiologicalProcess: URIRef  # pathophysiological process
    RiskFactor: URIRef  # risk factor
    Cause: URIRef  # cause
    AnatomicalSite: URIRef  # anatomical site
    SpinalRegion: URIRef  # spinal region
    VertebralLevel: URIRef  # vertebral level
    Drug: URIRef  # drug
    DrugClass: URIRef  # drug class
    Treatment: URIRef  # treatment
    Manipulation: URIRef  # manipulation
    PhysicalModality: URIRef  # physical modality
    Exercise: URIRef  # exercise
    Injection: URIRef  # injection
    Procedure: URIRef  # procedure
    DiagnosticTest: URIRef  # diagnostic test
    ImagingFinding: URIRef  # diagnostic finding
    Trigger: URIRef  # trigger
    Statistic: URIRef  # statistic
    Patient: URIRef  # patient
    Event: URIRef  # event
    Episode: URIRef  # episode
    Visit: URIRef  # visit
    TreatmentEvent: URIRef  # treatment event
    TestEvent: URIRef  # test event
    TreatmentOutcome: URIRef  # treatment outcome
    CourseOfCare: URIRef  # course of care
    Remission: URIRef  # remission
    SignOfNerveRootIrritation: URIRef  # sign of nerve root irritation
    EvidenceEntity: URIRef  # evidence entity
    Document: URIRef  # document
    ReviewArticle: URIRef  # review article
    PatientNarrative: URIRef  # patient narrative
    DocumentPart: URIRef  # document part
    Section: URIRef  # section
    Caption: URIRef  # caption
    Claim: URIRef  # claim
    CitationMarker: URIRef  # citation marker
    Mention: URIRef  # mention
    Statement: URIRef  # statement
    BibliographicReference: URIRef  # bibliographic reference
    JournalArticle: URIRef  # journal article
    WebPage: URIRef  # web page
    Report: URIRef  # report
    Book: URIRef  # book
    LocatedFinding: URIRef  # located finding
    PatientStatement: URIRef  # patient statement
    Comparison: URIRef  # comparison
    AssembledStatement: URIRef  # assembled statement
    CitedWork: URIRef  # cited work
    Conflict: URIRef  # conflict
    ConflictSide: URIRef  # conflict side
    Author: URIRef  # author
    Journal: URIRef  # journal
    LibraryEntry: URIRef  # library entry
    Abbreviation: URIRef  # abbreviation
    indicates: URIRef  # indicates
    riskFactorFor: URIRef  # risk factor for
    causes: URIRef  # causes
    mechanismOf: URIRef  # mechanism of
    associatedWith: URIRef  # associated with
    hasSymptom: URIRef  # has symptom
    locatedIn: URIRef  # located in
    triggeredBy: URIRef  # triggered by
    hasFinding: URIRef  # has finding
    recommendedFor: URIRef  # recommended for
    notRecommendedFor: URIRef  # not recommended for
    indicatedFor: URIRef  # indicated for
    effectiveFor: URIRef  # effective for
    notEffectiveFor: URIRef  # not effective for
    redFlagFor: URIRef  # red flag for
    aggravates: URIRef  # aggravates
    relieves: URIRef  # relieves
    differentialOf: URIRef  # differential diagnosis of
    treats: URIRef  # treats
    drugClass: URIRef  # drug class
    elicits: URIRef  # elicits
    cranialTo: URIRef  # cranial to
    withinRegion: URIRef  # within region
    treatment: URIRef  # treatment
    experiencedBy: URIRef  # experienced by
    involves: URIRef  # involves
    courseEvent: URIRef  # course event
    duringCourse: URIRef  # during course
    hasRemission: URIRef  # has remission
    courseTrigger: URIRef  # course trigger
    nextEpisode: URIRef  # next episode
    finding: URIRef  # finding
    mention: URIRef  # mention
    conflictsWith: URIRef  # conflicts with
    aboutPatient: URIRef  # about patient
    patientStatement: URIRef  # patient statement
    literatureClaim: URIRef  # literature claim
    about: URIRef  # about
    synonymOf: URIRef  # synonym of
    supportedBy: URIRef  # supported by
    specializes: URIRef  # specializes
    identifiesWork: URIRef  # identifies work
    workIdentifier: URIRef  # work identifier
    citedIn: URIRef  # cited in
    hasSide: URIRef  # has side
    evidence: URIRef  # evidence
    describedIn: URIRef  # described in
    mentions: URIRef  # mentions
    inDocument: URIRef  # in document
    inClaim: URIRef  # in claim
    evidenceClaim: URIRef  # evidence claim
    headMention: URIRef  # head mention
    tailMention: URIRef  # tail mention
    hasCitationMarker: URIRef  # has citation marker
    refersTo: URIRef  # refers to
    publishedIn: URIRef  # published in
    denotes: URIRef  # denotes
    indicatedBy: URIRef  # inverse of indicates
    hasRiskFactor: URIRef  # inverse of risk factor for
    causedBy: URIRef  # inverse of causes
    hasMechanism: URIRef  # inverse of mechanism of
    symptomOf: URIRef  # inverse of has symptom
    siteOf: URIRef  # inverse of located in
    triggers: URIRef  # inverse of triggered by
    findingOf: URIRef  # inverse of has finding
    hasRecommendation: URIRef  # inverse of recommended for
    aggravatedBy: URIRef  # inverse of aggravates
    relievedBy: URIRef  # inverse of relieves
    treatedBy: URIRef  # inverse of treats
    classMember: URIRef  # inverse of drug class
    elicitedBy: URIRef  # inverse of elicits
    caudalTo: URIRef  # inverse of cranial to
    hasOutcome: URIRef  # inverse of treatment
    experienced: URIRef  # inverse of experienced by
    involvedIn: URIRef  # inverse of involves
    inCourse: URIRef  # inverse of course event
    reportedOutcome: URIRef  # inverse of during course
    remissionDuring: URIRef  # inverse of has remission
    courseTriggerOf: URIRef  # inverse of course trigger
    previousEpisode: URIRef  # inverse of next episode
    subjectOf: URIRef  # inverse of about
    assembledInto: URIRef  # inverse of supported by
    generalizedBy: URIRef  # inverse of specializes
    identifiedBy: URIRef  # inverse of identifies work
    citesWork: URIRef  # inverse of cited in
    sideOf: URIRef  # inverse of has side
    describes: URIRef  # inverse of described in
    mentionedIn: URIRef  # inverse of mentions
    hasMention: URIRef  # inverse of in claim
    supportsStatement: URIRef  # inverse of evidence claim
    markerOf: URIRef  # inverse of has citation marker
    referredToBy: URIRef  # inverse of refers to
    text: URIRef  # text
    exact: URIRef  # exact text
    start: URIRef  # start offset
    end: URIRef  # end offset
    kind: URIRef  # kind
    sourceFile: URIRef  # source file
    sha256: URIRef  # SHA-256
    textSha256: URIRef  # text SHA-256
    characterCount: URIRef  # character count
    integrityProblem: URIRef  # integrity problem
    sectionTitle: URIRef  # section title
    referenceNumber: URIRef  # reference number
    rawText: URIRef  # raw text
    pmid: URIRef  # PubMed ID
    pmcid: URIRef  # PubMed Central ID
    evidenceKind: URIRef  # evidence kind
    evidenceSign: URIRef  # evidence sign
    sourceFormat: URIRef  # source format
    publicationType: URIRef  # publication type
    page: URIRef  # page
    boundingBox: URIRef  # bounding box
    suppliedField: URIRef  # supplied field
    accessed: URIRef  # accessed
    published: URIRef  # published
    authorNames: URIRef  # author names
    position: URIRef  # position
    conceptId: URIRef  # concept id
    hpoId: URIRef  # HPO id
    hpoLabel: URIRef  # HPO label
    nameKey: URIRef  # name key
    mentionType: URIRef  # mention type
    assertion: URIRef  # assertion
    extractedBy: URIRef  # extracted by
    relationType: URIRef  # relation type
    sentence: URIRef  # sentence
    sentenceStart: URIRef  # sentence start
    confidence: URIRef  # confidence
    modality: URIRef  # modality
    negated: URIRef  # negated
    recommendedBy: URIRef  # recommended by
    indicationText: URIRef  # indication
    conditionText: URIRef  # condition
    purposeText: URIRef  # purpose
    comparisonText: URIRef  # comparison
    headText: URIRef  # head text
    hedge: URIRef  # hedge
    eventType: URIRef  # event type
    date: URIRef  # date
    durationText: URIRef  # duration
    triggerText: URIRef  # trigger text
    treatmentText: URIRef  # treatment text
    outcome: URIRef  # outcome
    detail: URIRef  # detail
    age: URIRef  # age
    sex: URIRef  # sex
    name: URIRef  # name
    value: URIRef  # value
    lowValue: URIRef  # low value
    highValue: URIRef  # high value
    statisticKind: URIRef  # statistic kind
    qualifier: URIRef  # qualifier
    unit: URIRef  # unit
    population: URIRef  # population
    timeFrame: URIRef  # time frame
    levelOrder: URIRef  # level order
    approximateDate: URIRef  # approximate date
    episodeNumber: URIRef  # episode number
    frequencyText: URIRef  # frequency
    startDate: URIRef  # start date
    endDate: URIRef  # end date
    provider: URIRef  # provider
    courseOutcome: URIRef  # course outcome
    episodesDuring: URIRef  # episodes during
    visitCount: URIRef  # visit count
    side: URIRef  # side
    severity: URIRef  # severity
    feature: URIRef  # feature
    verdict: URIRef  # verdict
    verdictText: URIRef  # verdict text
    literatureText: URIRef  # literature text
    documentCount: URIRef  # document count
    claimCount: URIRef  # claim count
    workCount: URIRef  # work count
    citingDocumentCount: URIRef  # citing document count
    community: URIRef  # community
    conflictKind: URIRef  # conflict kind
    brandName: URIRef  # brand name
    shortForm: URIRef  # short form
    longForm: URIRef  # long form
    occurrences: URIRef  # occurrences
