"""Lookup keys for entity names, so a query finds an entity by any of its names through an index.

A name typed by a user ("Lasegue's sign", "ACUTE  muscle spasm") and a label in the graph match
when their keys are equal. Each entity gets one ``skg:nameKey`` per distinct name (label, preferred
label, alternative label) in the graph that holds the name, and the query library binds a name
parameter as the key of the value. The lookup is then one triple pattern with a bound object, which
every store answers from its index; comparing ``lcase(str(?label))`` with the parameter instead
is a filter the engines evaluate against every label after the other joins.
"""
from __future__ import annotations

import unicodedata

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS

from spasmkg.ontology.namespaces import KG, SKG

NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
ENTITY_PREFIX = str(KG["entity/"])


def name_key(name: str) -> str:
    """``name`` as a lookup key: NFKC, runs of white space as one space, no edge spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def add_name_keys(g: Graph) -> None:
    """Add ``skg:nameKey`` for every name of every entity that ``g`` names."""
    for prop in NAME_PROPERTIES:
        for entity, name in list(g.subject_objects(prop)):
            if str(entity).startswith(ENTITY_PREFIX):
                g.add((entity, SKG.nameKey, Literal(name_key(str(name)))))
