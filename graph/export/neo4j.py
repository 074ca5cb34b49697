"""Neo4j: a folder with the CSV files ``neo4j-admin database import full`` reads (``nodes.csv``,
``relationships.csv``, headers typed as ``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
``name:int``, ``name:string[]``) and ``load.cypher``, the same graph for a running server through
``LOAD CSV`` (``cypher-shell -f load.cypher`` once the two CSV files are in its import folder).

Nodes are the entities (labelled ``Entity``, their spasmkg class and their Biolink category), the
documents, their claims and the references the claims cite; relationships are the relations between
entities (typed by the spasmkg property, ``INDICATES``, with the Biolink predicate as a property),
and ``MENTIONS``, ``CITES``, ``IN_DOCUMENT``, ``LISTED_IN`` between claims, entities, references and
documents. Identifiers are the graph's IRIs. The import reads one record a line by default
(``--multiline-fields=false``), so line breaks inside a text become spaces; ``;`` separates the
items of an array column, so an item's own ``;`` becomes ``,``.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rdflib.namespace import DCTERMS, RDF

from spasmkg.common.atomic import atomic_write_text
from spasmkg.graph.export import biolink
from spasmkg.graph.export.folders import folder
from spasmkg.ontology.namespaces import CITO, PRISM, SKG

FILES = ("nodes.csv", "relationships.csv", "load.cypher")
NODE_HEADER = ("iri:ID", ":LABEL", "name", "kind", "category:string[]", "synonym:string[]", "xref:string[]",
               "text", "section", "start:int", "end:int", "number:int", "doi", "pmid")
REL_HEADER = (":START_ID", ":END_ID", ":TYPE", "predicate", "claims:int", "publications:string[]")
ARRAY = ";"                    # neo4j-admin import's default --array-delimiter
DOCUMENT_CLASSES = (SKG.Document, SKG.ReviewArticle, SKG.PatientNarrative)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _array(values) -> str:
    return ARRAY.join(_text(v).replace(ARRAY, ",") for v in values)


def relationship_type(prop: str) -> str:
    """``riskFactorFor`` -> ``RISK_FACTOR_FOR``: Neo4j's convention for relationship types."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", prop).upper()


def _row(iri, labels, name="", kind="", category=(), synonym=(), xref=(), text="", section="",
         start=None, end=None, number=None, doi="", pmid="") -> list[str]:
    num = lambda v: "" if v is None else str(int(v))        # noqa: E731 - an empty cell is no value
    return [str(iri), ARRAY.join(labels), _text(name), kind, _array(category), _array(synonym), _array(xref),
            _text(text), _text(section), num(start), num(end), num(number), _text(doi), _text(pmid)]


def rows(ds) -> tuple[list[list[str]], list[list[str]]]:
    """The node rows and the relationship rows, each sorted."""
    nodes, rels = [], []
    entities = biolink.nodes(ds)
    for n in entities:
        labels = ["Entity", *n.classes, *(c.split(":", 1)[1] for c in n.categories)]
        nodes.append(_row(n.iri, list(dict.fromkeys(labels)), n.name, "entity", n.categories, n.synonyms, n.xrefs))
    known = {n.iri for n in entities}
    for e in biolink.edges(ds, known):
        rels.append([e.subject, e.object, relationship_type(e.relation), e.predicate,
                     str(e.claims) if e.stated else "", _array(e.publications)])
    docs = {d for c in DOCUMENT_CLASSES for d in ds.subjects(RDF.type, c)}
    for d in sorted(docs, key=str):
        nodes.append(_row(d, ["Document"], ds.value(d, DCTERMS.title) or ds.value(d, DCTERMS.identifier) or "",
                          kind=str(ds.value(d, SKG.kind) or "")))
    known |= {str(d) for d in docs}
    refs = set()
    for c in sorted(set(ds.subjects(RDF.type, SKG.Claim)), key=str):
        nodes.append(_row(c, ["Claim"], text=ds.value(c, SKG.text) or "", section=ds.value(c, SKG.sectionTitle) or "",
                          start=ds.value(c, SKG.start), end=ds.value(c, SKG.end)))
        known.add(str(c))
        refs |= set(ds.objects(c, CITO.citesAsEvidence))
        for e in sorted(ds.objects(c, SKG.mentions), key=str):
            rels.append([str(c), str(e), "MENTIONS", "biolink:mentions", "", ""])
        for r in sorted(ds.objects(c, CITO.citesAsEvidence), key=str):
            rels.append([str(c), str(r), "CITES", "", "", ""])
        for d in ds.objects(c, SKG.inDocument):
            rels.append([str(c), str(d), "IN_DOCUMENT", "", "", ""])
    for r in sorted(refs, key=str):
        nodes.append(_row(r, ["Reference"], ds.value(r, DCTERMS.title) or "", number=ds.value(r, SKG.referenceNumber),
                          doi=ds.value(r, PRISM.doi) or "", pmid=ds.value(r, SKG.pmid) or ""))
        known.add(str(r))
        for d in ds.objects(r, DCTERMS.isPartOf):
            rels.append([str(r), str(d), "LISTED_IN", "", "", ""])
    rels = [r for r in rels if r[0] in known and r[1] in known]
    return sorted(nodes), sorted(rels)


