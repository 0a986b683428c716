"""The database file: create, check, lock, back up, migrate, open, copy.

A database on a PostgreSQL server (a `ServerLocation`) opens through the same `open_database` and
`create_database`; what is particular to a server lives in twdesk/db/server.py.

Every refusal leaves the file byte-for-byte as it was and says in Chinese what is wrong and
what to do. The checks read the 100-byte SQLite header first (magic, application id, schema
version) so a wrong file is never even opened by SQLite in write mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from twdesk import __version__
from twdesk.core.errors import UserError
from twdesk.db import lock as filelock
from twdesk.db.base import new_id, now
from twdesk.db.engine import WRITE_OPTION, connect_raw, make_engine
from twdesk.db.location import ServerLocation, parse_location
from twdesk.db.migrate import SCHEMA_VERSION, upgrade
from twdesk.db.models import Setting
from twdesk.db.session import install_session_hooks
from twdesk.db.versions import after_stale_flush

# PRAGMA application_id of every twdesk file: "TWDK" read as a big-endian integer.
APPLICATION_ID = 0x5457444B
SQLITE_MAGIC = b"SQLite format 3\x00"


class DbFileError(UserError):
    """A file twdesk will not open or write; `str(e)` is the full message for the user."""


class DbNotFoundError(DbFileError):
    pass


class NotSqliteError(DbFileError):
    pass


class NotTwdeskError(DbFileError):
    pass


class CorruptError(DbFileError):
    pass


class NewerSchemaError(DbFileError):
    pass


class DbExistsError(DbFileError):
    pass


class ReadOnlyError(DbFileError):
    """The database cannot be written: it opens read-only and every change is refused."""

    title = "数据库只读"


class DiskFullError(DbFileError):
    title = "磁盘已满"


class LockedError(DbFileError):
    def __init__(self, path: Path, holder: filelock.LockHolder) -> None:
        self.holder = holder
        if holder.incomplete:
            msg = (
                f"数据库「{path.name}」旁边的{filelock.INCOMPLETE}，没有程序在使用这个文件。\n"
                "确认没有 twdesk 正打开它后，可以接管这个文件（命令行：加 --take-over）。"
            )
        elif holder.stale:
            msg = (
                f"数据库「{path.name}」上次由{holder.describe()}打开，但那个程序已经不在运行"
                "（可能是异常退出或拔出了U盘）。\n确认那台电脑上的 twdesk 已关闭后，可以接管这个文件"
                "（命令行：加 --take-over）。"
            )
        else:
            msg = (
                f"数据库「{path.name}」正由{holder.describe()}使用。\n"
                "同一个文件同时只能在一个窗口中打开，请先在那里关闭 twdesk，再打开此文件。"
            )
        super().__init__(msg)


@dataclass(frozen=True)
class FileHeader:
    application_id: int
    user_version: int
    size: int


def read_header(path: Path) -> FileHeader:
    """Read and judge the SQLite header without opening the file with SQLite."""
    path = Path(path)
    if not path.exists():
        raise DbNotFoundError(
            f"找不到数据库文件「{path}」。请检查路径，或用“文件 → 新建”创建一个新数据库。"
        )
    if path.is_dir():
        raise NotSqliteError(f"「{path}」是一个文件夹，不是数据库文件。")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(100)
    if size == 0:
        raise NotTwdeskError(
            f"文件「{path.name}」是空的（0 字节），不是 twdesk 数据库。请选择正确的数据库文件。"
        )
    if head.startswith(b"TWDESKPKG"):  # output.PACKAGE_MAGIC
        raise NotSqliteError(
            f"「{path.name}」是 twdesk 交换包，不是数据库，不能直接打开。"
            "请打开本单位的数据库，再用“文件 → 合并其他文件…”（或 twdesk merge）合并它。文件未被改动。"
        )
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise NotSqliteError(
            f"文件「{path.name}」不是 twdesk 数据库（它不是 SQLite 数据库文件）。\n"
            "请确认选择的是 .sqlite 数据库文件，而不是 Excel 表格、文档或其他文件。文件未被改动。"
        )
    # SQLite header: user_version at offset 60, application_id at 68, both big-endian.
    (user_version,) = struct.unpack(">I", head[60:64])
    (application_id,) = struct.unpack(">I", head[68:72])
    if application_id != APPLICATION_ID:
        raise NotTwdeskError(
            f"文件「{path.name}」是 SQLite 数据库，但不是 twdesk 创建的数据库文件，twdesk 不能打开它。文件未被改动。"
        )
    return FileHeader(application_id=application_id, user_version=user_version, size=size)


def _settings_readonly(path: Path) -> dict[str, str]:
    with contextlib.closing(connect_raw(path, readonly=True)) as con:
        try:
            return dict(con.execute("SELECT key, value FROM setting").fetchall())
        except sqlite3.DatabaseError:
            return {}


def _has_hot_journal(path: Path) -> bool:
    journal = Path(str(path) + "-journal")
    return journal.exists() and journal.stat().st_size > 0


HOT_JOURNAL_WARNING = (
    "注意：数据库旁边有一次中断的写入留下的日志文件（-journal）。在它被回滚之前，"
    "单独的 .sqlite 文件不是完整的数据库：不要只复制 .sqlite 文件，先用 twdesk 打开或检查它。"
)


def _roll_back(path: Path) -> None:
    """SQLite rolls a hot journal back on the first read-write access: make that access now.
    The caller holds the twdesk lock."""
    try:
        with contextlib.closing(connect_raw(path, readonly=False)) as con:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        error = write_failure(path, exc)
        raise error or _corrupt(path, [str(exc)]) from exc


def roll_back_journal(path: Path, *, take_over_lock: bool = False) -> bool:
    """Roll back an interrupted write (hot journal) under the lock; False when there was none.

    Refused (DbFileError) when the file cannot be written or another twdesk holds it.
    """
    path = Path(path).resolve()
    if not _has_hot_journal(path):
        return False
    reason = why_read_only(path)
    if reason:
        raise ReadOnlyError(
            f"数据库「{path.name}」有一次中断的写入（旁边的 -journal 文件）需要回滚，"
            f"但它是只读的（{reason}），现在不能回滚。{HOT_JOURNAL_WARNING}"
        )
    try:
        held = filelock.acquire(path, take_over=take_over_lock)
    except filelock.FileLockedError as exc:
        raise LockedError(path, exc.holder) from None
    try:
        _roll_back(path)
    finally:
        held.release()
    return True


def check_integrity(path: Path, *, full: bool = True) -> list[str]:
    """Problems SQLite finds in the file (empty list when healthy), read-only."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        with contextlib.closing(connect_raw(path, readonly=True)) as con:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
            fk = con.execute("PRAGMA foreign_key_check").fetchmany(5)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [] if rows == ["ok"] else rows
    problems += [f"外键错误：表 {r[0]} 第 {r[1]} 行引用了不存在的 {r[2]}" for r in fk]
    return problems


