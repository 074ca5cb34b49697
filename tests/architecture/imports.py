"""The import graph of spasmkg, read from the source with ``ast``, and its layers.

Each folder of the repository is one part of the installed package (``pyproject.toml`` maps
``spasmkg.<folder>`` to ``<folder>/``). The layers below are the house's floors, lowest first: a
module may import from its own layer or from a lower one, never from a higher one, and no set of
modules may import each other in a circle. ``python tests/architecture/imports.py`` prints the
drawing the README's architecture section shows.
"""
from __future__ import annotations

import ast
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"spasmkg": "spasmkg", "common": "spasmkg.common", "ontology": "spasmkg.ontology",
           "extract": "spasmkg.extract", "graph": "spasmkg.graph", "queries": "spasmkg.queries",
           "web": "spasmkg.web"}
#: floors, lowest first: (name, module prefixes, what lives there)
LAYERS = [
    ("common", ("spasmkg.common",), "errors, limits, atomic writes"),
    ("ontology", ("spasmkg.ontology",), "classes, properties, vocabulary, HPO; checks a graph against them"),
    ("extract", ("spasmkg.extract",), "text -> spaCy pipeline -> extraction results"),
    ("graph", ("spasmkg.graph",), "results -> RDF: one named graph per document"),
    ("store", ("spasmkg.graph.store",), "where a graph is kept and queried: files, memory, Oxigraph, endpoints"),
    ("analysis", ("spasmkg.graph.assembly", "spasmkg.graph.compare"), "across documents: assembly, comparisons"),
    ("queries", ("spasmkg.queries",), "the query library, tracing, reports"),
    ("export", ("spasmkg.graph.export",), "formats other tools load"),
    ("web", ("spasmkg.web",), "the browser view: pages over any store"),
    ("build", ("spasmkg.build",), "orchestration: inputs, cache, engines, the build"),
    ("cli", ("spasmkg.cli", "spasmkg.__main__"), "the command line"),
]


def module_files() -> dict[str, Path]:
    """Every module of the package, by its import name."""
    out = {}
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("").parts
            parts = [package, *rel]
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """module -> the spasmkg modules it imports (at any depth of its code, type-checking imports aside)."""
    files = module_files()
    graph: dict[str, set[str]] = {m: set() for m in files}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(n) for t in ast.walk(tree) if isinstance(t, ast.If) and _type_checking(t.test)
                for n in ast.walk(t)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(node, module, path.name == "__init__.py")
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            for t in targets:
                while t and t not in files:
                    t = t.rpartition(".")[0]
                if t and t != module and t != "spasmkg":
                    graph[module].add(t)
    return graph


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def layer_of(module: str) -> int:
    """The index of the module's floor: its longest matching prefix wins; the package face is 0."""
    best, best_len = 0, -1
    for i, (_, prefixes, _) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    return best


def upward_arrows(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((a, b) for a, targets in graph.items() for b in targets if layer_of(b) > layer_of(a))


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def drawing(graph: dict[str, set[str]] | None = None) -> str:
    """The floors and the arrows between them (import counts), as a Mermaid flowchart."""
    graph = graph if graph is not None else import_graph()
    arrows: Counter = Counter()
    for a, targets in graph.items():
        for b in targets:
            la, lb = layer_of(a), layer_of(b)
            if la != lb:
                arrows[(la, lb)] += 1
    lines = ["flowchart BT"]
    for i, (name, prefixes, job) in enumerate(LAYERS):
        folders = ", ".join(_folder(p) for p in prefixes)
        lines.append(f'  {name}["{name}: {folders}<br/>{job}"]')
    for (la, lb), n in sorted(arrows.items()):
        lines.append(f"  {LAYERS[la][0]} -->|{n}| {LAYERS[lb][0]}")
    return "\n".join(lines)


def _folder(prefix: str) -> str:
    parts = prefix.split(".")
    if parts[:2] == ["spasmkg", "cli"] or parts[:2] == ["spasmkg", "__main__"]:
        return "spasmkg/" + parts[1] + ".py"
    if parts[0] == "spasmkg" and len(parts) > 1 and parts[1] in FOLDERS and parts[1] != "spasmkg":
        return "/".join(parts[1:]) + "/"
    return "/".join(parts) + "/"


if __name__ == "__main__":
    g = import_graph()
    print(drawing(g))
    for a, b in upward_arrows(g):
        print(f"UP: {a} -> {b}", file=sys.stderr)
    for c in circles(g):
        print("CIRCLE: " + " -> ".join(c), file=sys.stderr)
