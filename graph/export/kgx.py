"""KGX TSV (the Knowledge Graph Exchange format of the Biolink community): ``nodes.tsv`` and
``edges.tsv``, in a folder or in a tar archive (``.tar``, ``.tar.gz``), as ``kgx transform`` and
``kgx validate`` read them (``-i tsv``, ``-c tar``/``tar.gz``).

Columns follow Biolink slot names; a multivalued slot holds its values joined by ``|``. Tabs, line
breaks and ``|`` inside a value would break a row or a list, so they become spaces and ``/``.
"""
from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

from spasmkg.common.atomic import atomic_write_bytes, atomic_write_text
from spasmkg.graph.export import biolink
from spasmkg.graph.export.folders import folder
from spasmkg.ontology.namespaces import SKG

FILES = ("nodes.tsv", "edges.tsv")
NODE_COLUMNS = ("id", "category", "name", "synonym", "xref", "iri", "provided_by")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "original_predicate", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "has_count")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")


def _cell(value: str) -> str:
    return " ".join(value.replace("|", "/").split())


def _many(values: list[str]) -> str:
    return "|".join(_cell(v) for v in values)


def edge_id(e: biolink.Edge) -> str:
    """A stable identifier from the triple: the same relation has the same id in every export."""
    digest = hashlib.sha256(f"{e.subject} {e.relation} {e.object}".encode()).hexdigest()[:16]
    return f"{biolink.PREFIX}:edge-{digest}"


def tables(ds) -> tuple[str, str]:
    """The text of ``nodes.tsv`` and ``edges.tsv``."""
    nodes = biolink.nodes(ds)
    ids = {n.iri: n.id for n in nodes}
    rows = ["\t".join(NODE_COLUMNS)]
    for n in nodes:
        rows.append("\t".join([n.id, _many(n.categories), _cell(n.name), _many(n.synonyms), _many(n.xrefs),
                               n.iri, biolink.SOURCE]))
    node_text = "\n".join(rows) + "\n"
    rows = ["\t".join(EDGE_COLUMNS)]
    for e in biolink.edges(ds, set(ids)):
        level, agent = ("knowledge_assertion", "text_mining_agent") if e.stated else ("not_provided", "not_provided")
        rows.append("\t".join([edge_id(e), ids[e.subject], e.predicate, ids[e.object], str(SKG[e.relation]),
                               level, agent, biolink.SOURCE, _many(e.publications),
                               str(e.claims) if e.stated else ""]))
    return node_text, "\n".join(rows) + "\n"


def write_kgx(ds, path, **_: object) -> None:
    """A folder holding ``nodes.tsv`` and ``edges.tsv``, or a tar archive of the two when ``path``
    ends in ``.tar``, ``.tar.gz`` or ``.tgz``."""
    texts = tables(ds)
    path = Path(path)
    if path.name.endswith(TAR_SUFFIXES):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz" if path.name.endswith(("gz", "tgz")) else "w") as tar:
            for name, text in zip(FILES, texts):
                data = text.encode("utf-8")
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        atomic_write_bytes(path, buf.getvalue())
        return
    folder(path, "kgx")
    for name, text in zip(FILES, texts):
        atomic_write_text(path / name, text)
