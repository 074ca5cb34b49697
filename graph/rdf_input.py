"""Reading RDF and OWL files a user gives us, without letting the file reach out or blow up.

* RDF/XML (and OWL in RDF/XML) may declare a DOCTYPE with entities: a 1 KB "billion laughs" file
  expands to gigabytes, and an external entity reads a local file or a URL. Such files are refused
  before any RDF parser sees them (``defusedxml`` does the check).
* ``owl:imports`` of a network IRI is refused by default: nothing here ever fetches it, and a file
  that needs it should come with the imported ontology as a local file.
* owlready2 imports any Python module an ontology names in a ``python_module`` annotation;
  :func:`check_ontology` refuses such files, so call it before ``owlready2`` loads one.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, URIRef
from rdflib.namespace import OWL
from rdflib.util import guess_format

from spasmkg import limits
from spasmkg.errors import SpasmkgError

XML_FORMATS = {"xml", "application/rdf+xml", "trix", "pretty-xml"}
_SUFFIX_FORMATS = {".owl": "xml", ".rdf": "xml", ".xml": "xml", ".ofn": None, ".omn": None}
#: the annotation owlready2 reads to import a Python module
PYTHON_MODULE = URIRef("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module")


def _format(path: Path, data: bytes, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower()
    if suffix in _SUFFIX_FORMATS:
        if _SUFFIX_FORMATS[suffix] is None:
            raise SpasmkgError("E026", path=path, format=suffix, reason="only RDF syntaxes are read here")
        return "xml" if data.lstrip().startswith(b"<") else "turtle"
    return guess_format(str(path)) or "turtle"


def check_xml(data: bytes, path: Path) -> None:
    """Refuse an XML document that declares a DOCTYPE, an entity or an external reference."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring
    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SpasmkgError("E024", path=path) from None
    except ParseError as exc:
        raise SpasmkgError("E026", path=path, format="RDF/XML", reason=str(exc)) from None


def _network(iri: str) -> bool:
    return urlsplit(iri).scheme.lower() not in ("file", "")


def parse_rdf(path: Path, fmt: str | None = None, allow_network_imports: bool = False) -> Graph:
    """The RDF graph in ``path``, read safely (see the module notes). ``fmt`` is an rdflib format
    name; by default it is guessed from the suffix (``.owl`` and ``.rdf``: RDF/XML when the file
    starts with ``<``). ``owl:imports`` are never followed; a network import is refused unless
    ``allow_network_imports``."""
    path = Path(path)
    if not path.is_file():
        raise SpasmkgError("E001", path=path)
    if path.stat().st_size > limits.MAX_FILE_MB * 1024 * 1024:
        raise SpasmkgError("E012", path=path, limit=f"{limits.MAX_FILE_MB:g}")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    fmt = _format(path, data, fmt)
    if fmt in XML_FORMATS or data.lstrip()[:5].lower() in (b"<?xml", b"<!doc", b"<!ent"):
        check_xml(data, path)
    g = Graph()
    try:
        g.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:   # every rdflib parser raises its own exception types
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise SpasmkgError("E026", path=path, format=fmt, reason=first) from None
    if not allow_network_imports:
        for iri in sorted(str(o) for o in g.objects(None, OWL.imports)):
            if _network(iri):
                raise SpasmkgError("E025", path=path, iri=iri)
    return g


def check_ontology(path: Path) -> Graph:
    """Check an ontology file before owlready2 loads it: safe XML, no network imports, and no
    ``python_module`` annotation (owlready2 would import that module)."""
    g = parse_rdf(path)
    for mod in g.objects(None, PYTHON_MODULE):
        raise SpasmkgError("E026", path=path, format="OWL",
                           reason=f"it names the Python module {str(mod)!r} for owlready2 to import; refused")
    return g