def _corrupt(path: Path, problems: list[str]) -> CorruptError:
    detail = "；".join(problems[:3])
    return CorruptError(
        f"数据库「{path.name}」已损坏，完整性检查未通过（{detail}）。\n"
        "文件未被改动。请用最近的备份或另存的副本恢复；如需帮助，请把这个文件交给技术人员。"
    )


def _newer(path: Path, file_version: int) -> NewerSchemaError:
    written_by = _settings_readonly(path).get("last_written_by", "")
    by = f"（由 twdesk {written_by} 写入）" if written_by else ""
    return NewerSchemaError(
        f"数据库「{path.name}」的数据结构版本是 {file_version}{by}，"
        f"而当前的 twdesk {__version__} 只支持到版本 {SCHEMA_VERSION}。\n"
        "请先把 twdesk 升级到新版本再打开它。文件未被改动。"
    )


# Files up to this size get PRAGMA integrity_check before they open (≈ 0.1 s per 30 MB here).
# Larger ones open after a structural check and are verified in the background right after
# (Database.verify_in_background), so a 10-year, 800 MB file still opens in well under 1 s.
FULL_CHECK_LIMIT = 64 * 1024 * 1024


def structural_problems(path: Path) -> list[str]:
    """Cheap read-only look: the schema parses and every table's first page reads."""
    try:
        with contextlib.closing(connect_raw(path, readonly=True)) as con:
            tables = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            for name in tables:
                con.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return []


