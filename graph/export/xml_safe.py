"""Text made fit for an XML 1.0 file (GEXF, GraphML), one character for one character.

XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return, and the
non-characters U+FFFE and U+FFFF; a single form feed copied from a PDF into a claim made the whole
export fail (lxml refuses to write it, networkx crashes). Each C0 control becomes its visible
Control Pictures symbol (U+2400 + code: a form feed reads as ␌), so a reader of the graph still sees
that something was there, and a label keeps its length. DEL and C1 controls are legal XML and kept;
emoji and combining marks are ordinary text.
"""
from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _picture(m: re.Match) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 0x20 else REPLACEMENT


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 forbids made visible (see the module docstring)."""
    return _FORBIDDEN.sub(_picture, value) if _FORBIDDEN.search(value) else value


def xml_value(value: object) -> object:
    """Strings made XML-safe; numbers and other values as they are."""
    return xml_text(value) if isinstance(value, str) else value
