"""The only module that knows where things live: data folder, resources, frozen builds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Files the app names itself are .twdb (the Windows installer associates it with the app); a
# data folder from before keeps using its .sqlite files.
DEFAULT_DB_NAME = "twdesk.twdb"
DEMO_DB_NAME = "twdesk-demo.twdb"
LEGACY_SUFFIX = ".sqlite"


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


def _own_file(name: str) -> Path:
    path = data_dir() / name
    legacy = path.with_suffix(LEGACY_SUFFIX)
    return legacy if legacy.exists() and not path.exists() else path


def default_db_path() -> Path:
    """The office's own file in the data folder (twdesk.twdb; twdesk.sqlite from before)."""
    return _own_file(DEFAULT_DB_NAME)


def demo_db_path() -> Path:
    return _own_file(DEMO_DB_NAME)


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
