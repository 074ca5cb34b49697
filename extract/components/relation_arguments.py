"""The phrases a relation links, read from the surface and the parse of a clause.

Reviews name the things they relate with whole noun phrases ("tingling in the ring finger",
"narrowing of the thoracic canal", "an L2-3 disc protrusion") and list them ("A, B, and C"); a
vocabulary mention is often only the head word of such a phrase. This module gives the list's
items, the clause's subject, and a mention grown to the phrase that names the thing.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

SEPARATORS = {",", "and", "or", "and/or", "nor"}
LIST_END = {";", ":", "which", "who", "whom", "whereas", "while", "although", "though", "but", "that",
            "unless", "whether"}
ITEM_LEADS = {"a", "an", "the", "such", "as", "other", "including", "especially", "particularly", "either",
              "both", "also", "complaints", "complaint", "of", "symptoms", "signs", "some", "any", "various",
              "several", "major", "complications", "findings", "features", "most", "many", "all", "few", "each",
              "every", "no", "these", "those", "this", "that", "their", "its", "his", "her", "our", "your"}
#: prepositions that keep a noun phrase going ('pain in the leg', 'herniation of the disc', 'disk at L4-5')
#: verbs that may open a list item and name nothing ('..., and produce cramps in the calf')
LINKING_VERBS = {"cause", "lead", "result", "produce", "include", "involve", "have", "show", "be", "give", "bring"}
REASONS = {"due", "secondary", "owing", "because", "caused", "attributable"}
NP_PREPS = {"of", "in", "at", "on", "into", "from", "with", "to", "within", "along", "below", "above"}
#: subjects that name the patients or point back to the condition ('Patients present with', 'It leads
#: to'); a demonstrative ('This leads to') points back to a process more often, so it is not one
PEOPLE = {"patient", "patients", "people", "person", "persons", "individual", "individuals", "they", "he",
          "she", "it", "sufferer", "sufferers", "adult", "adults", "child", "children", "subject", "subjects",
          "one", "you"}
MAX_ITEM = 12


def list_items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The items of the list that begins at token ``start``, as token ranges.

    The list is cut at ',', 'and', 'or'; a short piece without a preposition after a piece that
    holds one belongs to that piece's prepositional phrase ('in the ring and little fingers',
    'in the hip, groin, or knee'), and a gerund after 'or' continues the piece before it
    ('on bending or lifting'). The list ends at a clause boundary."""
    pieces: list[list[Token]] = []
    cur: list[Token] = []
    seps: list[str] = []
    sep, reason = "", False
    for tok in doc[start:end]:
        if tok.is_space:
            continue
        low = tok.lower_
        if low in LIST_END or tok.text == ".":
            break
        if low in SEPARATORS or tok.text in ("(", ")"):
            if cur:     # a parenthesis holds a piece of its own: '(calf weakness)' names the sign again
                pieces.append(cur)
                seps.append(sep)
                cur = []
            sep, reason = low, False
            continue
        if low in REASONS and cur:
            reason = True       # 'radicular symptoms due to root compression': the item ends at its reason
        if reason:
            continue
        if tok.is_punct and tok.text not in ("-", "/", "'", '"', "%", ">", "<"):
            continue
        cur.append(tok)
    if cur:
        pieces.append(cur)
        seps.append(sep)
    merged: list[list[Token]] = []
    for piece, how in zip(pieces, seps):
        if merged and _continues(merged[-1], piece, how):
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    out = []
    for piece in merged:
        toks = list(piece)
        while toks and (toks[0].lower_ in ITEM_LEADS or toks[0].pos_ in ("DET", "CCONJ", "PUNCT", "ADP", "PRON")
                        or (toks[0].lemma_.lower() in LINKING_VERBS and len(toks) > 1)):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].pos_ in ("CCONJ", "ADP", "DET")) and toks[-1].text != ")" \
                and toks[-1].dep_ != "prt":
            toks.pop()
        if not toks or not any(t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") for t in toks):
            continue
        if len(toks) > MAX_ITEM:
            toks = toks[:MAX_ITEM]
        out.append((toks[0].i, toks[-1].i + 1))
    return out


def _continues(previous: list[Token], piece: list[Token], how: str) -> bool:
    if how in ("(", ")"):
        return False
    has_prep = any(t.lower_ in NP_PREPS and t.pos_ == "ADP" for t in previous[1:])
    piece_prep = any(t.lower_ in NP_PREPS and t.pos_ == "ADP" for t in piece)
    head = piece[-1].head
    # 'in the leg, calf, or knee': the piece is another object of the previous piece's preposition,
    # not another item coordinated with the previous piece's own head noun
    if has_prep and not piece_prep and len(piece) <= 3 and head in previous and head is not _head_noun(previous):
        return True
    return how == "or" and _gerund(piece[0]) and _gerund(previous[-1])


def _head_noun(piece: list[Token]) -> Token:
    """The noun a piece is about: the last noun before its first preposition."""
    before = []
    for t in piece:
        if t.lower_ in NP_PREPS and t.pos_ == "ADP":
            break
        before.append(t)
    nouns = [t for t in before if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else piece[0]


def _gerund(tok: Token) -> bool:
    return tok.tag_ == "VBG" or (tok.lower_.endswith("ing") and tok.pos_ in ("VERB", "NOUN"))


def clause_subject(doc: Doc, cue: Token, floor: int) -> Token | None:
    """The subject of the predicate the cue word belongs to, or of the clause a participle cue
    hangs from ('X is rare, leading to ...'); None when it lies before ``floor``."""
    tok = cue
    for _ in range(5):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            subj = tok.head       # 'people who report ...': the noun the relative clause describes
        if subj is not None:
            return subj if subj.i >= floor else None
        if tok.dep_ in ("advcl", "xcomp", "conj", "relcl", "acl", "pcomp", "prep", "pobj", "aux", "ccomp", "dobj",
                        "attr", "oprd") \
                and tok.head is not tok:
            if tok.dep_ in ("relcl", "acl"):
                return tok.head if tok.head.i >= floor else None
            tok = tok.head
        else:
            break
    return None


def noun_phrase(doc: Doc, root: Token, floor: int, limit: int, max_len: int = MAX_ITEM) -> Span:
    """The noun phrase headed by ``root``: its left modifiers and following prepositional phrases
    ('disc protrusion at T11-12'), without leading determiners, inside [floor, limit)."""
    left = min([root.i] + [c.left_edge.i for c in root.lefts
                           if c.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "poss", "quantmod")])
    right = root.i
    for c in root.rights:
        if c.dep_ == "prep" and c.lower_ in NP_PREPS and c.right_edge.i < limit and c.right_edge.i - left < max_len:
            right = c.right_edge.i
        elif c.dep_ in ("appos", "punct", "cc", "conj", "relcl", "acl", "advmod"):
            break
    left = max(left, floor)
    while left < right and (doc[left].pos_ in ("DET", "PUNCT", "CCONJ", "SPACE") or doc[left].lower_ in ITEM_LEADS):
        left += 1
    while right > left and doc[right].pos_ in ("PUNCT", "SPACE", "CCONJ", "ADP", "DET"):
        right -= 1
    return doc[left:right + 1]


def grow(span: Span, floor: int, limit: int) -> Span:
    """``span`` grown to the noun phrase its last word heads, kept inside [floor, limit); the
    label and concept stay the mention's."""
    doc = span.doc
    root = span[-1]
    if root.pos_ not in ("NOUN", "PROPN"):
        return span
    np = noun_phrase(doc, root, floor, limit)
    start, end = min(np.start, span.start), max(np.end, span.end)
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)


