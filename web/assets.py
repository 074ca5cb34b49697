"""Where the third-party scripts and styles come from: the npm packages ``make`` installs into
``web/node_modules`` (``web/package.json``), served under ``/vendor/``. None is copied into the
repository; a page works without them (plain HTML first, scripts enhance)."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: the name a page asks for under ``/vendor/`` -> its file inside the node_modules folder
VENDOR_FILES = {
    "yasgui.min.js": "@zazuko/yasgui/build/yasgui.min.js",
    "yasgui.min.css": "@zazuko/yasgui/build/yasgui.min.css",
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
}


def node_modules() -> Path:
    """The folder the npm packages were installed into: ``SPASMKG_WEB_ASSETS`` when set, else
    ``node_modules`` beside this package (where ``make`` puts them)."""
    override = os.environ.get("SPASMKG_WEB_ASSETS")
    if override:
        return Path(override)
    return Path(str(resources.files("spasmkg.web"))) / "node_modules"


def vendor_path(name: str) -> Path | None:
    """The file behind ``/vendor/NAME``, or None when the name is unknown or the package missing."""
    rel = VENDOR_FILES.get(name)
    if rel is None:
        return None
    path = node_modules() / rel
    return path if path.is_file() else None


def available() -> dict[str, bool]:
    """Which vendor files are installed: a page leaves out the script tags of missing ones."""
    return {name: vendor_path(name) is not None for name in VENDOR_FILES}


def static_dir() -> Path:
    """spasmkg's own scripts and styles (package data)."""
    return Path(str(resources.files("spasmkg.web") / "static"))
