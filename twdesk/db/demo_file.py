"""Demo database files: built in a hidden temporary file, published only when complete; or a
demo office in an empty server database (benchmarks, trying a server out)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from twdesk.db.base import new_id
from twdesk.db.dbfile import (
    Database,
    DbExistsError,
    create_database,
    open_database,
    refresh_statistics,
)
from twdesk.db.location import ServerLocation, parse_location

DEMO_OFFICE_NAME = "青川县团委（演示数据）"


def create_demo_database(
    path: Path | ServerLocation | str,
    *,
    stations: int = 12,
    delegates: int = 150,
    years: int = 2,
    seed: int = 1,
    visits: int | None = None,
    today: date | None = None,
    progress: Callable[[int, str], None] | None = None,
    finish: Callable[[Database, date], None] | None = None,
) -> dict[str, int]:
    """Build a demo file at `path` (never overwriting one); returns rows per table.

    ``finish(db, today)`` runs on the complete file before it is published: the services use it
    to open the year in progress the way an office would (the database layer knows no use case).
    """
    from twdesk.db.demo import build_demo

    location = parse_location(path)
    if isinstance(location, ServerLocation):
        return _create_demo_on_server(
            location,
            lambda conn, office_id: build_demo(
                conn,
                office_id,
                stations=stations,
                delegates=delegates,
                years=years,
                seed=seed,
                visits=visits,
                today=today,
                progress=progress,
            ),
            finish=finish,
            today=today,
        )
    path = location
    if path.exists():
        raise DbExistsError(
            f"文件「{path}」已经存在，twdesk 不会覆盖它。请换一个文件名或先删除它。"
        )
    tmp = path.with_name(f".{path.name}.{new_id()[:8]}.building")
    try:
        create_database(tmp, office_name=DEMO_OFFICE_NAME, demo=True)
        db = open_database(tmp)
        try:
            with db.engine.begin() as conn:
                counts = build_demo(
                    conn,
                    db.office_id,
                    stations=stations,
                    delegates=delegates,
                    years=years,
                    seed=seed,
                    visits=visits,
                    today=today,
                    progress=progress,
                )
            if finish is not None:
                finish(db, today or date.today())
            with db.engine.begin() as conn:
                refresh_statistics(conn)
        finally:
            db.close()
        if path.exists():
            raise DbExistsError(f"文件「{path}」已经存在，twdesk 不会覆盖它。")
        os.replace(tmp, path)
        return counts
    finally:
        for suffix in ("", "-journal", ".lock"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)


def _create_demo_on_server(
    location: ServerLocation,
    build: Callable[..., dict[str, int]],
    *,
    finish: Callable[[Database, date], None] | None,
    today: date | None,
) -> dict[str, int]:
    """The demo office in an empty (or missing) server database: the schema first (refused in a
    database that holds tables), then the records in one transaction. PostgreSQL plans from its
    own statistics: ANALYZE once the rows are in."""
    create_database(location, office_name=DEMO_OFFICE_NAME, demo=True)
    db = open_database(location)
    try:
        with db.engine.begin() as conn:
            counts = build(conn, db.office_id)
        if finish is not None:
            finish(db, today or date.today())
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        return counts
    finally:
        db.close()


def ensure_demo_database(
    path: Path, finish: Callable[[Database, date], None] | None = None
) -> bool:
    """Create the default demo file when missing; True when it was created now."""
    if Path(path).exists():
        return False
    create_demo_database(path, finish=finish)
    return True
