"""Compare each patient's account with the literature claims in the same graph.

For every feature in ``rules.json`` the engine finds the patient's statements that speak to it (cue
words in the narrative's sentences, or facts the graph already holds: age, episodes, anatomy,
drugs, symptoms) and the literature claims that speak to it (cue words and quantities in cited
claims), then gives a graded verdict: ``agrees``, ``within the usual range``, ``outside the usual
range`` or ``not addressed``, worded from the literature's own hedge (``often``, ``typically``: a
claim that says what usually holds is not contradicted by one patient outside it). Quantities are
shown as written; a number derived from vague words is shown beside them, marked derived. Open
questions the patient asks (a speculation such as a nerve cause) are answered with the
literature's evidence, at the spinal level of the patient's own findings. Nothing here names a
seed's wording: the rules are data, the quantities are parsed.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Collection, Iterator

from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from spasmkg.ontology import vocabulary

from spasmkg.ontology.namespaces import CITO, KG, OA, SKG
from spasmkg.graph.compare import quantities as qty

AGREES, WITHIN, OUTSIDE, NONE, OPEN = ("agrees", "within the usual range", "outside the usual range",
                                      "not addressed", "open question")
VERDICTS = (AGREES, WITHIN, OUTSIDE, NONE, OPEN)


@dataclass
class Passage:
    """A quoted stretch of a document: where it is and what it says."""
    doc_id: str
    start: int
    end: int
    text: str


@dataclass
class LiteratureClaim:
    iri: str
    doc_id: str
    start: int
    end: int
    text: str
    refs: list[int]
    marker_end: int
    context_refs: list[int] = field(default_factory=list)   # refs of earlier clauses of its sentence


@dataclass
class Comparison:
    feature: str
    label: str
    patient_doc: str
    patient: Passage
    verdict: str
    claim: LiteratureClaim | None = None
    refs: list[int] = field(default_factory=list)
    ref_doc: str | None = None
    literature_text: str | None = None
    detail: str = ""
    verdict_text: str = ""          # the verdict as a clinician reads it: "outside the usual site"


def load_rules(path: Path | None = None) -> dict:
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return json.loads((resources.files("spasmkg.graph.compare") / "rules.json").read_text(encoding="utf-8"))


def cue_regex(cues: list[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    parts = [re.escape(c[:-1]) + r"\w*" if c.endswith("*") else re.escape(c) for c in cues]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


def sentences(text: str) -> list[Passage]:
    """Sentences of a narrative with exact offsets (split on end punctuation and blank lines)."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"”’']?\s+|\s*\n\s*", text):
        seg = text[start:m.start()]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append(Passage("", start + lead, start + len(seg.rstrip()), seg.strip()))
        start = m.end()
    if text[start:].strip():
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        out.append(Passage("", start + lead, start + len(seg.rstrip()), seg.strip()))
    return out


def _docs(ds: Dataset, kind: str) -> list[tuple[URIRef, str]]:
    return sorted(((d, str(ds.value(d, DCTERMS.identifier))) for d in ds.subjects(SKG.kind, None)
                   if str(ds.value(d, SKG.kind)) == kind), key=lambda x: x[1])


def literature_claims(ds: Dataset, texts: dict[str, str], openers: list[str] = ()) -> list[LiteratureClaim]:
    """Cited claims of every review. A clause that opens its sentence with a qualifier and carries
    its own marker (``Despite this, within 1 year[20] approximately 73% …[9,14]``) lends its
    references to the clause it qualifies."""
    opener = cue_regex(list(openers))
    claims: list[LiteratureClaim] = []
    for d, doc_id in _docs(ds, "review"):
        rows, markers = [], []
        for c in ds.subjects(SKG.inDocument, d):
            if (c, RDF.type, SKG.Claim) not in ds:
                continue
            refs = sorted(int(ds.value(r, SKG.referenceNumber)) for r in ds.objects(c, CITO.citesAsEvidence))
            marker = ds.value(c, SKG.hasCitationMarker)
            if marker is not None:
                markers.append((int(ds.value(marker, SKG.start)), int(ds.value(marker, SKG.end))))
            rows.append(LiteratureClaim(str(c), doc_id, int(ds.value(c, SKG.start)), int(ds.value(c, SKG.end)),
                                        str(ds.value(c, SKG.text)), refs,
                                        int(ds.value(marker, SKG.end)) if marker is not None else -1))
        rows.sort(key=lambda c: c.start)
        text = texts.get(doc_id, "")
        for prev, cur in zip(rows, rows[1:]):
            between = text[prev.end:cur.start]
            a = max(0, prev.start - 40)
            window = text[a:prev.start]
            before = _without_markers(window, a, markers).rstrip()
            sentence_initial = not before or before[-1] in ".!?" or window.rstrip(" ").endswith("\n")
            if 0 <= cur.start - prev.marker_end <= 3 and not re.search(r"[.!?]", between) and sentence_initial \
                    and opener is not None and opener.match(prev.text.lstrip()):
                cur.context_refs = sorted(set(prev.refs))
        claims.extend(rows)
    return claims


