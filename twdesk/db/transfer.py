"""Moving a whole twdesk database between engines (a SQLite file ⇄ a PostgreSQL database): the
persistence side of `twdesk copy`. The use case (order, progress, Cancel, the report) is
twdesk/services/db_copy.py.

- A new target only: `new_file_target` writes a file under a temporary name beside the
  destination and renames it into place once the copy is verified; `new_server_target` builds the
  schema and the rows of an empty (or missing) server database in one transaction. Anything
  that goes wrong leaves no half-made target: the temporary file is deleted, the transaction
  rolled back, a database created for the copy dropped again.
- Rows travel with Core statements in batches (COPY … FROM STDIN into PostgreSQL), ids and
  timestamps as they are, parents before children.
- `table_checksum` reads a table ordered by its primary key (byte order of the text on both
  engines, whatever the server's collation) and hashes a canonical text of each row,
  normalised in Python (`canonical_row`): the repr of the values as SQLAlchemy's column types
  return them — the same Python types on both engines: floats by repr, dates, times and
  datetimes by value, booleans True/False, NULL None — with bytes replaced by their length and
  SHA-256; so the same rows give the same checksum on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    LargeBinary,
    Numeric,
    Table,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError

from twdesk.db.base import Base, new_id
from twdesk.db.dbfile import (
    FULL_CHECK_LIMIT,
    DbExistsError,
    DbFileError,
    check_integrity,
    create_database,
    fill_new_database,
    refresh_statistics,
)
from twdesk.db.engine import make_engine, make_server_engine, server_connect_args
from twdesk.db.location import ServerLocation
from twdesk.db.models import Setting

BATCH = 5000  # rows per read and per COPY / executemany
BLOB_BATCH = 50  # for tables holding photos and scans

Rows = Sequence[Sequence[Any]]  # rows as tuples in the order of table.columns


def copied_tables() -> list[Table]:
    """Every twdesk table, parents before children (alembic's own version row is made by the
    target's migrations, not copied)."""
    return list(Base.metadata.sorted_tables)


def _has_blobs(table: Table) -> bool:
    return any(isinstance(c.type, LargeBinary) for c in table.columns)


def batch_size(table: Table) -> int:
    return BLOB_BATCH if _has_blobs(table) else BATCH


# --- checksums ---------------------------------------------------------------------------------


def canonical_value(value: Any) -> Any:
    """A value as compared across engines: bytes (photos, scans) by length and SHA-256, a
    Decimal as the float it stands for, datetimes and times without a zone; everything else
    as SQLAlchemy's column types return it, which is the same Python type and value on both
    engines (bool for Boolean, float for Float, date/datetime/time, str, int, None)."""
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return ("sha256", len(data), hashlib.sha256(data).hexdigest())
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | time) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _special_columns(table: Table) -> tuple[int, ...]:
    """Positions of the columns whose values need `canonical_value` (blobs, decimals, zoned
    times); the others compare as returned."""
    found = []
    for i, column in enumerate(table.columns):
        kind = column.type
        if (
            isinstance(kind, LargeBinary)
            or (isinstance(kind, Numeric) and not isinstance(kind, Float))
            or getattr(kind, "timezone", False)
        ):
            found.append(i)
    return tuple(found)


def canonical_row(row: Sequence[Any], special: Sequence[int] | None = None) -> bytes:
    """A row's canonical text: the repr of its tuple of canonical values (unambiguous: strings
    are quoted, NULL is None, types are named: True, 1.5, datetime.date(2024, 5, 1) …).
    `special`: the positions needing `canonical_value` (None: every value goes through it)."""
    if special is None:
        values = tuple(canonical_value(v) for v in row)
    elif special:
        listed = list(row)
        for i in special:
            listed[i] = canonical_value(listed[i])
        values = tuple(listed)
    else:
        values = tuple(row)
    return (repr(values) + "\n").encode("utf-8")


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


class RowDigest:
    """The running checksum of a table's rows fed in primary-key order."""

    def __init__(self, table: Table) -> None:
        self.special = _special_columns(table)
        self.digest = hashlib.sha256()
        self.rows = 0

    def update(self, rows: Rows) -> None:
        special, update = self.special, self.digest.update
        for row in rows:
            update(canonical_row(row, special))
        self.rows += len(rows)

    def result(self) -> TableSum:
        return TableSum(self.rows, self.digest.hexdigest())


def _ordered_pk(conn: Connection, table: Table) -> list[Any]:
    columns = list(table.primary_key.columns)
    if conn.dialect.name == "postgresql":  # sort text by bytes, as SQLite does, whatever the
        return [c.collate("C") for c in columns]  # database's collation
    return columns


def _streamed(query: Any, size: int) -> Any:
    """Rows fetched `size` at a time (a server-side cursor on PostgreSQL), for this statement
    only: a connection's own options would stick to it."""
    return query.execution_options(stream_results=True, yield_per=size)


def read_rows(conn: Connection, table: Table) -> Iterator[Rows]:
    """Every row of `table` in primary-key order (text by bytes on both engines), in batches
    of tuples in the order of `table.columns`."""
    query = select(*table.columns).order_by(*_ordered_pk(conn, table))
    result = conn.execute(_streamed(query, batch_size(table)))
    yield from result.partitions()


