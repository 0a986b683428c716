"""Several PCs on one database (issue 15): a save over a record someone else saved since it was
loaded is refused naming who and when, nothing half-written; opinion item numbers stay unique
and contiguous under concurrent intake; migration 0009 gives existing rows version 1; a merge
never takes row_version for a change."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select, update

from twdesk.core.errors import StaleRecordError
from twdesk.db.dbfile import Database, open_database
from twdesk.db.engine import make_engine
from twdesk.db.migrate import SCHEMA_VERSION, upgrade
from twdesk.db.models import AuditEntry, OpinionItem, Person, Setting
from twdesk.services import people, stations, visits
from twdesk.services.visits import ItemInput


@pytest.fixture
def db(any_office_db: Database) -> Database:
    """A seeded database on SQLite and on PostgreSQL (skipped without a server)."""
    return any_office_db


def add_delegate(db: Database, name: str = "曾䶮") -> str:
    db.user = "录入员"
    with db.transaction() as s:
        station = stations.save_station(s, {"name": f"{name}的联络站", "kind": "乡镇街道联络站"}).id
        return people.save_person(
            s, {"name": name, "is_delegate": True, "unit": "县一中"}, station_id=station
        ).id


def audit_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_second_of_two_editors_is_refused_naming_who_and_when(db: Database) -> None:
    pid = add_delegate(db)
    # two PCs open the same delegate's editor
    with db.session() as s:
        first = people.load_person(s, pid)
    with db.session() as s:
        second = people.load_person(s, pid)
    assert first.row_version == second.row_version == 1
    db.user = "王老师"
    with db.transaction() as s:
        people.save_person(
            s,
            {**first.values, "unit": "县二中"},
            pid,
            station_id=first.station_id,
            expected_version=first.row_version,
        )
    with db.session() as s:
        saved = s.get(Person, pid)
        assert (saved.unit, saved.row_version) == ("县二中", 2)
        saved_at = s.scalar(
            select(func.max(AuditEntry.at)).where(
                AuditEntry.row_id == pid, AuditEntry.user == "王老师"
            )
        )
    audited = audit_count(db)
    db.user = "李老师"
    with pytest.raises(StaleRecordError) as info, db.transaction() as s:
        people.save_person(
            s,
            {**second.values, "unit": "县三中", "phone": "13812345678"},
            pid,
            station_id=None,  # the editor also took them out of their station
            expected_version=second.row_version,
        )
    message = str(info.value)
    assert "人员「曾䶮」" in message and "王老师" in message
    assert saved_at is not None and f"{saved_at:%Y-%m-%d %H:%M:%S}" in message
    assert "没有保存任何内容" in message and "重新载入" in message
    assert (info.value.who, info.value.table, info.value.row_id) == ("王老师", "person", pid)
    with db.session() as s:  # nothing of the refused save: fields, station, audit
        kept = s.get(Person, pid)
        assert (kept.unit, kept.phone, kept.row_version) == ("县二中", "", 2)
        assert people.load_person(s, pid).station_id is not None
    assert audit_count(db) == audited
    # reloaded, the second editor saves over the version it now holds
    with db.session() as s:
        again = people.load_person(s, pid)
    with db.transaction() as s:
        people.save_person(
            s, {**again.values, "unit": "县三中"}, pid, expected_version=again.row_version
        )
    with db.session() as s:
        assert (s.get(Person, pid).unit, s.get(Person, pid).row_version) == ("县三中", 3)


def test_an_editor_save_with_only_links_changed_still_counts(db: Database) -> None:
    """The person editor saves station, groups and links too: any save of it is a save of the
    person, so another editor of the same person cannot silently undo it."""
    pid = add_delegate(db)
    with db.session() as s:
        first = people.load_person(s, pid)
        second = people.load_person(s, pid)
    with db.transaction() as s:
        people.save_person(s, first.values, pid, station_id=None, expected_version=1)
    with pytest.raises(StaleRecordError), db.transaction() as s:
        people.save_person(s, second.values, pid, station_id=second.station_id, expected_version=1)
    with db.session() as s:
        assert people.load_person(s, pid).station_id is None


def test_a_deleted_record_is_named_as_deleted(db: Database) -> None:
    pid = add_delegate(db)
    with db.session() as s:
        loaded = s.get(Person, pid)
        version = loaded.row_version
    db.user = "王老师"
    with db.transaction() as s:
        s.get(Person, pid).deleted_at = date(2026, 11, 26)
    with pytest.raises(StaleRecordError, match=r"王老师.*删除了") as info, db.transaction() as s:
        from twdesk.db.versions import check_version

        check_version(s.get(Person, pid), version)
    assert info.value.deleted


def test_a_row_changed_between_read_and_write_is_refused_at_flush(db: Database) -> None:
    """Within one save: the ORM's `AND row_version = …` finds the row moved on (another
    session's commit on a server; here the same row bumped underneath) → the same error."""
    pid = add_delegate(db)
    with pytest.raises(StaleRecordError, match="人员「曾䶮」") as info, db.transaction() as s:
        person = s.get(Person, pid)
        s.connection().execute(
            update(Person.__table__)
            .where(Person.__table__.c.id == pid)
            .values(row_version=Person.__table__.c.row_version + 1)
        )
        person.unit = "不会保存"
    assert info.value.row_id == pid
    with db.session() as s:
        assert (s.get(Person, pid).unit, s.get(Person, pid).row_version) == ("县一中", 1)


