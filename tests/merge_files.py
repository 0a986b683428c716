"""Two offices' files diverged from one demo file, for the merge tests (no fixtures here)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import Base, Person, ProjectMember, Visit
from twdesk.services import visits
from twdesk.services.merge import _merged_tables
from twdesk.services.visits import ItemInput

FORK = "2026-01-01 08:00:00.000000"  # when the station's file was copied from the county's
STATION_OFFICE_ID = "5a5a5a5a-0000-4000-8000-000000000001"


def build_base(path: Path) -> None:
    """A small demo file whose every record was last changed at FORK (long before the test)."""
    create_demo_database(path, stations=3, delegates=20, years=1, seed=2, today=date(2026, 11, 24))
    with contextlib.closing(sqlite3.connect(path)) as con:
        for table in Base.metadata.sorted_tables:
            if "updated_at" in table.c:
                con.execute(f"UPDATE {table.name} SET updated_at = ?", (FORK,))
        con.commit()


def station_copy(base: Path, path: Path, office_id: str = STATION_OFFICE_ID) -> Path:
    """The county's file copied for a township station: the station's own office id."""
    shutil.copy(base, path)
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE setting SET value = ? WHERE key = 'office_id'", (office_id,))
        con.execute("UPDATE setting SET value = '乔庄镇联络站' WHERE key = 'office_name'")
        con.commit()
    return path


@dataclass
class Diverged:
    county: Path
    station: Path
    both_edited: str  # person edited in both files
    county_edited: str
    station_edited: str
    deleted_in_county: str  # and edited in the station
    county_deleted_visit: str
    station_deleted_member: str  # a project member deleted outright in the station


def diverge(base: Path, folder: Path) -> Diverged:
    """Inserts, edits and deletions on both sides, one person edited on both."""
    county = folder / "county.sqlite"
    shutil.copy(base, county)
    station = station_copy(base, folder / "station.sqlite")
    db = open_database(county)
    with db.session() as s:
        people = s.scalars(select(Person.id).order_by(Person.id)).all()
        visit_id, station_id = s.execute(
            select(Visit.id, Visit.station_id).where(Visit.deleted_at.is_(None)).order_by(Visit.id)
        ).first()
        member = s.scalars(select(ProjectMember.id).order_by(ProjectMember.id)).first()
    p0, p1, p2, p3 = people[:4]
    with db.transaction() as s:
        s.get(Person, p0).notes = "县团委改的备注"
        s.get(Person, p1).unit = "县团委改的单位"
        person = s.get(Person, p3)
        person.deleted_at = datetime(2026, 11, 20, 9, 0)
        person.deleted_by = "县团委"
        s.get(Visit, visit_id).deleted_at = datetime(2026, 11, 20, 9, 0)
        s.add(Person(name="县里新代表", notes="县团委录入"))
        _new_visit(s, station_id, "县团委收到的意见")
    db.close()
    db = open_database(station)
    with db.transaction() as s:
        s.get(Person, p0).notes = "乡镇站改的备注"
        s.get(Person, p2).unit = "乡镇站改的单位"
        s.get(Person, p3).phone = "13800001111"
        s.add(Person(name="站里新代表", notes="乡镇站录入"))
        s.delete(s.get(ProjectMember, member))
        _new_visit(s, station_id, "乡镇站收到的意见")
    db.close()
    return Diverged(county, station, p0, p1, p2, p3, visit_id, member)


def _new_visit(s, station_id: str, content: str) -> None:
    values = {
        "visit_date": date(2026, 11, 25),
        "station_id": station_id,
        "visitor_name": "王五",
        "category": "就业创业",
        "content": "来访",
    }
    visits.save_visit(s, values, [ItemInput(content)])


def all_records(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table that travels, sorted: two files hold the same records.

    Without `row_version`: it counts a record's saves in each file (a merge's save included),
    so it differs between two files holding the same records."""
    out = {}
    with contextlib.closing(sqlite3.connect(path)) as con:
        for table in _merged_tables():
            columns = ", ".join(c.name for c in table.columns if c.name != "row_version")
            rows = con.execute(f"SELECT {columns} FROM {table.name}").fetchall()
            out[table.name] = sorted(rows, key=repr)
    return out
