"""Bytes of an input file to its text, with the encoding guessed, how sure the guess is, and
whether it is doubtful enough that a reader should look.

The order is the one that fits clinical literature written in Western languages:

1. a byte-order mark settles it (UTF-8, UTF-16, UTF-32);
2. NUL bytes in a regular pattern (every second or every fourth byte) are UTF-16 or UTF-32 saved
   without a mark; NUL bytes in no such pattern mean a binary file;
3. UTF-8, when every byte sequence is valid UTF-8 (nearly never true of anything else);
4. Windows-1252 (a superset of Latin-1's printable characters), or Latin-1 when a byte has no
   Windows-1252 character — when the result reads like Western text: a few accented letters among
   plain ones, no C1 control characters;
5. otherwise the encoding charset-normalizer finds (Cyrillic, Greek, Japanese...), marked doubtful.

A statistical detector asked first (the old way) took a Latin-1 "Lasègue" for Japanese; this order
never does, and says what it did.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS = ((codecs.BOM_UTF32_LE, "utf_32_le"), (codecs.BOM_UTF32_BE, "utf_32_be"), (codecs.BOM_UTF8, "utf_8"),
        (codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be"))
NAMES = {"utf_8": "UTF-8", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE", "utf_32_le": "UTF-32LE",
         "utf_32_be": "UTF-32BE", "cp1252": "Windows-1252", "latin_1": "Latin-1"}
SAMPLE = 8192
#: characters Western text in Windows-1252 or Latin-1 is made of, beyond ASCII
_WESTERN = re.compile("[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_C1 = re.compile("[\u0080-\u009f]")
_PRINTABLE_SHARE = 0.95     # a UTF-16/32 guess must decode to this share of printable characters


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was read: ``encoding`` a Python codec name, ``confidence`` from 0 to
    1, ``doubtful`` when a person should check the characters, ``bom`` when a byte-order mark said so."""
    text: str
    encoding: str
    confidence: float
    doubtful: bool = False
    bom: bool = False

    @property
    def name(self) -> str:
        return NAMES.get(self.encoding, self.encoding)

    def note(self) -> str | None:
        """One line for the build summary; None for UTF-8 (the expected case)."""
        if self.encoding == "utf_8":
            return None
        how = "byte-order mark" if self.bom else f"confidence {self.confidence:.2f}"
        doubt = "; doubtful: check its letters and symbols" if self.doubtful else ""
        return f"not UTF-8: decoded as {self.name} ({how}){doubt}"


class Binary(ValueError):
    """The bytes are not text in any encoding tried."""


def decode(raw: bytes) -> Decoded:
    """``raw`` as text (see the module docstring). Raises :class:`Binary` for a binary file and
    ``UnicodeDecodeError`` (the first bad byte) when no encoding fits."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return Decoded(raw[len(bom):].decode(codec), codec, 1.0, bom=True)
    sample = raw[:SAMPLE]
    if b"\x00" in sample:
        wide = _wide(raw, sample)
        if wide is None:
            raise Binary("NUL bytes in no UTF-16 or UTF-32 pattern")
        return wide
    try:
        return Decoded(raw.decode("utf_8"), "utf_8", 1.0)
    except UnicodeDecodeError as exc:
        first_error = exc
    western = _western(raw)
    if western is not None and not western.doubtful:
        return western
    other = _detected(raw)
    if other is not None:
        return other
    if western is not None:
        return western
    raise first_error


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (c < " " and c not in "\t\n\r\x0c") or "\x7f" <= c < "\xa0")
    return 1 - bad / len(text)


def _zero_shares(sample: bytes) -> list[float]:
    """The share of NUL bytes at each position modulo 4."""
    shares = []
    for i in range(4):
        part = sample[i::4]
        shares.append(part.count(0) / len(part) if part else 0.0)
    return shares


def _wide_candidates(sample: bytes) -> list[str]:
    """UTF-32/UTF-16 byte orders whose NUL pattern the sample shows: ASCII text in UTF-16LE has its
    NUL bytes at odd positions, in UTF-16BE at even ones; UTF-32 has three NULs in four bytes."""
    z = _zero_shares(sample[: len(sample) - len(sample) % 4])
    high, low = (lambda v: v >= 0.3), (lambda v: v < 0.1)
    out = []
    if high(z[2]) and high(z[3]) and low(z[0]):
        out.append("utf_32_le")
    if high(z[0]) and high(z[1]) and low(z[3]):
        out.append("utf_32_be")
    if high(z[1]) and high(z[3]) and low(z[0]) and low(z[2]):
        out.append("utf_16_le")
    if high(z[0]) and high(z[2]) and low(z[1]) and low(z[3]):
        out.append("utf_16_be")
    return out


def _wide(raw: bytes, sample: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes fall."""
    for codec in _wide_candidates(sample):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _printable_share(text[:SAMPLE])
        if share >= _PRINTABLE_SHARE:
            return Decoded(text, codec, round(share, 2))
    return None


def _western(raw: bytes) -> Decoded | None:
    """Windows-1252, or Latin-1 when a byte is undefined in it; doubtful unless it reads as Western
    text; None when the result holds C1 control characters (not text in either)."""
    try:
        text, codec = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, codec = raw.decode("latin_1"), "latin_1"
        if _C1.search(text):
            return None
    high = [c for c in text if c >= "\x80"]
    western = sum(1 for c in high if _WESTERN.match(c)) / len(high)
    letters = sum(1 for c in text if c.isalpha())
    accented = sum(1 for c in high if c.isalpha()) / max(1, letters)
    confidence = round(min(0.95, western * (1 - accented)), 2)
    return Decoded(text, codec, confidence, doubtful=western < 0.98 or accented > 0.3)


def _detected(raw: bytes) -> Decoded | None:
    """The encoding charset-normalizer finds, always doubtful (it is a statistical guess)."""
    from charset_normalizer import from_bytes
    best = from_bytes(raw).best()
    if best is None:
        return None
    text = str(best)
    return Decoded(text[1:] if text.startswith("\ufeff") else text, best.encoding,
                   round(max(0.0, 1 - best.chaos), 2), doubtful=True)
