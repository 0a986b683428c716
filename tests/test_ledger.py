"""Duty records on a real file: both books, confirm / return, targets, duty days counted from
the calendar, period summaries, import / export and `twdesk ledger`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import Activity, Project
from twdesk.services import duty, ledger, links, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.services.ledger import LedgerError, Targets
from twdesk.services.roster_import import ImportProblems

TODAY = date(2026, 6, 30)


@pytest.fixture
def setup(any_office_db: Database) -> tuple[Database, str, str, str]:
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        a = people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=sid).id
        b = people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=sid).id
    return office_db, sid, a, b


def entry(s, day: date, kind: str, youth: int, who: list[str], **extra) -> str:
    values = {
        "activity_date": day,
        "activity_type": kind,
        "title": f"{kind}{day:%m%d}",
        "youth_count": youth,
        **extra,
    }
    return ledger.save_activity(
        s, values, who, **{k: v for k, v in extra.items() if k in ("source", "recorded_by_id")}
    ).id


def test_targets_count_confirmed_contacts_per_participant(setup) -> None:
    db, _sid, a, b = setup
    with db.transaction() as s:
        entry(s, date(2026, 3, 1), "联系青年", 60, [a, b])  # both credited with 60
        entry(s, date(2026, 4, 1), "联系青年", 45, [a])
        entry(s, date(2026, 4, 2), "志愿服务", 200, [a])  # not a contact type by default
        entry(s, date(2025, 12, 31), "联系青年", 500, [b])  # another year
        branch = links.add_branch(s, "乔庄中学团支部").id
        links.set_links(s, links.LinkKind.BRANCH, a, [branch], on=date(2026, 1, 5))
    with db.session() as s:
        rows = {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}
    assert rows["曾䶮"].youth_contacts == 105 and rows["王㛃"].youth_contacts == 60
    assert rows["曾䶮"].by_type == {"志愿服务": 1, "联系青年": 2}
    assert rows["曾䶮"].branches == 1 and rows["王㛃"].branches == 0
    assert rows["曾䶮"].targets_met == {"youth": True, "branches": True}
    assert rows["王㛃"].targets_met == {"youth": False, "branches": False}
    with db.session() as s:
        behind = [r.name for r in ledger.behind_target(ledger.ledger(s, 2026, today=TODAY))]
    assert behind == ["王㛃"]
    # configurable: 1+10+1+N counties count volunteering too, with a lower youth target
    with db.transaction() as s:
        ledger.set_targets(s, Targets(youth=50, branches=0, youth_types=("联系青年", "志愿服务")))
    with db.session() as s:
        rows = {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}
    assert rows["曾䶮"].youth_contacts == 305 and rows["王㛃"].targets_met == {
        "youth": True,
        "branches": True,
    }
    with pytest.raises(LedgerError), db.transaction() as s:
        ledger.set_targets(s, Targets(youth_types=("不存在的类型",)))


def test_self_reports_wait_for_the_station_and_can_be_returned(setup) -> None:
    db, _sid, a, b = setup
    with db.transaction() as s:
        mine = entry(s, date(2026, 5, 1), "联系青年", 30, [a], source="分账本", recorded_by_id=a)
    with db.session() as s:
        row = {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}["曾䶮"]
        assert (row.youth_contacts, row.pending) == (0, 1)  # not counted until confirmed
    with pytest.raises(LedgerError), db.transaction() as s:
        ledger.return_entry(s, mine, "")
    with db.transaction() as s:
        ledger.return_entry(s, mine, "缺少活动照片")
    with db.session() as s:
        a_row = s.get(Activity, mine)
        assert (a_row.confirmation, a_row.confirmation_note) == ("已退回", "缺少活动照片")
        assert {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}["曾䶮"].returned == 1
    with db.transaction() as s:  # the delegate corrects it: back to the station
        ledger.save_activity(
            s,
            {
                "activity_date": date(2026, 5, 1),
                "activity_type": "联系青年",
                "title": "走访青年",
                "youth_count": 30,
            },
            [a],
            activity_id=mine,
        )
        assert s.get(Activity, mine).confirmation == "待确认"
        ledger.confirm(s, mine)
    with db.session() as s:
        assert {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}["曾䶮"].youth_contacts == 30
    with pytest.raises(LedgerError) as info, db.transaction() as s:
        ledger.save_activity(
            s,
            {"activity_date": date(2026, 5, 2), "activity_type": "联系青年", "title": "x"},
            [b],
            source="分账本",
            recorded_by_id=a,
        )
    assert "本人" in str(info.value)
    with pytest.raises(LedgerError) as info, db.transaction() as s:
        ledger.save_activity(
            s, {"activity_date": None, "activity_type": "跳舞", "title": "", "youth_count": -1}, []
        )
    assert set(info.value.problems) == {
        "activity_date",
        "activity_type",
        "title",
        "youth_count",
        "participants",
    }


def test_duty_days_come_from_the_calendar(setup) -> None:
    db, sid, a, b = setup
    with db.transaction() as s:
        duty.generate_plan(s, sid, 2026, RuleSettings(parse_rule("monthly:15")), today=TODAY)
    with db.session() as s:
        days = duty.duty_days(s, station_id=sid, year=2026, today=TODAY)
    with db.transaction() as s:
        for d in days[:3]:
            duty.record_attendance(s, d.seats[0].assignment_id, "到岗", today=TODAY)
    with db.session() as s:
        rows = {r.person_id: r for r in ledger.ledger(s, 2026, today=TODAY)}
    assert rows[a].duty_assigned + rows[b].duty_assigned == 12
    assert rows[a].duty_attended + rows[b].duty_attended == 3


def test_projects_and_monthly_and_quarterly_summaries(setup) -> None:
    db, sid, a, b = setup
    with db.transaction() as s:
        project = ledger.save_project(
            s,
            "青春助农直播间",
            leader_id=a,
            member_ids=[b],
            station_id=sid,
            start=date(2026, 3, 1),
            youth_served=120,
        ).id
        entry(s, date(2026, 3, 10), "领办项目", 40, [a, b], project_id=project, station_id=sid)
        entry(s, date(2026, 3, 20), "宣讲", 80, [a], station_id=sid)
        entry(s, date(2026, 5, 5), "会议", 10, [b], station_id=sid)
        with pytest.raises(LedgerError):
            ledger.save_project(s, "青春助农直播间")
    with db.session() as s:
        months = ledger.period_summary(s, 2026, station_id=sid)
        quarters = ledger.period_summary(s, 2026, station_id=sid, quarterly=True)
        rows = ledger.activity_rows(s, person_id=b)
    assert (months[2].activities, months[2].youth, months[2].theme) == (2, 120, "宣讲0320")
    assert months[4].by_type == {"会议": 1}
    assert [q.activities for q in quarters] == [2, 1, 0, 0]
    assert [r.project for r in rows] == ["", "青春助农直播间"]


@pytest.mark.file_only  # looks at the file's bytes
def test_import_export_and_the_ledger_command(setup, tmp_path: Path) -> None:
    db, _sid, _a, _b = setup
    path = tmp_path / "活动.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["乔庄镇联络站活动登记簿"])
    ws.append(["日期", "活动类型", "活动名称", "地点", "参与代表", "覆盖人次", "所属项目"])
    ws.append(
        ["2026-03-04", "联系青年", "走访返乡青年", "东风村", "曾䶮、王㛃", 35, "青春助农直播间"]
    )
    ws.append(
        ["2026.04.12", "志愿服务", "助农直播", "镇广场", "曾䶮，王㛃", "120", "青春助农直播间"]
    )
    wb.save(path)
    bad = tmp_path / "bad.xlsx"
    wb2 = openpyxl.Workbook()
    ws2 = wb2.active
    ws2.append(["日期", "活动类型", "活动名称", "参与代表", "覆盖人次"])
    ws2.append(["2026-03-04", "跳舞", "", "张无忌", "很多"])
    wb2.save(bad)
    db_path = db.path
    db.close()
    before = digest(db_path)
    r = run_twdesk("import", "activities", str(bad), "--db", str(db_path))
    assert r.returncode == 1
    for where in (
        "第2行［活动类型］",
        "第2行［活动名称］",
        "第2行［参与代表］",
        "第2行［覆盖人次］",
    ):
        assert where in r.stderr
    assert digest(db_path) == before
    r = run_twdesk("import", "activities", str(path), "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert "履职记录 2 条" in r.stdout and "新建项目 1 个（青春助农直播间）" in r.stdout
    r = run_twdesk("ledger", "--db", str(db_path), "--year", "2026", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = {d["name"]: d for d in json.loads(r.stdout)}
    assert set(data["曾䶮"]) == {
        "name",
        "station",
        "by_type",
        "youth_contacts",
        "branches",
        "duty_assigned",
        "duty_attended",
        "targets_met",
    }
    assert data["曾䶮"]["youth_contacts"] == 35 and data["曾䶮"]["by_type"] == {
        "志愿服务": 1,
        "联系青年": 1,
    }
    assert data["王㛃"]["station"] == "乔庄镇联络站"
    r = run_twdesk("ledger", "--db", str(db_path), "--year", "2026", "--delegate", "王㛃")
    assert r.returncode == 0 and r.stdout.count("\n") == 2 and "联系青年 35 人次" in r.stdout
    r = run_twdesk(
        "export",
        "activities",
        "--db",
        str(db_path),
        "--year",
        "2026",
        "--out",
        str(tmp_path / "out.xlsx"),
    )
    assert r.returncode == 0, r.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert rows[1][:7] == (
        "2026-03-04",
        "联系青年",
        "走访返乡青年",
        "东风村",
        "王㛃、曾䶮",
        35,
        "青春助农直播间",
    )
    # the export reads back in (into a file that has the same people)
    from twdesk.db.dbfile import open_database

    again = open_database(db_path)
    with again.transaction() as s:
        from twdesk.services.activity_import import import_activities

        assert import_activities(s, tmp_path / "out.xlsx").activities == 2
        assert s.scalar(select(func.count()).select_from(Project)) == 1
    again.close()
    with pytest.raises(ImportProblems):
        reopened = open_database(db_path)
        try:
            with reopened.transaction() as s:
                from twdesk.services.activity_import import import_activities

                import_activities(s, bad)
        finally:
            reopened.close()


def test_a_delegate_who_left_before_the_year_is_not_in_its_ledger(setup) -> None:
    """Behind-target lists name people in office during the year, not those long gone."""
    db, _sid, a, b = setup
    this_year = date.today().year
    with db.transaction() as s:
        entry(s, date(this_year, 1, 2), "联系青年", 30, [a])
        people.change_status(s, a, "辞职", on=date.today(), reason="工作调动")
        people.change_status(s, b, "免职", on=date.today(), reason="超龄")
    with db.session() as s:
        # both served part of this year: both in it, both behind target
        assert {r.name for r in ledger.ledger(s, this_year)} == {"曾䶮", "王㛃"}
        # next year: 王㛃 is long gone and did nothing; 曾䶮 too — neither is listed
        assert ledger.ledger(s, this_year + 1) == []
        # asked for by name, a person is always shown
        assert [r.name for r in ledger.ledger(s, this_year + 1, person_id=b)] == ["王㛃"]
