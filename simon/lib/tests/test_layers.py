"""The layers CONTRIBUTING.md describes, read from the source.

- ``simon/lib`` knows no tenant and no app: at run time it imports nothing of ``simon`` but
  ``simon.lib``. It may name the core's types in annotations, under ``if TYPE_CHECKING:`` (the
  plug points an integration registers with take an organization or a work order).
- ``simon.testing`` (factories for tests) is imported by tests only, never by production code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SIMON = Path(__file__).resolve().parents[2]
ROOT = SIMON.parent


def _runtime_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of every import that runs: at the top, in functions, not under
    ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            skipped.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # 'from simon import testing' imports simon.testing
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def _is_test_code(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name == "conftest.py" or parts[:2] == ("simon", "testing")


def test_lib_imports_no_app_of_simon():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((SIMON / "lib").rglob("*.py"))
        if not _is_test_code(path)
        for line, module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] == "simon" and not module.startswith("simon.lib")
    ]
    assert found == []


def test_production_code_never_imports_the_test_support():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted(SIMON.rglob("*.py"))
        if not _is_test_code(path)
        for line, module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        if module == "simon.testing" or module.startswith("simon.testing.")
    ]
    assert found == []
