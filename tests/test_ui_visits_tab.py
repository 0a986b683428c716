"""来访登记 tab driven offscreen on a real file the way a user does: keys in the intake form,
clicks on the workflow buttons and in their dialogs, typing in the search box, the exports with
the file dialog answered."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from sqlalchemy import func, select

from tests.helpers import digest
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import OpinionItem, OpinionStep, Visit
from twdesk.services import duty, people, stations, visits
from twdesk.services.duty import RuleSettings
from twdesk.services.visits import ItemInput
from twdesk.ui import actions, readonly
from twdesk.ui.tabs.visits.common import StepDialog
from twdesk.ui.tabs.visits.filters import TYPING_PAUSE_MS
from twdesk.ui.tabs.visits_tab import VisitsTab

TODAY = date(2026, 3, 4)  # a Wednesday: a duty day
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def db(office_db: Database) -> Database:
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"})
        people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=sid)
        duty.generate_plan(s, sid, 2026, RuleSettings(parse_rule("weekly:wed")), today=TODAY)
    return office_db


@pytest.fixture
def tab(qtbot, db: Database) -> VisitsTab:
    from twdesk.ui.app import make_application

    make_application()
    widget = VisitsTab(db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


@pytest.fixture
def saved(monkeypatch) -> list[tuple[Path, str]]:
    """Answers the "saved, open it?" box by closing it; records what it said."""
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(actions, "show_saved", lambda _p, path, text: shown.append((path, text)))
    return shown


def answer_save_dialog(monkeypatch, path: Path) -> list[str]:
    suggested: list[str] = []

    def fake(_parent, _title, start, _filter, **_kw):
        suggested.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return suggested


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))


def click_ok(qtbot, dialog: StepDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def test_intake_enter_makes_new_item_lines_and_ctrl_enter_saves(
    qtbot, tab: VisitsTab, db: Database
) -> None:
    form = tab.intake
    assert form.station.currentText() == "乔庄镇联络站"  # today's duty day
    assert form.receiver.currentText() == "曾䶮"
    assert form.date.date().toPython() == TODAY
    assert "Ctrl+Enter" in form.hint.text() and "换行" in form.hint.text()
    assert "Enter 另起一条" in form.items.placeholderText()
    type_text(form.visitor, "李晓梅")
    form.identity.setCurrentText("团员")
    qtbot.keyClicks(form.phone, "139 1234 5678")
    type_text(form.content, "返乡创业")
    type_text(form.items, "希望简化贷款手续")
    press(form.items, Qt.Key.Key_Return)  # Enter starts the next item, it does not save
    type_text(form.items, "建议开设电商培训")
    press(form.items, Qt.Key.Key_Enter)  # the keypad's Enter too
    type_text(form.items, "希望有夜校")
    assert form.items.toPlainText() == "希望简化贷款手续\n建议开设电商培训\n希望有夜校"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0
    press(form.items, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves
    assert "2026-00001、2026-00002、2026-00003" in form.status.text()
    assert form.visitor.text() == "" and form.items.toPlainText() == ""  # ready for the next
    assert form.station.currentText() == "乔庄镇联络站"  # kept for the next visitor
    assert form.identity.currentText() == "团员"  # remembered
    with db.session() as s:
        visit = s.scalars(select(Visit)).one()
        assert (visit.visitor_name, visit.phone, visit.identity) == (
            "李晓梅",
            "13912345678",
            "团员",
        )
        assert visit.duty_day_id is not None and visit.received_by_id is not None
        assert sorted(s.scalars(select(OpinionItem.content))) == sorted(
            ["希望简化贷款手续", "建议开设电商培训", "希望有夜校"]
        )
    # the register reloaded itself from the change announcement
    model = tab.register_page.model
    assert model.rowCount() == 1 and tab.register_page.count.text() == "共 1 条来访登记"
    assert model.data(model.index(0, 4)) == "139****5678"  # masked in the list
    # Enter in a one-line field still saves (keyboard-first)
    type_text(form.visitor, "王五")
    type_text(form.content, "咨询")
    press(form.visitor, Qt.Key.Key_Return)
    assert "已保存：王五" in form.status.text()
    # Ctrl+Enter in the other text box saves too; plain Enter there is a new line
    type_text(form.visitor, "赵六")
    type_text(form.content, "第一行")
    press(form.content, Qt.Key.Key_Return)
    assert form.content.toPlainText() == "第一行\n"
    press(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "已保存：赵六" in form.status.text()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 3
    assert model.rowCount() == 3


def test_intake_refuses_bad_input_with_fields_marked(qtbot, tab: VisitsTab, db: Database) -> None:
    before = digest(db.path)
    form = tab.intake
    form.phone.setText("12345")
    press(form.visitor, Qt.Key.Key_Return)
    assert "来访人" in form.error.text() and "联系电话" in form.error.text()
    assert "border" in form.visitor.styleSheet() and "border" in form.phone.styleSheet()
    assert digest(db.path) == before
    form.anonymous.setChecked(True)
    form.phone.clear()
    form.content.setPlainText("匿名反映路灯坏了")
    qtbot.mouseClick(form.save_button, LEFT)
    with db.session() as s:
        assert s.scalars(select(Visit)).one().anonymous


def add_items(db: Database, n: int = 3, **values) -> list[str]:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        visit = visits.save_visit(
            s,
            {
                "visit_date": date(2026, 3, 2),
                "station_id": sid,
                "visitor_name": "张三",
                "category": "就业创业",
                "content": "咨询",
                **values,
            },
            [ItemInput(f"意见{i}") for i in range(n)],
        )
    return [i.id for i in visit.items]


def test_workflow_buttons_dialogs_and_dates(
    qtbot, tab: VisitsTab, db: Database, monkeypatch
) -> None:
    earlier = add_items(db, 3)
    with db.transaction() as s:
        visits.assign(s, earlier[1], "县人社局", on=date(2026, 3, 2))
        visits.assign(s, earlier[2], "县团委", on=date(2026, 3, 3))
    page = tab.items_page
    tab.pages.setCurrentWidget(page)
    page.refresh()  # written behind the tab's back
    assert page.select_item("2026-00001")
    buttons = page.step_buttons
    assert buttons["assign"].isEnabled() and not buttons["handle"].isEnabled()

    # 交办 offers the departments used before, the most recent first; one can still type
    qtbot.mouseClick(buttons["assign"], LEFT)
    dialog = page.dialog
    department = dialog.fields["交办部门"]
    assert department.isEditable()
    assert [department.itemText(i) for i in range(department.count())] == ["县团委", "县人社局"]
    department.setFocus()
    qtbot.keyClick(department, Qt.Key.Key_Down)  # the most recent first
    assert department.currentText() == "县团委"
    qtbot.keyClick(department, Qt.Key.Key_Down)
    assert department.currentText() == "县人社局"
    type_text(dialog.fields["责任人"], "王科长")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    row = page.selected_item()
    assert (row.number, row.status, row.department) == ("2026-00001", "已交办", "县人社局")
    assert row.deadline == date(2026, 3, 13)
    assert buttons["handle"].isEnabled() and not buttons["assign"].isEnabled()

    qtbot.mouseClick(buttons["start"], LEFT)
    assert page.selected_item().status == "办理中"

    # 办结 takes a date: today by default, never before the last step nor after today
    qtbot.mouseClick(buttons["handle"], LEFT)
    dialog = page.dialog
    on = dialog.fields["办结日期"]
    assert on.date().toPython() == TODAY
    assert on.minimumDate().toPython() == TODAY  # 交办 and 办理中 were today
    assert on.maximumDate().toPython() == TODAY
    type_text(dialog.fields["办理结果"], "已联系培训机构")
    click_ok(qtbot, dialog)
    with db.session() as s:
        item = s.scalar(select(OpinionItem).where(OpinionItem.number == "2026-00001"))
        assert (item.status, item.handled_on, item.result) == ("已办结", TODAY, "已联系培训机构")

    # 反馈 with its own date
    qtbot.mouseClick(buttons["feedback"], LEFT)
    dialog = page.dialog
    type_text(dialog.fields["反馈方式"], "电话告知")
    dialog.fields["满意度"].setCurrentText("满意")
    assert dialog.fields["反馈日期"].date().toPython() == TODAY
    click_ok(qtbot, dialog)
    assert page.selected_item().status == "已反馈"

    # a refused step says why and keeps the dialog open to fix it
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    qtbot.mouseClick(buttons["reopen"], LEFT)
    dialog = page.dialog
    click_ok(qtbot, dialog)
    assert warnings and "原因" in warnings[-1] and dialog.isVisible()
    type_text(dialog.fields["原因"], "青年反映仍未解决")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible() and page.selected_item().status == "办理中"
    steps = [page.history.item(i).text() for i in range(page.history.count())]
    assert len(steps) == 5 and "重新办理" in steps[-1]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(OpinionStep)) == 7  # 5 + 2 earlier


def test_handling_dates_back_to_an_earlier_day(qtbot, tab: VisitsTab, db: Database) -> None:
    """办结 recorded days later with the day it happened; the date cannot precede 交办."""
    (item,) = add_items(db, 1)
    with db.transaction() as s:
        visits.assign(s, item, "县团委", on=date(2026, 2, 25))
    page = tab.items_page
    page.refresh()
    assert page.select_item("2026-00001")
    qtbot.mouseClick(page.step_buttons["handle"], LEFT)
    on = page.dialog.fields["办结日期"]
    assert on.minimumDate().toPython() == date(2026, 2, 25)
    on.setDate(date(2026, 2, 20))  # before 交办: the field refuses it
    assert on.date().toPython() == date(2026, 2, 25)
    on.setFocus()
    on.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(on, Qt.Key.Key_Up)  # the day goes up by one, as a user would step it
    assert on.date().toPython() == date(2026, 2, 26)
    type_text(page.dialog.fields["办理结果"], "已办")
    click_ok(qtbot, page.dialog)
    with db.session() as s:
        assert s.get(OpinionItem, item).handled_on == date(2026, 2, 26)


def test_overdue_items_are_red_and_the_deadline_column_fits(
    qtbot, tab: VisitsTab, db: Database
) -> None:
    ids = add_items(db, 2)
    with db.transaction() as s:
        visits.assign(s, ids[0], "县团委", on=date(2026, 2, 2))  # long overdue by 4 March
    page = tab.items_page
    page.filter.overdue.setChecked(True)
    assert page.model.rowCount() == 1
    row = page.model.row(0)
    assert row.number == "2026-00001" and row.overdue
    assert page.model.data(page.model.index(0, 4)).endswith("（超期）")
    brush = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b3261e"
    tab.pages.setCurrentWidget(page)
    qtbot.waitExposed(page.view)
    deadline = page.model.data(page.model.index(0, 6))
    assert deadline == "2026-02-11 超期"
    metrics = page.view.fontMetrics()
    needed = metrics.horizontalAdvance("2026-12-31 超期")
    assert page.view.columnWidth(6) >= needed
    assert page.view.columnWidth(6) >= page.view.sizeHintForColumn(6)  # not elided
    assert page.filter.text.width() >= 200  # the search box has room
    register = tab.register_page
    register.filter.overdue.setChecked(True)
    assert register.model.rowCount() == 1 and "1 超期" in register.model.data(
        register.model.index(0, 9)
    )


def test_load_more_hint_only_when_there_is_more(qtbot, tab: VisitsTab, db: Database) -> None:
    page = tab.items_page
    add_items(db, 3)
    page.refresh()
    assert "已显示 3 条" in page.count.text() and "加载更多" not in page.count.text()
    add_items(db, 250)
    page.refresh()
    assert "已显示 200 条" in page.count.text() and "向下滚动加载更多" in page.count.text()
    page.model.fetchMore()
    assert "已显示 253 条" in page.count.text() and "加载更多" not in page.count.text()


def test_search_filters_as_you_type(qtbot, tab: VisitsTab, db: Database) -> None:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        for i, text in enumerate(("创业贷款", "电商培训", "路灯坏了")):
            visits.save_visit(
                s,
                {
                    "visit_date": date(2026, 3, 1),
                    "station_id": sid,
                    "visitor_name": f"青年{i}",
                    "category": "其他",
                    "content": "来访",
                },
                [ItemInput(text)],
            )
    page = tab.items_page
    page.refresh()
    assert page.model.rowCount() == 3
    type_text(page.filter.text, "电商")  # no Enter
    assert page.model.rowCount() == 3  # waits for the typing to pause
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TYPING_PAUSE_MS * 8)
    assert page.model.row(0).content == "电商培训"
    page.filter.text.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=TYPING_PAUSE_MS * 8)
    register = tab.register_page
    type_text(register.filter.text, "路灯")
    qtbot.waitUntil(lambda: register.model.rowCount() == 1, timeout=TYPING_PAUSE_MS * 8)
    qtbot.waitUntil(lambda: register.count.text() == "共 1 条来访登记", timeout=5000)


def test_lists_page_as_the_user_scrolls(qtbot, tab: VisitsTab, db: Database) -> None:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        for i in range(450):
            visits.save_visit(
                s,
                {
                    "visit_date": date(2026, 1 + i % 2, 1 + i % 28),
                    "station_id": sid,
                    "visitor_name": f"青年{i}",
                    "category": "其他",
                    "content": f"事由{i}",
                },
            )
    register = tab.register_page
    assert register.refresh() == 450
    model = register.model
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert len({r.id for r in model.rows}) == 450
    register.filter.text.setText("事由44")
    qtbot.keyClick(register.filter.text, Qt.Key.Key_Return)  # Enter searches at once
    assert {r.content for r in model.rows} == {"事由44"} | {f"事由44{i}" for i in range(10)}
    # a text search counts in the background; the total arrives a moment later
    qtbot.waitUntil(lambda: register.count.text() == "共 11 条来访登记", timeout=5000)


def test_register_export_honours_every_filter_and_masks_by_default(
    qtbot, tab: VisitsTab, db: Database, tmp_path: Path, monkeypatch, saved
) -> None:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        receiver = people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=sid).id

    def record(name: str, category: str, content: str, *, by: str | None, assign: bool) -> None:
        (item,) = add_items(
            db,
            1,
            visitor_name=name,
            phone="13912345678",
            category=category,
            content=content,
            received_by_id=by,
        )
        if assign:
            with db.transaction() as s:
                visits.assign(s, item, "县团委", on=date(2026, 3, 3))

    record("李晓梅", "就业创业", "创业贷款", by=receiver, assign=True)  # the one that matches
    record("周杰", "婚恋交友", "创业贷款", by=receiver, assign=True)  # another category
    record("吴敏", "就业创业", "创业贷款", by=None, assign=True)  # another receiver
    record("郑强", "就业创业", "创业贷款", by=receiver, assign=False)  # another status
    record("钱多", "就业创业", "路灯", by=receiver, assign=True)  # other text
    tab.full_reload()
    page = tab.register_page
    bar = page.filter
    bar.category.setCurrentIndex(bar.category.findText("就业创业"))
    bar.person.setCurrentIndex(bar.person.findText("王㛃"))
    bar.status.setCurrentIndex(bar.status.findText("已交办"))
    bar.text.setText("创业")
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)
    assert [r.visitor for r in page.model.rows] == ["李晓梅"]
    assert page.mask.isChecked()  # on by default

    out = tmp_path / "来访.xlsx"
    suggested = answer_save_dialog(monkeypatch, out)
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10000)
    assert suggested[0].endswith("来访登记（脱敏）.xlsx")
    assert saved[0][0] == out and "1 行" in saved[0][1]
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2
    text = " ".join(str(v) for v in rows[1] if v is not None)
    assert "李某" in text and "李晓梅" not in text
    assert "139****5678" in text and "13912345678" not in text
    assert not any(name in text for name in ("周杰", "吴敏", "郑强", "钱多", "周某", "吴某"))

    qtbot.mouseClick(
        page.mask, LEFT, pos=QPoint(8, page.mask.height() // 2)
    )  # untick: full names for the office's own use
    assert not page.mask.isChecked()
    full = tmp_path / "来访-完整.xlsx"
    suggested = answer_save_dialog(monkeypatch, full)
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=10000)
    assert suggested[0].endswith("来访登记.xlsx")
    text = " ".join(
        str(v) for v in list(openpyxl.load_workbook(full).active.iter_rows(values_only=True))[1]
    )
    assert "李晓梅" in text and "13912345678" in text


def test_statistics_page_and_its_exports(
    qtbot, tab: VisitsTab, db: Database, tmp_path: Path, monkeypatch, saved
) -> None:
    add_items(db, 3)
    page = tab.stats_page
    page.year.setValue(2025)
    page.year.setValue(2026)
    assert page.stats.items == 3 and "收集意见建议 3 条" in page.sentence.text()
    assert dict(page.category_chart.values) == {"就业创业": 3}
    assert dict(page.month_chart.values) == {f"{m}月": int(m == 3) for m in range(1, 13)}
    page.period.setCurrentIndex(page.period.findText("第二季度"))
    assert page.stats.items == 0 and page.period_dates() == (date(2026, 4, 1), date(2026, 6, 30))
    page.period.setCurrentIndex(page.period.findText("第一季度"))
    assert page.stats.items == 3 and "第一季度" in page.title()
    page.period.setCurrentIndex(page.period.findText("自定义期间"))
    page.date_from.setDate(date(2026, 3, 3))
    page.date_to.setDate(date(2026, 3, 31))
    assert page.stats.items == 0  # the visit was on 2 March
    page.date_from.setDate(date(2026, 3, 1))
    assert page.stats.items == 3
    pdf = tmp_path / "stats.pdf"
    answer_save_dialog(monkeypatch, pdf)
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert saved[-1][0] == pdf
    text = PdfReader(pdf).pages[0].extract_text()
    assert "收集意见建议 3 条" in text and "各月来访登记次数" in text
    assert "2026年03月01日至2026年03月31日" in text
    xlsx = tmp_path / "stats.xlsx"
    answer_save_dialog(monkeypatch, xlsx)
    qtbot.mouseClick(page.xlsx_button, LEFT)
    assert saved[-1][0] == xlsx
    wb = openpyxl.load_workbook(xlsx)
    assert wb["统计"]["B7"].value == 3 and wb["按类别"]["A2"].value == "就业创业"

    def bars(sheet: str) -> dict[str, object]:
        """The embedded bar chart's bars: its category labels and values, read from the cells
        its series point at."""
        [chart] = wb[sheet]._charts
        [series] = chart.series

        def cells(ref: str) -> list[object]:
            name, cell_range = ref.split("!")
            found = wb[name.strip("'")][cell_range.replace("$", "")]
            rows = found if isinstance(found, tuple) else ((found,),)  # one cell alone
            return [c.value for row in rows for c in row]

        labels = series.cat.strRef or series.cat.numRef
        return dict(zip(cells(labels.f), cells(series.val.numRef.f), strict=True))

    assert bars("按月份") == {f"{m}月": int(m == 3) for m in range(1, 13)}
    assert bars("按类别") == {"就业创业": 3}


def test_referral_slip_from_the_tab(
    qtbot, tab: VisitsTab, db: Database, tmp_path: Path, monkeypatch, saved
) -> None:
    (item,) = add_items(db, 1)
    with db.transaction() as s:
        visits.assign(s, item, "县人社局", "王科长", on=TODAY)
    page = tab.items_page
    page.refresh()
    page.select_item("2026-00001")
    out = tmp_path / "slip.pdf"
    answer_save_dialog(monkeypatch, out)
    qtbot.mouseClick(page.step_buttons["slip"], LEFT)
    assert saved == [(out, "交办单已保存。")]
    text = PdfReader(out).pages[0].extract_text()
    assert text.count("2026-00001") >= 2  # on the slip and on the tear-off reply
    assert "县人社局" in text and "张某" in text and "张三" not in text
    assert "意见建议办理回执" in text and "沿此线剪开" in text


def test_a_recorded_visit_is_corrected_from_the_register(
    qtbot, tab: VisitsTab, db: Database
) -> None:
    add_items(db, 1)
    page = tab.register_page
    page.refresh()
    tab.pages.setCurrentWidget(page)
    qtbot.waitExposed(page.view)
    rect = page.view.visualRect(page.model.index(0, 3))
    qtbot.mouseClick(page.view.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), LEFT, pos=rect.center())
    form = tab.intake
    assert tab.pages.currentWidget() is tab.intake_page and form.visitor.text() == "张三"
    assert "2026-00001（已登记）" in form.editing_label.text()
    form.visitor.setText("张叁")
    type_text(form.items, "补充：希望有夜校")
    press(form.items, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.session() as s:
        visit = s.scalars(select(Visit)).one()  # corrected, not duplicated
        assert visit.visitor_name == "张叁"
        numbers = sorted(s.scalars(select(OpinionItem.number)))
    assert numbers == ["2026-00001", "2026-00002"]
    assert form.editing_label.isHidden() and form.editing_id is None


def test_categories_are_edited_in_a_dialog(qtbot, tab: VisitsTab, db: Database) -> None:
    qtbot.mouseClick(tab.intake_page.categories_button, LEFT)
    dialog = tab.intake_page.findChild(StepDialog)
    edit = next(iter(dialog.fields.values()))
    edit.setPlainText("就业创业\n新类别")
    click_ok(qtbot, dialog)
    with db.session() as s:
        assert visits.categories(s) == ["就业创业", "新类别"]
    # the form and the filters re-read the list from the change announcement
    form = tab.intake
    assert [form.category.itemText(i) for i in range(form.category.count())] == [
        "就业创业",
        "新类别",
    ]
    bar = tab.items_page.filter
    assert bar.category.findText("新类别") >= 0


def test_export_runs_in_the_background_and_cancel_leaves_no_file(
    qtbot, tab: VisitsTab, tmp_path: Path, monkeypatch, saved
) -> None:
    """A long export (200,000 visits take a while) shows progress, keeps the window
    responsive and stops on Cancel without a file or a "saved" message."""
    from twdesk.output import Cancelled
    from twdesk.services import visit_export

    reached: list[int] = []

    def slow_export(_session, out, *, progress, cancel, **_kw) -> int:
        for i in range(2000):
            progress(i, 2000)
            reached.append(i)
            if cancel():
                raise Cancelled
            time.sleep(0.005)
        Path(out).write_bytes(b"finished")
        return 2000

    monkeypatch.setattr(visit_export, "export_visits", slow_export)
    out = tmp_path / "big.xlsx"
    answer_save_dialog(monkeypatch, out)
    page = tab.register_page
    qtbot.mouseClick(page.export_button, LEFT)
    worker = next(iter(actions._RUNNING))
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.value() > 10, timeout=5000)  # the GUI thread keeps going
    assert dialog.maximum() == 2000
    qtbot.mouseClick(dialog.findChild(QPushButton), LEFT)  # 取消
    qtbot.waitUntil(lambda: worker.thread.isFinished(), timeout=5000)  # the worker stopped
    assert not dialog.isVisible() and len(reached) < 2000
    assert saved == [] and not out.exists()


def test_hidden_tab_reloads_when_shown_and_follows_other_tabs(
    qtbot, tab: VisitsTab, db: Database
) -> None:
    tab.hide()
    with db.session() as s:
        sid = stations.station_tree(s)[0].id
    values = {
        "visit_date": date(2026, 3, 2),
        "station_id": sid,
        "visitor_name": "张三",
        "category": "就业创业",
        "content": "咨询",
    }
    actions.run_action(None, db, lambda s: visits.save_visit(s, values), changes=[actions.VISITS])
    assert tab.register_page.model.rowCount() == 0  # not read while nobody looks
    tab.show()
    qtbot.waitUntil(lambda: tab.register_page.model.rowCount() == 1, timeout=5000)
    # a delegate added on 联络站与代表 can receive visitors at once
    actions.run_action(
        None,
        db,
        lambda s: people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=sid),
        changes=[actions.PEOPLE],
    )
    receivers = tab.intake.receiver
    assert receivers.findText("王㛃") >= 0
    assert tab.register_page.filter.person.findText("王㛃") >= 0


@pytest.fixture
def read_only_demo(tmp_path: Path):
    """A small demo file opened read-only (a write-protected stick); the mode is switched off
    again afterwards, as a writable window would."""
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database

    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=3, delegates=12, years=1, seed=2, today=DEMO_TODAY)
    database = open_database(path, read_only=True)
    assert database.read_only
    yield database
    readonly.set_read_only(QWidget(), False)
    database.close()


DEMO_TODAY = date(2026, 11, 24)


def test_read_only_file_disables_every_edit_and_still_exports(
    qtbot, read_only_demo: Database, tmp_path: Path, monkeypatch, saved
) -> None:
    """Defect 8 on 来访登记: nothing can be recorded, corrected or handled on a read-only file
    (not even with the keyboard), while the register export, the statistics PDF and the 交办单
    still write their files."""
    db = read_only_demo
    before = digest(db.path)
    tab = VisitsTab(db, today=DEMO_TODAY)
    qtbot.addWidget(tab)
    readonly.set_read_only(tab, True)  # what the main window does for a read-only file
    tab.resize(1280, 690)
    tab.show()
    form = tab.intake
    assert not form.isEnabled() and not form.save_button.isEnabled()
    assert not tab.intake_page.categories_button.isEnabled()
    press(form.items, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no save, no box
    page = tab.items_page
    tab.pages.setCurrentWidget(page)
    page.filter.overdue.setChecked(False)
    statuses = {r.status for r in page.model.rows}
    assert {"已登记", "办理中", "已反馈"} <= statuses  # each would enable some steps
    for status in sorted(statuses):
        number = next(r.number for r in page.model.rows if r.status == status)
        assert page.select_item(number)
        on = {k for k, b in page.step_buttons.items() if b.isEnabled()}
        assert on <= {"slip"}, status  # only the printed slip, once it has been assigned
    marked = {b.text() for b in tab.findChildren(QPushButton) if b.property(readonly.EDITING)}
    assert {"保存（Ctrl+Enter）", "类别设置…", "交办…", "办理中", "办结…", "反馈…"} <= marked
    assert "重新办理…" in marked and "打印交办单…" not in marked
    # the outputs still work
    page.select_item(next(r.number for r in page.model.rows if r.status == "已反馈"))
    assert page.step_buttons["slip"].isEnabled()
    slip = tmp_path / "交办单.pdf"
    answer_save_dialog(monkeypatch, slip)
    qtbot.mouseClick(page.step_buttons["slip"], LEFT)
    assert saved[-1][0] == slip and slip.stat().st_size > 0
    register = tab.register_page
    tab.pages.setCurrentWidget(register)
    assert register.export_button.isEnabled()
    out = tmp_path / "来访.xlsx"
    answer_save_dialog(monkeypatch, out)
    qtbot.mouseClick(register.export_button, LEFT)
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=10000)
    assert saved[-1][0] == out
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) > 10 and f"已导出 {len(rows) - 1} 行" in saved[-1][1]  # a row per item
    pdf = tmp_path / "统计.pdf"
    answer_save_dialog(monkeypatch, pdf)
    qtbot.mouseClick(tab.stats_page.pdf_button, LEFT)
    assert saved[-1][0] == pdf and "收集意见建议" in PdfReader(pdf).pages[0].extract_text()
    assert digest(db.path) == before  # not a byte changed