def _raise_if_corrupt(path: Path, header: FileHeader) -> None:
    if header.size < FULL_CHECK_LIMIT:
        problems = check_integrity(path)
    else:
        problems = structural_problems(path)
    if problems:
        raise _corrupt(path, problems)


def backup_path_for(path: Path, old_version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(
        f"{path.stem}.升级前备份-v{old_version}-{stamp}{path.suffix or '.sqlite'}"
    )


def copy_consistent(source: Path, dest: Path, *, verify: bool = True) -> None:
    """A consistent copy through SQLite's backup API, written beside `dest` then moved in place,
    checked with PRAGMA integrity_check first (quick_check above FULL_CHECK_LIMIT; none with
    `verify=False`: a transfer package, which its receiver checks whole and which carries the
    copy's SHA-256).

    Never copies a file with an interrupted write (hot journal): roll it back first.
    """
    if _has_hot_journal(source):
        raise DbFileError(
            f"数据库「{Path(source).name}」有一次中断的写入尚未回滚，现在复制会得到不完整的数据，"
            "没有复制。请先用 twdesk 打开它（或运行 twdesk check），再复制。"
        )
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(connect_raw(source, readonly=True)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as dst,
        ):
            try:
                src.backup(dst)
            except sqlite3.DatabaseError as exc:  # the target vanished or filled up midway
                raise DbFileError(
                    f"复制没有完成：写入「{dest.name}」时出错（{exc}，可能是 U 盘被拔出、"
                    f"写保护或空间不足）。没有留下不完整的文件，「{Path(source).name}」没有被改动。"
                ) from exc
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # as on opening: integrity_check up to FULL_CHECK_LIMIT, quick_check above (≈ 2× faster)
        full = tmp.stat().st_size < FULL_CHECK_LIMIT
        problems = check_integrity(tmp, full=full) if verify else []
        if problems:
            raise _corrupt(dest, problems)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def _keep_in_backups_folder(path: Path, backup: Path) -> None:
    """The pre-migration backup also goes to the file's backup folder (listed in 备份与恢复,
    rotated with the others); the copy beside the file stays whatever happens here."""
    from twdesk.db import backupfile

    try:
        backupfile.take(path, backupfile.REASON_MIGRATION, snapshot_of=backup)
    except (OSError, DbFileError, sqlite3.DatabaseError):
        import logging

        logging.getLogger(__name__).warning("升级前备份未能复制到备份文件夹", exc_info=True)


def why_read_only(path: Path) -> str | None:
    """Why `path` cannot be written (read-only file, folder or medium), or None when it can."""
    if not os.access(path.parent, os.W_OK):
        return "所在文件夹或 U 盘不可写，可能是写保护"
    if not os.access(path, os.W_OK):
        return "文件设为了只读"
    return None


def read_only_message(path: Path, reason: str) -> str:
    return (
        f"数据库「{path.name}」是只读的（{reason}），只能查看和导出，不能修改。"
        "要修改，请把它复制到可写的位置（或去掉只读属性、关闭 U 盘写保护）后再打开。"
    )


def write_failure(path: Path, exc: BaseException) -> DbFileError | None:
    """The user's message for a write SQLite refused (full disk, read-only, stick pulled)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database or disk is full" in text:
        return DiskFullError(
            f"磁盘已满，数据库「{path.name}」的这次修改没有保存（已撤销，文件保持原样）。"
            "请腾出空间（或把数据库移到空间足够的位置）后重试。"
        )
    if "readonly database" in text or "read-only" in text:
        return ReadOnlyError(read_only_message(path, why_read_only(path) or "文件或文件夹不可写"))
    if "unable to open database file" in text:
        return ReadOnlyError(
            read_only_message(path, "无法在所在文件夹中建立日志文件，文件夹可能不可写")
        )
    if "disk i/o error" in text:
        return DbFileError(
            f"读写数据库「{path.name}」时出错（磁盘 I/O 错误，可能是 U 盘被拔出）。"
            "这次修改没有保存。请检查存储设备后重新打开。"
        )
    if "database is locked" in text:
        return DbFileError(
            f"数据库「{path.name}」正被另一个程序占用，这次修改没有保存。请稍后重试。"
        )
    return None


SERVER_BACKUP_MESSAGE = (
    "这是服务器上的数据库：它的备份由服务器管理员负责（例如用 pg_dump 定期备份），"
    "twdesk 不在本机为它生成备份文件。"
)


@dataclass
class Database:
    """An open, current-schema twdesk database: a file, locked for writing, or read-only
    (`read_only`, no lock) when the file, its folder or the medium cannot be written; or a
    PostgreSQL server database (`path` is None, `server` says where; no lock: the server keeps
    several PCs apart)."""

    path: Path | None
    engine: Engine
    office_id: str
    office_name: str
    is_demo: bool
    lock: filelock.DbLock | None
    backup_path: Path | None = None
    user: str = ""
    read_only: bool = False
    read_only_reason: str = ""
    server: ServerLocation | None = None

    @property
    def location(self) -> Path | ServerLocation:
        """The file's path or the server's location: what reopens this database."""
        if self.server is not None:
            return self.server
        assert self.path is not None
        return self.path

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @property
    def name(self) -> str:
        """The file's name or the server database's name, for titles and messages."""
        return self.location.name

    def describe(self) -> str:
        """The file's full path, or 服务器数据库「name」（host:port，用户 user）."""
        return self.server.describe() if self.server is not None else str(self.path)

    def read_only_message(self) -> str:
        if self.server is not None:
            return (
                f"{self.server.describe()}以只读方式打开（{self.read_only_reason}），"
                "只能查看和导出，不能修改。"
            )
        assert self.path is not None
        return read_only_message(self.path, self.read_only_reason)

    def _write_failure(self, exc: BaseException) -> DbFileError | None:
        if self.server is not None:
            from twdesk.db.server import server_failure

            return server_failure(self.server, exc)
        assert self.path is not None
        return write_failure(self.path, exc)

    def session(self) -> Session:
        session = Session(
            self.engine,
            info={"office_id": self.office_id, "user": self.user, "db_path": self.path},
            expire_on_commit=False,
        )
        install_session_hooks(session)
        return session

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on any error.

        A read-only database refuses it (ReadOnlyError); a write SQLite refuses (full disk,
        read-only medium, pulled stick) becomes a DbFileError saying what to do.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_message())
        try:
            with self.session() as session:
                try:
                    with session.begin():
                        session.connection(execution_options={WRITE_OPTION: True})
                        yield session
                except StaleDataError as exc:  # another session saved a row of this flush
                    raise after_stale_flush(session, exc) from exc
        except (OperationalError, sqlite3.OperationalError) as exc:
            error = self._write_failure(exc)
            if error is None:
                raise
            raise error from exc

    def heartbeat(self) -> None:
        if self.lock is not None:
            self.lock.heartbeat()

    @property
    def verified_at_open(self) -> bool:
        """False for large files whose full check runs after opening (a server checks its own
        pages: always True there)."""
        if self.path is None:
            return True
        return self.path.stat().st_size < FULL_CHECK_LIMIT

    def verify_in_background(self, done: Callable[[str | None], None]) -> threading.Thread | None:
        """For large files: quick_check in a thread, then `done(message or None)`."""
        path = self.path
        if self.verified_at_open or path is None:
            return None

        def work() -> None:
            problems = check_integrity(path, full=False)
            done(str(_corrupt(path, problems)) if problems else None)

        thread = threading.Thread(target=work, name="twdesk-verify", daemon=True)
        thread.start()
        return thread

    def save_copy(self, dest: Path) -> None:
        """另存副本: a consistent, verified copy of the open file (not for a server database)."""
        if self.path is None:
            raise DbFileError(
                f"{SERVER_BACKUP_MESSAGE}要把服务器数据库存成本机文件，请用 twdesk copy。"
            )
        dest = Path(dest)
        if dest.resolve() == self.path.resolve():
            raise DbFileError("副本不能保存到当前打开的文件本身，请换一个文件名或位置。")
        if dest.is_dir():
            raise DbFileError(f"「{dest}」是一个文件夹，请在其中给出副本的文件名。")
        holder = filelock.read_holder(filelock.lock_path_for(dest.resolve()))
        if holder is not None and not holder.stale:
            raise DbFileError(
                f"「{dest.name}」正由{holder.describe()}打开，副本不能覆盖它。请换一个文件名。"
            )
        if _has_hot_journal(self.path) and not self.read_only:
            _roll_back(self.path)  # we hold the lock: an interrupted write is rolled back first
        try:
            copy_consistent(self.path, dest)
        except OSError as exc:
            raise DbFileError(
                f"副本保存失败：{exc.strerror or exc}。请检查目标位置是否可写、空间是否足够。"
            ) from exc
        header = read_header(dest)
        if header.user_version != SCHEMA_VERSION:
            raise DbFileError("副本校验失败：副本的数据结构版本与原文件不一致，请重试。")

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def _write_settings(session: Session, values: dict[str, str]) -> None:
    for key, value in values.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def fill_new_database(
    conn: Connection,
    *,
    office_name: str,
    seed: bool,
    demo: bool,
    finish: Callable[[Session], None] | None = None,
) -> str:
    """Migrate an empty database to the newest schema and write its settings (and the default
    lists when `seed`), inside the caller's transaction; returns the new office id. The same
    for a new file and a new server database.

    ``finish(session)`` adds the first records (a service's use case: the database layer knows
    none) in the same transaction, so the database appears complete or not at all."""
    office_id = new_id()
    upgrade(conn)
    with Session(bind=conn, info={"office_id": office_id}) as session:
        _write_settings(
            session,
            {
                "office_id": office_id,
                "office_name": office_name,
                "created_at": now().isoformat(),
                "created_by": __version__,
                "last_written_by": __version__,
                "is_demo": "1" if demo else "0",
            },
        )
        session.flush()
        if seed:
            from twdesk.db.seed import seed_defaults

            seed_defaults(conn, office_id)
    if finish is not None:
        with Session(bind=conn, info={"office_id": office_id}) as session:
            install_session_hooks(session)
            finish(session)
            session.flush()
    return office_id


