"""The database file as the GUI uses it: open, new, the demo, 另存副本 — thin use cases over
`twdesk.db.dbfile`, so the user interface imports nothing of the persistence package."""

from __future__ import annotations

from pathlib import Path

from twdesk.db.dbfile import (
    Database,
    DbFileError,
    LockedError,
    create_database,
    open_database,
)

__all__ = [
    "Database",
    "DbFileError",
    "LockedError",
    "demo_file",
    "new_file",
    "open_file",
    "save_copy",
]


def open_file(path: Path, *, take_over_lock: bool = False) -> Database:
    """Open a twdesk file (read-only when it cannot be written); DbFileError says why not."""
    return open_database(Path(path), take_over_lock=take_over_lock)


def new_file(path: Path) -> Path:
    """A new, empty, seeded twdesk file (`.twdb` added when the name has no extension)."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".twdb")
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
