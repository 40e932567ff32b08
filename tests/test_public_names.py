"""The public names of ``warrant`` (its ``__init__``): every one resolves, and ``import
warrant`` loads none of the library's modules until a name is used (SPEC §13: import
under 150 ms; measured by ``benchmarks/run.py``, never timed here)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import warrant

INIT = Path(warrant.__file__)


def test_spec_13_every_public_name_resolves_to_what_it_names() -> None:
    for name in warrant.__all__:
        value = getattr(warrant, name)
        assert value is not None, name
    assert set(warrant.__all__) <= set(dir(warrant))


def test_spec_13_the_names_type_checkers_see_are_the_names_loaded_on_first_use() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = next(
        node for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    typed = {
        (node.module, alias.name)
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed
    for module, name in typed:
        assert warrant._LAZY[name] == module, name
    assert set(warrant._LAZY) == set(warrant.__all__)


def test_spec_13_import_warrant_loads_no_library_module() -> None:
    code = (
        "import sys, warrant; "
        "print(sorted(m for m in sys.modules if m.startswith(('warrant.', 'cattrs', 'attr'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_spec_13_an_unknown_name_is_an_attribute_error() -> None:
    try:
        warrant.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown public name resolved")
