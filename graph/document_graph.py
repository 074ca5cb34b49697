"""Extraction results to RDF: one named graph per document.

Every IRI is derived from content (document id, offsets, concept id), so the same inputs always
give the same graph. Claims carry W3C Web Annotation selectors (text position and text quote) into
the original file; relations exist both as a direct triple between entities and as a statement
node holding the evidence.
"""
from __future__ import annotations

import hashlib

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from spasmkg.extract.model import Citation, DocumentResult, Mention, Reference
from spasmkg.ontology import evidence, grounding, vocabulary

from spasmkg.graph.abbreviation_nodes import add_abbreviations
from spasmkg.graph.identifiers import identifier_iris
from spasmkg.graph.name_keys import add_name_keys
from spasmkg.ontology.namespaces import CITO, FABIO, KG, OA, PREFIXES, PRISM, PROV, SKG, hpo_iri, slug
from spasmkg.graph.source_places import add_evidence_kind, add_place_selectors, add_record
from spasmkg.graph.statistic_nodes import add_statistics

KIND_CLASS = {"review": SKG.ReviewArticle, "narrative": SKG.PatientNarrative}
REF_CLASS = {"JournalArticle": FABIO.JournalArticle, "WebPage": FABIO.WebPage, "Book": FABIO.Book,
             "Report": FABIO.ReportDocument}
RELATION_PROPERTY = {"indicates": SKG.indicates, "risk_factor_for": SKG.riskFactorFor, "causes": SKG.causes,
                     "mechanism_of": SKG.mechanismOf, "associated_with": SKG.associatedWith, "synonym_of": SKG.synonymOf,
                     "has_symptom": SKG.hasSymptom, "located_in": SKG.locatedIn,
                     "triggered_by": SKG.triggeredBy, "has_finding": SKG.hasFinding,
                     "recommends": SKG.recommendedFor, "recommends_against": SKG.notRecommendedFor,
                     "indicated_when": SKG.indicatedFor, "effective_for": SKG.effectiveFor,
                     "not_effective_for": SKG.notEffectiveFor, "red_flag_for": SKG.redFlagFor,
                     "aggravates": SKG.aggravates, "relieves": SKG.relieves, "differential_of": SKG.differentialOf}
QUALIFIER_PROPERTY = {"indication": SKG.indicationText, "condition": SKG.conditionText, "purpose": SKG.purposeText,
                      "comparison": SKG.comparisonText}
QUOTE_CONTEXT = 32


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    return ds


def doc_iri(doc_id: str) -> URIRef:
    return KG[f"doc/{doc_id}"]


def graph_iri(doc_id: str) -> URIRef:
    return KG[f"graph/{doc_id}"]


def entity_iri(m: Mention) -> URIRef:
    key = m.concept or f"{m.type}/{slug(m.label or m.text)}"
    return KG[f"entity/{key}"]


def claim_iri(doc_id: str, start: int, end: int) -> URIRef:
    return KG[f"claim/{doc_id}/{start}-{end}"]


def ref_iri(doc_id: str, n: int) -> URIRef:
    return KG[f"ref/{doc_id}/{n}"]


def mention_iri(doc_id: str, m: Mention) -> URIRef:
    return KG[f"mention/{doc_id}/{m.start}-{m.end}-{m.type}"]


def _short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def add_document(ds: Dataset, res: DocumentResult) -> Graph:
    """Add ``res`` to ``ds`` as the named graph ``kg:graph/<doc id>`` and return that graph."""
    g = ds.graph(graph_iri(res.doc_id))
    d = doc_iri(res.doc_id)
    g.add((d, RDF.type, KIND_CLASS.get(res.kind, SKG.Document)))
    g.add((d, DCTERMS.identifier, Literal(res.doc_id)))
    g.add((d, DCTERMS.title, Literal(res.title)))
    g.add((d, SKG.kind, Literal(res.kind)))
    g.add((d, SKG.sourceFile, Literal(res.source)))
    g.add((d, SKG.textSha256, Literal(res.sha256)))
    g.add((d, SKG.characterCount, Literal(len(res.text), datatype=XSD.integer)))
    add_record(g, d, res)
    for k, sec in enumerate(res.sections):
        s = KG[f"section/{res.doc_id}/{sec.start}"]
        g.add((s, RDF.type, SKG.Caption if sec.kind == "caption" else SKG.Section))
        g.add((s, RDFS.label, Literal(sec.title)))
        g.add((s, DCTERMS.isPartOf, d))
        g.add((s, SKG.start, Literal(sec.start, datatype=XSD.integer)))
        g.add((s, SKG.end, Literal(sec.end, datatype=XSD.integer)))
    for ref in res.references:
        _add_reference(g, res.doc_id, ref)
    concepts = vocabulary.shipped()
    for m in res.mentions:
        _add_mention(g, res, m, concepts)
    for c in res.citations:
        _add_claim(g, res, c)
    _link_mentions_to_claims(g, res)
    for rel in res.relations:
        _add_relation(g, res, rel)
    for problem in res.problems:
        g.add((d, SKG.integrityProblem, Literal(problem)))
    add_statistics(g, res, d, claim_iri, ref_iri, _add_selectors)
    add_abbreviations(g, res, d)
    _add_narrative(g, res)
    add_name_keys(g)
    return g


