"""Optimistic locking (issue 15): who saved a record since it was loaded, and the error that
refuses a save over their change.

Two ways a save meets a newer version of its record:
- across transactions: an editor loaded the record (and its `row_version`) in one transaction
  and saves in another; the service compares the version it was handed (`check_version`);
- within the save itself: another session committed between this one's read and its UPDATE;
  SQLAlchemy's `version_id_col` finds no row at the version read and raises StaleDataError,
  which `Database.transaction` turns into the same error (`after_stale_flush`).

Either way nothing of the save is written, and the error names who saved the record and when
(the newest audit line of the row, else its `updated_at`).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import Table, case, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified

from twdesk.core.errors import StaleRecordError
from twdesk.core.merge_rules import table_label
from twdesk.db.base import VERSION_COLUMN, Base, now
from twdesk.db.models import AuditEntry
from twdesk.db.session import FLUSHED_KEY

_TITLE_COLUMNS = ("name", "title", "number", "theme", "description", "day", "year")
_TABLE_IN_MESSAGE = re.compile(r"on table '([^']+)'")


def when_text(value: Any) -> str:
    """A change's time as the refusal shows it."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value or "")


def _title(row: dict[str, Any] | None) -> str:
    if not row:
        return ""
    for column in _TITLE_COLUMNS:
        value = row.get(column)
        if value not in (None, ""):
            return str(value)[:40]
    return ""


def last_change(session: Session, table_name: str, row_ids: list[str]) -> tuple[str, Any]:
    """(who, when) of the newest audited change of these rows ("" and None when none)."""
    a = AuditEntry
    last = session.execute(
        select(a.user, a.at)
        .where(a.table_name == table_name, a.row_id.in_(row_ids))
        # within one second a change comes after the row's creation
        .order_by(a.at.desc(), case((a.action == "新增", 1), else_=0))
        .limit(1)
    ).first()
    return (last.user, last.at) if last is not None else ("", None)


def stale_record_error(session: Session, table_name: str, row_id: str) -> StaleRecordError:
    """The error for a save over `table_name` row `row_id`, naming its newest save (read now)."""
    table = Base.metadata.tables.get(table_name)
    row = None
    if isinstance(table, Table):
        row = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    row = dict(row) if row is not None else None
    who, when = last_change(session, table_name, [row_id])
    when = when or (row or {}).get("updated_at")
    deleted = row is None or row.get("deleted_at") is not None
    return StaleRecordError(
        what=table_label(table_name),
        record=_title(row),
        who=who,
        when=when_text(when),
        table=table_name,
        row_id=row_id,
        deleted=deleted,
    )


def check_version(obj: Any, expected: int | None) -> None:
    """Refuse to save `obj` when it is no longer the version an editor loaded (`expected`,
    None: the caller loaded it in this same transaction, nothing to compare)."""
    if expected is None:
        return
    current = getattr(obj, VERSION_COLUMN)
    if current != expected:
        session = object_session(obj)
        assert session is not None
        raise stale_record_error(session, obj.__tablename__, obj.id)


def after_stale_flush(session: Session, exc: Exception) -> StaleRecordError:
    """The user's error for a StaleDataError: which row of the failed flush moved on, and who
    moved it. `session` has been rolled back; this reads in a new transaction."""
    match = _TABLE_IN_MESSAGE.search(str(exc))
    wanted = match.group(1) if match else None
    rows = [r for r in session.info.get(FLUSHED_KEY, ()) if wanted in (None, r[0])]
    first: tuple[str, str] | None = None
    for table_name, row_id, version in rows:
        table = Base.metadata.tables[table_name]
        now_at = session.execute(
            select(table.c[VERSION_COLUMN]).where(table.c.id == row_id)
        ).scalar()
        if now_at != version:
            first = (table_name, row_id)
            break
    if first is None and rows:
        first = (rows[0][0], rows[0][1])
    if first is None:
        return StaleRecordError(
            what=table_label(wanted or ""), record="", who="", when="", table=wanted or ""
        )
    return stale_record_error(session, *first)


def save_over(obj: Any, expected: int | None) -> None:
    """An editor's save of `obj` and of what it shows with it (a person's station and links,
    an activity's participants): refused when `obj` moved on since the editor loaded version
    `expected`; otherwise `obj` is saved (its version counted) even when none of its own
    fields change, so an editor of the same record elsewhere is refused in turn."""
    check_version(obj, expected)
    if expected is not None:
        obj.updated_at = now()
        flag_modified(obj, "updated_at")
