"""Statements a clinician acts on, read from the parse of each sentence of a review.

- ``recommends`` / ``recommends_against``: "X is recommended by the guideline", "guidelines
  recommend against X", "X should be considered"; who recommends (the ``by`` phrase or the subject)
  is kept as written, and a purpose ("To determine ..., X is recommended") or condition ("if ...")
  stays with it.
- ``indicated_when``: a test, imaging or procedure and the clause that says when it is needed:
  "few patients need X unless A or B" gives one statement per indication (A, B);
  "X should be considered if A"; "X is indicated for patients with A"; "X is useful in patients in
  whom A".
- ``effective_for`` / ``not_effective_for``: "X is effective for Y", "X was no better than placebo",
  "X reduces Y", "X has the best outcome"; the comparison ("than placebo") is kept.
- ``aggravates`` / ``relieves``: "sitting worsens the pain", "pain may worsen with sitting",
  "pain is relieved by rest".
- ``differential_of``: "the differential diagnosis of Y includes X".

Leaflets and reference works put advice as imperatives ("Seek medical evaluation", "Talk to a doctor
about heat therapy") and as list items under a heading that names the test ("MRI" then "- imaging
modality of choice", "- useful in patients in whom MRI is contraindicated"); both are read.

A statement found here holds spans of the parsed document; ``clinical_statement_records`` turns it
into :class:`~spasmkg.extract.model.Relation` records with mentions, claims and references, and
derives red flags. Cue words are data: ``rules/clinical_statements.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from spasmkg.extract import rules as rule_files
from spasmkg.extract.narrative.reading import source_text

if not Doc.has_extension("clinical_statements"):
    Doc.set_extension("clinical_statements", default=None)

CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "relcl", "acl"}
SUBJECTS = {"nsubj", "nsubjpass"}


@dataclass
class FoundStatement:
    """One statement as spans of the document: ``head`` is the phrase the statement is about (what is
    recommended, the test, the treatment, the factor), ``tail`` what it bears on when the sentence
    names it (else the document's topic)."""
    type: str
    head: Span
    sentence: Span
    rule: str
    tail: Span | None = None
    agent: Span | None = None
    qualifier: str | None = None
    qualifier_kind: str | None = None     # indication | condition | purpose | comparison
    negated: bool = False
    conditional: bool = False
    items: list[Span] = field(default_factory=list)   # the phrase's conjuncts, each a head of its own


def _span(doc: Doc, tok: Token, skip: set[str] = frozenset()) -> Span:
    """The phrase a token heads, without leading determiners and punctuation, and without the
    children whose dependency is in ``skip``."""
    left, right = tok.left_edge.i, tok.right_edge.i
    for child in tok.children:
        if child.dep_ in skip:
            if child.i > tok.i:
                right = min(right, child.left_edge.i - 1)
            else:
                left = max(left, child.right_edge.i + 1)
    while left < right and (doc[left].pos_ in ("DET", "PUNCT", "CCONJ") or doc[left].text.lower() in ("such", "as")):
        left += 1
    while right > left and doc[right].pos_ in ("PUNCT", "CCONJ"):
        right -= 1
    return doc[left:right + 1]


def _conjuncts(doc: Doc, tok: Token) -> list[Span]:
    """Each conjunct of a noun phrase (``A and B``) as its own phrase, examples left out."""
    out = []
    for t in (tok, *tok.conjuncts):
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
            continue
        out.append(_span(doc, t, skip={"conj", "cc", "prep", "punct", "appos", "relcl", "acl"}
                         if t.pos_ in ("NOUN", "PROPN") else {"conj", "cc", "punct"}))
    return out


def _antecedent(verb: Token, subj: Token | None) -> Token | None:
    """The noun a relative pronoun stands for: in "heat or stretching, which may help", the subject of
    "help" is "heat or stretching". A verb in a to-clause or under "help" takes its governor's."""
    if subj is not None and subj.lower_ in ("which", "that", "who"):
        rel = verb
        while rel.dep_ in ("xcomp", "ccomp") and rel.head is not rel:
            rel = rel.head
        return rel.head if rel.dep_ == "relcl" else None
    if subj is None and verb.dep_ in ("xcomp", "ccomp") and verb.head is not verb:
        return _antecedent(verb.head, next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
    return subj


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the source text the parse does not hold as tokens (a heading is set apart from
    the body it reads), with the offsets and text a statement's phrase needs."""
    start_char: int
    end_char: int
    text: str


def _heading_before(doc: Doc, sent: Span) -> TextSpan | None:
    """The short heading line a list item hangs under ("MRI", then "- imaging modality of choice"):
    the nearest line before the sentence of at most four words, without closing punctuation."""
    text = source_text(doc)         # the body the parser reads has its line ends made spaces
    end = sent.start_char
    for _ in range(4):
        line_end = text.rfind("\n", 0, end)
        if line_end < 0:
            return None
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].strip()
        end = line_start
        if not line:
            continue
        if line.startswith(("-", "•", "*")):
            continue
        if len(line.split()) <= 4 and line[-1] not in ".:;,":
            lead = line_start + (len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip()))
            return TextSpan(lead, lead + len(line), line)
        return None
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _condition_clauses(doc: Doc, verb: Token, marks: set[str]) -> list[tuple[Token, Span]]:
    """The clauses hanging from ``verb`` opened by one of ``marks`` (``if``, ``unless``)."""
    out = []
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
            out.append((c, doc[c.left_edge.i:c.right_edge.i + 1]))
    return out


