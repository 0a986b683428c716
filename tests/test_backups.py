"""Backups and restore (issue 13): verified snapshots in the data folder, rotation, the daily
backup, the backup before every import, restore and the undo of a restore."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import digest
from twdesk.db import backupfile
from twdesk.db.dbfile import SCHEMA_VERSION, LockedError, create_database, open_database
from twdesk.db.models import Person
from twdesk.services import backups
from twdesk.services.backups import (
    BackupError,
    daily_backup,
    list_backups,
    restore_backup,
    take_backup,
)


def add_people(path: Path, *names: str) -> None:
    db = open_database(path)
    try:
        with db.transaction() as s:
            for name in names:
                s.add(Person(name=name))
    finally:
        db.close()


def names(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY name")]


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return list(con.iterdump())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "县团委.sqlite"
    create_database(path, office_name="测试县团委")
    add_people(path, "张三", "李四")
    return path


def test_backup_is_a_verified_snapshot_with_its_metadata(
    db_path: Path, private_data_dir: Path
) -> None:
    before = digest(db_path)
    db = open_database(db_path)  # open and locked by this process: the backup API still reads it
    try:
        info = take_backup(db_path, "手动备份")
    finally:
        db.close()
    assert digest(db_path) == before
    assert info.path.parent.parent == private_data_dir / "backups"
    assert info.reason == "手动备份" and info.office_name == "测试县团委"
    assert info.schema_version == SCHEMA_VERSION
    assert info.counts["person"] == 2 and "人员 2" in info.counts_text()
    assert dump(info.path) == dump(db_path)
    meta = json.loads(backupfile.sidecar(info.path).read_text(encoding="utf-8"))
    assert meta["reason"] == "手动备份" and meta["source"] == str(db_path.resolve())
    listed = list_backups(db_path)
    assert [b.path for b in listed] == [info.path]
    assert listed[0].counts["person"] == 2 and listed[0].size == info.path.stat().st_size
    # metadata can also be read from the backup itself when the JSON file is lost
    backupfile.sidecar(info.path).unlink()
    again = list_backups(db_path)[0]
    assert again.counts["person"] == 2 and again.office_name == "测试县团委"


def test_backup_to_out_never_overwrites_a_database(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "手动.sqlite"
    info = take_backup(db_path, "手动备份", out=out)
    assert info.path == out and names(out) == ["张三", "李四"]
    with pytest.raises(Exception, match="数据库文件"):
        take_backup(db_path, "手动备份", out=db_path)
    with pytest.raises(Exception, match="数据库文件"):
        take_backup(db_path, "手动备份", out=out)


def test_rotation_keeps_the_last_30(db_path: Path) -> None:
    taken = [take_backup(db_path, "手动备份") for _ in range(35)]
    kept = list_backups(db_path)
    assert len(kept) == 30
    assert [b.path for b in kept] == [t.path for t in reversed(taken[5:])]
    for old in taken[:5]:
        assert not old.path.exists() and not backupfile.sidecar(old.path).exists()


def test_backups_are_read_only_on_disk(db_path: Path) -> None:
    import stat

    first = take_backup(db_path, "手动备份")
    linked = take_backup(db_path, "导入前")  # unchanged file: the same bytes, linked
    for b in (first, linked):
        assert not b.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_rotation_follows_the_setting(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as s:
            backups.set_backup_keep(s, 3)
        with db.session() as s:
            assert backups.backup_keep(s) == 3
    finally:
        db.close()
    for _ in range(5):
        take_backup(db_path, "手动备份")
    assert len(list_backups(db_path)) == 3


def test_daily_backup_only_once_a_day(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = daily_backup(db_path)
    assert first is not None and first.reason == "每日首次打开"
    assert daily_backup(db_path) is None
    assert daily_backup(db_path) is None
    assert [b.reason for b in list_backups(db_path)] == ["每日首次打开"]

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date.fromordinal(date.today().toordinal() + 1)

    monkeypatch.setattr(backupfile, "date", Tomorrow)
    second = daily_backup(db_path)
    assert second is not None
    assert len(list_backups(db_path)) == 2
    assert daily_backup(db_path) is None
    real_today = date.fromordinal(Tomorrow.today().toordinal() - 1)
    assert not backupfile.daily_marker(db_path, real_today).exists()  # yesterday's marker cleared


def test_backup_before_import(db_path: Path, tmp_path: Path) -> None:
    from benchmarks.bench_roster import write_sheet
    from twdesk.services.roster_import import import_roster

    sheet = tmp_path / "名册.xlsx"
    write_sheet(sheet, 5)
    db = open_database(db_path)
    try:
        with db.transaction() as s:
            import_roster(s, sheet)
    finally:
        db.close()
    (before,) = [b for b in list_backups(db_path) if b.reason == "导入前"]
    assert names(before.path) == ["张三", "李四"]  # the file as it was before the import
    assert len(names(db_path)) == 7


def test_restore_and_undo_of_the_restore(db_path: Path) -> None:
    original = dump(db_path)
    backup = take_backup(db_path, "手动备份")
    add_people(db_path, "王五")
    changed = dump(db_path)
    assert changed != original

    before = restore_backup(db_path, backup.path)
    assert dump(db_path) == original  # data back exactly
    assert before.reason == "恢复前" and dump(before.path) == changed
    assert open_database(db_path).close() is None  # opens normally, lock released

    undo = restore_backup(db_path, before.path)  # the restore undone
    assert dump(db_path) == changed
    assert dump(undo.path) == original
    assert not list(db_path.parent.glob("*.restoring"))


def test_restoring_the_oldest_of_a_full_folder(db_path: Path) -> None:
    # the 恢复前 backup's rotation removes the oldest backup: the one being restored
    db = open_database(db_path)
    try:
        with db.transaction() as s:
            backups.set_backup_keep(s, 3)
    finally:
        db.close()
    original = dump(db_path)
    oldest = take_backup(db_path, "手动备份")
    for name in ("王五", "赵六"):
        add_people(db_path, name)
        take_backup(db_path, "手动备份")
    assert len(list_backups(db_path)) == 3
    before = restore_backup(db_path, oldest.path)
    assert dump(db_path) == original
    assert before.reason == "恢复前" and before.path.exists()
    assert len(list_backups(db_path)) == 3


def test_restore_refused_while_the_file_is_open(db_path: Path) -> None:
    backup = take_backup(db_path, "手动备份")
    add_people(db_path, "王五")
    before = digest(db_path)
    db = open_database(db_path)
    try:
        with pytest.raises(LockedError, match="正由"):
            restore_backup(db_path, backup.path)
    finally:
        db.close()
    assert digest(db_path) == before
    assert [b.reason for b in list_backups(db_path)] == ["手动备份"]


def test_restore_refuses_a_damaged_or_newer_backup(db_path: Path, tmp_path: Path) -> None:
    before = digest(db_path)
    damaged = tmp_path / "damaged.sqlite"
    take_backup(db_path, "手动备份", out=damaged)
    data = bytearray(damaged.read_bytes())
    for offset in range(4096 * 3, len(data), 4096):  # every page after the schema: garbage
        data[offset + 100 : offset + 400] = b"\xff" * 300
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="已损坏"):
        restore_backup(db_path, damaged)

    newer = tmp_path / "newer.sqlite"
    take_backup(db_path, "手动备份", out=newer)
    with contextlib.closing(sqlite3.connect(newer)) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(BackupError, match="比当前 twdesk 支持的"):
        restore_backup(db_path, newer)

    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(Exception, match="不是 twdesk 数据库"):
        restore_backup(db_path, text)
    assert digest(db_path) == before
    assert list_backups(db_path) == []  # nothing was even backed up: refused before anything


def test_restore_over_a_damaged_file_keeps_its_bytes(db_path: Path, tmp_path: Path) -> None:
    backup = take_backup(db_path, "手动备份")
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 3, len(data), 4096):
        data[offset + 100 : offset + 400] = b"\xff" * 300
    db_path.write_bytes(bytes(data))
    damaged = digest(db_path)
    before = restore_backup(db_path, backup.path)
    assert "恢复前" in before.reason and digest(before.path) == damaged
    assert names(db_path) == ["张三", "李四"]


def test_migration_backup_goes_to_the_backups_folder(tmp_path: Path) -> None:
    from tests.test_dbfile import make_revision_1_file

    path = tmp_path / "old.sqlite"
    make_revision_1_file(path)
    db = open_database(path)
    try:
        assert db.backup_path is not None and db.backup_path.parent == path.parent
    finally:
        db.close()
    (listed,) = list_backups(path)
    assert listed.reason == "升级数据结构前" and listed.schema_version == 1
    assert dump(listed.path) == dump(db.backup_path)


def test_an_unchanged_file_is_not_copied_again(db_path: Path) -> None:
    """An import right after the daily backup: the verified backup is linked, not copied."""
    daily = daily_backup(db_path)
    assert daily is not None
    again = take_backup(db_path, "导入前")
    assert again.path != daily.path and again.reason == "导入前"
    assert again.path.stat().st_ino == daily.path.stat().st_ino  # one copy on disk
    assert again.counts["person"] == 2
    add_people(db_path, "王五")
    changed = take_backup(db_path, "导入前")
    assert changed.path.stat().st_ino != daily.path.stat().st_ino
    assert sorted(names(changed.path)) == sorted(["张三", "李四", "王五"])
    assert [b.reason for b in list_backups(db_path)] == ["导入前", "导入前", "每日首次打开"]
