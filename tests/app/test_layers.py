"""Layers (DESIGN.md): ui -> app -> db, never backwards; only ui imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The entry points (`rentdesk gui`, `--self-test`) load ui modules by name through importlib,
# the one deliberate upward reach; a static import of ui/ from app/ is always a violation.


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for name in _imports(path):
            if name.split(".")[0] in forbidden:
                bad.append(f"{rel} imports {name}")
    return bad


def test_db_knows_no_services_and_no_qt():
    assert _violations("db", ("app", "ui", "PySide6")) == []


def test_app_imports_no_qt_and_no_ui():
    assert _violations("app", ("ui", "PySide6", "shiboken6")) == []


def test_ui_never_touches_sessions_or_sql():
    assert _violations("ui", ("db", "sqlmodel", "sqlalchemy")) == []