def _without_markers(window: str, offset: int, markers: list[tuple[int, int]]) -> str:
    """``window`` (which starts at ``offset`` in its document) with the document's citation markers,
    as the graph records them, blanked out."""
    chars = list(window)
    for s, e in markers:
        for k in range(max(s, offset), min(e, offset + len(window))):
            chars[k - offset] = " "
    return "".join(chars)


def literature_wide(rules: dict) -> frozenset[str]:
    """The features (and open questions) whose rows pick among the claims of every review at once: the
    first claim that names a symptom, the exam signs at the patient's level. Their rows are made for
    the literature as a whole, not one review at a time."""
    return frozenset([f["id"] for f in rules["features"] if f["compare"] in WHOLE_LITERATURE]
                     + [oq["id"] for oq in rules.get("open_questions", []) if oq["answer"].get("relation")])


class Comparer:
    def __init__(self, ds: Dataset, texts: dict[str, str], rules: dict | None = None):
        self.ds = ds
        self.texts = texts
        self.rules = rules or load_rules()
        self.claims = literature_claims(ds, texts, self.rules.get("qualifier_openers", []))
        self.reported = cue_regex(self.rules.get("reported_speech", []))
        self.speculation = cue_regex(self.rules.get("speculation", []))
        self.concepts = vocabulary.shipped()
        self._selected: dict[str, list[LiteratureClaim]] = {}
        self._reviews: Collection[str] | None = None     # per-claim rows only for these reviews' claims
        self._by_concept: dict[str, dict[str, list[LiteratureClaim]]] = {}
        self._references: dict[tuple[str, ...], list[tuple[str, list[int], list[str]]]] = {}
        self.literature_wide = literature_wide(self.rules)

    # --- patient side -------------------------------------------------------------------------
    def _sentences(self, doc_id: str) -> list[Passage]:
        out = []
        for s in sentences(self.texts.get(doc_id, "")):
            s.doc_id = doc_id
            out.append(s)
        return out

    def _own_sentences(self, doc_id: str) -> list[Passage]:
        """The patient's own statements: sentences that are not reported speech."""
        return [s for s in self._sentences(doc_id) if not (self.reported and self.reported.search(s.text))]

    def _sentence_at(self, doc_id: str, offset: int) -> Passage | None:
        for s in self._sentences(doc_id):
            if s.start <= offset < s.end:
                return s
        return None

    def _mentions(self, d: URIRef, types: set[str]) -> list[tuple[int, int, str, str, str]]:
        """(start, end, text, concept id, assertion) of the document's mentions of ``types``."""
        out = []
        for m in self.ds.subjects(SKG.inDocument, d):
            if (m, RDF.type, SKG.Mention) not in self.ds or str(self.ds.value(m, SKG.mentionType)) not in types:
                continue
            e = self.ds.value(m, OA.hasBody)
            cid = str(self.ds.value(e, SKG.conceptId) or "")
            out.append((int(self.ds.value(m, SKG.start)), int(self.ds.value(m, SKG.end)),
                        str(self.ds.value(m, SKG.exact)), cid, str(self.ds.value(m, SKG.assertion))))
        return sorted(out)

    def _episodes(self, d: URIRef) -> list[str]:
        dates = []
        for e in self.ds.subjects(SKG.inDocument, d):
            if str(self.ds.value(e, SKG.eventType) or "") == "episode":
                dates.append(str(self.ds.value(e, SKG.date) or ""))
        return sorted(x for x in dates if x)

    # --- literature side ----------------------------------------------------------------------
    def _claims_for(self, spec: dict) -> list[LiteratureClaim]:
        """The literature claims a feature's ``literature`` spec selects, of the reviews the run is
        restricted to (:meth:`per_narrative`)."""
        selected = self._all_claims_for(spec)
        if self._reviews is None:
            return selected
        return [c for c in selected if c.doc_id in self._reviews]

    def _all_claims_for(self, spec: dict) -> list[LiteratureClaim]:
        """The literature claims a feature's ``literature`` spec selects: the same for every narrative."""
        key = json.dumps(spec, sort_keys=True)
        if key not in self._selected:
            self._selected[key] = self._select_claims(spec)
        return self._selected[key]

    def _not_addressed(self, spec: dict, row: Comparison) -> list[Comparison]:
        """``[row]`` when no claim of the whole literature speaks to the feature: a row of the literature
        as a whole, written whatever reviews the run is restricted to."""
        return [] if self._all_claims_for(spec) else [row]

    def _select_claims(self, spec: dict) -> list[LiteratureClaim]:
        cues, also, excl = (cue_regex(spec.get(k, [])) for k in ("cues", "also", "exclude"))
        out = []
        for c in self.claims:
            if cues and not cues.search(c.text):
                continue
            if also and not also.search(c.text):
                continue
            if excl and excl.search(c.text):
                continue
            q = spec.get("quantity")
            if q == "duration" and not qty.durations(c.text):
                continue
            if q == "age" and not qty.age_ranges(c.text):
                continue
            out.append(c)
        return out

    # --- features -----------------------------------------------------------------------------
    def run(self) -> list[Comparison]:
        return [row for rows in self.per_narrative() for row in rows]

    def per_narrative(self, only: Collection[str] | None = None,
                      reviews: Collection[str] | None = None) -> Iterator[list[Comparison]]:
        """The comparisons of one narrative at a time, narratives in id order (those of ``only``, the
        narratives' ids, when given: a build reuses the others' from its last run). With ``reviews``
        (review ids), a row tied to one claim is made only for the claims of those reviews (a build
        keeps the other reviews' rows); the rows of the literature as a whole (:meth:`part`) are all
        made."""
        self._reviews = reviews
        try:
            for d, doc_id in _docs(self.ds, "narrative"):
                if only is not None and doc_id not in only:
                    continue
                rows: list[Comparison] = []
                for feat in self.rules["features"]:
                    rows.extend(getattr(self, f"_feature_{feat['compare']}")(d, doc_id, feat))
                rows.extend(self._open_questions(d, doc_id))
                yield rows
        finally:
            self._reviews = None

    def part(self, row: Comparison) -> str | None:
        """The review a row reads (one of its claims, or its references), whose rows do not change while
        that review and the narrative do not; ``None`` for a row of the literature as a whole: a "not
        addressed" row (nothing in any review speaks to the feature), a feature that picks among the
        claims of every review (the first claim naming a symptom, exam signs at the patient's level)."""
        if row.feature in self.literature_wide:
            return None
        return row.ref_doc

    def _quantified_sentences(self, doc_id: str, spec: dict) -> list[tuple[Passage, list[qty.Quantity]]]:
        cues = cue_regex(spec.get("cues", []))
        lo_bound, hi_bound = spec.get("min_seconds", 0), spec.get("max_seconds", math.inf)
        out = []
        for s in self._own_sentences(doc_id):
            if cues and not cues.search(s.text):
                continue
            qs = [q for q in qty.durations(s.text, s.start) if q.low >= lo_bound and q.high <= hi_bound]
            if qs:
                out.append((s, qs))
        return out

    # --- grading and wording --------------------------------------------------------------------
    def _hedge(self, claim: LiteratureClaim) -> str | None:
        """The first hedge word of the claim's sentence, up to the claim's end (``often localized``)."""
        words = self.rules.get("hedges", {}).get("words", {})
        rx = cue_regex(list(words))
        if rx is None:
            return None
        text = self.texts.get(claim.doc_id, "")
        lo = max(0, claim.start - 600)
        ends = list(SENTENCE_END.finditer(text, lo, claim.start))
        a = ends[-1].end() if ends else lo
        m = rx.search(text[a:claim.end] if text else claim.text)
        return m.group(0).lower() if m else None

    def _grade(self, feat: dict, inside: bool, hedge: str | None) -> tuple[str, str]:
        """(verdict, as worded): a hedged claim gives a usual range, a plain one a statement."""
        usual = feat.get("usual", "range")
        if not inside:
            return OUTSIDE, f"outside the usual {usual}"
        return (WITHIN, f"within the usual {usual}") if hedge else (AGREES, AGREES)

    def _says(self, feat: dict, hedge: str | None, value: str) -> str:
        """What the literature says, in its own hedge: ``the literature says the symptoms are often lumbosacral``."""
        hedges = self.rules.get("hedges", {})
        forms = hedges.get("words", {}).get(hedge or "", hedges.get("plain", {"be": "are", "verb": ""}))
        said = feat.get("says", "{value}").format(be=forms["be"], verb=forms["verb"], value=value)
        return "the literature says " + " ".join(said.split())

    @staticmethod
    def _as_written(qs: list[qty.Quantity], low: float, high: float, text: str = "") -> str:
        """Quantities as the text writes them; the numbers read from vague words beside them, marked derived."""
        written = " and ".join(f"“{(_widened(q, text) if text else q.text).strip()}”" for q in qs)
        vague = any(not re.search(r"\d", q.text) or q.open_ended for q in qs)
        return f"{written} (derived: {qty.span_text(low, high)})" if vague else written

    def _feature_range(self, d, doc_id, feat) -> list[Comparison]:
        found = self._quantified_sentences(doc_id, feat["patient"])
        if not found:
            return []
        # the verdict weighs the statement quoted: a habitual one ('mine usually last …') when there is one
        quote = _habitual_first(found)[0]
        quoted = next(qs for s, qs in found if s is quote)
        low, high = min(q.low for q in quoted), max(q.high for q in quoted)
        factor = feat.get("open_bound_factor", 1.0)
        patient = f"patient: {self._as_written(quoted, low, high, self.texts.get(doc_id, ''))}"
        rows = []
        for c in self._claims_for(feat["literature"]):
            lit = qty.durations(c.text)
            lit_low = min(q.low for q in lit)
            lit_high = max((q.stated_high * factor if q.open_ended else q.high) for q in lit)
            overlap = low <= lit_high and lit_low <= high
            hedge = self._hedge(c)
            verdict, worded = self._grade(feat, overlap, hedge)
            said = self._says(feat, hedge, self._as_written(lit, lit_low, max(q.high for q in lit)))
            rows.append(self._row(feat, doc_id, quote, verdict, c, f"{patient}; {said}", worded))
        return rows or self._not_addressed(feat["literature"], self._row(feat, doc_id, quote, NONE, None, patient, NONE))

    def _feature_inside(self, d, doc_id, feat) -> list[Comparison]:
        patient = next(iter(self.ds.subjects(SKG.describedIn, d)), None)
        age = self.ds.value(patient, SKG.age) if patient is not None else None
        if age is None:
            return []
        age = int(age)
        quote = next((s for s in self._own_sentences(doc_id) if re.search(rf"\b{age}\b", s.text)), None)
        if quote is None:
            return []
        onset, how = age, f"patient: age {age}"
        years = [int(x[:4]) for x in self._episodes(d) if x[:4].isdigit()]
        if years and max(years) > min(years):
            onset = age - (max(years) - min(years))
            how = (f"patient: age {age} at the latest episode ({max(years)}); first episode {min(years)}: "
                   f"about {onset} at onset (derived)")
        rows = []
        for c in self._claims_for(feat["literature"]):
            hedge = self._hedge(c)
            for q in qty.age_ranges(c.text):
                verdict, worded = self._grade(feat, q.low <= onset <= q.high, hedge)
                rows.append(self._row(feat, doc_id, quote, verdict, c,
                                      f"{how}; {self._says(feat, hedge, '“' + q.text + '”')}", worded))
        return rows

    def _feature_presence(self, d, doc_id, feat) -> list[Comparison]:
        spec = feat["patient"]
        cues = cue_regex(spec.get("cues", []))
        matching = [s for s in self._own_sentences(doc_id) if cues and cues.search(s.text)]
        episodes = self._episodes(d)
        if not matching or len(episodes) < spec.get("min_episodes", 0) and len(matching) < 2:
            return []
        detail = f"patient: {len(episodes)} dated episodes" if episodes else "patient: recurring episodes described"
        claims = self._claims_for(feat["literature"])
        return [self._row(feat, doc_id, matching[0], AGREES, c, detail, AGREES) for c in claims] or \
            self._not_addressed(feat["literature"], self._row(feat, doc_id, matching[0], NONE, None, detail, NONE))

    def _feature_told(self, d, doc_id, feat) -> list[Comparison]:
        """Something the patient tells of (stress, a job lost) that the literature names as a factor."""
        cues = cue_regex(feat["patient"].get("cues", []))
        matching = [s for s in self._own_sentences(doc_id) if cues and cues.search(s.text)]
        if not matching:
            return []
        told = list(dict.fromkeys(m.group(0).lower() for s in matching for m in cues.finditer(s.text)))
        detail = "patient tells of " + ", ".join(f"“{t}”" for t in told)
        rows = []
        for c in self._claims_for(feat["literature"]):
            hedge = self._hedge(c)
            names = f"the literature names such {feat.get('usual', 'factors')}" + (f" ({hedge})" if hedge else "")
            rows.append(self._row(feat, doc_id, matching[0], AGREES, c, f"{detail}; {names}", AGREES))
        return rows or self._not_addressed(feat["literature"], self._row(feat, doc_id, matching[0], NONE, None, detail, NONE))

    def _feature_symptoms(self, d, doc_id, feat) -> list[Comparison]:
        """Each symptom the patient tells of (not a drug's side effect), against the first claim about
        spasms that names the same symptom."""
        reported = [(int(self.ds.value(o, SKG.start)), int(self.ds.value(o, SKG.end)))
                    for o in self.ds.subjects(SKG.inDocument, d) if (o, RDF.type, SKG.TreatmentOutcome) in self.ds]
        by_concept = self._claims_by_concept(feat["literature"])
        others = cue_regex(feat["patient"].get("others_view", []))
        rows, seen = [], set()
        for s, e, t, cid, a in self._mentions(d, {"symptom"}):
            if a != "present" or not cid or cid in seen or any(a0 <= s < b0 for a0, b0 in reported):
                continue
            quote = self._sentence_at(doc_id, s)
            if quote is None or (self.reported and self.reported.search(quote.text)) \
                    or (others and others.search(quote.text)):
                continue                    # what a practitioner found or said is not the patient's symptom
            seen.add(cid)
            concept = self.concepts.get(cid)
            label = concept.label if concept else t
            claims = sorted(by_concept.get(cid, []), key=lambda c: c.start)
            if claims:
                rows.append(self._row(feat, doc_id, quote, AGREES, claims[0],
                                      f"patient: “{t}” ({label}); the literature names it among the symptoms", AGREES))
            else:
                rows.append(self._row(feat, doc_id, quote, NONE, None,
                                      f"patient: “{t}” ({label}); no claim about spasms names it", NONE))
        return rows

    def _claims_by_concept(self, spec: dict) -> dict[str, list[LiteratureClaim]]:
        """Concept id -> the claims of every review that ``spec``'s cues select and that name it; read
        from the graph once per comparison run."""
        key = json.dumps(spec, sort_keys=True)
        if key not in self._by_concept:
            cues = cue_regex(spec.get("cues", []))
            by_concept: dict[str, list[LiteratureClaim]] = {}
            for c in self.claims:
                if cues is None or cues.search(c.text):
                    for ent in self.ds.objects(URIRef(c.iri), SKG.mentions):
                        by_concept.setdefault(str(self.ds.value(ent, SKG.conceptId) or ""), []).append(c)
            self._by_concept[key] = by_concept
        return self._by_concept[key]

    def _regions_of(self, concept_or_text: str) -> set[str]:
        out = set()
        for region, members in self.rules.get("regions", {}).items():
            for mbr in members:
                if mbr.endswith("*") and re.fullmatch(re.escape(mbr[:-1]) + r"\d{1,2}(?:\s*[-–/]\s*[A-Z]?\d{1,2})?", concept_or_text):
                    out.add(region)
                elif mbr == concept_or_text:
                    out.add(region)
        return out

    def _feature_region(self, d, doc_id, feat) -> list[Comparison]:
        cues = cue_regex(feat["patient"].get("cues", []))
        found = [(s, e, t, cid) for s, e, t, cid, a in self._mentions(d, {"anatomy"}) if a != "negated"
                 and (cues is None or cues.search((self._sentence_at(doc_id, s) or Passage("", 0, 0, "")).text))]
        regions: set[str] = set()
        words: list[str] = []
        first = None
        for s, e, t, cid in found:
            r = self._regions_of(cid) | self._regions_of(t.strip())
            if r and first is None:
                first = s
            if r:
                words.append(t.strip())
            regions |= r
        if not regions or first is None:
            return []
        quote = self._sentence_at(doc_id, first)
        said_by_patient = f"patient: {', '.join(sorted(regions))} ({', '.join('“' + w + '”' for w in dict.fromkeys(words))})"
        rows = []
        for c in self._claims_for(feat["literature"]):
            lit = set()
            for ent in self.ds.objects(URIRef(c.iri), SKG.mentions):
                lit |= self._regions_of(str(self.ds.value(ent, SKG.conceptId) or ""))
            if not lit:
                continue
            hedge = self._hedge(c)
            verdict, worded = self._grade(feat, bool(lit & regions), hedge)
            rows.append(self._row(feat, doc_id, quote, verdict, c,
                                  f"{said_by_patient}; {self._says(feat, hedge, ' or '.join(sorted(lit)))}", worded))
        return rows

    def _feature_references(self, d, doc_id, feat) -> list[Comparison]:
        rows, seen = [], set()
        for s, e, t, cid, a in self._mentions(d, {"drug"}):
            if not cid or cid in seen:
                continue
            seen.add(cid)
            concept = self.concepts.get(cid)
            names = concept.names if concept else [t]
            refs = self._references_about(names)
            quote = self._sentence_at(doc_id, s)
            outcome = self._outcome(d, t)
            label = concept.label if concept else t
            detail = f"{t} = {label}" if t.lower() != label.lower() else label
            if outcome:
                detail += f"; patient's outcome: {outcome}"
            for ref_doc, nums, titles in refs:
                if self._reviews is not None and ref_doc not in self._reviews:
                    continue
                rows.append(Comparison(feat["id"], feat["label"], doc_id, quote, "not addressed", refs=nums,
                                       ref_doc=ref_doc, literature_text=" | ".join(titles),
                                       detail=detail + "; studied in the cited works, no claim in the text weighs the outcome"))
            if not refs:
                rows.append(Comparison(feat["id"], feat["label"], doc_id, quote, "not addressed", detail=detail))
        return rows

    def _references_about(self, names: list[str]) -> list[tuple[str, list[int], list[str]]]:
        """(review, reference numbers, titles) of every review's references whose title names a drug by
        one of ``names``: the same for every narrative, so found once per comparison run."""
        key = tuple(names)
        if key not in self._references:
            pat = cue_regex([n.lower() for n in names])
            out = []
            for doc_id, titles in self._reference_titles():
                hits = [(n, title) for n, title in titles if pat.search(title)]
                if hits:
                    hits.sort()
                    out.append((doc_id, [n for n, _ in hits], [t for _, t in hits]))
            self._references[key] = out
        return self._references[key]

    def _reference_titles(self) -> list[tuple[str, list[tuple[int, str]]]]:
        """Each review's reference numbers and titles, read from the graph once per comparison run."""
        if getattr(self, "_titles", None) is None:
            self._titles = []
            for d, doc_id in _docs(self.ds, "review"):
                titles = []
                for r in self.ds.subjects(DCTERMS.isPartOf, d):
                    title = self.ds.value(r, DCTERMS.title)
                    if title is not None and (r, RDF.type, SKG.BibliographicReference) in self.ds:
                        titles.append((int(self.ds.value(r, SKG.referenceNumber)), str(title)))
                self._titles.append((doc_id, titles))
        return self._titles

    def _outcome(self, d, text: str) -> str | None:
        """Every outcome the account gives this treatment, in the order it tells them."""
        found = sorted((int(self.ds.value(o, SKG.start)), str(self.ds.value(o, SKG.outcome)))
                       for o in self.ds.subjects(SKG.inDocument, d)
                       if (o, RDF.type, SKG.TreatmentOutcome) in self.ds
                       and str(self.ds.value(o, SKG.treatmentText)).lower() == text.lower())
        outcomes = list(dict.fromkeys(o for _, o in found))
        return ", ".join(outcomes) or None

    def _open_questions(self, d, doc_id) -> list[Comparison]:
        rows = []
        for oq in self.rules.get("open_questions", []):
            feat = {"id": oq["id"], "label": oq["label"]}
            quote = None
            if oq.get("patient_cues"):
                cues = cue_regex(oq["patient_cues"])
                quote = next((s for s in self._own_sentences(doc_id)
                              if self.speculation and self.speculation.search(s.text) and cues.search(s.text)), None)
            elif oq.get("patient_types"):
                cues = cue_regex(oq.get("patient_finding_cues", []))
                found = [s for s, e, t, cid, a in self._mentions(d, set(oq["patient_types"]))
                         if a != "negated" and (cues is None or cues.search(t))]
                quote = self._sentence_at(doc_id, found[0]) if found else None
            if quote is None:
                continue
            ans = oq["answer"]
            if ans.get("relation"):
                rows.extend(self._signs_at_level(d, doc_id, feat, oq, quote))
            else:
                for c in self._claims_for({"cues": ans["cues"]}):
                    rows.append(self._row(feat, doc_id, quote, OPEN, c, "", OPEN))
        return rows

    def _findings_by_region(self, d, cues: list[str]) -> dict[str, str]:
        """The patient's located findings that can press on a nerve (``cues``), by spinal region, worded
        level by level from head to tail: ``{"thoracic": "T11-T12 (small right paracentral disc herniation)"}``."""
        rx = cue_regex(cues)
        found: dict[str, dict[tuple[int, str], list[str]]] = {}
        for node in self.ds.subjects(SKG.inDocument, d):
            if (node, RDF.type, SKG.LocatedFinding) not in self.ds:
                continue
            text = " ".join(str(self.ds.value(self.ds.value(node, SKG.mention), SKG.exact) or "").split())
            if rx is None or not rx.search(text):
                continue
            for site in self.ds.objects(node, SKG.locatedIn):
                label = str(self.ds.value(site, RDFS.label) or "")
                order = int(self.ds.value(site, SKG.levelOrder) or 0)
                for region in self._regions_of(label) | self._regions_of(str(self.ds.value(site, SKG.conceptId) or "")):
                    texts = found.setdefault(region, {}).setdefault((order, label), [])
                    if text.lower() not in (t.lower() for t in texts):
                        texts.append(text)
        return {region: "; ".join(f"{label}: {', '.join(sorted(texts, key=str.lower))}"
                                  for (_, label), texts in sorted(levels.items()))
                for region, levels in sorted(found.items())}

    def _signs_at_level(self, d, doc_id, feat, oq, quote) -> list[Comparison]:
        """The exam signs the literature gives for the condition, each with the roots it tests; a
        sign of another spinal region than the patient's findings is said to be so, not offered."""
        ans = oq["answer"]
        regions_of_sign = {k: v for k, v in ans.get("sign_regions", {}).items() if k != "about"}
        findings = self._findings_by_region(d, oq.get("finding_cues", []))
        condition = self.concepts[ans["condition"]].label
        rows = []
        signs = self._indicators(ans["condition"])
        at_level = any(regions_of_sign.get(str(self.ds.value(URIRef(i), SKG.conceptId) or ""), {}).get("region")
                       in findings for i, _, _ in signs)
        elsewhere = "" if at_level else ", and the literature gives no test at that level"
        for sign_iri, sign, claim in signs:
            cid = str(self.ds.value(URIRef(sign_iri), SKG.conceptId) or "")
            where = regions_of_sign.get(cid)
            if where is None:
                rows.append(self._row(feat, doc_id, quote, OPEN, claim, f"{sign} tests for {condition}", OPEN))
                continue
            tests = f"{sign} tests {where['tests']} for {condition}"
            if not findings:
                rows.append(self._row(feat, doc_id, quote, OPEN, claim, f"{tests}; the account places no finding at a level", OPEN))
            elif where["region"] in findings:
                at = findings[where["region"]]
                rows.append(self._row(feat, doc_id, quote, OPEN, claim,
                                      f"{tests}; the patient's finding is at that level ({at})", OPEN))
            else:
                at = "; ".join(f"{region}, {items}" for region, items in findings.items())
                rows.append(self._row(feat, doc_id, quote, NONE, claim,
                                      f"{tests}; the patient's finding is at another level ({at}): this test does "
                                      f"not examine it{elsewhere}",
                                      "not addressed at the patient's level"))
        return rows

    def _indicators(self, condition_id: str) -> list[tuple[str, str, LiteratureClaim]]:
        target = KG[f"entity/{condition_id}"]
        by_iri = {c.iri: c for c in self.claims}
        out = []
        for st in self.ds.subjects(RDF.object, target):
            if str(self.ds.value(st, SKG.relationType)) != "indicates":
                continue
            claim = self.ds.value(st, SKG.evidenceClaim)
            subject = self.ds.value(st, RDF.subject)
            sign = self.ds.value(subject, RDFS.label)
            if claim is not None and str(claim) in by_iri:
                out.append((str(subject), str(sign), by_iri[str(claim)]))
        return sorted(out, key=lambda x: (x[2].start, x[1]))

    def _row(self, feat, doc_id, quote: Passage, verdict: str, claim: LiteratureClaim | None, detail: str,
             worded: str = "") -> Comparison:
        refs = sorted(set(claim.refs) | set(claim.context_refs)) if claim else []
        return Comparison(feat["id"], feat["label"], doc_id, quote, verdict, claim, refs,
                          claim.doc_id if claim else None, claim.text if claim else None, detail, worded or verdict)