def create_database(
    path: Path | ServerLocation | str,
    *,
    office_name: str = "",
    seed: bool = True,
    demo: bool = False,
    finish: Callable[[Session], None] | None = None,
) -> None:
    """A new, empty twdesk file at `path`; an existing file is never overwritten. A server
    location gets the schema and settings in its (empty) database, created when missing.

    ``finish(session)``: the first records, in the same transaction (see fill_new_database)."""
    location = parse_location(path)
    if isinstance(location, ServerLocation):
        from twdesk.db.server import create_server_database

        create_server_database(
            location, office_name=office_name, seed=seed, demo=demo, finish=finish
        )
        return
    path = location
    if path.exists():
        raise DbExistsError(f"文件「{path}」已经存在，twdesk 不会覆盖它。请换一个文件名。")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{new_id()[:8]}.creating")
    engine = make_engine(tmp)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            fill_new_database(conn, office_name=office_name, seed=seed, demo=demo, finish=finish)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        engine.dispose()
        if path.exists():
            raise DbExistsError(f"文件「{path}」已经存在，twdesk 不会覆盖它。请换一个文件名。")
        os.replace(tmp, path)
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + "-journal").unlink(missing_ok=True)


def _open_read_only(path: Path, header: FileHeader, reason: str, user: str | None) -> Database:
    """Open without a lock through a read-only connection; nothing can change the file."""
    if _has_hot_journal(path):
        raise ReadOnlyError(
            f"数据库「{path.name}」有一次中断的写入（旁边的 -journal 文件）需要先回滚，"
            f"但它是只读的（{reason}），现在打开会读到不完整的数据。"
            "请把数据库和 -journal 文件一起复制到可写的位置后再打开（打开时会自动回滚）。"
        )
    if header.user_version < SCHEMA_VERSION:
        raise ReadOnlyError(
            f"数据库「{path.name}」是旧版本的数据结构（{header.user_version}），需要升级后才能打开，"
            f"但它是只读的（{reason}）。请把它复制到可写的位置后再打开（会先备份再升级）。"
        )
    _raise_if_corrupt(path, header)
    engine = make_engine(path, readonly=True)
    try:
        with engine.connect() as conn:
            settings = dict(conn.execute(select(Setting.key, Setting.value)).all())
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise _corrupt(path, [str(exc)]) from exc
    return Database(
        path=path,
        engine=engine,
        office_id=settings.get("office_id", ""),
        office_name=settings.get("office_name", ""),
        is_demo=settings.get("is_demo") == "1",
        lock=None,
        user=user or filelock.current_user(),
        read_only=True,
        read_only_reason=reason,
    )


