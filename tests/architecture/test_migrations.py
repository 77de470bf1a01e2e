"""Migrations never import app or engine code: their data and SQL are frozen inside them.

A data migration that calls today's code builds a fresh database from whatever that code says today,
not from what it said when the migration was written (Zulip's rule for RunPython).
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "zhichan"


def _imported_modules(tree: ast.AST) -> set[str]:
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.ImportFrom):  # a relative import reaches into the app's own code
            modules.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            modules.add("<dynamic import>")
    return modules


def test_no_migration_imports_app_code():
    migrations = sorted(SOURCE.glob("*/migrations/0*.py"))
    assert len(migrations) > 10
    offenders = {}
    for path in migrations:
        imported = _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        bad = sorted(m for m in imported if m.startswith(("zhichan", ".", "<")))
        if bad:
            offenders[str(path.relative_to(SOURCE))] = bad
    assert offenders == {}


def test_the_probe_sees_nested_imports():
    tree = ast.parse("def seed(apps, editor):\n    from zhichan.core.audit import install\n    import zhichan.x\n")
    assert _imported_modules(tree) == {"zhichan.core.audit", "zhichan.x"}
