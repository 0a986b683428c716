"""履职记录 tab driven offscreen on a real file the way a user does: register with confirm /
return, a delegate's ledger with progress against targets, an entry with a photo through its
dialog, summaries, the behind-target list, projects and the targets (which types count)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog
from sqlalchemy import func, select

from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import Activity, Attachment
from twdesk.services import duty, ledger, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.ui.dialogs.activity_dialog import ActivityDialog
from twdesk.ui.tabs.ledger.projects_page import ProjectDialog
from twdesk.ui.tabs.ledger_tab import LedgerTab

TODAY = date(2026, 6, 30)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def db(office_db: Database) -> Database:
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        group = stations.save_group(s, sid, "乡村振兴组").id
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
                "group_id": group,
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


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_button(qtbot, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(box.button(which), LEFT)


def test_register_shows_both_books_and_confirms_or_returns(
    qtbot, tab: LedgerTab, db: Database, monkeypatch
) -> None:
    page = tab.register_page
    rows = row_texts(page.table)
    assert [r[2] for r in rows] == ["青年讲习所", "走访返乡青年"]
    assert rows[0][7:9] == ["分账本", "待确认"] and rows[1][7:9] == ["总账本", "已确认"]
    pending = page.rows[0].id
    page.select_activity(pending)
    assert page.confirm_button.isEnabled() and page.return_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("缺少活动照片", True))
    qtbot.mouseClick(page.return_button, LEFT)
    assert row_texts(page.table)[0][8:] == ["已退回", "", "缺少活动照片"]
    assert page.selected_activity_id() == pending and page.confirm_button.isEnabled()
    qtbot.mouseClick(page.confirm_button, LEFT)
    with db.session() as s:
        assert s.get(Activity, pending).confirmation == "已确认"
    assert row_texts(page.table)[0][8] == "已确认"  # reloaded from the change announcement
    # the delegate's ledger counted it at once: 宣讲 is now in their totals
    delegate = tab.delegate_page
    delegate.delegate.setCurrentIndex(delegate.delegate.findText("曾䶮（乔庄镇联络站）"))
    totals = dict((r[0], r[1]) for r in row_texts(tab.delegate_page.type_totals))
    assert totals.get("宣讲") == "1"


def test_delegate_ledger_progress_totals_and_duty_days(tab: LedgerTab) -> None:
    page = tab.delegate_page
    tab.pages.setCurrentWidget(page)
    page.delegate.setCurrentIndex(page.delegate.findText("曾䶮（乔庄镇联络站）"))
    assert page.youth_bar.format() == "120 / 100"
    assert page.branch_bar.format() == "0 / 1"
    assert "待站上确认 1 条" in page.summary.text() and "未达标" in page.summary.text()
    assert "计入联系青年人次的活动类型：联系青年" in page.summary.text()
    totals = dict((r[0], r[1]) for r in row_texts(page.type_totals))
    assert totals["联系青年"] == "1" and "宣讲" not in totals  # pending is not counted yet
    entries = row_texts(page.entries)
    assert any(r[1] == "驻站坐班" and r[4] == "坐班日历" for r in entries)  # from the calendar
    assert any(r[2] == "青年讲习所" and r[5] == "待确认" for r in entries)


def test_new_entry_with_photo_and_self_report(
    qtbot, tab: LedgerTab, db: Database, tmp_path: Path
) -> None:
    page = tab.register_page
    qtbot.mouseClick(page.add_button, LEFT)
    dialog = page.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.title, "助农直播")
    dialog.kind.setCurrentText("志愿服务")
    dialog.youth.setValue(80)
    person = next(e for e in tab.ctx.index.entries if e.name == "王㛃")
    dialog.participants.add_item(person.id, person.name)
    photo = tmp_path / "p.png"
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    image.save(str(photo))
    assert dialog.add_file(photo)
    buttons = dialog.findChild(QDialogButtonBox)
    click_button(qtbot, buttons, QDialogButtonBox.StandardButton.Save)
    assert not dialog.isVisible()
    with db.session() as s:
        data, thumb = s.execute(select(Attachment.data, Attachment.thumbnail)).one()
        stored = QImage.fromData(data)
        assert max(stored.width(), stored.height()) == 1600  # downscaled inside the file
        assert max(QImage.fromData(thumb).width(), QImage.fromData(thumb).height()) == 240
    assert any(r[2] == "助农直播" and r[9] == "1" for r in row_texts(page.table))
    assert page.rows[page.table.currentRow()].title == "助农直播"  # selected after saving
    # an incomplete entry is refused with the fields named, and the dialog stays open
    qtbot.mouseClick(page.add_button, LEFT)
    bad = next(d for d in page.findChildren(ActivityDialog) if d.isVisible())
    click_button(qtbot, bad.findChild(QDialogButtonBox), QDialogButtonBox.StandardButton.Save)
    assert bad.isVisible()
    assert "活动名称" in bad.error.text() and "参与代表" in bad.error.text()
    assert "border" in bad.title.styleSheet()
    bad.reject()
    # a delegate's own report starts with them as participant and waits for confirmation
    delegate = tab.delegate_page
    delegate.delegate.setCurrentIndex(delegate.delegate.findData(person.id))
    qtbot.mouseClick(delegate.self_report, LEFT)
    mine = delegate.findChild(ActivityDialog)
    assert mine.participants.ids() == [person.id]
    type_text(mine.title, "联系企业青年")
    click_button(qtbot, mine.findChild(QDialogButtonBox), QDialogButtonBox.StandardButton.Save)
    with db.session() as s:
        row = s.scalars(select(Activity).where(Activity.title == "联系企业青年")).one()
        assert (row.source, row.confirmation, row.recorded_by_id) == ("分账本", "待确认", person.id)
        assert s.scalar(select(func.count()).select_from(Activity)) == 4
    # editing an entry shows what was saved, photo included
    page.select_activity(row.id)
    qtbot.mouseClick(page.edit_button, LEFT)
    edit = next(d for d in page.findChildren(ActivityDialog) if d.isVisible())
    assert edit.title.text() == "联系企业青年" and edit.participants.ids() == [person.id]
    edit.reject()


def test_summaries_and_behind_target(qtbot, tab: LedgerTab) -> None:
    rows = row_texts(tab.summary_page.table)
    assert rows[2][:4] == ["3月", "1", "120", "走访返乡青年"]
    tab.pages.setCurrentWidget(tab.summary_page)
    box = tab.summary_page.quarterly
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert tab.summary_page.quarterly.isChecked()
    assert row_texts(tab.summary_page.table)[0][:3] == ["第1季度", "1", "120"]
    behind = tab.behind_page
    assert sorted(r[0] for r in row_texts(behind.table)) == sorted(["王㛃", "曾䶮"])
    assert "计入联系青年人次的活动类型：联系青年" in behind.label.text()


def test_targets_page_shows_and_changes_which_types_count(qtbot, tab: LedgerTab) -> None:
    page = tab.targets_page
    tab.pages.setCurrentWidget(page)
    assert page.counted.text() == "目前计入联系青年人次的活动类型：联系青年"
    ticked = {
        page.types.item(i).text(): page.types.item(i).checkState() == Qt.CheckState.Checked
        for i in range(page.types.count())
    }
    assert ticked["联系青年"] and not ticked["宣讲"] and not ticked["志愿服务"]
    page.branches.setValue(0)
    qtbot.mouseClick(page.save_button, LEFT)
    assert [r[0] for r in row_texts(tab.behind_page.table)] == ["王㛃"]
    # 宣讲 counts too from now on (once confirmed)
    register = tab.register_page
    register.select_activity(register.rows[0].id)
    qtbot.mouseClick(register.confirm_button, LEFT)
    item = page.types.findItems("宣讲", Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.counted.text() == "目前计入联系青年人次的活动类型：联系青年、宣讲"
    delegate = tab.delegate_page
    delegate.delegate.setCurrentIndex(delegate.delegate.findText("曾䶮（乔庄镇联络站）"))
    assert delegate.youth_bar.format() == "160 / 100"
    assert "联系青年、宣讲" in tab.behind_page.label.text()
    for i in range(page.types.count()):
        page.types.item(i).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(page.save_button, LEFT)
    assert "至少一种" in page.error.text()
    assert page.counted.text().endswith("联系青年、宣讲")  # unchanged: nothing saved


def test_a_project_is_added_through_its_dialog(qtbot, tab: LedgerTab) -> None:
    page = tab.projects_page
    tab.pages.setCurrentWidget(page)
    qtbot.mouseClick(page.add_button, LEFT)
    dialog = page.findChild(ProjectDialog)
    type_text(dialog.name, "青春助农直播间")
    dialog.leader.setCurrentIndex(dialog.leader.findText("曾䶮"))
    member = next(e for e in tab.ctx.index.entries if e.name == "王㛃")
    dialog.members.add_item(member.id, member.name)
    dialog.start.setDate(date(2026, 3, 1))
    dialog.end.setDate(date(2026, 12, 31))
    dialog.youth.setValue(300)
    click_button(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    text = page.list.item(0).text()
    assert text.startswith("青春助农直播间　领办：曾䶮　参与：王㛃") and "服务青年 300 人次" in text
    # the same name again is refused inside the dialog
    qtbot.mouseClick(page.add_button, LEFT)
    again = next(d for d in page.findChildren(ProjectDialog) if d.isVisible())
    type_text(again.name, "青春助农直播间")
    click_button(qtbot, again.buttons, QDialogButtonBox.StandardButton.Ok)
    assert again.isVisible() and "已有名为「青春助农直播间」的项目" in again.error.text()
    assert page.list.count() == 1
    again.reject()


def test_register_filters_by_delegate_type_and_group(tab: LedgerTab) -> None:
    page = tab.register_page
    page.person_filter.setCurrentIndex(page.person_filter.findText("王㛃"))
    assert page.table.rowCount() == 0
    page.person_filter.setCurrentIndex(page.person_filter.findText("曾䶮"))
    assert page.table.rowCount() == 2
    page.type_filter.setCurrentIndex(page.type_filter.findText("宣讲"))
    assert [r[2] for r in row_texts(page.table)] == ["青年讲习所"]
    page.type_filter.setCurrentIndex(0)
    page.group_filter.setCurrentIndex(page.group_filter.findText("乔庄镇联络站·乡村振兴组"))
    assert page.group_filter.currentData() is not None
    assert [r[2] for r in row_texts(page.table)] == ["走访返乡青年"]


def test_read_only_file_disables_every_edit_and_still_shows_the_books(
    qtbot, tmp_path: Path
) -> None:
    """Defect 8 on 履职记录: on a read-only file (a write-protected stick) nothing can be
    recorded, confirmed, returned, self-reported, added or re-targeted — also when a selection
    would enable it, or by double-clicking a row — while every book is still shown."""
    from PySide6.QtWidgets import QDialog, QPushButton, QWidget

    from tests.helpers import digest
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.ui import readonly

    path = tmp_path / "demo.sqlite"
    today = date(2026, 11, 24)
    create_demo_database(path, stations=3, delegates=12, years=1, seed=2, today=today)
    writable = open_database(path)
    with writable.transaction() as s:  # one self-report waiting for the station, whatever the seed
        me = ledger.ledger(s, 2026, today=today)[0].person_id
        ledger.save_activity(
            s,
            {"activity_date": today, "activity_type": "联系青年", "title": "走访返乡青年"},
            [me],
            source="分账本",
            recorded_by_id=me,
            today=today,
        )
    writable.close()
    before = digest(path)
    db = open_database(path, read_only=True)
    try:
        tab = LedgerTab(db, today=today)
        qtbot.addWidget(tab)
        readonly.set_read_only(tab, True)  # what the main window does for a read-only file
        tab.year.setValue(2026)
        tab.show()
        page = tab.register_page
        assert page.table.rowCount() > 0  # the books are shown
        pending = next(a for a in page.rows if a.confirmation == "待确认")
        page.select_activity(pending.id)  # would enable 编辑/确认/退回
        editing = [b for b in tab.findChildren(QPushButton) if b.property(readonly.EDITING)]
        assert {b.text() for b in editing} == {
            "登记活动…",
            "编辑…",
            "确认",
            "退回…",
            "删除",
            "本人填报…",
            "新增项目…",
            "删除项目",
            "保存目标",
        }
        assert not any(b.isEnabled() for b in editing)
        targets = tab.targets_page
        assert not targets.youth.isEnabled() and not targets.types.isEnabled()
        assert targets.youth.value() > 0  # still shows the targets
        delegate = tab.delegate_page
        tab.pages.setCurrentWidget(delegate)
        assert delegate.delegate.count() > 0 and delegate.entries.rowCount() > 0
        tab.pages.setCurrentWidget(page)
        row = page.rows.index(pending)
        cell = page.table.visualRect(page.table.model().index(row, 2)).center()
        qtbot.mouseClick(page.table.viewport(), LEFT, pos=cell)
        qtbot.mouseDClick(page.table.viewport(), LEFT, pos=cell)
        assert not [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]
        assert tab.behind_page.isEnabled()
    finally:
        readonly.set_read_only(QWidget(), False)
        db.close()
    assert digest(path) == before


def test_a_meeting_records_who_stayed_away_without_leave(
    qtbot, tab: LedgerTab, db: Database
) -> None:
    page = tab.register_page
    qtbot.mouseClick(page.add_button, LEFT)
    dialog = page.findChild(ActivityDialog)
    assert dialog.absent.isVisible()
    type_text(dialog.title, "三季度例会")
    dialog.kind.setCurrentText("会议")
    people = [e for e in tab.ctx.index.entries if e.name == "王㛃"]
    came = next(e for e in tab.ctx.index.entries if e.id != people[0].id)
    dialog.participants.add_item(came.id, came.name)
    dialog.absent.add_item(came.id, came.name)  # the same person twice: refused
    buttons = dialog.findChild(QDialogButtonBox)
    click_button(qtbot, buttons, QDialogButtonBox.StandardButton.Save)
    assert dialog.isVisible() and "无故缺席" in dialog.error.text()
    dialog.absent.set_items([(people[0].id, people[0].name)])
    click_button(qtbot, buttons, QDialogButtonBox.StandardButton.Save)
    assert not dialog.isVisible()
    with db.session() as s:
        row = s.scalars(select(Activity).where(Activity.title == "三季度例会")).one()
        flags = {p.person_id: p.absent for p in row.participants}
    assert flags == {came.id: False, people[0].id: True}
    page.select_activity(row.id)
    qtbot.mouseClick(page.edit_button, LEFT)
    edit = next(d for d in page.findChildren(ActivityDialog) if d.isVisible())
    assert edit.absent.ids() == [people[0].id] and edit.participants.ids() == [came.id]
    edit.reject()