def refresh_statistics(conn: Connection) -> None:
    """Sample the indexes for SQLite's query planner (ANALYZE, capped at 1,000 rows per index:
    ≈ 30 ms on a 1 GB file). Without these statistics the planner guessed the date index for
    one delegate's visits of a year, reading the whole year (0.2 s instead of 1 ms at 200,000
    visits). Run where the file changes in bulk anyway: a new demo file, a migration."""
    conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
    conn.exec_driver_sql("ANALYZE")


def open_database(
    path: Path | ServerLocation | str,
    *,
    take_over_lock: bool = False,
    user: str | None = None,
    read_only: bool | None = None,
    backup: bool = True,
) -> Database:
    """Check, lock, back up and migrate if older, and open `path`; or raise DbFileError.

    `read_only`: None = detect (a file, folder or medium that cannot be written opens
    read-only, without a lock, and refuses every transaction); True = always read-only.
    `backup=False`: no copy before a migration — only for a temporary copy of the caller's
    own (a merge migrating another office's file: that copy must not outlive the merge).

    A server location (ServerLocation or "postgresql://…") opens without a lock, journal or
    backup file — the server does those jobs; see twdesk/db/server.py.
    """
    location = parse_location(path)
    if isinstance(location, ServerLocation):
        from twdesk.db.server import open_server_database

        return open_server_database(location, user=user, read_only=read_only)
    path = location.resolve()
    header = read_header(path)
    if header.user_version > SCHEMA_VERSION:
        raise _newer(path, header.user_version)
    reason = why_read_only(path)
    if read_only or (read_only is None and reason):
        return _open_read_only(path, header, reason or "以只读方式打开", user)
    try:
        held = filelock.acquire(path, take_over=take_over_lock)
    except filelock.FileLockedError as exc:
        raise LockedError(path, exc.holder) from None
    except OSError as exc:
        raise DbFileError(
            f"无法在「{path.parent}」中建立锁文件：{exc.strerror or exc}。请确认文件夹可写（U盘未写保护）。"
        ) from exc
    try:
        # A hot journal means a write was cut off (crash, pulled USB stick): roll it back
        # first (we hold the lock), then check, back up and migrate what was last committed.
        if _has_hot_journal(path):
            _roll_back(path)
            header = read_header(path)
        _raise_if_corrupt(path, header)
        backup_path = None
        if header.user_version < SCHEMA_VERSION and backup:
            backup_path = backup_path_for(path, header.user_version)
            copy_consistent(path, backup_path)
            _keep_in_backups_folder(path, backup_path)
        engine = make_engine(path)
        try:
            with engine.begin() as conn:
                if header.user_version < SCHEMA_VERSION:
                    upgrade(conn)
                    conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    refresh_statistics(conn)
                settings = dict(conn.execute(select(Setting.key, Setting.value)).all())
                if settings.get("last_written_by") != __version__:
                    with Session(bind=conn) as s:
                        _write_settings(s, {"last_written_by": __version__})
                        s.flush()
        except (OperationalError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            error = write_failure(path, exc)
            if error is not None:
                raise error from exc
            if isinstance(exc, sqlite3.DatabaseError):
                raise _corrupt(path, [str(exc)]) from exc
            raise
        except Exception:
            engine.dispose()
            raise
        return Database(
            path=path,
            engine=engine,
            office_id=settings.get("office_id", ""),
            office_name=settings.get("office_name", ""),
            is_demo=settings.get("is_demo") == "1",
            lock=held,
            backup_path=backup_path,
            user=user or filelock.current_user(),
        )
    except BaseException:
        held.release()
        raise


__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "CorruptError",
    "Database",
    "DbExistsError",
    "DbFileError",
    "DbNotFoundError",
    "LockedError",
    "NewerSchemaError",
    "NotSqliteError",
    "NotTwdeskError",
    "ReadOnlyError",
    "check_integrity",
    "copy_consistent",
    "create_database",
    "open_database",
    "read_header",
    "refresh_statistics",
    "roll_back_journal",
]
