"""The identity of a built knowledge graph: its canonical N-Quads (W3C RDF Dataset Canonicalization,
RDFC-1.0, through pyoxigraph), one sorted line per quad.

IRIs derive from content (document id, offsets, concept id), so two builds of the same inputs give
the same canonical N-Quads for ``graph.trig`` (and, written in a fixed order, the same bytes).
The build's time lives only in ``provenance.trig``. ``spasmkg export canonical`` writes this form,
so two builds can be compared with ``diff`` or ``sha256sum``.
"""
from __future__ import annotations

from pathlib import Path


def canonicalize(data: str | bytes, fmt: str = "trig") -> str:
    """RDF text (TriG or N-Quads) as canonical N-Quads, lines sorted."""
    import pyoxigraph as ox
    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
    ds = ox.Dataset(ox.parse(data, format=formats[fmt]))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    # split on line feeds only: str.splitlines() also breaks at a NEL, form feed or U+2028 that
    # N-Quads keeps raw inside a literal, and the sorted pieces would no longer parse
    lines = [ln for ln in ox.serialize(ds, format=ox.RdfFormat.N_QUADS).decode("utf-8").split("\n") if ln]
    return "\n".join(sorted(lines)) + "\n"


def canonical_nquads(path: Path) -> str:
    """The TriG file at ``path`` as canonical N-Quads, lines sorted."""
    return canonicalize(Path(path).read_bytes(), "trig")
