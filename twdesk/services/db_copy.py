"""`twdesk copy`: move a whole office database to a new place — a SQLite file to a PostgreSQL
server, back again, file to file or server to server — everything included: every table, photos
and scans, the audit log, settings (the office id stays: it is the same office), merge metadata.

The target must be new (a file that does not exist, a server database that is empty or missing);
it is written through the same migrations as `twdesk init`. After the rows are in, both sides
are read again table by table — row counts and a checksum of the canonical rows in primary-key
order (twdesk/db/transfer.py) — and any difference fails the copy and leaves no target behind.
The source is only read, in one transaction (a consistent snapshot); an older twdesk's file
through a migrated temporary copy, as a merge does.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from twdesk.core.errors import Cancelled, UserError
from twdesk.db import transfer
from twdesk.db.dbfile import (
    SCHEMA_VERSION,
    Database,
    copy_consistent,
    open_database,
    read_header,
)
from twdesk.db.location import ServerLocation, parse_location

Progress = Callable[[int, int], None]
Location = Path | ServerLocation


class CopyError(UserError):
    """A copy refused or failed; no target was left behind."""

    title = "复制数据库"


class CopyMismatchError(CopyError):
    """The target did not read back the same as the source."""


@dataclass(frozen=True)
class TableResult:
    name: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableResult, ...]
    seconds: float
    upgraded_from: int | None  # the source's older schema version, migrated in a temp copy

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _describe(location: Location) -> str:
    return location.describe() if isinstance(location, ServerLocation) else f"「{location}」"


@contextlib.contextmanager
def _opened_source(location: Location) -> Iterator[tuple[Database, int | None]]:
    """The source, read-only; an older twdesk's file through a migrated temporary copy (the
    file itself is never changed). An older server database is refused by opening it
    read-only (it is migrated by opening it once with a writing account)."""
    if isinstance(location, ServerLocation):
        db = open_database(location, read_only=True)
        try:
            yield db, None
        finally:
            db.close()
        return
    header = read_header(location)  # not there, not SQLite, not twdesk: refused as always
    if header.user_version >= SCHEMA_VERSION:  # newer: refused by open_database
        db = open_database(location, read_only=True)
        try:
            yield db, None
        finally:
            db.close()
        return
    with tempfile.TemporaryDirectory(prefix="twdesk-copy-") as folder:
        copy = Path(folder) / Path(location).name
        copy_consistent(Path(location), copy)
        db = open_database(copy, backup=False)  # no copy of it may outlive this
        try:
            yield db, header.user_version
        finally:
            db.close()


@contextlib.contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """One read transaction over the source: every table as of one moment."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _same(source: Location, target: Location) -> bool:
    if isinstance(source, ServerLocation) or isinstance(target, ServerLocation):
        return source == target
    return Path(source).resolve() == Path(target).resolve()


def copy_database(
    source: str | Location,
    target: str | Location,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CopyReport:
    """Copy everything from `source` to the new `target` and verify it; returns what was copied.

    One pass over the source (in primary-key order) writes the rows and checksums them; the
    target is then read back and checksummed the same way. `progress(done, total)` counts rows
    copied then rows verified; `cancelled()` → True stops with Cancelled and, as every failure,
    leaves no target.
    """
    started = time.perf_counter()
    src, dst = parse_location(source), parse_location(target)
    if _same(src, dst):
        raise CopyError("复制的来源和目标是同一个数据库。请给出一个新的文件名或空的服务器数据库。")
    if isinstance(dst, Path):
        transfer.refuse_existing_file(dst)  # before any work on the source
    tables = transfer.copied_tables()

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    with _opened_source(src) as (db, upgraded_from), _snapshot(db) as sconn:
        counts = transfer.table_counts(sconn, tables)
        total = 2 * sum(counts.values())
        done = 0
        if progress is not None:
            progress(0, total)
        opener = (
            transfer.new_server_target(dst)
            if isinstance(dst, ServerLocation)
            else transfer.new_file_target(dst)
        )
        with opener as tconn:
            sums = {}
            for table in tables:  # one pass over the source: copied and checksummed
                digest = transfer.RowDigest(table)
                whole = transfer.refers_to_itself(table)  # written at once, parents first
                held: list = []
                for rows in transfer.read_rows(sconn, table):
                    check_cancel()
                    digest.update(rows)
                    if whole:
                        held += rows
                    else:
                        transfer.write_rows(tconn, table, rows)
                    done += len(rows)
                    if progress is not None:
                        progress(done, total)
                if whole:
                    transfer.write_rows(tconn, table, held)
                sums[table.name] = digest.result()
            results = []
            differences = []
            for table in tables:  # the target read back, the same way
                check_cancel()
                mine = sums[table.name]
                theirs = transfer.table_checksum(tconn, table)
                if mine != theirs:
                    differences.append(
                        f"表 {table.name}：来源 {mine.rows} 行，目标 {theirs.rows} 行"
                        + ("，内容不一致" if mine.rows == theirs.rows else "")
                    )
                results.append(TableResult(table.name, mine.rows, mine.sha256))
                done += mine.rows
                if progress is not None:
                    progress(min(done, total), total)
            if differences:
                raise CopyMismatchError(
                    f"复制到{_describe(dst)}后校验不一致（"
                    + "；".join(differences[:5])
                    + "）。复制没有完成，目标已删除（或保持为空），来源没有改动。"
                    "请重试；仍然不一致时请把来源交给技术人员检查。"
                )
    return CopyReport(
        source=str(src),
        target=str(dst),
        tables=tuple(results),
        seconds=time.perf_counter() - started,
        upgraded_from=upgraded_from,
    )


def database_checksums(location: str | Location) -> dict[str, tuple[int, str]]:
    """Rows and checksum per table of a database, as `copy_database` verifies them (for
    comparing two databases, e.g. after a round trip)."""
    with _opened_source(parse_location(location)) as (db, _old), _snapshot(db) as conn:
        return {
            t.name: (s.rows, s.sha256)
            for t in transfer.copied_tables()
            for s in [transfer.table_checksum(conn, t)]
        }
