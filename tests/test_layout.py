"""The layout DESIGN.md promises, read from the source with ``ast`` (nothing of it is run).

- ``rules/`` and ``webhooks/`` stand alone: they import neither ``routing`` nor each other, nor Flask or the
  database libraries;
- no two modules import each other, directly or round a longer loop, a package's ``__init__`` included
  (``from a.b import c`` ties the importer to ``a.b`` and, when it is a module, to ``a.b.c``; imports only under
  ``if TYPE_CHECKING:`` tie nothing at run time);
- at ``routing/``'s top there are only ``__init__``, ``__main__``, ``cli`` and ``models``: everything else
  belongs to a concern's folder.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("routing", "rules", "webhooks")
STANDALONE = {
    "rules": {"routing", "webhooks", "flask", "sqlmodel", "sqlalchemy", "alembic"},
    "webhooks": {"routing", "rules", "flask", "sqlmodel", "sqlalchemy", "alembic"},
}
ROUTING_TOP = {"__init__.py", "__main__.py", "cli.py", "models.py"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    names: tuple[str, ...]  # the dotted names it asks for, absolute
    line: int
    type_checking: bool  # only under ``if TYPE_CHECKING:``


def _absolute(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = here.split(".") if is_package else here.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def imports_of(module: str) -> Iterator[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded.update(id(sub) for stmt in node.body for sub in ast.walk(stmt))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = tuple(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, path.name == "__init__.py")
            names = (base, *(f"{base}.{alias.name}" for alias in node.names))
        else:
            continue
        yield Import(module, names, node.lineno, id(node) in guarded)


def project_module(name: str) -> str | None:
    """The project's module ``name`` loads: itself, or the nearest package above it (``a.b.func`` → ``a.b``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, dict[str, int]]:
    """module → {module it imports at run time: the line of the first such import}."""
    graph: dict[str, dict[str, int]] = {m: {} for m in MODULES}
    for module in MODULES:
        for imp in imports_of(module):
            if imp.type_checking:
                continue
            for name in imp.names:
                target = project_module(name)
                if target is not None and target != module:
                    graph[module].setdefault(target, imp.line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's components of more than one module: each is at least one import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def a_cycle(graph: dict[str, dict[str, int]], component: list[str]) -> str:
    """One loop inside ``component``, written out with the lines of its imports."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w == start:
                loop = [*paths[v], start]
                steps = [f"{a} (line {graph[a][b]})" for a, b in pairwise(loop)]
                return " -> ".join([*steps, start])
            if w in members and w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    return " <-> ".join(component)


def test_every_package_is_found() -> None:
    assert {"routing", "routing.core.db", "rules", "rules.model", "webhooks", "webhooks.signing"} <= set(MODULES)


def test_rules_and_webhooks_stand_alone() -> None:
    crossings = [
        f"{imp.module} (line {imp.line}) imports {imp.names[0]}"
        for package, banned in STANDALONE.items()
        for module in MODULES
        if module.split(".")[0] == package
        for imp in imports_of(module)  # type-only imports count too: the package must read alone
        if any(name.split(".")[0] in banned for name in imp.names)
    ]
    assert crossings == [], "rules/ and webhooks/ stand alone:\n" + "\n".join(crossings)


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles = [a_cycle(graph, component) for component in strongly_connected(graph)]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_cycle_finder_finds_cycles() -> None:
    """The check above can fail: a loop through a package's ``__init__`` is found and written out."""
    graph = {"a": {"a.b": 3}, "a.b": {"a.c": 5}, "a.c": {"a": 1}, "d": {"a": 2}}
    assert strongly_connected(graph) == [["a", "a.b", "a.c"]]
    assert a_cycle(graph, ["a", "a.b", "a.c"]) == "a (line 3) -> a.b (line 5) -> a.c (line 1) -> a"


def test_routing_top_holds_only_the_shell() -> None:
    top = {p.name for p in (ROOT / "routing").glob("*.py")}
    assert top - ROUTING_TOP == set(), "belongs in a concern's folder"
