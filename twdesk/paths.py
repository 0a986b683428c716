"""The only module that knows where things live: data folder, resources, frozen builds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_DB_NAME = "twdesk.sqlite"
DEMO_DB_NAME = "twdesk-demo.sqlite"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's app-data folder (created on demand). `TWDESK_DATA_DIR` overrides it."""
    override = os.environ.get("TWDESK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("twdesk", appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_NAME


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def help_dir() -> Path:
    """The built-in manual (帮助 → 使用说明): HTML pages and their screenshots."""
    return resources_dir() / "help"


def font_path(file: str = "LXGWWenKai-Regular.ttf") -> Path:
    """A font shipped in `resources/fonts` (the bundled regular face unless named)."""
    return resources_dir() / "fonts" / file
