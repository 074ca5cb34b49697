"""Export formats, behind one registry: ``FORMATS`` maps a format name to its writer.

Every writer has the signature ``write(ds, path, **options)`` and writes atomically (a temporary
file in the same folder, then a rename), so a failed export never leaves a half-written file.
"""
from __future__ import annotations

from spasmkg.graph.export import formats

FORMATS = formats.FORMATS


def export(name: str, ds, path, **options) -> None:
    try:
        writer = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; known formats: {', '.join(sorted(FORMATS))}") from None
    writer(ds, path, **options)
