"""The layers stay visible: Qt only in ui, and every import goes the one way data flows.

ui and cli → services → db and core; services hand plain data to excel and reports.
Checked on the source (every import statement, including imports inside functions) and at
runtime (importing everything below ui loads no Qt).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import twdesk
from tests.helpers import ROOT

PACKAGE = ROOT / "twdesk"

# layer → module prefixes it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "twdesk.ui": ("sqlalchemy", "twdesk.db", "twdesk.cli"),
    "twdesk.excel": (
        "twdesk.db",
        "twdesk.services",
        "twdesk.ui",
        "twdesk.cli",
        "sqlalchemy",
        "PySide6",
    ),
    "twdesk.reports": (
        "twdesk.db",
        "twdesk.services",
        "twdesk.ui",
        "twdesk.cli",
        "sqlalchemy",
        "PySide6",
    ),
    "twdesk.services": ("twdesk.ui", "twdesk.cli", "PySide6"),
    "twdesk.db": (
        "twdesk.services",
        "twdesk.ui",
        "twdesk.cli",
        "twdesk.excel",
        "twdesk.reports",
        "PySide6",
    ),
    "twdesk.cli": ("twdesk.db.models", "sqlalchemy", "PySide6"),
    "twdesk.importing": (
        "twdesk.db",
        "twdesk.services",
        "twdesk.ui",
        "twdesk.cli",
        "sqlalchemy",
        "PySide6",
    ),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (annotations only, never imported)."""
    found: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test).endswith("TYPE_CHECKING"):
                todo.extend(child.orelse)
                continue
            todo.append(child)
    return found


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _sources() -> list[tuple[str, Path]]:
    return [
        (_module_name(p), p)
        for p in sorted(PACKAGE.rglob("*.py"))
        if "forms" not in p.relative_to(PACKAGE).parts and "migrations" not in p.parts
    ]


def _layer_of(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def test_the_rules_see_every_layer() -> None:
    modules = {name for name, _ in _sources()}
    for layer in (*FORBIDDEN, "twdesk.core"):
        assert any(_layer_of(m, layer) for m in modules), f"no module in {layer}"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_go_one_way(layer: str) -> None:
    bad = []
    for module, path in _sources():
        if not _layer_of(module, layer):
            continue
        for name in _imports(path):
            if any(_layer_of(name, f) for f in FORBIDDEN[layer]):
                bad.append(f"{module} imports {name}")
    assert bad == []


def test_core_imports_nothing_of_twdesk_but_itself() -> None:
    bad = [
        f"{module} imports {name}"
        for module, path in _sources()
        if _layer_of(module, "twdesk.core")
        for name in _imports(path)
        if _layer_of(name, "twdesk") and not _layer_of(name, "twdesk.core")
    ]
    assert bad == []


def test_the_gui_runs_no_sql() -> None:
    """No session.execute / select() in ui code: every query is a service function."""
    bad = []
    for module, path in _sources():
        if _layer_of(module, "twdesk.ui"):
            text = path.read_text(encoding="utf-8")
            for needle in ("session.execute(", "select(", ".scalar(", ".scalars("):
                if needle in text:
                    bad.append(f"{module}: {needle}")
    assert bad == []


def non_ui_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(twdesk.__path__, "twdesk.")
        if not info.name.startswith(("twdesk.ui", "twdesk.__main__"))
    ]


def test_non_ui_layers_do_not_import_qt() -> None:
    modules = non_ui_modules()
    assert {"twdesk.core.vocab", "twdesk.db.dbfile", "twdesk.cli", "twdesk.db.demo"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
