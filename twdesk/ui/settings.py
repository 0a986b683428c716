"""Window and user preferences, kept in an .ini file in the data folder (not the registry),
so a portable install and the tests each have their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from twdesk.paths import data_dir

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def _is_server_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


def recent_files(settings: QSettings) -> list[Path | str]:
    """Files as paths; a server database as its URL text (postgresql://user@host/db — a
    location never holds a password, so none can reach the settings file)."""
    value = settings.value("recent_files", [])
    if isinstance(value, str):  # a one-item list comes back as a plain string from .ini files
        value = [value]
    return [v if _is_server_url(v) else Path(v) for v in value or []]


def remember_recent(settings: QSettings, path: object) -> list[Path | str]:
    """`path`: a file's Path, or a server location (kept as its URL, which has no password)."""
    text = str(path)
    item: Path | str = text if _is_server_url(text) else Path(text).resolve()
    items = [item, *(p for p in recent_files(settings) if p != item)][:MAX_RECENT]
    settings.setValue("recent_files", [str(p) for p in items])
    return items
