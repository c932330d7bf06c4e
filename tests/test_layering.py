"""Which way imports go, read from the source with ``ast`` (docs/architecture.md draws the same map).

Only the pages (tracker/ui) and the router (tracker_app.py) know Streamlit; each part of tracker
imports only its own layer and the layers below; no import circle among the modules of tracker.
An import inside a function runs late, so it cannot break a circle's start-up; one that would close
a circle if it were at the top is hidden coupling, and is reported as a warning.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "tracker"
ROUTER = PROJECT_ROOT / "tracker_app.py"

# Bottom up: a part of tracker (tracker/<part>.py or tracker/<part>/) may import its own layer and those below.
LAYERS: list[set[str]] = [
    {"config", "errors", "clock", "text", "page_paths", "vocabulary", "private_files"},  # shared basics
    {"models", "db", "migrate"},  # tables, engines, schema
    {"services"},  # the domain operations
    {"documents", "notify", "seeding", "program_import", "backup", "restore", "demo"},  # built on the services
    {"ui", "cli", "worker", "__main__"},  # entry points: pages, command line, scheduler
]

@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    imported: str  # dotted module name (a module of tracker, or the top package of anything else)
    line: int
    deferred: bool  # inside a function: runs at call time, not at import time


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of tracker by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """The imports in ``path``; ``from pkg import name`` points at pkg.name when that is a module."""
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    deferred_nodes = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                      for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            yield Import(importer, target, node.lineno, id(node) in deferred_nodes)


def all_imports() -> list[Import]:
    known = modules()
    return [imp for path in known.values() for imp in imports_of(path, known)]


def part(module: str) -> str:
    """tracker.services.audit -> services; tracker.config -> config."""
    return module.split(".")[1] if module.count(".") else ""


def is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_only_the_pages_and_the_router_know_streamlit():
    router = [Import("tracker_app", imp.imported, imp.line, imp.deferred)
              for imp in imports_of(ROUTER, modules())]
    assert {imp.importer for imp in router if is_under(imp.imported, "streamlit")} == {"tracker_app"}
    offenders = [f"{imp.importer}:{imp.line} imports {imp.imported}" for imp in all_imports()
                 if (is_under(imp.imported, "streamlit") or is_under(imp.imported, "tracker.ui"))
                 and not is_under(imp.importer, "tracker.ui")]
    assert not offenders, "only tracker/ui and tracker_app.py may import these: " + "; ".join(offenders)


def test_every_part_imports_only_its_layer_and_those_below():
    rank = {name: level for level, names in enumerate(LAYERS) for name in names}
    parts = {part(module) for module in modules() if module != "tracker"}
    assert parts - set(rank) == set(), "put each new part of tracker in a layer of LAYERS"
    upward = [f"{imp.importer}:{imp.line} imports {imp.imported}" for imp in all_imports()
              if is_under(imp.imported, "tracker") and imp.imported != "tracker" and imp.importer != "tracker"
              and rank[part(imp.importer)] < rank[part(imp.imported)]]
    assert not upward, "imports that go up a layer: " + "; ".join(upward)


def graph(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {module: set() for module in modules()}
    for imp in imports:
        if imp.imported in edges and imp.imported != imp.importer:
            edges[imp.importer].add(imp.imported)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan), each one import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return False


def test_no_import_circle_among_the_modules_of_tracker():
    imports = all_imports()
    at_start_up = graph([imp for imp in imports if not imp.deferred])
    found = sorted(" <-> ".join(sorted(circle)) for circle in cycles(at_start_up))
    assert not found, "import circles among module-level imports: " + "; ".join(found)
    dodges = sorted(f"{imp.importer}:{imp.line} imports {imp.imported} inside a function"
                    for imp in imports if imp.deferred and imp.imported in at_start_up
                    and imp.imported != imp.importer and reaches(at_start_up, imp.imported, imp.importer))
    if dodges:
        warnings.warn("imports that would close a circle at the top of the module:\n" + "\n".join(dodges),
                      stacklevel=1)


def test_the_circle_finder_names_the_modules_of_a_circle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]
    assert reaches(edges, "d", "c") and not reaches(edges, "a", "d")
