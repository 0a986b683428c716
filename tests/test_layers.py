"""Domain, persistence, Excel and PDF code never import Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import twdesk
from tests.helpers import ROOT


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(twdesk.__path__, "twdesk."):
        if info.name.startswith(("twdesk.ui", "twdesk.__main__")):
            continue
        names.append(info.name)
    return names


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
