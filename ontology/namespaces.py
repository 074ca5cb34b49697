"""Namespaces of the spasmkg graph and the standard vocabularies it uses."""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from spasmkg.ontology.terms import SKGTerms

#: spasmkg's own terms, closed: a term the ontology does not declare raises (``SKG.Typo`` fails)
SKG = SKGTerms
KG = Namespace("https://w3id.org/spasmkg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
IAO = Namespace("http://purl.obolibrary.org/obo/IAO_")

PREFIXES = {
    "skg": SKGTerms._NS, "kg": KG, "oa": OA, "cito": CITO, "fabio": FABIO, "prism": PRISM, "biolink": BIOLINK,
    "obo": OBO, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "owl": OWL,
    "xsd": XSD,
}


def slug(text: str, limit: int = 60) -> str:
    """A stable IRI-safe fragment for ``text``: ASCII, lower case, words joined by '-'."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:limit].strip("-") or "x"


def hpo_iri(curie: str):
    """``HP:0003394`` -> ``http://purl.obolibrary.org/obo/HP_0003394``."""
    return OBO[curie.replace(":", "_")]
