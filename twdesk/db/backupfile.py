"""Backups of a database file, as files: where they live, how one is taken and verified, what
it holds, rotation, and putting one back in place. Persistence only; the use cases (daily,
before an import or a merge, restore with its own backup first) are in services/backups.py.

Every database file gets its own folder under `<data folder>/backups/` (its name and a short
hash of its full path). Each backup is a consistent copy through SQLite's backup API, checked
with PRAGMA integrity_check before it is kept, and a JSON file beside it with what it holds
(time, reason, source, office, schema version, rows per table), so the list never has to open
thirty databases.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from twdesk import __version__
from twdesk.db import lock as filelock
from twdesk.db.dbfile import (
    SCHEMA_VERSION,
    DbFileError,
    FileHeader,
    LockedError,
    _has_hot_journal,
    _roll_back,
    check_integrity,
    copy_consistent,
    read_header,
)
from twdesk.db.engine import connect_raw
from twdesk.output import PACKAGE_MAGIC
from twdesk.paths import data_dir

T = TypeVar("T")

BACKUPS_FOLDER = "backups"
KEEP_SETTING = "backup.keep"
DEFAULT_KEEP = 30
REASON_DAILY = "每日首次打开"
REASON_MIGRATION = "升级数据结构前"
REASON_IMPORT = "导入前"
REASON_MERGE = "合并前"
REASON_RESTORE = "恢复前"
REASON_MANUAL = "手动备份"
MAIN_TABLES = ("station", "person", "visit", "opinion_item", "activity", "evaluation")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\s]+')
_STAMP = "%Y%m%d-%H%M%S-%f"


class BackupError(DbFileError):
    title = "备份或恢复失败"


@dataclass(frozen=True)
class FileFacts:
    """What a twdesk file holds, read through a read-only connection."""

    schema_version: int
    settings: dict[str, str]
    counts: dict[str, int]


def backups_dir(db_path: Path, *, create: bool = True) -> Path:
    """The backup folder of one database file (per file: its name and its full path)."""
    resolved = os.path.normcase(str(Path(db_path).resolve()))
    key = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:8]
    stem = _UNSAFE.sub("_", Path(db_path).stem)[:40] or "db"
    folder = data_dir() / BACKUPS_FOLDER / f"{stem}-{key}"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_facts(path: Path) -> FileFacts:
    """Schema version, settings and rows per table of a (checked) twdesk file."""
    header = read_header(path)
    with contextlib.closing(connect_raw(path, readonly=True)) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        settings: dict[str, str] = {}
        if "setting" in tables:
            settings = dict(con.execute("SELECT key, value FROM setting").fetchall())
    return FileFacts(header.user_version, settings, counts)


def daily_marker(db_path: Path, day: date | None = None) -> Path:
    """The empty file that says today's first-open backup of `db_path` was taken."""
    return backups_dir(db_path) / f".daily-{(day or date.today()):%Y%m%d}"