def names_people(tok: Token) -> bool:
    """A subject that names the patients or points back ('Patients present with', 'They report')."""
    return tok.lower_ in PEOPLE or tok.lemma_.lower() in PEOPLE


def counts_people(tok: Token) -> bool:
    """A subject that counts people ('84% of adults', 'one in ten patients'): a statistic, not a
    presentation."""
    words = list(tok.subtree)
    return any(t.like_num or t.text == "%" for t in words) and any(names_people(t) for t in words)


def is_clause(start: int, end: int, doc: Doc) -> bool:
    """A list item that is a clause of its own ('most seek help'), not a name."""
    return any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") or t.pos_ == "AUX" for t in doc[start:end])


BULLETS = {"-", "•", "*", "–", "—", "·", "▪", "○", "‣"}
MASKED_LINE = re.compile(r"\n[ \t]{2,}(?:\n|$)")
MAX_LINES = 60


CLASSIFYING = {"classify", "divide", "group", "categorize", "categorise", "grade", "subdivide", "stage"}


def classifies(sent: Span) -> bool:
    """A sentence that introduces classes ('can be classified as A or B based on ...'), not members."""
    return any(t.lemma_.lower() in CLASSIFYING and t.pos_ == "VERB" for t in sent)


def ends_with_colon(sent: Span) -> bool:
    """A sentence that introduces a list on the lines after it ('... can cause X:')."""
    words = [t for t in sent if not t.is_space]
    while words and words[-1].like_num and words[-1].text != ":":
        words.pop()         # a citation marker before the colon ('... signs 1-3:')
    while words and words[-1].text in ("-", ",", "–"):
        words.pop()
    return bool(words) and words[-1].text == ":"


