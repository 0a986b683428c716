"""The database as the GUI uses it: open (a file or a server database), new, the demo,
另存副本 — thin use cases over `twdesk.db.dbfile`, so the user interface imports nothing of the
persistence package."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
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
    "county_station_name",
    "demo_file",
    "new_file",
    "new_office_file",
    "open_file",
    "parse_location",
    "save_copy",
]

OFFICE_NAME_LIMIT = 50


def open_file(location: Path | ServerLocation | str, *, take_over_lock: bool = False) -> Database:
    """Open a twdesk file (read-only when it cannot be written) or a server database
    (postgresql://…); DbFileError says why not."""
    return open_database(location, take_over_lock=take_over_lock)


def new_file(path: Path) -> Path:
    """A new, empty, seeded twdesk file (`.twdb` added when the name has no extension)."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".twdb")
    create_database(path)
    return path


def county_station_name(county: str) -> str:
    """The root of a new office's station tree: 「青川县」 → 「青川县团代表联络站」."""
    county = county.strip()
    return county if county.endswith("联络站") else f"{county}团代表联络站"


def new_office_file(path: Path, *, office_name: str, county: str = "") -> Path:
    """本单位数据库 (the welcome page): a new file carrying the office's name and, when the
    county is given, the county station as the root of the station tree — one transaction, so
    the file appears complete or not at all. An existing file is never overwritten."""
    from twdesk.core.vocab import StationKind
    from twdesk.services.stations import save_station

    office_name = office_name.strip()
    if not office_name:
        raise UserError("请填写单位名称，如“青川县团委”。")
    if len(office_name) > OFFICE_NAME_LIMIT:
        raise UserError(f"单位名称最多 {OFFICE_NAME_LIMIT} 个字，现在是 {len(office_name)} 个字。")

    def add_county_station(session: Session) -> None:
        if county.strip():
            values = {"name": county_station_name(county), "kind": str(StationKind.COUNTY)}
            save_station(session, values)

    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".sqlite")
    create_database(path, office_name=office_name, finish=add_county_station)
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