# kinds of feature (``compare`` in rules.json) whose rows pick among every review's claims
WHOLE_LITERATURE = frozenset({"symptoms"})

SENTENCE_END = re.compile(r"[.!?](?:\^\{[^}]*\}|[⁰¹²³⁴⁵⁶⁷⁸⁹,–-]+)?\s+|\n")
LEAD = re.compile(r"(?:\b(?:last(?:s|ed|ing)?|for|about|over|around)\s+)+$", re.I)


ADJECTIVAL = re.compile(r"\d+-\w+$")
NEXT_WORD = re.compile(r"^\s+[a-z]+\b")


def _widened(q: qty.Quantity, text: str) -> str:
    """The quantity with the words that lead it in the text (``last for days``, not ``days``), and the
    noun a quantity used as an adjective qualifies (``3-month cycle``, not ``3-month``)."""
    m = LEAD.search(text[max(0, q.start - 30):q.start])
    written = (m.group(0) if m else "") + text[q.start:q.end]
    if ADJECTIVAL.search(written) and (n := NEXT_WORD.match(text[q.end:q.end + 30])):
        written += n.group(0)
    return written


def _habitual_first(found):
    habitual = re.compile(r"\b(usually|typically|always|often|mine|lasts?)\b", re.I)
    return sorted((s for s, _ in found), key=lambda s: (not habitual.search(s.text), s.start))


def compare(ds: Dataset, texts: dict[str, str], rules: dict | None = None) -> list[Comparison]:
    """Every comparison of every patient narrative in ``ds`` with the literature in ``ds``."""
    return Comparer(ds, texts, rules).run()
