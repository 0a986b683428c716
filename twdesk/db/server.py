"""A twdesk database on a PostgreSQL server: create, open, migrate, check.

What the file layer does for a SQLite file the server does itself: several PCs at once (no lock
file), crash safety (its write-ahead log, no -journal beside a file), page checks. Backups are
the server administrator's job (pg_dump), so no backup file is written on the PC. The schema is
the same, built by the same alembic migrations; its version is alembic's own `alembic_version`
row (a file keeps it in PRAGMA user_version too, readable without opening the file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from twdesk import __version__
from twdesk.db import lock as filelock
from twdesk.db.dbfile import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Database,
    DbExistsError,
    DbFileError,
    DbNotFoundError,
    NewerSchemaError,
    NotTwdeskError,
    ReadOnlyError,
    _write_settings,
    fill_new_database,
)
from twdesk.db.engine import make_server_engine
from twdesk.db.location import ServerLocation
from twdesk.db.migrate import revision_number, upgrade
from twdesk.db.models import Setting

# pg_advisory_xact_lock key held while creating or migrating: two PCs opening an old schema at
# the same moment migrate it once, one after the other ("TWDK", as the files' application id).
MIGRATION_LOCK_KEY = APPLICATION_ID

_PASSWORD_HINT = (
    "如果服务器要求密码，请用环境变量 PGPASSWORD 或 .pgpass 文件提供（不能写在地址里）。"
)


class ServerError(DbFileError):
    """The server could not be reached, refused the login, or failed a statement."""

    title = "服务器数据库"


def _detail(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()
    return first[0] if first else type(orig).__name__


def server_failure(location: ServerLocation, exc: BaseException) -> DbFileError | None:
    """The user's message for what the server or the network refused; None when it is not one
    of those (a bug: let it through)."""
    detail = _detail(exc)
    low = detail.lower()
    where = location.describe()
    if "does not exist" in low and "database" in low:
        return DbNotFoundError(
            f"{where}不存在。请检查数据库名，或先用 twdesk init --db {location.url} 创建它。"
        )
    if "password" in low or "authentication" in low:
        return ServerError(f"登录{where}失败：用户名或密码不对（{detail}）。{_PASSWORD_HINT}")
    if "permission denied" in low or "must be owner" in low:
        return ServerError(
            f"{where}拒绝了这次操作：账号 {location.user or '（默认）'} 没有权限（{detail}）。"
            "请联系服务器管理员授权。这次修改没有保存。"
        )
    if "read-only transaction" in low:
        return ReadOnlyError(f"{where}以只读方式打开，不能修改（{detail}）。")
    if isinstance(exc, OperationalError | DBAPIError) and (
        "connect" in low
        or "connection" in low
        or "server closed" in low
        or "timeout" in low
        or "terminating" in low
        or "no such file" in low
    ):
        return ServerError(
            f"连接{where}失败（{detail}）。这次修改没有保存。"
            "请检查网络、服务器地址和端口，确认服务器正在运行后重试。"
        )
    return None


def _connect_error(location: ServerLocation, exc: BaseException) -> DbFileError:
    return server_failure(location, exc) or ServerError(
        f"无法使用{location.describe()}：{_detail(exc)}"
    )


def schema_revision(conn: Connection) -> str | None:
    """alembic's revision of the schema in this server database; None when it has none."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_version(conn: Connection) -> int | None:
    revision = schema_revision(conn)
    return None if revision is None else revision_number(revision)


# Text sorts by code point on a "C" database, as SQLite sorts it: lists, exports and reports come
# out in the same order on both. Another collation (zh_CN, en_US) works, but text may sort
# differently from a file; `twdesk check` says so.
SAME_ORDER_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"}


def _create_missing_database(location: ServerLocation) -> None:
    """CREATE DATABASE through the server's maintenance database (needs CREATEDB; only init),
    collation "C": text sorts as in a file."""
    from sqlalchemy import create_engine

    admin = create_engine(
        location.with_dbname("postgres").sqlalchemy_url(),
        isolation_level="AUTOCOMMIT",
        connect_args={"application_name": "twdesk", "connect_timeout": 10},
    )
    try:
        with admin.connect() as conn:
            name = conn.dialect.identifier_preparer.quote(location.dbname)
            conn.exec_driver_sql(
                f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' "
                "TEMPLATE template0"
            )
    except DBAPIError as exc:
        raise ServerError(
            f"{location.describe()}还不存在，twdesk 也无法创建它（{_detail(exc)}）。"
            "请服务器管理员先建好这个数据库（所有者为这个账号），再运行 twdesk init。"
        ) from exc
    finally:
        admin.dispose()


def _engine(location: ServerLocation, *, readonly: bool = False) -> Engine:
    return make_server_engine(location, readonly=readonly)


def connect_or_create(engine: Engine, location: ServerLocation) -> tuple[Connection, bool]:
    """A connection to `location`'s database, created first (collation C) when it does not
    exist; and whether it was created here."""
    try:
        return engine.connect(), False
    except OperationalError as exc:
        if "does not exist" not in _detail(exc):
            raise _connect_error(location, exc) from exc
    _create_missing_database(location)
    return engine.connect(), True


