"""SQLAlchemy engines: a twdesk SQLite file, with the pragmas that keep the file whole, or a
PostgreSQL server database (psycopg 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

if TYPE_CHECKING:
    from twdesk.db.location import ServerLocation

BUSY_TIMEOUT_MS = 5000
# Execution option of a connection that will write (Database.transaction): SQLite takes the
# write lock at BEGIN, so writers queue on the busy timeout instead of deadlocking when two
# that have read both want to write (SQLite refuses one at once: "database is locked").
WRITE_OPTION = "twdesk_write"


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(Path(path).resolve()))}?mode={mode}"


def connect_raw(path: Path, *, readonly: bool = True) -> sqlite3.Connection:
    """A plain sqlite3 connection; read-only ones never create, change or roll back the file."""
    con = sqlite3.connect(
        _sqlite_uri(path, "ro" if readonly else "rw"), uri=True, isolation_level=None
    )
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return con


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    """An engine over an existing file (or a new one being created by dbfile.create_database).

    Rollback journal (not WAL) and synchronous=FULL: after every commit the file alone is the
    whole database, so a closed file copied to a USB stick never leaves commits behind.
    Transactions are begun explicitly so DDL and migrations are transactional too.
    """
    mode = "ro" if readonly else "rwc"
    uri = _sqlite_uri(path, mode)
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False
        ),
        # a pool of connections, each used by one thread at a time (the URL names no file, so
        # SQLAlchemy would take it for :memory: and share one connection per thread among at
        # most five threads, closing the others' connections under them)
        poolclass=NullPool if readonly else QueuePool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        # 64 MB page cache (the default is 2 MB): random UUID keys touch many index pages.
        cur.execute("PRAGMA cache_size = -65536")
        if not readonly:
            cur.execute("PRAGMA journal_mode = DELETE")
            cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# Passwords typed into 文件 → 连接服务器数据库… (or read from the OS keyring) for this process
# only, per server account; they reach psycopg as a connect argument and are never written to a
# URL, the settings file, a log or the title bar.
_PASSWORDS: dict[tuple[str, str, int | None], str] = {}


def _account(location: ServerLocation) -> tuple[str, str, int | None]:
    return (location.user, location.host, location.port)


def use_password(location: ServerLocation, password: str | None) -> None:
    """The password for `location`'s account on its server from now on in this process (None or
    '' forgets it: libpq then reads PGPASSWORD or .pgpass again)."""
    if password:
        _PASSWORDS[_account(location)] = password
    else:
        _PASSWORDS.pop(_account(location), None)


def password_for(location: ServerLocation) -> str | None:
    return _PASSWORDS.get(_account(location))


def server_connect_args(location: ServerLocation) -> dict[str, object]:
    """psycopg's connect arguments besides the URL: the password when one was given."""
    args: dict[str, object] = {"application_name": "twdesk", "connect_timeout": 10}
    password = password_for(location)
    if password:
        args["password"] = password
    return args


def make_server_engine(location: ServerLocation, *, readonly: bool = False) -> Engine:
    """An engine over a PostgreSQL database through psycopg 3. The password, if the server asks
    for one, is the one typed in the GUI for this account (`use_password`), else libpq reads
    PGPASSWORD or ~/.pgpass; it is never part of the URL.

    READ COMMITTED as PostgreSQL's default; `readonly` sessions are refused writes by the server
    itself (default_transaction_read_only). pre_ping: a PC that slept reconnects silently.
    """
    options = "-c default_transaction_read_only=on" if readonly else ""
    connect_args = server_connect_args(location)
    if options:
        connect_args["options"] = options
    return create_engine(
        location.sqlalchemy_url(),
        connect_args=connect_args,
        pool_pre_ping=True,
        poolclass=NullPool if readonly else None,
    )
