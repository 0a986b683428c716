"""Demo database files: built in a hidden temporary file, published only when complete."""

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

DEMO_OFFICE_NAME = "青川县团委（演示数据）"


def create_demo_database(
    path: Path,
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

    path = Path(path)
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


def ensure_demo_database(
    path: Path, finish: Callable[[Database, date], None] | None = None
) -> bool:
    """Create the default demo file when missing; True when it was created now."""
    if Path(path).exists():
        return False
    create_demo_database(path, finish=finish)
    return True