EVENT_CLASS = {"episode": SKG.Episode, "visit": SKG.Visit, "treatment": SKG.TreatmentEvent,
               "test": SKG.TestEvent}


def _date_literal(value: str) -> Literal:
    """ISO date text to a typed literal: xsd:date, xsd:gYearMonth or xsd:gYear by its precision."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
    return Literal(value, datatype=kind) if kind else Literal(value)


def _add_narrative(g: Graph, res: DocumentResult) -> None:
    d = doc_iri(res.doc_id)
    if res.patient is not None:
        p = KG[f"patient/{res.doc_id}"]
        g.add((p, RDF.type, SKG.Patient))
        g.add((p, SKG.describedIn, d))
        g.add((p, RDFS.label, Literal(res.patient.name or f"patient of {res.doc_id}")))
        if res.patient.age is not None:
            g.add((p, SKG.age, Literal(res.patient.age, datatype=XSD.integer)))
        if res.patient.sex:
            g.add((p, SKG.sex, Literal(res.patient.sex)))
        if res.patient.name:
            g.add((p, SKG.name, Literal(res.patient.name)))
    patient = KG[f"patient/{res.doc_id}"]
    for ev in res.events:
        e = event_iri(res.doc_id, ev)
        g.add((e, RDF.type, EVENT_CLASS.get(ev.type, SKG.Event)))
        g.add((e, SKG.eventType, Literal(ev.type)))
        _add_text_span(g, e, res.doc_id, ev.text, ev.start, ev.end)
        if res.patient is not None and not ev.speaker:       # a commenter's episode is not the patient's
            g.add((e, SKG.experiencedBy, patient))
        if ev.date:
            g.add((e, SKG.date, _date_literal(ev.date)))
        if ev.duration:
            g.add((e, SKG.durationText, Literal(ev.duration)))
        if ev.trigger:
            g.add((e, SKG.triggerText, Literal(ev.trigger)))
            if ev.trigger_concept:
                g.add((e, SKG.triggeredBy, KG[f"entity/{ev.trigger_concept}"]))
        if ev.label:
            g.add((e, RDFS.label, Literal(f"{ev.type}: {ev.label}")))
        if ev.frequency:
            g.add((e, SKG.frequencyText, Literal(ev.frequency)))
        if ev.approximate:
            g.add((e, SKG.approximateDate, Literal(True)))
        if ev.concept:
            g.add((e, SKG.involves, KG[f"entity/{ev.concept}"]))
    _order_episodes(g, res)
    _add_findings(g, res)
    for oc in res.outcomes:
        _add_outcome(g, res, oc)
    _add_courses(g, res)


def outcome_iri(doc_id: str, oc) -> URIRef:
    return KG[f"outcome/{doc_id}/{oc.start}-{oc.end}-{slug(oc.treatment, 30)}-{oc.outcome}"]


def _add_outcome(g: Graph, res: DocumentResult, oc) -> URIRef:
    """A treatment outcome as the account tells it, and whose it is."""
    o = outcome_iri(res.doc_id, oc)
    g.add((o, RDF.type, SKG.TreatmentOutcome))
    g.add((o, SKG.treatmentText, Literal(oc.treatment)))
    g.add((o, SKG.outcome, Literal(oc.outcome)))
    _add_text_span(g, o, res.doc_id, None, oc.start, oc.end)
    if oc.detail:
        g.add((o, SKG.detail, Literal(oc.detail)))
    if oc.concept:
        g.add((o, SKG.treatment, KG[f"entity/{oc.concept}"]))
    if res.patient is not None and not oc.speaker:       # nor a commenter's or practitioner's report
        g.add((o, SKG.experiencedBy, KG[f"patient/{res.doc_id}"]))
    if oc.date:
        g.add((o, SKG.date, _date_literal(oc.date)))
    return o


def _add_text_span(g: Graph, node: URIRef, doc_id: str, text: str | None, start: int, end: int) -> None:
    """Where a node is told: its document, its words (when given) and their offsets."""
    g.add((node, SKG.inDocument, doc_iri(doc_id)))
    if text is not None:
        g.add((node, SKG.text, Literal(text)))
    g.add((node, SKG.start, Literal(start, datatype=XSD.integer)))
    g.add((node, SKG.end, Literal(end, datatype=XSD.integer)))


def _add_courses(g: Graph, res: DocumentResult) -> None:
    """Courses of care with their dates, provider, events, the outcomes told of them and a
    remission; and the triggers of the patient's spasms as a whole (skg:courseTrigger)."""
    patient = KG[f"patient/{res.doc_id}"]
    told = {(o.start, o.end, o.treatment, o.outcome) for o in res.outcomes}
    for c in res.courses:
        node = KG[f"course/{res.doc_id}/{c.start}-{c.kind}-{c.date_from or 'undated'}-{slug(c.label, 30)}"]
        g.add((node, RDF.type, SKG.CourseOfCare))
        g.add((node, RDFS.label, Literal(c.label)))
        _add_text_span(g, node, res.doc_id, c.text, c.start, c.end)
        if res.patient is not None:
            g.add((node, SKG.experiencedBy, patient))
        if c.date_from:
            g.add((node, SKG.startDate, _date_literal(c.date_from)))
        if c.date_to:
            g.add((node, SKG.endDate, _date_literal(c.date_to)))
        if c.provider:
            g.add((node, SKG.provider, Literal(c.provider)))
        if c.concept:
            g.add((node, SKG.involves, KG[f"entity/{c.concept}"]))
        if c.outcome:
            g.add((node, SKG.courseOutcome, Literal(c.outcome)))
        if c.kind == "visits":
            g.add((node, SKG.visitCount, Literal(len(c.events), datatype=XSD.integer)))
        g.add((node, SKG.episodesDuring, Literal(c.episodes_during, datatype=XSD.integer)))
        for ev in c.events:
            g.add((node, SKG.courseEvent, event_iri(res.doc_id, ev)))
        for oc in c.outcomes:
            o = outcome_iri(res.doc_id, oc)
            if (oc.start, oc.end, oc.treatment, oc.outcome) not in told:
                # a report the course itself reads ("I was feeling better"): an outcome of its own
                _add_outcome(g, res, oc)
            g.add((o, SKG.duringCourse, node))
            if oc.outcome == "recommended" and c.provider and c.kind == "visits" \
                    and any(a <= oc.start < b for a, b in c.spans):
                g.add((o, SKG.provider, Literal(c.provider)))       # who advised it: the provider seen
        if c.remission is not None:
            r = c.remission
            rem = KG[f"remission/{res.doc_id}/{r.start}-{r.end}"]
            g.add((rem, RDF.type, SKG.Remission))
            g.add((rem, RDFS.label, Literal(f"remission during {c.label}")))
            _add_text_span(g, rem, res.doc_id, r.text, r.start, r.end)
            if r.date_from:
                g.add((rem, SKG.startDate, _date_literal(r.date_from)))
            if r.date_to:
                g.add((rem, SKG.endDate, _date_literal(r.date_to)))
            if res.patient is not None:
                g.add((rem, SKG.experiencedBy, patient))
            g.add((node, SKG.hasRemission, rem))
    if res.patient is None:
        return
    for t in res.course_triggers:
        # the trigger's entity, as its mentions name it (and its episodes, with skg:triggeredBy)
        g.add((patient, SKG.courseTrigger, KG[f"entity/{t.concept or 'trigger/' + slug(t.label)}"]))