def keep_count(settings: dict[str, str]) -> int:
    try:
        return max(1, int(settings.get(KEEP_SETTING, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _new_name(folder: Path, reason: str, when: datetime) -> Path:
    base = f"{when.strftime(_STAMP)[:-3]}-{_UNSAFE.sub('_', reason)}"
    path = folder / f"{base}.sqlite"
    n = 1
    while path.exists() or sidecar(path).exists():
        n += 1
        path = folder / f"{base}-{n}.sqlite"
    return path


def metadata(
    backup: Path, source: Path, reason: str, when: datetime, facts: FileFacts
) -> dict[str, Any]:
    return {
        "taken_at": when.isoformat(timespec="seconds"),
        "reason": reason,
        "source": str(Path(source).resolve()),
        "office_id": facts.settings.get("office_id", ""),
        "office_name": facts.settings.get("office_name", ""),
        "schema_version": facts.schema_version,
        "counts": facts.counts,
        "size": backup.stat().st_size,
        "twdesk": __version__,
        "keep": keep_count(facts.settings),
    }


def take(
    db_path: Path, reason: str, *, out: Path | None = None, snapshot_of: Path | None = None
) -> tuple[Path, dict[str, Any]]:
    """A verified snapshot of `db_path` (or of the already verified copy `snapshot_of`) in its
    backup folder with its metadata, then rotation; with `out`, the snapshot goes there instead
    (no metadata file, no rotation: `out` is checked by the caller). Returns (path, metadata)."""
    db_path = Path(db_path).resolve()
    header = read_header(db_path)
    if header.user_version > SCHEMA_VERSION:
        raise BackupError(
            f"数据库「{db_path.name}」的数据结构版本 {header.user_version} 比本程序支持的 "
            f"{SCHEMA_VERSION} 新，不能在这里备份。请升级 twdesk。"
        )
    when = datetime.now()
    folder = None if out is not None else backups_dir(db_path)
    dest = Path(out) if out is not None else _new_name(folder, reason, when)  # type: ignore[arg-type]
    stamp = source_stamp(db_path)  # before the copy: a change during it only makes it differ
    if folder is not None and snapshot_of is None:
        unchanged = _link_unchanged(folder, db_path, stamp, dest, reason, when)
        if unchanged is not None:
            return dest, unchanged
    if snapshot_of is not None:
        _copy_file(Path(snapshot_of), dest)
    else:
        try:
            copy_consistent(db_path, dest)
        except OSError as exc:
            raise BackupError(
                f"备份没有完成：{exc.strerror or exc}。请检查数据文件夹所在磁盘的空间。"
                f"数据库「{db_path.name}」没有被改动。"
            ) from exc
    facts = file_facts(dest)
    meta = metadata(dest, db_path, reason, when, facts)
    if snapshot_of is None:
        meta["source_stamp"] = stamp
    if folder is not None:
        _write_json(sidecar(dest), meta)
        _protect(dest)
        _fsync_dir(folder)
        rotate(folder, keep_count(facts.settings))
    return dest, meta


def _protect(backup: Path) -> None:
    """A backup is read-only on disk: opened by mistake (打开 in the backups folder), twdesk
    opens it read-only, so it — and every backup linked to the same bytes — never changes."""
    with contextlib.suppress(OSError):
        os.chmod(backup, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)  # Windows refuses to delete read-only files
    path.unlink(missing_ok=True)


def source_stamp(db_path: Path) -> list[int]:
    """Size, modification time and SQLite's file change counter (header bytes 24–27, bumped by
    every commit in rollback-journal mode): equal stamps, same content."""
    facts = Path(db_path).stat()
    with open(db_path, "rb") as fh:
        head = fh.read(28)
    return [facts.st_size, facts.st_mtime_ns, int.from_bytes(head[24:28], "big")]


def _link_unchanged(
    folder: Path, db_path: Path, stamp: list[int], dest: Path, reason: str, when: datetime
) -> dict[str, Any] | None:
    """When the file has not changed since the newest backup (an import right after the daily
    backup), that verified backup is linked under the new name instead of copied again (a 1 GB
    county file: no seconds lost). None when it changed or links are not possible."""
    newest = backups_in(folder)[:1]
    if not newest:
        return None
    try:
        previous = json.loads(sidecar(newest[0]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if previous.get("source_stamp") != stamp or previous.get("source") != str(db_path):
        return None
    try:
        os.link(newest[0], dest)
    except OSError:  # FAT-formatted data folder and the like: take a real copy
        return None
    meta = {**previous, "taken_at": when.isoformat(timespec="seconds"), "reason": reason}
    _write_json(sidecar(dest), meta)
    _fsync_dir(folder)
    rotate(folder, keep_count({KEEP_SETTING: str(previous.get("keep", DEFAULT_KEEP))}))
    return meta


def _copy_file(source: Path, dest: Path) -> None:
    """A byte copy of a file already verified (the pre-migration backup beside the database)."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def backups_in(folder: Path) -> list[Path]:
    """The backups of a folder, newest first (their names start with the time)."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.glob("*.sqlite") if not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )


def rotate(folder: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` backups; also clear what a killed backup left (older than an hour)."""
    removed = []
    for old in backups_in(folder)[keep:]:
        _unlink(old)
        sidecar(old).unlink(missing_ok=True)
        removed.append(old)
    cutoff = time.time() - 3600
    for part in folder.glob("*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
    today = f".daily-{date.today():%Y%m%d}"
    for marker in folder.glob(".daily-*"):
        if marker.name != today:
            marker.unlink(missing_ok=True)
    return removed


def read_metadata(backup: Path) -> dict[str, Any]:
    """The metadata of a backup: its JSON file, or read from the backup itself."""
    try:
        meta = json.loads(sidecar(backup).read_text(encoding="utf-8"))
        if isinstance(meta, dict) and "taken_at" in meta:
            meta["size"] = backup.stat().st_size
            return meta
    except (OSError, ValueError):
        pass
    try:
        facts = file_facts(backup)
    except (DbFileError, sqlite3.DatabaseError):
        facts = FileFacts(0, {}, {})
    stat = backup.stat()
    return {
        "taken_at": datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds"),
        "reason": "（未记录原因）",
        "source": "",
        "office_id": facts.settings.get("office_id", ""),
        "office_name": facts.settings.get("office_name", ""),
        "schema_version": facts.schema_version,
        "counts": facts.counts,
        "size": stat.st_size,
        "twdesk": "",
    }


def verify_backup(backup: Path) -> FileHeader:
    """Refuse a file that is not a whole twdesk database of this or an older schema."""
    backup = Path(backup)
    with contextlib.suppress(OSError), open(backup, "rb") as fh:
        if fh.read(len(PACKAGE_MAGIC)) == PACKAGE_MAGIC:
            raise BackupError(
                f"「{backup.name}」是交换包，不是备份，不能用来恢复。"
                "交换包请用“文件 → 合并其他文件…”（或 twdesk merge）合并到数据库中。"
            )
    header = read_header(backup)  # not found / not SQLite / not twdesk: DbFileError
    if header.user_version > SCHEMA_VERSION:
        raise BackupError(
            f"备份「{backup.name}」的数据结构版本是 {header.user_version}，比当前 twdesk 支持的 "
            f"{SCHEMA_VERSION} 新，不能用它恢复。请先升级 twdesk。数据库没有被改动。"
        )
    if _has_hot_journal(backup):
        raise BackupError(
            f"备份「{backup.name}」旁边有一次中断的写入留下的日志文件，它不是完整的备份，"
            "没有恢复。请选择另一个备份。"
        )
    problems = check_integrity(backup)
    if problems:
        raise BackupError(
            f"备份「{backup.name}」已损坏，完整性检查未通过（{'；'.join(problems[:3])}），"
            "没有用它恢复。请选择另一个备份。数据库没有被改动。"
        )
    return header


@contextlib.contextmanager
def held_lock(db_path: Path, *, take_over: bool = False) -> Iterator[None]:
    """The twdesk lock of `db_path` for the duration (LockedError when somebody holds it)."""
    try:
        held = filelock.acquire(db_path, take_over=take_over)
    except filelock.FileLockedError as exc:
        raise LockedError(db_path, exc.holder) from None
    except OSError as exc:  # a write-protected folder or stick
        raise DbFileError(
            f"无法在「{db_path.parent}」中建立锁文件：{exc.strerror or exc}。"
            "请确认文件夹可写（U盘未写保护）。"
        ) from exc
    try:
        if _has_hot_journal(db_path):
            _roll_back(db_path)  # an interrupted write goes first, as on every open
        yield
    finally:
        held.release()


def damaged_copy(db_path: Path, reason: str) -> tuple[Path, dict[str, Any]]:
    """A byte copy of a file too damaged for the backup API (kept before it is replaced)."""
    folder = backups_dir(db_path)
    when = datetime.now()
    dest = _new_name(folder, reason, when)
    _copy_file(db_path, dest)
    meta = {
        "taken_at": when.isoformat(timespec="seconds"),
        "reason": reason + "（原文件已损坏）",
        "source": str(Path(db_path).resolve()),
        "office_id": "",
        "office_name": "",
        "schema_version": 0,
        "counts": {},
        "size": dest.stat().st_size,
        "twdesk": __version__,
    }
    _write_json(sidecar(dest), meta)
    _protect(dest)
    return dest, meta


def put_in_place(backup: Path, db_path: Path, *, before: Callable[[], T] | None = None) -> T | None:
    """Replace `db_path` by a verified copy of `backup`: a copy beside it, fsync, os.replace.
    `before()` runs once the copy is made and before it replaces the file (the 恢复前 backup:
    its rotation may then remove `backup` itself without harm); its result is returned. The
    caller holds the lock. A crash at any moment leaves the old file or the new one."""
    db_path = Path(db_path).resolve()
    for left in db_path.parent.glob(f".{db_path.name}.*.restoring"):
        left.unlink(missing_ok=True)  # from a restore killed halfway (we hold the lock)
    tmp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.restoring")
    result = None
    try:
        try:
            copy_consistent(Path(backup), tmp)
        except sqlite3.Error as exc:
            raise BackupError(
                f"无法读取备份「{Path(backup).name}」（{exc}）。数据库「{db_path.name}」保持原样。"
            ) from exc
        if before is not None:
            result = before()
        journal = Path(str(db_path) + "-journal")
        if journal.exists() and journal.stat().st_size == 0:
            journal.unlink()
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        raise BackupError(
            f"恢复没有完成：{exc.strerror or exc}。数据库「{db_path.name}」保持原样。"
            "请检查磁盘空间和文件夹是否可写。"
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return result
