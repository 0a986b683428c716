"""Window and user preferences, kept in an .ini file in the data folder (not the registry),
so a portable install and the tests each have their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from twdesk.paths import data_dir

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):  # a one-item list comes back as a plain string from .ini files
        value = [value]
    return [Path(v) for v in value or []]


def remember_recent(settings: QSettings, path: Path) -> list[Path]:
    path = Path(path).resolve()
    items = [path, *(p for p in recent_files(settings) if p != path)][:MAX_RECENT]
    settings.setValue("recent_files", [str(p) for p in items])
    return items


def recent_servers(settings: QSettings) -> list[str]:
    """Server databases connected to before, as their URLs (postgresql://user@host/db — a
    location never holds a password, so none can reach the settings file)."""
    value = settings.value("recent_servers", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def remember_recent_server(settings: QSettings, url: str) -> list[str]:
    items = [url, *(u for u in recent_servers(settings) if u != url)][:MAX_RECENT]
    settings.setValue("recent_servers", items)
    return items