def event_iri(doc_id: str, ev) -> URIRef:
    """One node per event: a sentence may hold several (visits on a list of dates, two drugs given)."""
    return KG[f"event/{doc_id}/{ev.start}-{ev.end}-{ev.type}-{ev.date or 'undated'}-{slug(ev.label or '', 30)}"]


def _order_episodes(g: Graph, res: DocumentResult) -> None:
    """Dated episodes numbered in date order and chained with skg:nextEpisode."""
    dated = sorted((ev for ev in res.events if ev.type == "episode" and ev.date), key=lambda ev: (ev.date, ev.start))
    for k, ev in enumerate(dated, start=1):
        g.add((event_iri(res.doc_id, ev), SKG.episodeNumber, Literal(k, datatype=XSD.integer)))
        if k < len(dated):
            g.add((event_iri(res.doc_id, ev), SKG.nextEpisode, event_iri(res.doc_id, dated[k])))


def _add_findings(g: Graph, res: DocumentResult) -> None:
    """Findings and diagnoses placed in the spine: one node per finding mention, linked to its mention,
    its concept, each vertebral level or region (skg:locatedIn), side, severity, and a negated mention
    of the same finding in the same report (skg:conflictsWith)."""
    d = doc_iri(res.doc_id)
    for f in res.findings:
        m = f.mention
        node = KG[f"located/{res.doc_id}/{m.start}-{m.end}"]
        entity = entity_iri(m)
        g.add((node, RDF.type, SKG.LocatedFinding))
        g.add((node, SKG.inDocument, d))
        g.add((node, SKG.mention, mention_iri(res.doc_id, m)))
        g.add((node, SKG.finding, entity))
        g.add((node, RDFS.label, Literal(f"{m.label or m.text} at {', '.join(f.sites)}")))
        g.add((node, SKG.assertion, Literal(m.assertion)))
        if res.patient is not None:
            g.add((node, SKG.experiencedBy, KG[f"patient/{res.doc_id}"]))
        for k, (site, cid) in enumerate(zip(f.sites, f.site_concepts or [None] * len(f.sites)), start=1):
            s = KG[f"entity/{cid}"] if cid else KG[f"entity/anatomy/{slug(site)}"]
            g.add((s, RDF.type, SKG.AnatomicalSite))
            if not cid:
                g.add((s, RDF.type, SKG.VertebralLevel))
                g.add((s, SKG.levelOrder, Literal(_level_order(site), datatype=XSD.integer)))
            g.add((s, RDFS.label, Literal(site)))
            g.add((node, SKG.locatedIn, s))
            g.add((entity, SKG.locatedIn, s))
        if f.side:
            g.add((node, SKG.side, Literal(f.side)))
        if f.severity:
            g.add((node, SKG.severity, Literal(f.severity)))
        if f.conflict is not None:
            g.add((node, SKG.conflictsWith, mention_iri(res.doc_id, f.conflict)))


