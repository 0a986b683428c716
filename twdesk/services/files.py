"""The database as the GUI uses it: open (a file or a server database), new, the demo,
另存副本 — thin use cases over `twdesk.db.dbfile`, so the user interface imports nothing of the
persistence package."""

from __future__ import annotations

from pathlib import Path

from twdesk.db.dbfile import (
    SERVER_BACKUP_MESSAGE,
    Database,
    DbFileError,
    LockedError,
    create_database,
    open_database,
)
from twdesk.db.location import LocationError, ServerLocation, parse_location

__all__ = [
    "SERVER_BACKUP_MESSAGE",
    "Database",
    "DbFileError",
    "LocationError",
    "LockedError",
    "ServerLocation",
    "demo_file",
    "new_file",
    "open_file",
    "parse_location",
    "save_copy",
]


def open_file(location: Path | ServerLocation | str, *, take_over_lock: bool = False) -> Database:
    """Open a twdesk file (read-only when it cannot be written) or a server database
    (postgresql://…); DbFileError says why not."""
    return open_database(location, take_over_lock=take_over_lock)


def new_file(path: Path) -> Path:
    """A new, empty, seeded twdesk file (`.sqlite` added when the name has no extension)."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".sqlite")
    create_database(path)
    return path


def demo_file(path: Path) -> Path:
    """The demo database at `path`, created on first use."""
    from twdesk.db.demo_file import ensure_demo_database
    from twdesk.services.demo_evaluation import open_demo_year

    ensure_demo_database(path, finish=open_demo_year)
    return path


def save_copy(db: Database, dest: Path) -> Path:
    """另存副本: a consistent, verified copy of the open file; returns where it went."""
    db.save_copy(Path(dest))
    return Path(dest).resolve()
