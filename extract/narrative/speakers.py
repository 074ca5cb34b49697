"""Who is speaking where in an account: the writer, a commenter in a reply section, or a
practitioner whose words the writer reports.

A reply section opens with its author: a heading over a dated line (``### Bram`` /
``*May 2 at 9:10 PM*``) or a ``Name wrote:`` line. The writer's own replies are those by the
name the post signs with or the one most other repliers address. A practitioner speaks where a clause hangs
from a speech verb whose subject is not the writer (``the physio said the stretches would help``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

REPLY_HEADING = re.compile(r"^#{1,4}[ \t]+(?P<name>[^\n#]{1,40}?)[ \t]*\n[ \t]*\*[^\n*]*\d[^\n*]*\*[ \t]*$", re.M)
REPLY_LINE = re.compile(r"^(?P<name>[A-Z][\w.'-]{0,30}(?: [A-Z][\w.'-]{0,30})?)[ \t]+(?:said|wrote|replied|commented)"
                        r"[^\n:]{0,40}:[ \t]*$", re.M)
SPEECH_VERBS = {"say", "tell", "explain", "claim", "diagnose", "confirm", "insist", "warn", "reckon", "believe"}
WRITER = {"i", "we", "me"}


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    author: str
    writer: bool


class Speakers:
    def __init__(self, text: str, writer_name: str | None = None):
        marks = sorted([(m.start(), m.group("name").strip()) for rx in (REPLY_HEADING, REPLY_LINE)
                        for m in rx.finditer(text)])
        bounds = [s for s, _ in marks] + [len(text)]
        bodies = [(name, text[s:bounds[i + 1]]) for i, (s, name) in enumerate(marks)]

        def addressers(name: str) -> int:
            """How many other repliers address ``name``."""
            rx = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)
            return len({other.lower() for other, body in bodies if other.lower() != name.lower() and rx.search(body)})

        counts = {name.lower(): addressers(name) for _, name in marks}
        top = max(counts.values(), default=0)
        # the writer is the name the post signs with, or the one most repliers address (two at least)
        writers = {n for n, c in counts.items() if c == top and top >= 2}
        if writer_name:
            writers.add(writer_name.lower())
        self.sections = [Section(s, bounds[i + 1], name, name.lower() in writers)
                         for i, (s, name) in enumerate(marks)]

    def at(self, offset: int) -> str | None:
        """The speaker at ``offset``: None for the writer, else the commenter's name."""
        for sec in self.sections:
            if sec.start <= offset < sec.end:
                return None if sec.writer else sec.author
        return None


def practitioner(tok) -> str | None:
    """The subject of a speech verb ``tok`` reports from, when it is not the writer (``the physio``)."""
    for node in tok.ancestors:
        if node.lemma_.lower() in SPEECH_VERBS and node.pos_ == "VERB":
            subj = [c for c in node.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in WRITER and subj[0].pos_ != "PRON":
                return " ".join(t.text for t in subj[0].subtree)
            return None
    return None