def _level_order(label: str) -> int:
    """``T9-T10`` -> a number that sorts levels head to tail (C1 < T1 < L1 < S1)."""
    region, num = label[0], int("".join(ch for ch in label.split("-")[0][1:] if ch.isdigit()) or 0)
    return {"C": 0, "T": 100, "L": 200, "S": 300}.get(region, 400) + num


def _add_reference(g: Graph, doc_id: str, ref: Reference) -> None:
    r = ref_iri(doc_id, ref.n)
    g.add((r, RDF.type, REF_CLASS.get(ref.kind, FABIO.Expression)))
    g.add((r, RDF.type, SKG.BibliographicReference))
    g.add((r, SKG.referenceNumber, Literal(ref.n, datatype=XSD.integer)))
    g.add((r, DCTERMS.isPartOf, doc_iri(doc_id)))
    g.add((r, SKG.rawText, Literal(ref.raw)))
    g.add((r, SKG.start, Literal(ref.start, datatype=XSD.integer)))
    g.add((r, SKG.end, Literal(ref.end, datatype=XSD.integer)))
    for i, name in enumerate(ref.authors, start=1):
        a = KG[f"ref/{doc_id}/{ref.n}/author/{i}"]
        g.add((r, DCTERMS.creator, a))
        g.add((a, RDF.type, SKG.Author))
        g.add((a, RDFS.label, Literal(name)))
        g.add((a, SKG.position, Literal(i, datatype=XSD.integer)))
    if ref.authors:
        g.add((r, SKG.authorNames, Literal("; ".join(ref.authors))))
    if ref.title:
        g.add((r, DCTERMS.title, Literal(ref.title)))
    if ref.container:
        g.add((r, PRISM.publicationName, Literal(ref.container)))
    if ref.year:
        g.add((r, FABIO.hasPublicationYear, Literal(str(ref.year), datatype=XSD.gYear)))
    for prop, value in ((PRISM.volume, ref.volume), (PRISM.issueIdentifier, ref.issue),
                        (PRISM.pageRange, ref.pages), (PRISM.doi, ref.doi), (SKG.pmid, ref.pmid),
                        (SKG.pmcid, ref.pmcid),
                        (SKG.accessed, ref.accessed), (SKG.published, ref.published),
                        (DCTERMS.publisher, ref.publisher)):
        if value:
            g.add((r, prop, Literal(value)))
    if ref.url:
        g.add((r, FABIO.hasURL, Literal(ref.url, datatype=XSD.anyURI)))
    add_evidence_kind(g, r, evidence.classify(ref.title, ref.container, ref.kind))
    for iri in identifier_iris(ref.doi, ref.pmid, ref.pmcid):
        g.add((r, SKG.workIdentifier, iri))