def test_a_bulk_update_counts_as_a_save_of_every_row(db: Database) -> None:
    pid = add_delegate(db)
    other = add_delegate(db, "单雪")
    with db.transaction() as s:
        s.execute(update(Person).where(Person.id == pid).values(notes="批量"))
    with db.session() as s:
        assert s.get(Person, pid).row_version == 2 and s.get(Person, other).row_version == 1


# --- opinion item numbers ---------------------------------------------------------------------


def test_concurrent_intake_gives_unique_contiguous_numbers(db: Database) -> None:
    """20 threads, each its own session and connection, each records a visit with two items
    at the same moment: 40 numbers, none twice, none skipped."""
    with db.transaction() as s:
        station = stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"}).id
    threads, errors = 20, []
    start = threading.Barrier(threads)

    def intake(n: int) -> None:
        try:
            start.wait()
            with db.transaction() as s:
                visits.save_visit(
                    s,
                    {
                        "visit_date": date(2026, 5, 6),
                        "station_id": station,
                        "content": f"{n}",
                        "anonymous": True,
                        "category": "就业创业",
                    },
                    [ItemInput(f"意见{n}-1"), ItemInput(f"意见{n}-2")],
                )
        except Exception as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)

    workers = [threading.Thread(target=intake, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with db.session() as s:
        numbers = sorted(s.scalars(select(OpinionItem.number)))
        counter = s.get(Setting, visits.ITEM_NUMBER_COUNTER).value
    assert numbers == [f"2026-{n:05d}" for n in range(1, 2 * threads + 1)]
    assert counter == '{"2026": 40}'


def test_a_purged_number_is_never_given_again(db: Database) -> None:
    with db.transaction() as s:
        station = stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"}).id
        visits.save_visit(
            s,
            {
                "visit_date": date(2026, 5, 6),
                "station_id": station,
                "content": "一",
                "anonymous": True,
                "category": "就业创业",
            },
            [ItemInput("甲"), ItemInput("乙")],
        )
    with db.transaction() as s:  # the newest item removed for good (as 彻底删除 does)
        s.delete(s.scalars(select(OpinionItem).where(OpinionItem.number == "2026-00002")).one())
    with db.transaction() as s:
        info = visits.save_visit(
            s,
            {
                "visit_date": date(2026, 6, 1),
                "station_id": station,
                "content": "二",
                "anonymous": True,
                "category": "就业创业",
            },
            [ItemInput("丙")],
        )
    assert [i.number for i in info.items] == ["2026-00003"]


# --- migration 0009 ---------------------------------------------------------------------------


def make_schema_8_file(path: Path) -> None:
    """A file exactly as twdesk schema version 8 wrote it, with a delegate in it."""
    from twdesk.db.dbfile import APPLICATION_ID

    engine = make_engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        upgrade(conn, "0008_station_assessment")
        conn.exec_driver_sql("PRAGMA user_version = 8")
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES ('office_id', 'old-office'),"
            " ('last_written_by', '0.8')"
        )
        conn.exec_driver_sql(
            "INSERT INTO person (id, name, name_pinyin, name_initials, gender, ethnicity,"
            " political_status, education, id_number, phone, wechat, unit, position, address,"
            " is_delegate, is_committee, is_past_delegate, is_cadre, level, sector, term, status,"
            " notes, origin_office_id) VALUES ('p1', '曾䶮', 'zeng yan', 'zy', '', '', '', '', '',"
            " '', '', '县一中', '', '', 1, 0, 0, 0, '', '', '', '在任', '', 'old-office')"
        )
    engine.dispose()


def test_migration_0009_gives_existing_rows_version_1(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite"
    make_schema_8_file(path)
    with sqlite3.connect(path) as con:
        columns = {r[1] for r in con.execute("PRAGMA table_info(person)")}
    con.close()
    assert "row_version" not in columns
    database = open_database(path, user="王老师")
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION == 9
            assert conn.exec_driver_sql("SELECT row_version FROM person").all() == [(1,)]
        with database.session() as s:
            loaded = people.load_person(s, "p1")
        assert loaded.row_version == 1
        with database.transaction() as s:
            people.save_person(s, {**loaded.values, "unit": "县二中"}, "p1", expected_version=1)
        with pytest.raises(StaleRecordError, match="王老师"), database.transaction() as s:
            people.save_person(s, loaded.values, "p1", expected_version=1)
    finally:
        database.close()


# --- the person editor ------------------------------------------------------------------------


def editor_with_a_stale_save(qtbot, db: Database, pid: str, monkeypatch, button: str):
    """The delegate's editor open here; another PC saves the delegate; here the user types a
    unit and presses 保存; the refusal's message box answers `button`."""
    from PySide6.QtWidgets import QDialogButtonBox

    from twdesk.services.people_search import PeopleIndex
    from twdesk.ui.app import make_application
    from twdesk.ui.dialogs.person_dialog import PersonDialog

    make_application()
    with db.session() as s:
        index = PeopleIndex.load(s)
    dialog = PersonDialog(db, index, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    other_pc = open_other_pc(db)
    other_pc.user = "王老师"
    with other_pc.transaction() as s:
        loaded = people.load_person(s, pid)
        people.save_person(
            s,
            {**loaded.values, "unit": "王老师改的单位"},
            pid,
            station_id=loaded.station_id,
            expected_version=loaded.row_version,
        )
    shown: list[tuple[str, str, list[str]]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == button).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    unit = dialog.widgets["unit"]
    unit.clear()
    qtbot.keyClicks(unit, "No. 3 Middle School")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    return dialog, shown


def open_other_pc(db: Database) -> Database:
    """Another PC on the same database: the same file through the same engine here (a second
    process is refused by the file lock); on a server each PC has its own connections."""
    from dataclasses import replace

    return replace(db)


@pytest.mark.parametrize("button", ["重新载入", "返回修改"])
def test_the_editor_offers_to_reload_and_overwrites_nothing(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch, button: str
) -> None:
    pid = add_delegate(db)
    dialog, shown = editor_with_a_stale_save(qtbot, db, pid, monkeypatch, button)
    assert len(shown) == 1
    title, text, buttons = shown[0]
    assert title == "记录已被他人修改" and "王老师" in text and "曾䶮" in text
    assert buttons == ["重新载入", "返回修改"]
    assert dialog.isVisible()  # refused: the editor stays open
    with db.session() as s:
        assert s.get(Person, pid).unit == "王老师改的单位"
    unit = dialog.widgets["unit"]
    if button == "重新载入":  # the other PC's version is shown and can be edited and saved
        assert unit.text() == "王老师改的单位"
        assert not dialog.has_changes()
        unit.clear()
        qtbot.keyClicks(unit, "No. 3 Middle School")
        assert dialog.save()
        with db.session() as s:
            assert s.get(Person, pid).unit == "No. 3 Middle School"
            assert s.get(Person, pid).row_version == 3
    else:  # back to what was typed; saving it again is refused again
        assert unit.text() == "No. 3 Middle School"
        assert not dialog.save() and len(shown) == 2
        with db.session() as s:
            assert s.get(Person, pid).unit == "王老师改的单位"
        asked: list[str] = []  # closing it asks before throwing the typed values away
        monkeypatch.setattr(
            QMessageBox,
            "question",
            lambda _p, title, *_a: asked.append(title) or QMessageBox.StandardButton.Yes,
        )
        dialog.reject()
        assert asked == ["放弃修改？"] and not dialog.isVisible()


def test_two_connections_saving_at_once_on_a_server(db: Database) -> None:
    """Two PCs read the delegate in their own transactions at the same time; the first commits,
    the second's UPDATE finds the row moved on (PostgreSQL; SQLite's writers queue instead)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes the write lock at BEGIN: the second would read the first's save")
    pid = add_delegate(db)
    both_read = threading.Barrier(2)
    first_saved = threading.Event()
    outcome: dict[str, object] = {}

    def pc(name: str, unit: str, first: bool) -> None:
        try:
            with db.transaction() as s:
                s.info["user"] = name
                person = s.get(Person, pid)
                both_read.wait()
                if not first:
                    first_saved.wait()
                person.unit = unit
            outcome[name] = "saved"
        except StaleRecordError as exc:
            outcome[name] = exc
        finally:
            if first:
                first_saved.set()

    threads = [
        threading.Thread(target=pc, args=("王老师", "县二中", True)),
        threading.Thread(target=pc, args=("李老师", "县三中", False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcome["王老师"] == "saved"
    refused = outcome["李老师"]
    assert isinstance(refused, StaleRecordError) and refused.who == "王老师"
    with db.session() as s:
        assert (s.get(Person, pid).unit, s.get(Person, pid).row_version) == ("县二中", 2)


# --- the other editors: each service takes the version its editor loaded -----------------------


def _station(db: Database) -> str:
    with db.transaction() as s:
        return stations.save_station(s, {"name": "城关镇联络站", "kind": "乡镇街道联络站"}).id


def _make_activity(db: Database) -> tuple[str, int]:
    from twdesk.services import ledger

    values = {"activity_date": date(2026, 5, 6), "activity_type": "志愿服务", "title": "义诊"}
    with db.transaction() as s:
        saved = ledger.save_activity(s, values, [add_person(s)])
    return saved.id, saved.row_version


def add_person(s) -> str:
    return people.save_person(s, {"name": "王㛃", "is_delegate": True}).id


def _save_activity(s, rid: str, version: int, title: str) -> None:
    from twdesk.services import ledger

    loaded = ledger.activity_detail(s, rid)
    values = {
        "activity_date": loaded.activity_date,
        "activity_type": loaded.activity_type,
        "title": title,
    }
    ledger.save_activity(
        s, values, [p for p, _n in loaded.participants], activity_id=rid, expected_version=version
    )


def _make_station(db: Database) -> tuple[str, int]:
    sid = _station(db)
    with db.session() as s:
        return sid, stations.load_station(s, sid)["row_version"]


def _save_station(s, rid: str, version: int, title: str) -> None:
    values = {**stations.load_station(s, rid), "hours": title}
    stations.save_station(s, values, rid, expected_version=version)


def _make_visit(db: Database) -> tuple[str, int]:
    sid = _station(db)
    with db.transaction() as s:
        saved = visits.save_visit(s, _visit_values(sid, "初次登记"), [ItemInput("路灯坏了")])
    return saved.id, saved.row_version


def _visit_values(sid: str, content: str) -> dict[str, object]:
    return {
        "visit_date": date(2026, 5, 6),
        "station_id": sid,
        "anonymous": True,
        "category": "就业创业",
        "content": content,
    }


def _save_visit(s, rid: str, version: int, title: str) -> None:
    loaded = visits.visit_detail(s, rid)
    visits.save_visit(
        s,
        _visit_values(loaded.station_id, title),
        [ItemInput("又一条")],
        visit_id=rid,
        expected_version=version,
    )


def _make_item(db: Database) -> tuple[str, int]:
    vid, _v = _make_visit(db)
    with db.session() as s:
        item = visits.visit_detail(s, vid).items[0]
    return item.id, item.row_version


def _save_item(s, rid: str, version: int, title: str) -> None:
    status = visits.item_info(s, rid).status
    if status == "已登记":
        visits.assign(s, rid, title, on=date(2026, 5, 7), expected_version=version)
    else:  # the other PC assigned it first: this PC records the handling
        visits.start_handling(s, rid, on=date(2026, 5, 8), note=title, expected_version=version)


def _make_problem(db: Database) -> tuple[str, int]:
    from twdesk.services import rectification

    sid = _station(db)
    with db.transaction() as s:
        row = rectification.save_problem(
            s, {"station_id": sid, "description": "公示栏破损", "found_on": date(2026, 5, 6)}, None
        )
    return row.id, row.row_version


def _save_problem(s, rid: str, version: int, title: str) -> None:
    from twdesk.services import rectification

    row = rectification.problem(s, rid)
    values = {
        "station_id": row.station_id,
        "description": row.description,
        "found_on": row.found_on,
        "responsible": title,
    }
    rectification.save_problem(s, values, rid, expected_version=version)


def _make_young(db: Database) -> tuple[str, int]:
    from twdesk.services import contacts

    with db.transaction() as s:
        added = contacts.add_to_book(
            s,
            add_person(s),
            {
                "name": "张小芳",
                "field": "农村青年",
                "organisation": "乔庄村",
                "first_contact_date": date(2026, 3, 2),
                "first_contact_way": "走访",
            },
            today=date(2026, 11, 20),
        )
        yid = added.young_person_id
        return yid, contacts.young_person_values(s, yid)["row_version"]


def _save_young(s, rid: str, version: int, title: str) -> None:
    from twdesk.services import contacts

    values = {**contacts.young_person_values(s, rid), "notes": title}
    contacts.update_young_person(s, rid, values, expected_version=version)


def _make_seat(db: Database) -> tuple[str, int]:
    from twdesk.db.models import DutyAssignment, DutyDay

    sid = _station(db)
    with db.transaction() as s:
        day = DutyDay(station_id=sid, day=date(2026, 5, 6))
        s.add(day)
        s.flush()
        seat = DutyAssignment(duty_day_id=day.id, person_id=add_person(s))
        s.add(seat)
        s.flush()
        return seat.id, seat.row_version


def _save_seat(s, rid: str, version: int, title: str) -> None:
    from twdesk.services import duty

    state = "到岗" if title == "甲" else "缺席"
    duty.record_attendance(
        s, rid, state, note=title, today=date(2026, 11, 20), expected_version=version
    )


EDITORS = {
    "duty_assignment": (_make_seat, _save_seat),
    "young_person": (_make_young, _save_young),
    "station": (_make_station, _save_station),
    "activity": (_make_activity, _save_activity),
    "visit": (_make_visit, _save_visit),
    "opinion_item": (_make_item, _save_item),
    "rectification": (_make_problem, _save_problem),
}


@pytest.mark.parametrize("table", list(EDITORS))
def test_every_editor_refuses_a_save_over_a_newer_version(db: Database, table: str) -> None:
    make, save = EDITORS[table]
    rid, version = make(db)
    db.user = "王老师"
    with db.transaction() as s:  # the other PC, which loaded the same version, saves first
        save(s, rid, version, "甲")
    db.user = "李老师"
    with pytest.raises(StaleRecordError, match="王老师") as info, db.transaction() as s:
        save(s, rid, version, "乙")
    assert (info.value.table, info.value.row_id) == (table, rid)
    with db.transaction() as s:  # with the version as saved now, the same save goes through
        from twdesk.db.base import Base

        table_ = Base.metadata.tables[table]
        current = s.execute(select(table_.c.row_version).where(table_.c.id == rid)).scalar()
        save(s, rid, current, "乙")


def test_the_station_editor_reloads_the_other_pcs_save(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from twdesk.ui.app import make_application
    from twdesk.ui.dialogs.station_dialog import StationDialog

    make_application()
    sid = _station(db)
    dialog = StationDialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    db.user = "王老师"
    with db.transaction() as s:
        _save_station(s, sid, 1, "每周三 9:00-12:00")
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == "重新载入").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog.edits["leader_name"].setText("Zhang")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "联络站「城关镇联络站」" in shown[0] and "王老师" in shown[0]
    assert dialog.isVisible()
    assert dialog.edits["hours"].text() == "每周三 9:00-12:00"  # the other PC's save, shown
    assert dialog.edits["leader_name"].text() == ""  # what was typed here, dropped
    dialog.edits["leader_name"].setText("Zhang")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and len(shown) == 1
    with db.session() as s:
        saved = stations.load_station(s, sid)
    assert (saved["hours"], saved["leader_name"], saved["row_version"]) == (
        "每周三 9:00-12:00",
        "Zhang",
        3,
    )


# --- merging another office's file -------------------------------------------------------------


def test_a_merge_counts_its_own_saves_and_never_compares_versions(tmp_path: Path) -> None:
    """row_version is each file's own count: a difference in it alone is no change and no
    conflict; a record the merge changes counts one save more here, so an editor that loaded
    it before the merge is refused instead of undoing the merged change."""
    from tests.merge_files import FORK, station_copy
    from twdesk.db.base import Base
    from twdesk.db.dbfile import create_database
    from twdesk.services import merge

    county = tmp_path / "county.sqlite"
    create_database(county)
    db = open_database(county)
    with db.transaction() as s:
        ids = [people.save_person(s, {"name": n, "is_delegate": True}).id for n in "甲乙丙"]
    db.close()
    with sqlite3.connect(county) as con:  # all made long before the files parted
        for table in Base.metadata.sorted_tables:
            if "updated_at" in table.c:
                con.execute(f"UPDATE {table.name} SET updated_at = ?", (FORK,))
    con.close()
    a, b, c = ids
    station = station_copy(county, tmp_path / "station.sqlite")
    db = open_database(station, user="乡镇站")
    with db.transaction() as s:
        s.get(Person, a).unit = "乡镇站改的单位"
        s.get(Person, c).unit = "乡镇站改的单位"
    db.close()
    with sqlite3.connect(station) as con:  # saved more often there; 乙's content as before
        con.execute("UPDATE person SET row_version = 7 WHERE id IN (?, ?)", (b, c))
    con.close()
    db = open_database(county, user="县团委")
    try:
        with db.transaction() as s:  # 丙 changed in both files: one conflict, on its fields
            s.get(Person, c).notes = "县团委改的备注"
        with db.session() as s:
            before_merge = people.load_person(s, a)
        report = merge.apply_merge(db, station)
        assert report.updated == {"person": 1} and report.conflicts == {"person": 1}
        assert {(x.row_id, x.field) for x in report.conflict_list} == {(c, "unit"), (c, "notes")}
        with db.session() as s:
            versions = {p: s.get(Person, p).row_version for p in (a, b)}
            assert s.get(Person, a).unit == "乡镇站改的单位"
        assert versions == {a: 2, b: 1}
        with pytest.raises(StaleRecordError), db.transaction() as s:
            people.save_person(s, before_merge.values, a, expected_version=before_merge.row_version)
        again = merge.apply_merge(db, station)  # nothing new: the versions stay as they are
        assert again.changes == 0
    finally:
        db.close()


# --- the evaluation: the stage's scores as shown ------------------------------------------------


def test_a_stage_entered_over_scores_saved_since_is_refused(db: Database) -> None:
    """Two reviewers enter the same delegate's 组织评价: the second is refused naming the first.
    Another delegate's save (which recomputes everyone's grades in the station) is not."""
    from decimal import Decimal

    from twdesk.core.evaluation_view import Stage
    from twdesk.services import evaluation

    year = 2026
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "城关镇联络站", "kind": "乡镇街道联络站"}).id
        a, b = (
            people.save_person(s, {"name": n, "is_delegate": True}, station_id=sid).id
            for n in ("曾䶮", "王㛃")
        )
        evaluation.open_year(s, year, today=date(2026, 12, 1))

    def shown(person: str) -> dict[int, Decimal | None]:
        with db.session() as s:
            d = evaluation.delegate_result(s, year, person)
        return {i.seq: i.score(Stage.STATION) for i in d.indicators}

    def enter(person: str, loaded: dict, manual: int, user: str) -> None:
        db.user = user
        with db.transaction() as s:
            entry = evaluation.StageEntry(scores={10: Decimal(manual)}, loaded=loaded)
            evaluation.save_stage(s, year, person, Stage.STATION, entry)

    first, second, other = shown(a), shown(a), shown(b)
    enter(a, first, 8, "王老师")
    enter(b, other, 6, "赵老师")  # grades in the station recomputed: not a change of 曾䶮's
    with pytest.raises(StaleRecordError) as info:
        enter(a, second, 5, "李老师")
    assert "曾䶮 2026年组织评价" in str(info.value) and info.value.who == "王老师"
    assert shown(a)[10] == Decimal(8)
    enter(a, shown(a), 5, "李老师")  # shown again: saved
    assert shown(a)[10] == Decimal(5)


def test_a_station_score_entered_meanwhile_is_never_overwritten(db: Database) -> None:
    from decimal import Decimal

    from twdesk.services import station_assessment as sa

    sid = _station(db)

    def shown() -> sa.ItemScore:
        with db.session() as s:
            return sa.assess(s, 2026, station_id=sid, today=date(2026, 12, 1))[0].items[5]

    def enter(item: sa.ItemScore, value: int | None, user: str) -> None:
        db.user = user
        with db.transaction() as s:
            score = None if value is None else Decimal(value)
            sa.set_score(s, 2026, sid, item.seq, score, expected_version=item.row_version)

    first, second = shown(), shown()
    assert first.entered is None and first.row_version == 0
    enter(first, 10, "王老师")
    with pytest.raises(StaleRecordError, match="王老师") as info:
        enter(second, 6, "李老师")  # shown with no score: the 10 entered since stays
    assert "城关镇联络站" in str(info.value) and shown().entered == Decimal(10)
    entered = shown()
    enter(entered, None, "王老师")  # cleared
    with pytest.raises(StaleRecordError, match="删除了"):
        enter(entered, 6, "李老师")
    assert shown().entered is None