def table_checksum(conn: Connection, table: Table) -> TableSum:
    """Rows and SHA-256 of the canonical rows of `table`, ordered by primary key."""
    digest = RowDigest(table)
    for rows in read_rows(conn, table):
        digest.update(rows)
    return digest.result()


def table_counts(conn: Connection, tables: Iterable[Table]) -> dict[str, int]:
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0) for t in tables
    }


# --- writing rows ------------------------------------------------------------------------------


def refers_to_itself(table: Table) -> bool:
    """A table whose rows point at rows of the same table (a station's parent station): its
    rows must be written all at once, parents first."""
    return any(fk.column.table is table for fk in table.foreign_keys)


def _parents_first(table: Table, rows: Rows) -> list[Sequence[Any]]:
    names = [c.name for c in table.columns]
    refs = [names.index(fk.parent.name) for fk in table.foreign_keys if fk.column.table is table]
    key = names.index(next(iter(table.primary_key.columns)).name)
    placed: set[Any] = set()
    ordered: list[Sequence[Any]] = []
    waiting = list(rows)
    while waiting:
        later = []
        for row in waiting:
            parents = [row[i] for i in refs if row[i] is not None and row[i] != row[key]]
            if all(p in placed for p in parents):
                ordered.append(row)
                placed.add(row[key])
            else:
                later.append(row)
        if len(later) == len(waiting):  # a parent outside the table: left to the database
            ordered += later
            break
        waiting = later
    return ordered


def write_rows(conn: Connection, table: Table, rows: Rows) -> None:
    """Insert rows (tuples in the order of `table.columns`) as they are — ids, timestamps,
    NULLs: COPY … FROM STDIN on PostgreSQL (several times faster than INSERT), an executemany
    through SQLAlchemy's types on SQLite (dates stored as SQLAlchemy writes them)."""
    if not rows:
        return
    if refers_to_itself(table):
        rows = _parents_first(table, rows)
    names = [c.name for c in table.columns]
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


# --- new targets -------------------------------------------------------------------------------


def refuse_existing_file(dest: Path) -> None:
    if dest.is_dir():
        raise DbExistsError(f"「{dest}」是一个文件夹，请给出新数据库文件的文件名。")
    if dest.exists():
        raise DbExistsError(
            f"文件「{dest}」已经存在，twdesk copy 不会覆盖它。请换一个新的文件名"
            "（复制的目标必须是还不存在的文件）。"
        )


@contextlib.contextmanager
def new_file_target(dest: Path) -> Iterator[Connection]:
    """A new twdesk file at `dest`: the schema (same migrations as `twdesk init`) under a
    temporary name beside it, then a transaction for the caller's rows; when the caller's block
    ends without error the file gets planner statistics, an integrity check and fsync, and is
    renamed to `dest`. On any error nothing is left behind."""
    dest = Path(dest)
    refuse_existing_file(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{new_id()[:8]}.copying")
    try:
        create_database(tmp, seed=False)
        engine = make_engine(tmp)
        try:
            with engine.begin() as conn:
                conn.execute(delete(Setting))  # the source's settings come instead
                yield conn
                refresh_statistics(conn)
        finally:
            engine.dispose()
        problems = check_integrity(tmp, full=tmp.stat().st_size < FULL_CHECK_LIMIT)
        if problems:
            raise DbFileError(
                f"复制出的文件没有通过完整性检查（{'；'.join(problems[:3])}），已删除，"
                f"没有生成「{dest.name}」。"
            )
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        refuse_existing_file(dest)  # made meanwhile by someone else: still never overwritten
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + "-journal").unlink(missing_ok=True)


def _drop_database(location: ServerLocation) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(
        location.with_dbname("postgres").sqlalchemy_url(),
        isolation_level="AUTOCOMMIT",
        connect_args=server_connect_args(location),
    )
    try:
        with admin.connect() as conn:
            name = conn.dialect.identifier_preparer.quote(location.dbname)
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
    finally:
        admin.dispose()


@contextlib.contextmanager
def new_server_target(location: ServerLocation) -> Iterator[Connection]:
    """An empty (or missing: created, collation "C") server database: the schema by the same
    migrations as `twdesk init`, then the caller's rows, all in ONE transaction that commits
    only when the caller's block ends without error. A database that holds any table is
    refused; a database created here is dropped again when the copy fails."""
    from twdesk.db.server import _connect_error, connect_or_create, refuse_unless_empty

    engine = make_server_engine(location)
    created = False
    try:
        conn, created = connect_or_create(engine, location)
        with conn, conn.begin():
            refuse_unless_empty(
                conn,
                location,
                "twdesk copy ",
                "复制的目标必须是空数据库（或还不存在的数据库）：请换一个数据库名。",
            )
            fill_new_database(conn, office_name="", seed=False, demo=False)
            conn.execute(delete(Setting))  # the source's settings come instead
            yield conn
        # committed: planner statistics and the visibility map for the new rows (what an
        # administrator runs after a bulk load; autovacuum would get there later)
        with contextlib.suppress(Exception), engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    except BaseException as exc:
        engine.dispose()
        if created:
            with contextlib.suppress(Exception):
                _drop_database(location)
        if isinstance(exc, DBAPIError):
            raise _connect_error(location, exc) from exc
        raise
    finally:
        engine.dispose()
