"""Merging another office's file: counts, conflicts, deletions, numbers, integrity, all or nothing."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import digest
from tests.merge_files import all_records, build_base, diverge, station_copy
from twdesk.core.errors import Cancelled
from twdesk.db.dbfile import NewerSchemaError, NotSqliteError, open_database
from twdesk.db.models import LookupValue, MergeConflict, OpinionItem, Person, ProjectMember, Visit
from twdesk.services import merge


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merge-base") / "base.sqlite"
    build_base(path)
    return path


@pytest.fixture
def files(base: Path, tmp_path: Path):
    return diverge(base, tmp_path)


@contextlib.contextmanager
def opened(path: Path):
    db = open_database(path)
    try:
        yield db
    finally:
        db.close()


def fk_problems(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("PRAGMA foreign_key_check").fetchall()


def test_dry_run_counts_and_writes_nothing(files) -> None:
    before = digest(files.county)
    with opened(files.county) as db:
        report = merge.plan_merge(db, files.station)
    assert digest(files.county) == before
    assert report.dry_run
    assert report.inserted["person"] == 1
    assert report.inserted["visit"] == 1 and report.inserted["opinion_item"] == 1
    assert report.updated == {"person": 1}
    assert report.deleted == {"project_member": 1}
    assert report.conflicts == {"person": 2}
    assert report.unchanged["person"] == 21
    assert report.unchanged["visit"] >= 50


def test_merge_applies_changes_keeps_conflicts_and_numbers(files) -> None:
    with opened(files.county) as db:
        report = merge.apply_merge(db, files.station)
        assert report.inserted["person"] == 1 and report.updated == {"person": 1}
        assert report.conflicts == {"person": 2}
        listed = {(c.table, c.row_id, c.field): c for c in report.conflict_list}
        # edited on both: the later change wins (here: the same second, decided the same way
        # in both directions), the other version is listed
        notes = listed[("person", files.both_edited, "notes")]
        assert {notes.kept, notes.other} == {"县团委改的备注", "乡镇站改的备注"}
        # deleted in the county, edited in the station: a conflict, the record stays alive
        gone = listed[("person", files.deleted_in_county, "deleted_at")]
        assert gone.kind == "删除与修改" and gone.other == "已删除（2026-11-20 09:00）"
        assert gone.kept == "未删除" and gone.record
        assert listed[("person", files.deleted_in_county, "phone")].kept == "138****1111"
        with db.session() as s:
            assert s.get(Person, files.station_edited).unit == "乡镇站改的单位"
            assert s.get(Person, files.county_edited).unit == "县团委改的单位"
            kept = s.get(Person, files.deleted_in_county)
            assert kept.deleted_at is None and kept.phone == "13800001111"
            assert s.get(ProjectMember, files.station_deleted_member) is None
            assert s.get(Visit, files.county_deleted_visit).deleted_at is not None
            names = set(s.scalars(select(Person.name)))
            assert {"县里新代表", "站里新代表"} <= names
            numbers = Counter(s.scalars(select(OpinionItem.number)))
            stored = s.scalars(select(MergeConflict)).all()
        assert max(numbers.values()) == 1  # opinion numbers stay unique
        assert len(report.renumbered) == 1
        other, given = report.renumbered[0]
        assert given > other
        assert any(c.kind == "重新编号" and c.resolved for c in stored)
    assert fk_problems(files.county) == []


def test_merging_the_same_file_twice_changes_nothing(files) -> None:
    with opened(files.county) as db:
        merge.apply_merge(db, files.station)
    after_first = digest(files.county)
    with opened(files.county) as db:
        again = merge.apply_merge(db, files.station)
    assert again.changes == 0 and again.conflict_list == ()
    assert digest(files.county) == after_first


def test_both_ways_leaves_the_same_records(files) -> None:
    with opened(files.county) as db:
        merge.apply_merge(db, files.station)
    with opened(files.station) as db:
        back = merge.apply_merge(db, files.county)
    assert back.conflicts == {}  # the county already decided them
    assert all_records(files.county) == all_records(files.station)
    assert fk_problems(files.station) == []
    with opened(files.county) as db:
        assert merge.apply_merge(db, files.station).changes == 0


def test_station_into_county_and_county_into_station_first(files, tmp_path: Path) -> None:
    """The other order (the station merges first) ends with the same records too."""
    with opened(files.station) as db:
        merge.apply_merge(db, files.county)
    with opened(files.county) as db:
        merge.apply_merge(db, files.station)
    assert all_records(files.county) == all_records(files.station)


def test_cancel_halfway_leaves_the_file_byte_identical(files) -> None:
    before = digest(files.county)
    seen: list[tuple[int, int]] = []
    backups: list[str] = []

    def cancelled() -> bool:  # once the writing has started
        return bool(seen) and seen[-1][0] > 2 * len(merge._merged_tables()) + 3

    with opened(files.county) as db, pytest.raises(Cancelled):
        merge.apply_merge(
            db,
            files.station,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=cancelled,
            before_apply=lambda: backups.append("backup"),
        )
    assert backups == ["backup"]
    assert digest(files.county) == before


def test_a_failure_while_writing_leaves_the_file_byte_identical(
    files, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(files.county)
    real = merge._remember_meeting

    def broken(conn, *args):
        real(conn, *args)
        raise OSError("USB stick pulled")

    monkeypatch.setattr(merge, "_remember_meeting", broken)
    with opened(files.county) as db, pytest.raises(OSError):
        merge.apply_merge(db, files.station)
    assert digest(files.county) == before


def test_choose_other_version_and_keep(files) -> None:
    with opened(files.county) as db:
        merge.apply_merge(db, files.station)
        with db.session() as s:
            rows = merge.conflicts(s)
        notes = next(r for r in rows if r.field == "notes")
        assert notes.table_label == "人员" and notes.record
        with db.transaction() as s:
            merge.choose_other(s, notes.id)
        with db.session() as s:
            assert s.get(Person, files.both_edited).notes == notes.other
            left = merge.conflicts(s)
            every = merge.conflicts(s, unresolved_only=False)
        assert notes.id not in {r.id for r in left}
        assert any(r.id == notes.id and r.resolution == "采用另一版本" for r in every)
        gone = next(r for r in left if r.field == "deleted_at")
        with db.transaction() as s:
            merge.choose_other(s, gone.id)  # the deletion after all
        with db.session() as s:
            assert s.get(Person, files.deleted_in_county).deleted_at is not None
            assert merge.conflicts(s) == []
        with pytest.raises(merge.MergeError, match="已经处理过"), db.transaction() as s:
            merge.choose_other(s, notes.id)


def test_records_made_in_both_files_match_by_natural_key(base: Path, tmp_path: Path) -> None:
    county = tmp_path / "county.sqlite"
    shutil.copy(base, county)
    station = station_copy(base, tmp_path / "station.sqlite")
    for path in (county, station):
        with opened(path) as db, db.transaction() as s:
            s.add(LookupValue(kind="visit_category", name="乡村振兴", sort_order=99))
    with opened(county) as db:
        report = merge.apply_merge(db, station)
        with db.session() as s:
            same = s.scalars(select(LookupValue).where(LookupValue.name == "乡村振兴")).all()
    assert len(same) == 1
    assert report.inserted.get("lookup_value", 0) == 0
    assert fk_problems(county) == []


def test_an_older_file_is_merged_through_a_copy(
    office_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_dbfile import make_revision_1_file

    data = tmp_path / "data"
    monkeypatch.setenv("TWDESK_DATA_DIR", str(data))
    old = tmp_path / "old.sqlite"
    make_revision_1_file(old)
    before = digest(old)
    merge.plan_merge(office_db, old)
    report = merge.apply_merge(office_db, old)
    # the upgraded copy (perhaps a package's decrypted content) leaves no copy behind
    assert not list(data.rglob("old*"))
    assert report.inserted["person"] == 1
    assert digest(old) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("old")] == ["old.sqlite"]
    with office_db.session() as s:
        assert s.get(Person, "p1").name == "曾䶮"


def test_files_that_cannot_be_merged_are_refused(office_db, tmp_path: Path) -> None:
    before = digest(office_db.path)
    with pytest.raises(merge.MergeError, match="合并到它自己"):
        merge.apply_merge(office_db, office_db.path)
    text = tmp_path / "names.sqlite"
    text.write_text("姓名,电话\n", encoding="utf-8")
    with pytest.raises(NotSqliteError):
        merge.plan_merge(office_db, text)
    newer = tmp_path / "newer.sqlite"
    shutil.copy(office_db.path, newer)
    with contextlib.closing(sqlite3.connect(newer)) as con:
        con.execute("PRAGMA user_version = 99")
    newer_before = digest(newer)
    with pytest.raises(NewerSchemaError):
        merge.apply_merge(office_db, newer)
    assert digest(newer) == newer_before
    assert digest(office_db.path) == before


def test_deleted_outright_here_and_changed_there_comes_back_as_a_conflict(
    base: Path, tmp_path: Path
) -> None:
    """A record the county deleted outright (the audit log keeps the deletion) and the station
    changed since: never a silent loss — it comes back, the deletion listed as the other side.
    A duty day deleted here stays deleted, and the station's new visit on it is left out."""
    from twdesk.db.models import DutyAssignment, DutyDay, DutySwap

    county = tmp_path / "county.sqlite"
    shutil.copy(base, county)
    station = station_copy(base, tmp_path / "station.sqlite")
    with opened(county) as db, db.session() as s:
        member = s.scalars(select(ProjectMember.id).order_by(ProjectMember.id)).first()
        swapped = select(DutySwap.assignment_id).union(
            select(DutySwap.other_assignment_id).where(DutySwap.other_assignment_id.is_not(None))
        )
        day = s.scalars(
            select(DutyDay.id)
            .where(
                DutyDay.id.in_(
                    select(DutyAssignment.duty_day_id).where(DutyAssignment.id.not_in(swapped))
                ),
                DutyDay.id.not_in(
                    select(DutyAssignment.duty_day_id).where(DutyAssignment.id.in_(swapped))
                ),
            )
            .order_by(DutyDay.id)
        ).first()
        template = s.scalars(select(Visit).where(Visit.deleted_at.is_(None))).first()
        station_id = template.station_id
    with opened(county) as db, db.transaction() as s:
        s.delete(s.get(ProjectMember, member))
        for a in s.scalars(select(DutyAssignment).where(DutyAssignment.duty_day_id == day)):
            s.delete(a)
        s.flush()
        s.delete(s.get(DutyDay, day))
    with opened(station) as db, db.transaction() as s:
        s.get(ProjectMember, member).role = "站里改的"
        s.add(Visit(station_id=station_id, duty_day_id=day, visit_date=template.visit_date))
    with opened(county) as db:
        report = merge.apply_merge(db, station)
        with db.session() as s:
            back = s.get(ProjectMember, member)
            assert back is not None and back.role == "站里改的", report.as_json()
            assert s.get(DutyDay, day) is None
    assert report.conflicts == {"project_member": 1}
    (conflict,) = report.conflict_list
    assert conflict.kind == "删除与修改" and conflict.other == "（已删除）"
    assert report.skipped == {"visit": 1}
    assert report.inserted.get("duty_day", 0) == 0
    assert fk_problems(county) == []


