"""Backups and restore: automatic backups in the data folder (the first open each day, before a
migration, before every import and merge), 手动备份, the list, and restore — which first backs up
the file it replaces, so a restore can itself be undone.

Each backup is a verified snapshot (SQLite's backup API while the file may be open, then
PRAGMA integrity_check of the copy) with its metadata beside it; the last N are kept (setting
`backup.keep`, default 30). The files themselves are handled by `twdesk.db.backupfile`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from twdesk.db import backupfile
from twdesk.db.backupfile import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    MAIN_TABLES,
    REASON_DAILY,
    REASON_IMPORT,
    REASON_MANUAL,
    REASON_MERGE,
    REASON_MIGRATION,
    REASON_RESTORE,
    BackupError,
)
from twdesk.db.dbfile import DbFileError
from twdesk.db.models import Setting
from twdesk.output import check_target, write_output

__all__ = [
    "DEFAULT_KEEP",
    "REASON_DAILY",
    "REASON_IMPORT",
    "REASON_MANUAL",
    "REASON_MERGE",
    "REASON_MIGRATION",
    "REASON_RESTORE",
    "BackupError",
    "BackupInfo",
    "backup_before_import",
    "backup_before_merge",
    "backup_keep",
    "backups_folder",
    "daily_backup",
    "list_backups",
    "restore_backup",
    "set_backup_keep",
    "take_backup",
]

log = logging.getLogger(__name__)

TABLE_LABELS = {
    "station": "联络站",
    "person": "人员",
    "visit": "来访",
    "opinion_item": "意见建议",
    "activity": "履职记录",
    "evaluation": "考核",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    source: str
    office_id: str
    office_name: str
    schema_version: int
    size: int
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def main_counts(self) -> dict[str, int]:
        return {t: self.counts[t] for t in MAIN_TABLES if t in self.counts}

    def counts_text(self) -> str:
        """联络站 12 · 人员 150 · 来访 800 …"""
        return " · ".join(f"{TABLE_LABELS[t]} {n:,}" for t, n in self.main_counts.items())

    def size_text(self) -> str:
        mb = self.size / 1024 / 1024
        return f"{mb:.1f} MB" if mb >= 0.1 else f"{max(self.size // 1024, 1)} KB"


def _info(path: Path, meta: Mapping[str, Any]) -> BackupInfo:
    try:
        taken = datetime.fromisoformat(str(meta.get("taken_at", "")))
    except ValueError:
        taken = datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(
        path=path,
        taken_at=taken,
        reason=str(meta.get("reason", "")),
        source=str(meta.get("source", "")),
        office_id=str(meta.get("office_id", "")),
        office_name=str(meta.get("office_name", "")),
        schema_version=int(meta.get("schema_version", 0) or 0),
        size=int(meta.get("size", 0) or 0),
        counts=dict(meta.get("counts") or {}),
    )


def backups_folder(db_path: Path) -> Path:
    """Where the backups of `db_path` are kept (inside the data folder)."""
    return backupfile.backups_dir(Path(db_path))


def take_backup(db_path: Path, reason: str, *, out: Path | None = None) -> BackupInfo:
    """A verified snapshot of `db_path` (open or not) in its backup folder, then rotation; with
    `out`, a copy to that file instead (never over a database or a package; not rotated)."""
    db_path = Path(db_path)
    if out is None:
        path, meta = backupfile.take(db_path, reason)
        return _info(path, meta)
    out = check_target(Path(out))  # never a database (this one included) nor a package
    _tmp, meta = write_output(out, lambda tmp: backupfile.take(db_path, reason, out=tmp))
    return _info(out, {**meta, "size": out.stat().st_size})


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of `db_path`, newest first."""
    folder = backupfile.backups_dir(Path(db_path), create=False)
    return [_info(p, backupfile.read_metadata(p)) for p in backupfile.backups_in(folder)]


def daily_backup(db_path: Path) -> BackupInfo | None:
    """The first open of the day takes a backup; later opens cost one stat (None)."""
    marker = backupfile.daily_marker(Path(db_path))
    if marker.exists():
        return None
    info = take_backup(db_path, REASON_DAILY)
    marker.touch()
    return info


def daily_backup_quietly(db_path: Path) -> BackupInfo | str | None:
    """daily_backup for the open paths: a failure never stops the file from opening; it is
    logged and its message returned for the caller to show."""
    try:
        return daily_backup(db_path)
    except (DbFileError, OSError) as exc:
        log.warning("每日备份没有完成：%s", exc)
        return f"今天的自动备份没有完成：{exc}"


def backup_before_import(session: Session) -> BackupInfo | None:
    """导入前: called by every importer once its check passed, right before it writes (the
    session has only read so far, so the snapshot is the file as it was before the import)."""
    path = session.info.get("db_path")
    if path is None:
        return None
    return take_backup(Path(path), REASON_IMPORT)


def backup_before_merge(db_path: Path) -> BackupInfo:
    """合并前: the merge's `before_apply` hook."""
    return take_backup(Path(db_path), REASON_MERGE)


def restore_backup(db_path: Path, backup: Path, *, take_over_lock: bool = False) -> BackupInfo:
    """Put `backup` in place of `db_path`; returns the 恢复前 backup of the file it replaced
    (restoring that one undoes the restore).

    Refused — nothing changed — when the backup is not a whole twdesk file of this or an older
    schema, or when a twdesk (this one included: close the file first) holds `db_path`.
    """
    db_path, backup = Path(db_path).resolve(), Path(backup).resolve()
    if backup == db_path:
        raise BackupError("不能用数据库文件本身来恢复它，请选择一个备份文件。")
    backupfile.verify_backup(backup)
    if not db_path.parent.is_dir():
        raise BackupError(f"文件夹「{db_path.parent}」不存在，没有恢复。")

    def back_up_current() -> tuple[Path, dict[str, Any]]:
        # after the backup is copied beside the file: this backup's rotation may remove the
        # oldest backup — the one being restored — without harm
        if not db_path.exists():
            return backup, backupfile.read_metadata(backup)
        try:
            return backupfile.take(db_path, REASON_RESTORE)
        except DbFileError:
            # a damaged file is what a restore is for: keep its bytes all the same
            return backupfile.damaged_copy(db_path, REASON_RESTORE)

    with backupfile.held_lock(db_path, take_over=take_over_lock):
        taken = backupfile.put_in_place(backup, db_path, before=back_up_current)
    assert taken is not None
    path, meta = taken
    return _info(path, meta)


# --- the setting: how many backups are kept ---------------------------------------------------


def backup_keep(session: Session) -> int:
    row = session.get(Setting, KEEP_SETTING)
    return backupfile.keep_count({KEEP_SETTING: row.value} if row is not None else {})


def set_backup_keep(session: Session, keep: int) -> None:
    if keep < 1:
        raise BackupError("保留的备份数至少为 1。")
    row = session.get(Setting, KEEP_SETTING) or Setting(key=KEEP_SETTING)
    row.value = str(int(keep))
    session.add(row)
    session.flush()
