"""Personal names as reference lists print them, split into family and given parts, and back.

Reference lists write a person as ``Chou R`` (AMA, initials after the surname), ``Hoy, D.`` (ACS),
``Anna B. Carter`` (given names first) or name an organisation. Reference managers want the family
name apart from the given names. Names in the BibTeX convention are split by bibtexparser's own name
parser; the AMA form, which it would read the wrong way round, and organisations are told first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bibtexparser.middlewares.names import parse_single_name_into_parts

#: 'Chou R', 'Von Korff M', 'Smith AB Jr': a surname followed by up to four capital initials
_AMA = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4})(?:\s+(?P<suffix>Jr|Sr|II|III|IV)\.?)?$")
#: words that make a name an organisation's
_ORGANISATION = re.compile(r"\b(?:of|for|and|the|on|in|Organi[sz]ation|Society|Institute|Association|College|"
                           r"Council|Agency|Department|Centers?|Centres?|Foundation|Group|Committee|Academy|"
                           r"University|Ministry|Service|Services|Network|Collaboration|Board|Federation|Inc|Ltd|"
                           r"Clinic|Hospital|Health|Medicine|Press|Staff|Contributors|Editors|Team|Trust|Initiative|"
                           r"Unit|Laboratory|Corporation|Company)\b",
                           re.I)


@dataclass(frozen=True)
class Name:
    """A person (``family`` and ``given``) or an organisation (``literal``)."""
    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    def display(self) -> str:
        """The name as the graph keeps it: ``Family, Given`` for a person (``Family, Jr, Given`` with a
        suffix, BibTeX's order), else the literal."""
        if self.literal:
            return self.literal
        return ", ".join(p for p in (self.family, self.suffix, self.given) if p)


def _initials(letters: str) -> str:
    return " ".join(f"{c}." for c in letters)


def split_name(text: str) -> Name:
    """``text`` as a :class:`Name` (see the module's docstring for the forms it reads)."""
    t = " ".join(text.split()).strip(" ,;")
    if not t:
        return Name()
    if _ORGANISATION.search(t):                   # 'Mayo Clinic', 'University of X, Division of Y'
        return Name(literal=t)
    if "," not in t and (m := _AMA.match(t)):
        return Name(m.group("family"), _initials(m.group("initials")), m.group("suffix") or "")
    if "," not in t and (len(t.split()) > 4 or len(t.split()) == 1):
        return Name(literal=t)
    parts = parse_single_name_into_parts(t, strict=False)
    family = " ".join(parts.von + parts.last)
    given = " ".join(parts.first)
    if re.fullmatch(r"[A-Z]{1,4}", given):        # 'Hoy, DG': initials without their dots
        given = _initials(given)
    return Name(family, given, " ".join(parts.jr))