def test_a_record_saved_again_unchanged_is_dated_and_counted(base: Path, tmp_path: Path) -> None:
    # the station saved a person again without changing anything: only the date moved on
    county = tmp_path / "county.sqlite"
    shutil.copy(base, county)
    station = station_copy(base, tmp_path / "station.sqlite")
    with contextlib.closing(sqlite3.connect(station)) as con:
        pid = con.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE person SET updated_at = '2026-11-25 10:00:00' WHERE id = ?", (pid,))
        con.commit()
    with opened(county) as db:
        preview = merge.plan_merge(db, station)
        assert preview.updated == {"person": 1} and preview.changes == 1  # 合并 is offered
        merge.apply_merge(db, station)
        again = merge.plan_merge(db, station)
    assert again.changes == 0
    with contextlib.closing(sqlite3.connect(county)) as con:
        (when,) = con.execute("SELECT updated_at FROM person WHERE id = ?", (pid,)).fetchone()
    assert str(when).startswith("2026-11-25 10:00:00")


def test_every_table_that_travels_has_a_chinese_name() -> None:
    from twdesk.core.merge_rules import table_label
    from twdesk.services.merge import _merged_tables

    unnamed = [t.name for t in _merged_tables() if table_label(t.name) == t.name]
    assert unnamed == []  # the merge preview and the recycle bin name every kind of record
