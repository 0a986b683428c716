"""履职记录 tab driven offscreen on a real file: register, confirm / return, a delegate's ledger
with progress against targets, summaries, behind-target list, targets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import func, select

from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import Activity, Attachment
from twdesk.services import duty, ledger, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.ui.tabs.ledger_tab import LedgerTab

TODAY = date(2026, 6, 30)


@pytest.fixture
def db(office_db: Database) -> Database:
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        a = people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=sid).id
        people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=sid)
        ledger.save_activity(
            s,
            {
                "activity_date": date(2026, 3, 1),
                "activity_type": "联系青年",
                "title": "走访返乡青年",
                "youth_count": 120,
                "station_id": sid,
            },
            [a],
        )
        ledger.save_activity(
            s,
            {
                "activity_date": date(2026, 4, 1),
                "activity_type": "宣讲",
                "title": "青年讲习所",
                "youth_count": 40,
            },
            [a],
            source="分账本",
            recorded_by_id=a,
        )
        duty.generate_plan(s, sid, 2026, RuleSettings(parse_rule("monthly:15")), today=TODAY)
        first = duty.duty_days(s, station_id=sid, year=2026, today=TODAY)[0]
        duty.record_attendance(s, first.seats[0].assignment_id, "到岗", today=TODAY)
    return office_db


@pytest.fixture
def tab(qtbot, db: Database) -> LedgerTab:
    from twdesk.ui.app import make_application

    make_application()
    widget = LedgerTab(db, today=TODAY)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1300, 800)
    widget.show()
    return widget


def row_texts(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_register_shows_both_books_and_confirms_or_returns(tab: LedgerTab, db: Database) -> None:
    rows = row_texts(tab.register)
    assert [r[2] for r in rows] == ["青年讲习所", "走访返乡青年"]
    assert rows[0][7:9] == ["分账本", "待确认"] and rows[1][7:9] == ["总账本", "已确认"]
    pending = tab.rows[0].id
    tab.select_activity(pending)
    assert tab.confirm_button.isEnabled() and tab.return_button.isEnabled()
    assert tab.return_entry("缺少活动照片")
    assert row_texts(tab.register)[0][8:] == ["已退回", "", "缺少活动照片"]
    tab.select_activity(pending)
    assert tab.confirm()
    with db.session() as s:
        assert s.get(Activity, pending).confirmation == "已确认"


def test_delegate_ledger_progress_totals_and_duty_days(tab: LedgerTab) -> None:
    tab.pages.setCurrentIndex(1)
    tab.delegate.setCurrentIndex(tab.delegate.findText("曾䶮（乔庄镇联络站）"))
    assert tab.youth_bar.format() == "120 / 100"
    assert tab.branch_bar.format() == "0 / 1"
    assert (
        "待站上确认 1 条" in tab.delegate_summary.text() and "未达标" in tab.delegate_summary.text()
    )
    totals = dict((r[0], r[1]) for r in row_texts(tab.type_totals))
    assert totals["联系青年"] == "1" and "宣讲" not in totals  # pending is not counted yet
    entries = row_texts(tab.delegate_entries)
    assert any(r[1] == "驻站坐班" and r[4] == "坐班日历" for r in entries)  # from the calendar
    assert any(r[2] == "青年讲习所" and r[5] == "待确认" for r in entries)


def test_new_entry_with_photo_and_self_report(
    qtbot, tab: LedgerTab, db: Database, tmp_path: Path
) -> None:
    dialog = tab.open_activity()
    qtbot.addWidget(dialog)
    dialog.title.setText("助农直播")
    dialog.kind.setCurrentText("志愿服务")
    dialog.youth.setValue(80)
    person = next(e for e in tab.index.entries if e.name == "王㛃")
    dialog.participants.add_item(person.id, person.name)
    photo = tmp_path / "p.png"
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    image.save(str(photo))
    assert dialog.add_file(photo)
    assert dialog.save()
    with db.session() as s:
        data, thumb = s.execute(select(Attachment.data, Attachment.thumbnail)).one()
        stored = QImage.fromData(data)
        assert max(stored.width(), stored.height()) == 1600  # downscaled inside the file
        assert max(QImage.fromData(thumb).width(), QImage.fromData(thumb).height()) == 240
    assert any(r[2] == "助农直播" and r[9] == "1" for r in row_texts(tab.register))
    bad = tab.open_activity()
    qtbot.addWidget(bad)
    assert not bad.save()
    assert "活动名称" in bad.error.text() and "参与代表" in bad.error.text()
    mine = tab.open_activity(self_report_for=person.id)
    qtbot.addWidget(mine)
    assert mine.participants.ids() == [person.id]
    mine.title.setText("联系企业青年")
    assert mine.save()
    with db.session() as s:
        row = s.scalars(select(Activity).where(Activity.title == "联系企业青年")).one()
        assert (row.source, row.confirmation, row.recorded_by_id) == ("分账本", "待确认", person.id)
        assert s.scalar(select(func.count()).select_from(Activity)) == 4


def test_summaries_behind_target_and_targets(tab: LedgerTab) -> None:
    rows = row_texts(tab.summary)
    assert rows[2][:4] == ["3月", "1", "120", "走访返乡青年"]
    tab.quarterly.setChecked(True)
    assert row_texts(tab.summary)[0][:3] == ["第1季度", "1", "120"]
    behind = [r[0] for r in row_texts(tab.behind)]
    assert sorted(behind) == sorted(["王㛃", "曾䶮"])  # both miss the branch target
    tab.target_branches.setValue(0)
    assert tab.save_targets()
    assert [r[0] for r in row_texts(tab.behind)] == ["王㛃"]
    for i in range(tab.target_types.count()):
        tab.target_types.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not tab.save_targets() and "至少一种" in tab.targets_error.text()
    leader = next(e for e in tab.index.entries if e.name == "曾䶮")
    member = next(e for e in tab.index.entries if e.name == "王㛃")
    assert tab.add_project(
        "青春助农直播间", leader.id, [member.id], date(2026, 3, 1), date(2026, 12, 31), 300
    )
    text = tab.projects.item(0).text()
    assert text.startswith("青春助农直播间　领办：曾䶮　参与：王㛃") and "服务青年 300 人次" in text


def test_register_filters_by_delegate_and_group(tab: LedgerTab, db: Database) -> None:
    tab.person_filter.setCurrentIndex(tab.person_filter.findText("王㛃"))
    assert tab.register.rowCount() == 0
    tab.person_filter.setCurrentIndex(tab.person_filter.findText("曾䶮"))
    assert tab.register.rowCount() == 2
    tab.type_filter.setCurrentIndex(tab.type_filter.findText("宣讲"))
    assert [r[2] for r in row_texts(tab.register)] == ["青年讲习所"]
    # a special group's entries only: one group has an entry, the other none
    with db.transaction() as s:
        [(sid, _name)] = people.station_choices(s)
        river = stations.save_group(s, sid, "志愿服务小组").id
        idle = stations.save_group(s, sid, "创新创业小组").id
        wang = next(e.id for e in tab.index.entries if e.name == "王㛃")
        values = {
            "activity_date": date(2026, 5, 9),
            "activity_type": "专项小组活动",
            "title": "小组河道清洁",
            "station_id": sid,
            "group_id": river,
        }
        ledger.save_activity(s, values, [wang])
    tab.full_reload()
    assert tab.register.rowCount() == 3  # the new entry is in the unfiltered register
    tab.group_filter.setCurrentIndex(tab.group_filter.findData(river))
    assert [r[2] for r in row_texts(tab.register)] == ["小组河道清洁"]
    tab.group_filter.setCurrentIndex(tab.group_filter.findData(idle))
    assert tab.register.rowCount() == 0
    tab.group_filter.setCurrentIndex(0)
    assert tab.register.rowCount() == 3
