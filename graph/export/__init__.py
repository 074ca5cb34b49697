"""Export formats, behind one registry: ``FORMATS`` maps a format name to its writer.

Every writer has the signature ``write(ds, path, **options)`` and writes atomically (a temporary
file in the same folder, then a rename), so a failed export never leaves a half-written file.
"""
from __future__ import annotations

from spasmkg.common.errors import SpasmkgError
from spasmkg.graph.export import formats

FORMATS = formats.FORMATS


def check_options(name: str, with_evidence: bool = False, reference_format: str | None = None) -> None:
    """Refuse an option the format would ignore (E071, E099), before any graph is loaded."""
    if with_evidence and name not in formats.WITH_EVIDENCE:
        raise SpasmkgError("E071", format=name, known=", ".join(formats.WITH_EVIDENCE))
    if reference_format is not None and name != "references":
        raise SpasmkgError("E099", prog="spasmkg export",
                           message=f"--format applies to the references export only, not to {name}")


def export(name: str, ds, path, **options) -> None:
    check_options(name, bool(options.get("with_evidence")), options.get("reference_format"))
    try:
        writer = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; known formats: {', '.join(sorted(FORMATS))}") from None
    writer(ds, path, **options)
