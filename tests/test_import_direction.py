"""The house's floors (docs/architecture.md): imports flow one way, from the ground up.

Every ``import`` in ``src/warrant`` is read from the source (module level and inside
functions alike; only imports under ``if TYPE_CHECKING:`` are left out, since they never
run).  A module may import from its own folder and from any floor below it, never from a
floor above, except for the exceptions declared below, each with its reason; and no two
modules import each other, directly or round a longer loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "warrant"

#: The floors, lowest first: a module's floor is its first folder under ``warrant``.
FLOORS = (
    "ground",
    "instrument",
    "market",
    "register",
    "holder",
    "section4",
    "case",
    "analyses",
    "files",
    "cli",
)

#: Imports up a floor that the architecture sanctions, (importer, imported) by module.
#: (The ledger finds the rulebook its terms name by name, through ``importlib``: no import.)
SANCTIONED = {
    # an adjustment record carries the 4.C(2) consideration with its parts, and a rule
    # hands it to the book when it records one
    ("warrant.register.records", "warrant.section4.c2_consideration"),
    ("warrant.register.book", "warrant.section4.c2_consideration"),
    # ``Ledger.consent``: Section 11's count on the register as it stands, loaded when asked
    ("warrant.register.ledger", "warrant.holder.s11_consents"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """The ``warrant`` modules a file imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("warrant"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("warrant"):
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if candidate in MODULES else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


MODULES = {_module_name(path): path for path in SOURCE.rglob("*.py")}
GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package itself re-exports the public names, on top of everything
    name = "cli" if parts[1] == "__main__" else parts[1]
    return FLOORS.index(name) if name in FLOORS else None


def _above(imported: str, importer: str) -> bool:
    mine, theirs = _floor(importer), _floor(imported)
    return mine is not None and (theirs is None or theirs > mine)


def test_every_module_is_on_a_floor():
    assert all(_floor(name) is not None for name in MODULES if name != "warrant"), sorted(
        name for name in MODULES if name != "warrant" and _floor(name) is None
    )


def test_imports_flow_from_the_ground_up():
    upward = sorted(
        (importer, imported)
        for importer, imports in GRAPH.items()
        for imported in imports
        if imported in MODULES
        and _above(imported, importer)
        and (importer, imported) not in SANCTIONED
    )
    assert not upward, "\n".join(f"{a} imports {b}" for a, b in upward)


@pytest.mark.parametrize("floor", FLOORS[: FLOORS.index("files")])
def test_nothing_below_the_files_imports_them(floor):
    offending = sorted(
        (importer, imported)
        for importer, imports in GRAPH.items()
        if importer.startswith(f"warrant.{floor}.")
        for imported in imports
        if imported.startswith("warrant.files")
    )
    assert not offending


def test_no_two_modules_import_each_other():
    # a depth-first walk for a loop, naming it
    state: dict[str, int] = {}
    loops: list[list[str]] = []

    def walk(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(GRAPH.get(module, ())):
            if imported not in MODULES or imported == "warrant":
                continue
            if state.get(imported) == 1:
                loops.append([*trail[trail.index(imported) :], imported])
            elif imported not in state:
                walk(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state and module != "warrant":
            walk(module, [module])
    assert not loops, "\n".join(" → ".join(loop) for loop in loops)


def test_the_graph_is_read():
    # the reader sees a known import, so an empty graph cannot pass the tests above
    assert "warrant.register.ledger" in GRAPH["warrant.analyses.replay"]