def _split_alternatives(doc: Doc, clause: Span, mark_words: set[str]) -> list[Span]:
    """A condition clause as its alternatives: ``unless A indicates B or the patient presents with C``
    holds two indications. A split falls at ``or``/``and`` when a verb lies on both sides of it."""
    toks = [t for t in clause if not (t.dep_ == "mark" and t.lower_ in mark_words)]
    if not toks:
        return []
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.dep_ == "cc" and t.lower_ in ("or", "and") and any(x.pos_ in ("VERB", "AUX") for x in parts[-1]):
            rest = [x for x in toks if x.i > t.i]
            nxt = []
            for x in rest:
                if x.dep_ == "cc" and x.lower_ in ("or", "and"):
                    break
                nxt.append(x)
            if any(x.pos_ == "VERB" for x in nxt):
                parts.append([])
                continue
        parts[-1].append(t)
    out = []
    for p in parts:
        while p and p[0].pos_ in ("PUNCT", "CCONJ"):
            p = p[1:]
        while p and p[-1].pos_ in ("PUNCT", "CCONJ"):
            p = p[:-1]
        if p:
            out.append(doc[p[0].i:p[-1].i + 1])
    return out


class ClinicalStatements:
    """The ``spasmkg_clinical_statements`` component: reviews only (a patient's account has its own
    reading of what helped)."""

    def __init__(self, nlp: Language, rules: str | None = None):
        self.rules = rule_files.load(rules or "clinical_statements")
        r = self.rules
        self.rec = r["recommend"]
        self.ind = r["indication"]
        self.eff = r["efficacy"]
        self.mod = r["modifies"]
        self.diff = r["differential"]
        self.marks = set(self.ind["condition_marks"])

    def __call__(self, doc: Doc) -> Doc:
        found: list[FoundStatement] = []
        if getattr(doc._, "kind", None) != "narrative":
            for sent in doc.sents:
                found.extend(self.read_sentence(doc, sent))
        doc._.clinical_statements = found
        return doc

    # --- one sentence ------------------------------------------------------------------------
    def read_sentence(self, doc: Doc, sent: Span) -> list[FoundStatement]:
        out: list[FoundStatement] = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("ROOT", "conj"):
                out.extend(self._recommendation(doc, sent, tok))
                out.extend(self._indication(doc, sent, tok))
                out.extend(self._modifier(doc, sent, tok))
                out.extend(self._efficacy_verb(doc, sent, tok))
            if tok.pos_ == "ADJ" or tok.dep_ == "acomp":
                out.extend(self._efficacy_adjective(doc, sent, tok))
                out.extend(self._useful_in(doc, sent, tok))
        out.extend(self._differential(doc, sent))
        out.extend(self._of_choice(doc, sent))
        return out

    def _object_of(self, doc: Doc, verb: Token) -> tuple[Token | None, bool]:
        """The thing a verb of recommending is about, and whether the verb is passive."""
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive, True
        for dep in ("dobj", "attr"):
            obj = next((c for c in verb.children if c.dep_ == dep), None)
            if obj is not None:
                return obj, False
        for c in verb.children:       # "suggest considering X", "recommend that X be done"
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                inner, _ = self._object_of(doc, c)
                if inner is not None:
                    return inner, False
        against = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in self.rec["against_preps"]), None)
        if against is not None:
            obj = next((c for c in against.children if c.dep_ == "pobj"), None)
            return obj, False
        return None, False

    def _recommendation(self, doc: Doc, sent: Span, verb: Token) -> list[FoundStatement]:
        lemma = verb.lemma_.lower()
        modal = any(c.dep_ == "aux" and c.lower_ in self.rec["modals"] for c in verb.children)
        advice = set(self.rec["modal_verbs"]) | set(self.rec["imperative_verbs"])
        imperative = (not modal and verb.dep_ in ("ROOT", "conj")
                      and not any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in verb.children)
                      and (verb.tag_ == "VB" or (verb.dep_ == "conj" and any(c.dep_ == "dobj" for c in verb.children)))
                      and (verb.lower_ in advice or (verb.tag_ == "VB" and lemma in advice)))
        if lemma in self.rec["verbs"] and not imperative:
            rule = "recommend_verb"
        elif modal and lemma in self.rec["modal_verbs"]:
            rule = "recommend_modal"
        elif imperative:
            rule = "recommend_imperative"
        else:
            return []
        obj, passive = self._object_of(doc, verb)
        agent = None
        if passive:
            by = next((c for c in verb.children if c.dep_ == "agent"), None)
            if by is not None:
                pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
                agent = _span(doc, pobj) if pobj is not None else None
        elif rule == "recommend_verb":
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            agent = _span(doc, subj) if subj is not None else None
        if rule == "recommend_imperative" and obj is None:     # "Talk to a doctor": the verb and whom to
            prep = next((c for c in verb.children if c.dep_ == "prep"), None)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            comp = next((c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp") and c.i > verb.i), None)
            if comp is not None:                        # "Stay active", "Keep moving"
                phrase = doc[verb.i:comp.i + 1]
            elif pobj is not None and pobj.i > verb.i:     # "Talk to a doctor"
                phrase = doc[verb.i:pobj.i + 1]
            else:
                phrase = doc[verb.i:verb.i + 1]
            return [FoundStatement(type="recommends_against" if lemma in self.rec["against_verbs"] else "recommends",
                                   head=phrase, sentence=sent, rule=rule, items=[phrase])]
        if obj is None and rule == "recommend_modal" and lemma in self.rec["subject_verbs"]:
            obj = verb                                       # "patients should seek care": the act itself
        if obj is None:
            return []
        against = (lemma in self.rec["against_verbs"] or _negated(verb)
                   or any(c.dep_ == "prep" and c.lower_ in self.rec["against_preps"] for c in verb.children))
        head = _span(doc, obj, skip={"relcl", "acl", "punct"}) if obj is not verb else _span(doc, verb, skip=SUBJECTS | {"aux", "neg", "advcl", "punct", "advmod"})
        st = FoundStatement(type="recommends_against" if against else "recommends", head=head, sentence=sent,
                            rule=rule, agent=agent, items=_conjuncts(doc, obj) if obj is not verb else [head])
        conditions = _condition_clauses(doc, verb, self.marks)
        if conditions:
            st.conditional = True
            st.qualifier, st.qualifier_kind = conditions[0][1].text, "condition"
        else:
            purpose = next((c for c in verb.children if c.dep_ == "advcl"
                            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
            if purpose is not None:
                st.qualifier, st.qualifier_kind = doc[purpose.left_edge.i:purpose.right_edge.i + 1].text, "purpose"
        return [st]

    def _is_procedure(self, span: Span) -> bool:
        if isinstance(span, TextSpan):
            words = set(re.findall(r"[a-z][a-z-]*", span.text.lower()))
        else:
            words = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
        return bool(words & set(self.ind["objects"]))

    def _indication(self, doc: Doc, sent: Span, verb: Token) -> list[FoundStatement]:
        if verb.lemma_.lower() not in self.ind["verbs"]:
            return []
        obj, passive = self._object_of(doc, verb)
        if obj is None:
            return []
        head = _span(doc, obj, skip={"relcl", "acl", "punct", "prep"})
        if not self._is_procedure(_span(doc, obj)):
            return []
        out = []
        conditions = _condition_clauses(doc, verb, self.marks)
        for _c, clause in conditions:
            for alt in _split_alternatives(doc, clause, self.marks):
                out.append(FoundStatement(type="indicated_when", head=head, sentence=sent, rule="indication_clause",
                                          qualifier=alt.text, qualifier_kind="indication", conditional=True,
                                          items=_conjuncts(doc, obj)))
        if not conditions and passive:
            for c in verb.children:      # "X is indicated for patients with A", "X may be used for pain lasting ..."
                if c.dep_ == "prep" and c.lower_ in self.ind["condition_preps"]:
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None and (pobj.lower_ in self.ind["people"] or pobj.lemma_.lower() in self.ind["people"]):
                        out.append(FoundStatement(type="indicated_when", head=head, sentence=sent, rule="indication_for",
                                                  qualifier=doc[pobj.left_edge.i:pobj.right_edge.i + 1].text,
                                                  qualifier_kind="indication", conditional=True, items=_conjuncts(doc, obj)))
        return out

    def _useful_in(self, doc: Doc, sent: Span, adj: Token) -> list[FoundStatement]:
        """A list item or sentence saying a test is useful or needed in some patients."""
        if adj.lower_ not in self.ind["adjectives"]:
            return []
        prep = next((c for c in adj.children if c.dep_ == "prep" and c.lower_ in self.ind["condition_preps"]), None)
        if prep is None:
            return []
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in self.ind["people"]:
            return []
        subj_tok = adj.head if adj.dep_ in ("acomp", "amod") else None
        subj = next((c for c in subj_tok.children if c.dep_ in SUBJECTS), None) if subj_tok is not None else None
        if subj is None and adj.dep_ == "amod":
            subj = adj.head
        if subj is None:         # a list item under a heading that names the test: "- useful in patients in whom ..."
            head = _heading_before(doc, sent)
            if head is None:
                return []
            items = [head]
        else:
            head = _span(doc, subj, skip={"relcl", "acl", "punct", "prep"})
            items = _conjuncts(doc, subj)
        if not self._is_procedure(head):
            return []
        return [FoundStatement(type="indicated_when", head=head, sentence=sent, rule="indication_useful",
                               qualifier=doc[pobj.left_edge.i:pobj.right_edge.i + 1].text, qualifier_kind="indication",
                               conditional=True, items=items)]

    def _of_choice(self, doc: Doc, sent: Span) -> list[FoundStatement]:
        """"X is the treatment of choice", or a list item "- imaging modality of choice" under the
        heading X: X is recommended."""
        low = sent.text.lower()
        if not any(c in low for c in self.rec["of_choice"]):
            return []
        for tok in sent:
            if tok.lower_ == "choice" and tok.head.lower_ == "of":
                noun = tok.head.head
                cop = noun.head if noun.dep_ in ("attr",) else None
                subj = next((c for c in cop.children if c.dep_ in SUBJECTS), None) if cop is not None else None
                head = _span(doc, subj) if subj is not None else _heading_before(doc, sent)
                if head is None:
                    return []
                return [FoundStatement(type="recommends", head=head, sentence=sent, rule="of_choice", items=[head])]
        return []

    def _comparison(self, doc: Doc, tok: Token) -> str | None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in self.eff["comparison_preps"]:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return doc[c.i:pobj.i + 1].text if c.lower_ != "compared" else doc[c.i:c.right_edge.i + 1].text
            if c.dep_ == "prep" and c.lower_ == "compared":
                return doc[c.i:c.right_edge.i + 1].text
        return None

    def _efficacy_adjective(self, doc: Doc, sent: Span, adj: Token) -> list[FoundStatement]:
        low = adj.lower_
        if low not in self.eff["adjectives"] and low not in self.eff["negative_adjectives"]:
            return []
        if adj.dep_ not in ("acomp", "attr", "ROOT"):
            return []
        cop = adj.head if adj.dep_ != "ROOT" else adj
        subj = next((c for c in cop.children if c.dep_ in SUBJECTS), None)
        if subj is None:
            return []
        negated = (low in self.eff["negative_adjectives"] or _negated(adj) or _negated(cop)
                   or any(c.dep_ == "neg" or c.lower_ == "no" for c in adj.lefts))
        comparison = self._comparison(doc, adj)
        if low in ("better", "superior") and comparison is None:
            return []
        tail = None
        for c in adj.subtree:         # "effective for X", "no better than placebo for X"
            if c.dep_ == "prep" and c.lower_ in ("for", "in") and c.i > adj.i:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    tail = _span(doc, pobj)
                    break
        st = FoundStatement(type="not_effective_for" if negated else "effective_for",
                            head=_span(doc, subj, skip={"relcl", "acl", "punct"}), sentence=sent, rule="efficacy_adjective",
                            tail=tail, items=_conjuncts(doc, subj))
        if comparison:
            st.qualifier, st.qualifier_kind = comparison, "comparison"
        return [st]

    def _efficacy_verb(self, doc: Doc, sent: Span, verb: Token) -> list[FoundStatement]:
        lemma = verb.lemma_.lower()
        subj = _antecedent(verb, next((c for c in verb.children if c.dep_ == "nsubj"), None))
        if subj is None and verb.dep_ == "xcomp":         # "X seems to have the best outcome"
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return []
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if lemma == "have" and obj is not None and obj.lemma_.lower() in self.eff["outcome_nouns"]:
            if not any(c.lower_ in self.eff["good_words"] for c in obj.children):
                return []
            rule = "efficacy_outcome"
            tail = None
        elif lemma in self.eff["verbs"] or lemma in self.eff["failure_verbs"]:
            rule = "efficacy_verb"
            tail = _span(doc, obj) if obj is not None else None
            if lemma in self.eff["failure_verbs"]:
                inner = next((c for c in verb.children if c.dep_ == "xcomp"), None)
                if inner is None or inner.lemma_.lower() not in self.eff["verbs"]:
                    return []
        else:
            return []
        negated = _negated(verb) or lemma in self.eff["failure_verbs"] or (obj is not None and _negated(obj))
        st = FoundStatement(type="not_effective_for" if negated else "effective_for",
                            head=_span(doc, subj, skip={"relcl", "acl", "punct"}), sentence=sent, rule=rule, tail=tail,
                            items=_conjuncts(doc, subj))
        comparison = self._comparison(doc, verb) or (self._comparison(doc, obj) if obj is not None else None)
        if comparison:
            st.qualifier, st.qualifier_kind = comparison, "comparison"
        return [st]

    def _modifier(self, doc: Doc, sent: Span, verb: Token) -> list[FoundStatement]:
        """Aggravating and relieving factors."""
        lemma = verb.lemma_.lower()
        if lemma in self.mod["aggravates"]:
            kind = "aggravates"
        elif lemma in self.mod["relieves"]:
            kind = "relieves"
        else:
            return []
        subj = _antecedent(verb, next((c for c in verb.children if c.dep_ == "nsubj"), None))
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        negated = _negated(verb)
        if negated:
            return []
        if passive is not None:                      # "pain is relieved by rest"
            by = next((c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in self.mod["passive_preps"]), None)
            factor = next((g for g in by.children if g.dep_ in ("pobj", "pcomp")), None) if by is not None else None
            if factor is None:
                return []
            return [FoundStatement(type=kind, head=_span(doc, factor), sentence=sent, rule="modifier_passive",
                                   tail=_span(doc, passive), items=_conjuncts(doc, factor))]
        if subj is not None and obj is not None:      # "sitting worsens the pain"
            return [FoundStatement(type=kind, head=_span(doc, subj, skip={"relcl", "acl"}), sentence=sent,
                                   rule="modifier_active", tail=_span(doc, obj), items=_conjuncts(doc, subj))]
        if subj is not None and obj is None:          # "pain may worsen with sitting"
            prep = next((c for c in verb.children if c.dep_ in ("prep", "advcl") and c.lower_ in self.mod["with_preps"]), None)
            factor = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if factor is None:
                return []
            return [FoundStatement(type=kind, head=_span(doc, factor), sentence=sent, rule="modifier_with",
                                   tail=_span(doc, subj), items=_conjuncts(doc, factor))]
        return []

    def _differential(self, doc: Doc, sent: Span) -> list[FoundStatement]:
        cues = self.diff["cues"]
        low = sent.text.lower()
        if not any(c in low for c in cues):
            return []
        return [FoundStatement(type="differential_of", head=sent, sentence=sent, rule="differential")]


@Language.factory("spasmkg_clinical_statements_v1", assigns=["doc._.clinical_statements"],
                  default_config={"rules": None})
def make_clinical_statements(nlp: Language, name: str, rules: str | None) -> ClinicalStatements:
    return ClinicalStatements(nlp, rules)
