"""The package's import graph, read from the source: which module imports which, whether
lower layers reach up into the shells, and where imports form a cycle.

Imports inside functions count: a lazy import still ties the modules together. Imports under
``if TYPE_CHECKING:`` count for layering (a reader still sees the dependency) but not for
cycles, since they never run. ``tests/test_structure.py`` holds the package to both rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# The stages and the store sit below the shells: they may not import these.
SHELLS = ("khronika.export", "khronika.web", "khronika.cli")
LOWER = (
    "khronika.store",
    "khronika.nlp",
    "khronika.clean",
    "khronika.ingest",
    "khronika.geocode",
    "khronika.codebook",
    "khronika.extract",
    "khronika.dedup",
    "khronika.model",
    "khronika.contract",
    "khronika.settings",
    "khronika.pipeline",
    "khronika.batch",
    "khronika.learn",
    "khronika.errors",
)


@dataclass(frozen=True)
class Edge:
    """``source`` imports ``target``; ``typing_only`` when under ``if TYPE_CHECKING:``."""

    source: str
    target: str
    typing_only: bool


def module_names(root: Path, package: str = "khronika") -> dict[str, Path]:
    """Every module under the package folder ``root``, by dotted name."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join([package, *parts])] = path
    return names


def import_edges(modules: Mapping[str, Path]) -> list[Edge]:
    """Every import from one of ``modules`` to another, read from the source."""
    edges: list[Edge] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node, typing_only in _imports(tree):
            for target in _targets(node, name, is_package, modules):
                if target != name:
                    edges.append(Edge(name, target, typing_only))
    return edges


def layer_violations(edges: Iterable[Edge]) -> list[Edge]:
    """Imports from a lower layer into export/, web/ or cli/."""
    return [e for e in edges if _within(e.source, LOWER) and _within(e.target, SHELLS)]


def cycles(edges: Iterable[Edge]) -> list[list[str]]:
    """The import cycles (strongly connected groups of two or more modules), run-time imports
    only, each sorted; the list sorted too."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        if not edge.typing_only:
            graph.setdefault(edge.source, set()).add(edge.target)
            graph.setdefault(edge.target, set())
    return sorted(sorted(group) for group in _components(graph) if len(group) > 1)


def private_imports(modules: Mapping[str, Path]) -> list[tuple[str, str, str]]:
    """``(importer, module, name)`` for every ``_private`` name one module takes from another:
    a private name is a module's own business, so reaching for it ties two modules' insides."""
    found: list[tuple[str, str, str]] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node, _ in _imports(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                targets = _targets(node, name, is_package, modules)
                if private and targets and targets[0] != name:
                    found.append((name, targets[0], alias.name))
    return found


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append((child, typing_only))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit_stmt(stmt, True)
                for stmt in child.orelse:
                    visit_stmt(stmt, typing_only)
            else:
                visit(child, typing_only)

    def visit_stmt(stmt: ast.stmt, typing_only: bool) -> None:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            found.append((stmt, typing_only))
        else:
            visit(stmt, typing_only)

    visit(tree, False)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(
    node: ast.Import | ast.ImportFrom, name: str, is_package: bool, modules: Mapping[str, Path]
) -> list[str]:
    if isinstance(node, ast.Import):
        return [t for alias in node.names if (t := _known(alias.name, modules))]
    base = node.module or ""
    if node.level:
        anchor = name.split(".") if is_package else name.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base]) if base else ".".join(anchor)
    found: list[str] = []
    for alias in node.names:
        # "from pkg import sub" names a submodule when one exists, else something in pkg.
        target = _known(f"{base}.{alias.name}", modules) or _known(base, modules)
        if target and target not in found:
            found.append(target)
    return found


def _known(dotted: str, modules: Mapping[str, Path]) -> str | None:
    """The module ``dotted`` is, or the nearest enclosing module of the package."""
    parts = dotted.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _components(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (graphs can be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