def _add_entity(g: Graph, m: Mention, concepts: dict) -> URIRef:
    e = entity_iri(m)
    concept = concepts.get(m.concept) if m.concept else None
    cls = vocabulary.TYPE_CLASS.get(concept.type if concept else m.type, "DomainEntity")
    g.add((e, RDF.type, SKG[cls]))
    label = concept.label if concept else (m.label or m.text)
    g.add((e, RDFS.label, Literal(label)))
    g.add((e, SKOS.prefLabel, Literal(label)))
    if concept:
        g.add((e, SKG.conceptId, Literal(concept.id)))
        for name in concept.names[1:]:   # the vocabulary's synonyms and brand names, as SKOS labels
            g.add((e, SKOS.altLabel, Literal(name)))
        for brand in concept.brands:
            g.add((e, SKG.brandName, Literal(brand)))
        hp = grounding.ground(concept)
        if hp:
            g.add((e, SKOS.exactMatch, hpo_iri(hp[0])))
            g.add((e, SKG.hpoId, Literal(hp[0])))
            g.add((e, SKG.hpoLabel, Literal(hp[1])))
        if concept.drug_class and concept.drug_class in concepts:
            dc = concepts[concept.drug_class]
            dci = KG[f"entity/{dc.id}"]
            g.add((e, SKG.drugClass, dci))
            g.add((dci, RDF.type, SKG.DrugClass))
            g.add((dci, RDFS.label, Literal(dc.label)))
            g.add((dci, SKOS.prefLabel, Literal(dc.label)))
            g.add((dci, SKG.conceptId, Literal(dc.id)))
    elif m.concept and m.concept.startswith("HP:"):        # found by the HPO matcher
        g.add((e, SKOS.exactMatch, hpo_iri(m.concept)))
        g.add((e, SKG.hpoId, Literal(m.concept)))
    if m.text.lower() != label.lower():
        g.add((e, SKOS.altLabel, Literal(" ".join(m.text.split()))))
    return e


def _add_mention(g: Graph, res: DocumentResult, m: Mention, concepts: dict) -> None:
    e = _add_entity(g, m, concepts)
    mi = mention_iri(res.doc_id, m)
    g.add((mi, RDF.type, SKG.Mention))
    g.add((mi, OA.hasBody, e))
    g.add((mi, SKG.inDocument, doc_iri(res.doc_id)))
    g.add((mi, SKG.mentionType, Literal(vocabulary.EXPORT_TYPE.get(m.type, m.type))))
    g.add((mi, SKG.exact, Literal(m.text)))
    g.add((mi, SKG.start, Literal(m.start, datatype=XSD.integer)))
    g.add((mi, SKG.end, Literal(m.end, datatype=XSD.integer)))
    g.add((mi, SKG.assertion, Literal(m.assertion)))
    g.add((mi, SKG.extractedBy, Literal(m.source)))
    g.add((doc_iri(res.doc_id), SKG.mentions, e))


def _add_selectors(g: Graph, node: URIRef, res: DocumentResult, start: int, end: int) -> None:
    """W3C Web Annotation target: the source document with a position and a quote selector."""
    target = URIRef(f"{node}#target")
    pos = URIRef(f"{node}#position")
    quote = URIRef(f"{node}#quote")
    g.add((node, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, doc_iri(res.doc_id)))
    g.add((target, OA.hasSelector, pos))
    g.add((target, OA.hasSelector, quote))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(res.text[start:end])))
    g.add((quote, OA.prefix, Literal(res.text[max(0, start - QUOTE_CONTEXT):start])))
    g.add((quote, OA.suffix, Literal(res.text[end:end + QUOTE_CONTEXT])))
    add_place_selectors(g, node, target, res, start, end)


