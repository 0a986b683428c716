"""The database file: bad files refused untouched, older files backed up and migrated, copies."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from tests.helpers import digest
from twdesk.db import dbfile
from twdesk.db.dbfile import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    CorruptError,
    DbExistsError,
    NewerSchemaError,
    NotSqliteError,
    NotTwdeskError,
    create_database,
    open_database,
)
from twdesk.db.engine import make_engine
from twdesk.db.migrate import head_revision, revision_number, upgrade
from twdesk.db.models import AuditEntry, EvalIndicator, LookupValue, Person, Setting


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    create_database(path, office_name="测试县团委")
    return path


def header_ints(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:100]
    return struct.unpack(">I", head[60:64])[0], struct.unpack(">I", head[68:72])[0]


def test_new_file_is_a_complete_rollback_journal_twdesk_file(db_path: Path) -> None:
    user_version, app_id = header_ints(db_path)
    assert (user_version, app_id) == (SCHEMA_VERSION, APPLICATION_ID)
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with db.session() as s:
            assert s.get(Setting, "office_name").value == "测试县团委"
            assert s.scalar(select(func.count()).select_from(EvalIndicator)) == 10
            assert s.scalar(select(func.count()).select_from(LookupValue)) > 20
    finally:
        db.close()
    assert not Path(str(db_path) + "-wal").exists()
    assert not Path(str(db_path) + ".lock").exists()


def test_schema_version_constant_matches_newest_migration() -> None:
    assert revision_number(head_revision()) == SCHEMA_VERSION


def test_migrations_build_exactly_the_models(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from twdesk.db.models import Base

    engine = make_engine(db_path, readonly=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_create_refuses_to_overwrite(db_path: Path) -> None:
    before = digest(db_path)
    with pytest.raises(DbExistsError, match="不会覆盖"):
        create_database(db_path)
    assert digest(db_path) == before


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"\xd0\xcf\x11\xe0 an old Excel file" * 20, NotSqliteError, "不是 SQLite"),
        ("姓名,身份证号\n张三,1\n".encode("gbk"), NotSqliteError, "Excel"),
        (b"", NotTwdeskError, "空的"),
    ],
)
def test_not_a_twdesk_file_is_refused_untouched(
    tmp_path: Path, content: bytes, error: type, words: str
) -> None:
    path = tmp_path / "wrong.sqlite"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["wrong.sqlite"]


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES (1)")
    con.close()
    before = digest(path)
    with pytest.raises(NotTwdeskError, match="不是 twdesk 创建的"):
        open_database(path)
    assert digest(path) == before


def test_corrupted_file_is_refused_untouched_and_unlocked(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as s:  # some data so there are pages to damage
        for i in range(400):
            s.add(Person(name=f"测试{i}", notes="备注" * 50))
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):
        data[offset : offset + 64] = b"\xff" * 64
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(CorruptError, match="已损坏"):
        open_database(db_path)
    assert digest(db_path) == before
    assert not Path(str(db_path) + ".lock").exists()


def test_newer_schema_is_refused_naming_both_versions(db_path: Path) -> None:
    with sqlite3.connect(db_path) as con:
        con.execute("PRAGMA user_version = 99")
        con.execute("UPDATE setting SET value = '9.1.0' WHERE key = 'last_written_by'")
    con.close()
    before = digest(db_path)
    with pytest.raises(NewerSchemaError) as info:
        open_database(db_path)
    message = str(info.value)
    assert "99" in message and str(SCHEMA_VERSION) in message and "9.1.0" in message
    assert "升级" in message
    assert digest(db_path) == before
    assert not Path(str(db_path) + ".lock").exists()


def make_revision_1_file(path: Path) -> None:
    """A file exactly as twdesk schema version 1 wrote it, with a delegate in it."""
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        upgrade(conn, "0001_initial")
        conn.exec_driver_sql("PRAGMA user_version = 1")
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES ('office_id', 'old-office'), ('last_written_by', '0.0.9')"
        )
        conn.exec_driver_sql(
            "INSERT INTO person (id, name, name_pinyin, name_initials, gender, ethnicity, political_status,"
            " education, id_number, phone, wechat, unit, position, address, is_delegate, is_committee,"
            " is_past_delegate, is_cadre, level, sector, term, status, notes, origin_office_id)"
            " VALUES ('p1', '曾䶮', 'zeng yan', 'zy', '男', '汉族', '共青团员', '', '', '', '', '', '', '',"
            " 1, 0, 0, 0, '乡镇', '', '第十六届', '在任', '', 'old-office')"
        )
    engine.dispose()


def test_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_revision_1_file(path)
    old_digest = digest(path)
    with contextlib.closing(sqlite3.connect(path)) as con:
        old_dump = list(con.iterdump())
    db = open_database(path)
    try:
        assert db.backup_path is not None and db.backup_path.exists()
        assert db.backup_path.parent == path.parent
        with contextlib.closing(sqlite3.connect(db.backup_path)) as con:
            assert list(con.iterdump()) == old_dump  # a real copy: every table and row, at v1
        assert header_ints(db.backup_path)[0] == 1
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("visit")}
            assert "ix_visit_receiver_date" in indexes
        with db.session() as s:
            assert s.get(Person, "p1").name == "曾䶮"
            assert s.get(Setting, "last_written_by").value != "0.0.9"
    finally:
        db.close()
    # the backup is the old file, byte for byte as far as SQLite is concerned
    with sqlite3.connect(db.backup_path) as con:
        assert con.execute("SELECT name FROM person").fetchall() == [("曾䶮",)]
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001_initial",)
        ]
    con.close()
    assert old_digest != digest(path)


def test_failed_migration_leaves_file_at_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    make_revision_1_file(path)

    def broken_upgrade(conn, target: str = "head") -> None:
        upgrade(conn, target)
        raise RuntimeError("power cut in the middle of the migration")

    monkeypatch.setattr(dbfile, "upgrade", broken_upgrade)
    with pytest.raises(RuntimeError):
        open_database(path)
    assert header_ints(path)[0] == 1
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    con.close()
    assert "ix_visit_receiver_date" not in names
    assert not Path(str(path) + ".lock").exists()


def test_save_copy_is_consistent_and_verified(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as s:
            s.add(Person(name="单雪", birth_date=date(1998, 5, 1)))
        copy = tmp_path / "usb" / "copy.sqlite"
        copy.parent.mkdir()
        db.save_copy(copy)
        with pytest.raises(dbfile.DbFileError, match="当前打开的文件"):
            db.save_copy(db_path)
    finally:
        db.close()
    other = open_database(copy)
    try:
        with other.session() as s:
            assert s.scalar(select(Person.name)) == "单雪"
        assert other.office_id == db.office_id
    finally:
        other.close()
    assert not list(copy.parent.glob("*.part"))


def test_new_rows_carry_office_id_and_changes_are_audited_masked(db_path: Path) -> None:
    db = open_database(db_path, user="测试员")
    try:
        with db.transaction() as s:
            person = Person(name="区可", id_number="511825199503072011", phone="13812345678")
            s.add(person)
        with db.transaction() as s:
            p = s.get(Person, person.id)
            p.phone = "13900001111"
        with db.session() as s:
            assert s.get(Person, person.id).origin_office_id == db.office_id
            rows = s.scalars(
                select(AuditEntry).where(AuditEntry.row_id == person.id).order_by(AuditEntry.at)
            ).all()
    finally:
        db.close()
    actions = [(r.action, r.field) for r in rows]
    assert ("新增", "") in actions and ("修改", "phone") in actions
    change = next(r for r in rows if r.field == "phone")
    assert change.user == "测试员"
    assert "12345678" not in change.old_value and "00001111" not in change.new_value
    assert change.old_value.startswith("138") and change.new_value.endswith("1111")


def test_failed_transaction_writes_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(ValueError), db.transaction() as s:
            s.add(Person(name="甲"))
            s.flush()
            raise ValueError("bad input in the middle")
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 0
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
    finally:
        db.close()


def test_recycle_bin_hides_restores_and_audits(db_path: Path) -> None:
    from twdesk.services.overview import record_counts
    from twdesk.services.recycle_bin import list_bin, move_to_bin, restore

    db = open_database(db_path, user="管理员")
    try:
        with db.transaction() as s:
            keep, gone = Person(name="留下"), Person(name="误删")
            s.add_all([keep, gone])
        with db.transaction() as s:
            move_to_bin(s, s.get(Person, gone.id))
        with db.session() as s:
            assert record_counts(s)["delegates"] == 1
            [entry] = list_bin(s)
            assert (entry.label, entry.title, entry.deleted_by) == ("人员", "误删", "管理员")
        with db.transaction() as s:
            restore(s, s.get(Person, gone.id))
        with db.session() as s:
            assert record_counts(s)["delegates"] == 2 and list_bin(s) == []
            actions = s.scalars(select(AuditEntry.action).where(AuditEntry.row_id == gone.id)).all()
    finally:
        db.close()
    assert sorted(actions) == sorted(["新增", "移入回收站", "恢复"])


def test_large_file_opens_fast_and_is_verified_in_the_background(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    db = open_database(db_path)
    with db.transaction() as s:
        for i in range(600):
            s.add(Person(name=f"测试{i}", notes="备注" * 80))
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(len(data) - 3 * page, len(data), page):
        data[offset + 8 : offset + 200] = b"\x07" * 192
    db_path.write_bytes(bytes(data))
    monkeypatch.setattr(dbfile, "FULL_CHECK_LIMIT", 0)  # treat this file as a large one
    db = open_database(db_path)
    try:
        assert not db.verified_at_open
        results: list[str | None] = []
        finished = threading.Event()
        db.verify_in_background(lambda message: (results.append(message), finished.set()))
        assert finished.wait(30)
    finally:
        db.close()
    assert results[0] is not None and "已损坏" in results[0]
