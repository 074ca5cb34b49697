"""The house flows one way: no module imports a higher floor, no modules import each other in a circle,
and the README's drawing of the floors is the one the code has."""
from __future__ import annotations

import re
from pathlib import Path

from imports import LAYERS, circles, drawing, import_graph, layer_of, module_files, upward_arrows

README = Path(__file__).resolve().parents[2] / "README.md"


def test_no_import_runs_back_up_a_floor():
    assert upward_arrows(import_graph()) == []


def test_no_import_circles():
    assert circles(import_graph()) == []


def test_every_module_stands_on_a_floor():
    homeless = [m for m in module_files() if m != "spasmkg" and layer_of(m) == 0 and not m.startswith("spasmkg.common")]
    assert homeless == []


def test_the_readme_draws_the_floors_the_code_has():
    block = re.search(r"```mermaid\n(flowchart BT\n.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert block, "the README's architecture section has no Mermaid drawing of the floors"
    assert block.group(1) == drawing(), "run: python tests/architecture/imports.py, and paste its drawing"


def test_the_checks_see_an_upward_arrow_and_a_circle():
    graph = {"spasmkg.common.errors": {"spasmkg.build.run"}, "spasmkg.build.run": {"spasmkg.common.errors"}}
    assert upward_arrows(graph) == [("spasmkg.common.errors", "spasmkg.build.run")]
    assert circles(graph) == [["spasmkg.build.run", "spasmkg.common.errors"]]
    assert [name for name, _, _ in LAYERS][0] == "common"


def test_the_tests_have_one_conftest():
    """Test modules import helpers with ``from conftest import …``; a second ``conftest.py`` in a
    subfolder takes that module name first in some runs and breaks every such import there."""
    tests = Path(__file__).resolve().parents[1]
    assert sorted(p.relative_to(tests).as_posix() for p in tests.rglob("conftest.py")) == ["conftest.py"]