def _add_claim(g: Graph, res: DocumentResult, c: Citation) -> URIRef:
    ci = claim_iri(res.doc_id, c.claim.start, c.claim.end)
    g.add((ci, RDF.type, SKG.Claim))
    g.add((ci, SKG.inDocument, doc_iri(res.doc_id)))
    g.add((ci, SKG.text, Literal(c.claim.text)))
    g.add((ci, SKG.start, Literal(c.claim.start, datatype=XSD.integer)))
    g.add((ci, SKG.end, Literal(c.claim.end, datatype=XSD.integer)))
    if c.section:
        g.add((ci, SKG.sectionTitle, Literal(c.section)))
    _add_selectors(g, ci, res, c.claim.start, c.claim.end)
    if not c.marker.text:            # a claim the document itself backs (an abstract's finding)
        return ci
    mk = KG[f"marker/{res.doc_id}/{c.marker.start}"]
    g.add((ci, SKG.hasCitationMarker, mk))
    g.add((mk, RDF.type, SKG.CitationMarker))
    g.add((mk, SKG.exact, Literal(c.marker.text)))
    g.add((mk, SKG.start, Literal(c.marker.start, datatype=XSD.integer)))
    g.add((mk, SKG.end, Literal(c.marker.end, datatype=XSD.integer)))
    for n in c.refs:
        g.add((ci, CITO.citesAsEvidence, ref_iri(res.doc_id, n)))
        g.add((mk, SKG.refersTo, ref_iri(res.doc_id, n)))
        # the number the marker gives, also when the reference list lacks that entry
        g.add((ref_iri(res.doc_id, n), SKG.referenceNumber, Literal(n, datatype=XSD.integer)))
    return ci


def _link_mentions_to_claims(g: Graph, res: DocumentResult) -> None:
    """Each claim mentions the entities whose mentions lie inside its span."""
    for c in res.citations:
        ci = claim_iri(res.doc_id, c.claim.start, c.claim.end)
        for m in res.mentions:
            if c.claim.start <= m.start and m.end <= c.claim.end:
                g.add((ci, SKG.mentions, entity_iri(m)))
                g.add((mention_iri(res.doc_id, m), SKG.inClaim, ci))


def _add_relation(g: Graph, res: DocumentResult, rel) -> None:
    prop = RELATION_PROPERTY[rel.type] if rel.type in RELATION_PROPERTY else SKG[rel.type]
    h, t = entity_iri(rel.head), entity_iri(rel.tail)
    g.add((h, prop, t))
    key = (rel.type, rel.head.start, rel.head.end, rel.tail.start, rel.tail.end)
    if rel.qualifier_kind == "indication":      # one statement per indication of the same test
        key += (rel.qualifier,)
    st = KG[f"statement/{res.doc_id}/{_short_hash(*key)}"]
    g.add((st, RDF.type, SKG.Statement))
    g.add((st, RDF.subject, h))
    g.add((st, RDF.predicate, prop))
    g.add((st, RDF.object, t))
    g.add((st, SKG.relationType, Literal(rel.type)))
    g.add((st, SKG.headMention, mention_iri(res.doc_id, rel.head)))
    g.add((st, SKG.tailMention, mention_iri(res.doc_id, rel.tail)))
    g.add((st, SKG.inDocument, doc_iri(res.doc_id)))
    g.add((st, SKG.sentence, Literal(rel.sentence.text)))
    g.add((st, SKG.sentenceStart, Literal(rel.sentence.start, datatype=XSD.integer)))
    g.add((st, SKG.extractedBy, Literal(rel.rule)))
    g.add((st, SKG.confidence, Literal(str(rel.confidence), datatype=XSD.decimal)))
    if rel.hedge:
        g.add((st, SKG.hedge, Literal(rel.hedge)))
    if rel.modality:
        g.add((st, SKG.modality, Literal(rel.modality)))
    if rel.agent:
        g.add((st, SKG.recommendedBy, Literal(rel.agent)))
    if rel.qualifier and rel.qualifier_kind in QUALIFIER_PROPERTY:
        g.add((st, QUALIFIER_PROPERTY[rel.qualifier_kind], Literal(rel.qualifier)))
    if rel.head_text:
        g.add((st, SKG.headText, Literal(rel.head_text)))
    if rel.claim is not None:
        g.add((st, SKG.evidenceClaim, claim_iri(res.doc_id, rel.claim.start, rel.claim.end)))
    for n in rel.refs:
        g.add((st, CITO.citesAsEvidence, ref_iri(res.doc_id, n)))