def listed_lines(doc: Doc, sents: list[Span]) -> list[tuple[int, int]]:
    """The items on the lines that follow a sentence ending in ':', as token ranges: one per line
    or per phrase of a line, bullets, parenthesised remarks and citation numbers left out. The list
    ends at a heading (a blanked line), at the next introducing sentence, or at running prose."""
    tokens: list[Token] = []
    for sent in sents[:MAX_LINES]:
        words = [t for t in sent if not t.is_space]
        if words and ends_with_colon(sent):
            break
        if words and words[0].text not in BULLETS and len(words) > 25:
            break       # a paragraph of prose: the list is over
        tokens.extend(sent)
        if MASKED_LINE.search(sent.text) or (not words and sent.text.count("\n") > 1 and len(sent.text) > 6):
            break
    out: list[tuple[int, int]] = []
    for start, end in _chunks(tokens):
        out.extend(list_items(doc, start, end))
    return out


def _chunks(tokens: list[Token]) -> list[tuple[int, int]]:
    """Lines cut at line breaks, blank runs (a sub-heading blanked inside a line) and parentheses."""
    chunks, cur, depth, line_start = [], [], 0, True
    for tok in tokens:
        if tok.text == "(":
            depth += 1
        if depth or tok.is_space or (tok.text in BULLETS and line_start):
            if cur:
                chunks.append(cur)
            cur = []
        else:
            cur.append(tok)
        if tok.text == ")" and depth:
            depth -= 1
        if not tok.is_space:
            line_start = False
        if "\n" in tok.text or "\n" in tok.whitespace_:
            line_start = True
            if cur:
                chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    out = []
    for toks in chunks:
        while toks and (toks[-1].like_num or toks[-1].is_punct):
            toks = toks[:-1]    # the citation numbers closing a line
        if toks:
            out.append((toks[0].i, toks[-1].i + 1))
    return out


DEFINING = {"be", "refer", "denote", "describe", "define", "represent", "mean"}


def defines(cue: Token, tail: Span) -> bool:
    """The cue sits in a clause describing the noun a definition of ``tail`` gives ('B is a
    process that results from A', 'B names complaints arising from A', 'B is pain caused by A')."""
    tok = cue
    for _ in range(2):
        if tok.dep_ in ("relcl", "acl"):
            break
        tok = tok.head
    else:
        return False
    noun = tok.head
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head        # 'refers to a group of complaints that ...'
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("attr", "dobj", "pobj"):
            verb = verb.head
        if verb.dep_ == "prep":
            verb = verb.head
    if verb.lemma_.lower() not in DEFINING:
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and tail.start <= subj.i < tail.end