def refuse_unless_empty(conn: Connection, location: ServerLocation, who: str, advice: str) -> None:
    """Inside the caller's transaction, under the migration lock: a database that holds any
    table is refused (twdesk's own data or anything else), never written to."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
    tables = inspect(conn).get_table_names()
    if "alembic_version" in tables or "setting" in tables:
        raise DbExistsError(
            f"{location.describe()}里已经有 twdesk 的数据，{who}不会覆盖它。{advice}"
        )
    if tables:
        raise DbExistsError(
            f"{location.describe()}里已经有别的表（{'、'.join(sorted(tables)[:5])}），"
            f"它不是空数据库，{who}不会往里面写。请换一个空的数据库。"
        )


def create_server_database(
    location: ServerLocation,
    *,
    office_name: str = "",
    seed: bool = True,
    demo: bool = False,
    finish: Callable[[Session], None] | None = None,
) -> None:
    """The twdesk schema, settings and default lists in a server database: an empty one, or a
    missing one created first. A database that already holds tables is never touched."""
    engine = _engine(location)
    try:
        conn, _created = connect_or_create(engine, location)
        with conn, conn.begin():
            refuse_unless_empty(
                conn, location, "twdesk ", "要使用它，直接打开即可；要新建，请换一个数据库名。"
            )
            fill_new_database(conn, office_name=office_name, seed=seed, demo=demo, finish=finish)
    except DbFileError:
        raise
    except DBAPIError as exc:
        raise _connect_error(location, exc) from exc
    finally:
        engine.dispose()


def _can_write(conn: Connection) -> bool:
    return bool(
        conn.execute(
            text("SELECT has_table_privilege(current_user, 'person', 'INSERT,UPDATE,DELETE')")
        ).scalar()
    )


def open_server_database(
    location: ServerLocation, *, user: str | None = None, read_only: bool | None = None
) -> Database:
    """Connect, check the schema version (older: migrated, under an advisory lock; newer:
    refused) and open. `read_only` None = detect: an account without write rights opens
    read-only, and the server refuses writes too."""
    engine = _engine(location, readonly=bool(read_only))
    try:
        with engine.begin() as conn:
            version = schema_version(conn)
            if version is None:
                raise NotTwdeskError(
                    f"{location.describe()}里没有 twdesk 的数据。"
                    f"新建请运行 twdesk init --db {location.url}（它必须是空数据库）。"
                )
            if version > SCHEMA_VERSION:
                written = conn.execute(
                    select(Setting.value).where(Setting.key == "last_written_by")
                ).scalar()
                by = f"（由 twdesk {written} 写入）" if written else ""
                raise NewerSchemaError(
                    f"{location.describe()}的数据结构版本是 {version}{by}，"
                    f"而当前的 twdesk {__version__} 只支持到版本 {SCHEMA_VERSION}。\n"
                    "请先把 twdesk 升级到新版本再连接它。数据库未被改动。"
                )
            reason = ""
            if read_only:
                reason = "以只读方式打开"
            elif not _can_write(conn):
                reason = f"账号 {location.user or '（默认）'} 只有读取权限"
            if version < SCHEMA_VERSION:
                if reason:
                    raise ReadOnlyError(
                        f"{location.describe()}是旧版本的数据结构（{version}），需要升级后才能打开，"
                        f"但现在不能修改它（{reason}）。请用有写权限的账号打开一次。"
                    )
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
                if (schema_version(conn) or 0) < SCHEMA_VERSION:  # not done by another PC meanwhile
                    upgrade(conn)
            settings = dict(conn.execute(select(Setting.key, Setting.value)).all())
            if not reason and settings.get("last_written_by") != __version__:
                with Session(bind=conn) as s:
                    _write_settings(s, {"last_written_by": __version__})
                    s.flush()
    except DbFileError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _connect_error(location, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    if reason and not read_only:  # a read-only account: the engine refuses writes as well
        engine.dispose()
        engine = _engine(location, readonly=True)
    return Database(
        path=None,
        engine=engine,
        office_id=settings.get("office_id", ""),
        office_name=settings.get("office_name", ""),
        is_demo=settings.get("is_demo") == "1",
        lock=None,
        user=user or filelock.current_user(),
        read_only=bool(reason),
        read_only_reason=reason,
        server=location,
    )


@dataclass(frozen=True)
class ServerInfo:
    server_version: str
    schema_version: int | None
    user: str
    collation: str

    @property
    def sorts_like_a_file(self) -> bool:
        return self.collation in SAME_ORDER_COLLATIONS


def server_info(conn: Connection) -> ServerInfo:
    return ServerInfo(
        server_version=str(conn.execute(text("SHOW server_version")).scalar()),
        schema_version=schema_version(conn),
        user=str(conn.execute(text("SELECT current_user")).scalar()),
        collation=str(
            conn.execute(
                text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            ).scalar()
        ),
    )