def _csv(header, body) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(body)
    return buf.getvalue()


def _set(var: str, column: str) -> str:
    """Cypher setting the property a CSV column holds; an empty cell sets none."""
    name, _, kind = column.partition(":")
    cell = f"row.`{column}`"
    if kind == "int":
        value = f"toInteger({cell})"
    elif kind.endswith("[]"):
        value = f"[x IN split(coalesce({cell}, ''), '{ARRAY}') WHERE x <> '' | x]"
    else:
        value = f"CASE WHEN {cell} = '' THEN null ELSE {cell} END"
    return f"{var}.{name} = {value}"


def cypher(nodes: list[list[str]], rels: list[list[str]]) -> str:
    """``LOAD CSV`` statements: a uniqueness constraint, then one statement per label set and per
    relationship type present (plain Cypher names labels and types literally). Every node also gets the
    label ``Spasmkg``, which the constraint indexes, so relationships find their ends fast."""
    out = ["// Load the spasmkg graph into a running Neo4j 5 server: copy nodes.csv and relationships.csv",
           "// into its import folder, then run: cypher-shell -f load.cypher",
           "CREATE CONSTRAINT spasmkg_iri IF NOT EXISTS FOR (n:Spasmkg) REQUIRE n.iri IS UNIQUE;"]
    node_props = ", ".join(_set("n", c) for c in NODE_HEADER[2:])
    rel_props = ", ".join(_set("r", c) for c in REL_HEADER[3:])
    for labels in sorted({r[1] for r in nodes}):
        names = "".join(f":`{lab}`" for lab in labels.split(ARRAY))
        out.append(f"LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
                   f"WITH row WHERE row.`:LABEL` = '{labels}'\n"
                   f"MERGE (n:Spasmkg {{iri: row.`iri:ID`}})\nSET n{names}, {node_props};")
    for rtype in sorted({r[2] for r in rels}):
        out.append(f"LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
                   f"WITH row WHERE row.`:TYPE` = '{rtype}'\n"
                   f"MATCH (a:Spasmkg {{iri: row.`:START_ID`}}), (b:Spasmkg {{iri: row.`:END_ID`}})\n"
                   f"CREATE (a)-[r:`{rtype}`]->(b)\nSET {rel_props};")
    return "\n".join(out) + "\n"


def write_neo4j(ds, path, **_: object) -> None:
    """The folder ``path`` with ``nodes.csv``, ``relationships.csv`` and ``load.cypher``."""
    nodes, rels = rows(ds)
    out = folder(Path(path), "neo4j")
    for name, text in zip(FILES, (_csv(NODE_HEADER, nodes), _csv(REL_HEADER, rels), cypher(nodes, rels))):
        atomic_write_text(out / name, text)
