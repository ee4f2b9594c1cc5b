"""Features depend one way: read every module's imports and refuse cycles and backward layers.

The imports are read with ``ast`` (nothing is imported), including imports inside
functions, relative imports and ``from community.x import y`` where ``y`` is a module.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "community"

# Modules that draw pages or read forms; everything else is a rule, a query or a helper.
UI_NAMES = {"views", "forms", "templating", "cli"}
UI_SUFFIXES = ("_page",)
FORM_LIBRARIES = ("flask_wtf", "wtforms")
# The extensions every module reaches for ``db`` also hold the app's CSRF protection.
FORM_LIBRARY_ALLOWED_IN = {"community.extensions"}


def _module_name(path: Path) -> str:
    parts = ("community", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module ``module`` imports, anywhere in its body; community modules by full name."""
    tree = ast.parse(modules()[module].read_text(), str(modules()[module]))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            found.add(base)
            # ``from community.moderation import reports`` imports a module, not a name.
            found.update(
                f"{base}.{alias.name}"
                for alias in node.names
                if f"{base}.{alias.name}" in modules()
            )
    return frozenset(found)


def community_imports(module: str) -> set[str]:
    """The community modules ``module`` imports; the package itself (the app factory, whose
    imports run only when an app is made) is not counted."""
    return {
        name
        for name in imports_of(module)
        if name in modules() and name not in (module, "community")
    }


def component(module: str) -> str:
    """The unit features are layered by: a subpackage, or a top-level module of community."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def component_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module in modules():
        here = component(module)
        graph.setdefault(here, set())
        if module == "community":
            continue  # the app factory wires every feature together
        for imported in community_imports(module):
            if component(imported) != here:
                graph[here].add(component(imported))
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of ``graph`` as a path that ends where it starts, or None."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def is_ui(module: str) -> bool:
    last = module.rpartition(".")[2]
    return last in UI_NAMES or last.endswith(UI_SUFFIXES)


def reachable(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for imported in community_imports(todo.pop()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def test_every_module_is_read():
    assert "community.posts.services" in modules()
    assert "community.moderation.services" in community_imports("community.moderation.views")


def test_no_cycle_between_features():
    cycle = find_cycle(component_graph())
    assert cycle is None, "features import each other: " + " → ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", [m for m in modules() if m.startswith("community.models")])
def test_models_import_no_page_or_form(module):
    pages = {name for name in reachable(module) if is_ui(name)}
    libraries = {name for name in imports_of(module) if name.startswith(FORM_LIBRARIES)}
    assert not pages | libraries


SERVICES = [m for m in modules() if m.endswith(".services") or m.rpartition(".")[2] in {
    "actions", "audit", "reports", "memberships", "suspensions", "wording", "states",
}]  # fmt: skip


@pytest.mark.parametrize("module", SERVICES)
def test_services_pull_in_no_forms(module):
    """Importing a service must not import WTForms, a form, a view or a template helper."""
    pulled = {module, *reachable(module)}
    pages = {name for name in pulled if is_ui(name)}
    libraries = {
        (name, library)
        for name in pulled - FORM_LIBRARY_ALLOWED_IN
        for library in imports_of(name)
        if library.startswith(FORM_LIBRARIES)
    }
    assert not pages and not libraries, (pages, libraries)
