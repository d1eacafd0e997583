"""Layers (docs/architecture.md): rentdesk (the composition root) -> ui -> app -> db.

import-linter checks every static import, including those inside functions; what it cannot
see — a module loaded by name — is forbidden in app/ and db/ outright, and a fresh
interpreter importing every app and db module must end up with no Qt loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    from importlinter.cli import lint_imports

    # The contracts live in pyproject.toml ([tool.importlinter]).
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def _dynamic_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_loaded_by_name_in_app_or_db():
    # A name import is invisible to the linter: the hole the old importlib calls were.
    holes = [hit for layer in ("app", "db") for p in sorted((ROOT / layer).rglob("*.py"))
             for hit in _dynamic_imports(p)]
    assert holes == []


def test_importing_every_app_and_db_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for layer in ("app", "db") for p in (ROOT / layer).rglob("*.py")
        if "migrations" not in p.parts)
    code = ("import importlib, sys\n"
            f"for m in {modules!r}:\n    importlib.import_module(m)\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'shiboken6', 'ui')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
