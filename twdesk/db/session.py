"""Session hooks: every new row gets this file's office id; every change goes to the audit log;
no text longer than its column is ever stored (SQLite does not enforce VARCHAR(n))."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import String, Table, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from twdesk.core.errors import UserError
from twdesk.core.idcard import mask_id_number, mask_phone
from twdesk.db.base import VERSION_COLUMN, IdMixin, new_id, now
from twdesk.db.models import AuditEntry, Setting

# session.info key: (table, id, version as loaded) of the versioned rows the last flush saved
FLUSHED_KEY = "twdesk_versioned_rows"

# Values of these columns are personal data: the audit keeps them masked.
_MASKED_COLUMNS = {"id_number": mask_id_number, "phone": mask_phone}
# Columns whose change says nothing to a person reading the audit.
_SILENT_COLUMNS = {
    "updated_at",
    "created_at",
    "origin_office_id",
    "deleted_by",
    "data",
    "thumbnail",
    "leader_photo",
    VERSION_COLUMN,
}
_NOT_AUDITED = (AuditEntry, Setting)


class TextTooLong(UserError):
    """The last line of defence behind the services' own length checks: a value longer than
    its column allows, from whatever path, is refused before it reaches the file."""

    def __init__(self, table: str, column: str, limit: int, length: int) -> None:
        self.table, self.column, self.limit = table, column, limit
        super().__init__(
            f"无法保存：表 {table} 的字段 {column} 最多 {limit} 个字，"
            f"这次要写入 {length} 个字。请删减后再保存，没有保存任何内容。"
        )


@lru_cache(maxsize=256)
def _limits(table: Table) -> tuple[tuple[str, int], ...]:
    """(column, length) of every String(n) column of a table."""
    return tuple(
        (c.key, c.type.length)
        for c in table.columns
        if isinstance(c.type, String) and c.type.length
    )


def check_text_lengths(table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Raise TextTooLong for the first value longer than its String(n) column."""
    limits = _limits(table)
    for row in rows:
        for column, limit in limits:
            value = row.get(column)
            if isinstance(value, str) and len(value) > limit:
                raise TextTooLong(table.name, column, limit, len(value))


def _text(column: str, value: Any) -> str | None:
    if value is None:
        return None
    if column in _MASKED_COLUMNS and isinstance(value, str) and value:
        return _MASKED_COLUMNS[column](value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} 字节>"
    return str(value)


def _audit_rows(session: Session) -> list[AuditEntry]:
    user = session.info.get("user", "")
    office_id = session.info.get("office_id", "")
    at = now()
    rows: list[AuditEntry] = []

    def add(action: str, obj: IdMixin, field: str = "", old: Any = None, new: Any = None) -> None:
        rows.append(
            AuditEntry(
                at=at,
                user=user,
                action=action,
                table_name=obj.__tablename__,  # type: ignore[attr-defined]
                row_id=obj.id,
                field=field,
                old_value=_text(field, old),
                new_value=_text(field, new),
                origin_office_id=office_id,
            )
        )

    for obj in session.new:
        if isinstance(obj, IdMixin) and not isinstance(obj, _NOT_AUDITED):
            add("新增", obj)
    for obj in session.deleted:
        if isinstance(obj, IdMixin) and not isinstance(obj, _NOT_AUDITED):
            add("删除", obj)
    for obj in session.dirty:
        if not isinstance(obj, IdMixin) or isinstance(obj, _NOT_AUDITED):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            name = attr.key
            if name in _SILENT_COLUMNS:
                continue
            hist = state.attrs[name].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old == new:
                continue
            if name == "deleted_at":
                add("移入回收站" if new is not None else "恢复", obj)
            else:
                add("修改", obj, name, old, new)
    return rows


def install_session_hooks(session: Session) -> None:
    """Fill origin_office_id and write audit rows in the same flush as the change itself."""

    @event.listens_for(session, "before_flush")
    def _before_flush(sess: Session, _ctx: object, _instances: object) -> None:
        for obj in sess.new:
            table = getattr(obj, "__table__", None)
            if isinstance(table, Table):
                check_text_lengths(table, [obj.__dict__])
        for obj in sess.dirty:  # only what changes: an old long value never blocks an edit
            table = getattr(obj, "__table__", None)
            if isinstance(table, Table):
                attrs = inspect(obj).attrs
                changed = {
                    column: attrs[column].history.added[0]
                    for column, _limit in _limits(table)
                    if column in attrs and attrs[column].history.added
                }
                check_text_lengths(table, [changed])
        # the rows this flush saves at the version they were loaded: when another session saved
        # one meanwhile (StaleDataError), db/versions.py tells the user which and by whom
        sess.info[FLUSHED_KEY] = [
            (obj.__tablename__, obj.id, inspect(obj).dict.get(VERSION_COLUMN))  # type: ignore[attr-defined]
            for obj in (*sess.dirty, *sess.deleted)
            if VERSION_COLUMN in inspect(obj).mapper.columns
        ]
        office_id = sess.info.get("office_id")
        for obj in sess.new:
            if isinstance(obj, IdMixin):
                if obj.id is None:
                    obj.id = new_id()
                if getattr(obj, "origin_office_id", None) is None:
                    obj.origin_office_id = office_id  # type: ignore[assignment]
        if sess.info.get("audit", True):
            for row in _audit_rows(sess):
                sess.add(row)

    @event.listens_for(session, "do_orm_execute")
    def _bulk_lengths(state: ORMExecuteState) -> None:
        """Bulk `session.execute(insert(Model), rows)` skips the flush: check its rows here.
        A bulk UPDATE skips the ORM's version counter: it counts as a save of every row."""
        if not (state.is_insert or state.is_update):
            return
        table = getattr(state.statement, "table", None)
        if state.is_update and VERSION_COLUMN in getattr(table, "c", ()):
            stmt = state.statement
            given = getattr(stmt, "_values", None) or {}
            if VERSION_COLUMN not in {getattr(k, "key", k) for k in given}:
                column = table.c[VERSION_COLUMN]  # type: ignore[union-attr]
                state.statement = stmt.values({VERSION_COLUMN: column + 1})  # type: ignore[attr-defined]
        params = state.parameters
        if isinstance(table, Table) and params:
            check_text_lengths(table, params if isinstance(params, list) else [params])
