"""Where a patient's symptoms are and what sets them off, as relations between mentions.

``located_in``: a symptom or condition and a body site joined in the parse by a place preposition
(``spasms in my lower back, across my shoulder blades``), or the site naming the symptom's subject (``my back
went into spasm``). ``triggered_by``: the condition of an episode sentence and its trigger mention, and
a trigger that is the subject of a worsening verb next to a symptom (``sitting too long makes them
worse``). Preposition and verb lists are data: ``rules/narrative_events.json``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from spasmkg.extract import rules as narrative_rules
from spasmkg.extract.model import Event, Mention, Relation, Span
from spasmkg.extract.narrative.reading import current_mentions, is_narrative, source_text

if not Doc.has_extension("narrative_relations"):
    Doc.set_extension("narrative_relations", default=None)

COMPLAINTS = ("condition", "symptom")


def _token_span(doc: Doc, m: Mention):
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _linked_by_place(doc: Doc, a: Mention, b: Mention, places: set[str]) -> bool:
    """``b`` (a site) hangs from ``a`` (a complaint) through place prepositions, possibly via a list."""
    sa, sb = _token_span(doc, a), _token_span(doc, b)
    if sa is None or sb is None:
        return False
    root_a, tok = sa.root, sb.root
    for _ in range(6):
        if tok.dep_ == "pobj" and tok.head.lower_ in places:
            tok = tok.head.head
        elif tok.dep_ in ("conj", "appos"):
            tok = tok.head
        else:
            break
        if tok == root_a or tok in sa:
            return True
    # the parser hung the place on the complaint's verb: "dealing with spasms in my lower back"
    if tok.pos_ in ("VERB", "AUX") and tok in list(root_a.ancestors)[:3] and tok.i < sb.start:
        return True
    # the site is the owner or subject of the complaint's clause: "my back went into spasm"
    return sb.root.dep_ in ("nsubj", "poss") and sb.root.head in [root_a, *root_a.ancestors][:3]


def _listed_after(doc: Doc, a: Mention, b: Mention, sites: list[Mention], places: set[str]) -> bool:
    """``b`` follows ``a`` through place phrases only: ``spasms in my neck, between my shoulder blades``."""
    sa, sb = _token_span(doc, a), _token_span(doc, b)
    if sa is None or sb is None or not 0 < sb.start - sa.end <= 10:
        return False
    in_site = {t.i for m in sites for sp in [_token_span(doc, m)] if sp is not None for t in sp}
    gap = doc[sa.end:sb.start]
    return any(t.lower_ in places for t in gap) and all(
        t.lower_ in places or t.i in in_site or t.pos_ in ("DET", "PUNCT", "CCONJ", "ADJ", "SPACE")
        or t.dep_ == "poss" for t in gap)


def relations(doc: Doc, text: str, mentions: list[Mention], events: list[Event]) -> list[Relation]:
    r = narrative_rules.load("narrative_events")
    places = set(r["place_prepositions"])
    worsen = set(r["worsening_verbs"])
    out: list[Relation] = []
    seen: set[tuple] = set()

    def add(kind: str, head: Mention, tail: Mention, sent, rule: str) -> None:
        key = (kind, head.start, head.end, tail.start, tail.end)
        if key not in seen:
            seen.add(key)
            out.append(Relation(type=kind, head=head, tail=tail, rule=rule,
                                sentence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char])))

    for sent in doc.sents:
        inside = [m for m in mentions if sent.start_char <= m.start < sent.end_char and m.assertion != "negated"]
        complaints = [m for m in inside if m.type in COMPLAINTS]
        sites = [m for m in inside if m.type == "anatomy"]
        for c in complaints:
            for s in sites:
                if _linked_by_place(doc, c, s, places) or _listed_after(doc, c, s, sites, places):
                    add("located_in", c, s, sent, "narrative.place")
        triggers = [m for m in inside if m.type == "trigger"]
        episode_here = any(e.type == "episode" and e.start == sent.start_char and e.trigger for e in events)
        for t in triggers:
            span = _token_span(doc, t)
            verb = span.root.head.lemma_.lower() if span is not None else ""
            worsening = span is not None and span.root.dep_ in ("nsubj", "csubj") \
                and (verb in worsen or verb == "make" and "worse" in sent.text.lower())
            if not (episode_here or worsening):
                continue
            for c in complaints:
                add("triggered_by", c, t, sent, "narrative.episode" if episode_here else "narrative.worsens")
            if worsening and not complaints:
                # "Sitting too long makes them worse": the complaint is the one before
                prior = [m for m in mentions if m.type in COMPLAINTS and m.end <= sent.start_char
                         and m.assertion != "negated"]
                if prior:
                    add("triggered_by", prior[-1], t, sent, "narrative.worsens")
    return out


class NarrativeRelations:
    """Writes ``located_in`` and ``triggered_by`` relations to ``doc._.narrative_relations``."""

    def __call__(self, doc: Doc) -> Doc:
        if is_narrative(doc):
            doc._.narrative_relations = relations(doc, source_text(doc), current_mentions(doc), doc._.events or [])
        return doc


@Language.factory("spasmkg_narrative_relations_v1", assigns=["doc._.narrative_relations"])
def make_narrative_relations(nlp: Language, name: str) -> NarrativeRelations:
    return NarrativeRelations()
