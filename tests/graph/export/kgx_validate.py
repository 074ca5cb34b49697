"""Run the KGX validator (``kgx validate``, from the ``kgx`` package) offline on KGX TSV files and
print its report as JSON: ``python kgx_validate.py [--prefix NAME=IRI] nodes.tsv edges.tsv``.

The validator reads the Biolink Model through the Biolink Model Toolkit, which fetches the schema
and a predicate map from the network by default; here it reads the schema the ``biolink-model``
package ships (the version the project pins) and needs no predicate map (it only serves
``bmt``'s qualifier lookups, which validation does not use). Any attempt to open a connection fails
loudly instead of being tried. The JSON-LD contexts kgx would download are read from the same
packages. Runs in its own virtual environment (``kgx`` cannot share the
project's: it pins click < 8.2 and python-dateutil < 3).
"""
from __future__ import annotations

import json
import socket
import sys
from importlib import resources


def _no_network(*_args, **_kwargs):
    raise OSError("network access is refused while validating")


socket.socket.connect = _no_network          # type: ignore[method-assign]

import bmt.toolkit  # noqa: E402

SCHEMA = str(resources.files("biolink_model") / "schema" / "biolink_model.yaml")
bmt.toolkit.Toolkit.__init__.__defaults__ = (SCHEMA, {"predicate mappings": []})

import kgx.config  # noqa: E402
import prefixcommons  # noqa: E402

# the JSON-LD contexts kgx names by URL: Biolink's prefix map of the same release, and the prefixcommons
# registries the package ships
kgx.config.jsonld_context_map["biolink"] = json.loads(
    (resources.files("biolink_model") / "prefixmaps" / "biolink-model-prefix-map.json").read_text(encoding="utf-8"))
for _name in ("monarch_context", "obo_context"):
    _text = (resources.files(prefixcommons) / "registry" / f"{_name}.jsonld").read_text(encoding="utf-8")
    kgx.config.jsonld_context_map[_name] = json.loads(_text)["@context"]

from kgx.cli.cli_utils import validate  # noqa: E402


def main(args: list[str]) -> int:
    paths = []
    for arg in args:
        if arg.startswith("--prefix="):
            name, _, iri = arg[len("--prefix="):].partition("=")
            kgx.config.jsonld_context_map["biolink"][name] = iri
        else:
            paths.append(arg)
    errors = validate(inputs=paths, input_format="tsv", input_compression=None, output=None)
    version = bmt.toolkit.Toolkit().get_model_version()
    print(json.dumps({"biolink_version": version, "report": errors}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
