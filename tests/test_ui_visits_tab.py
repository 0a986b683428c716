"""来访登记 tab driven offscreen on a real file: keyboard intake, workflow, lists, statistics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from tests.helpers import digest
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import OpinionItem, OpinionStep, Visit
from twdesk.services import duty, people, stations, visits
from twdesk.services.duty import RuleSettings
from twdesk.services.visits import ItemInput
from twdesk.ui.tabs.visits_tab import VisitsTab

TODAY = date(2026, 3, 4)  # a Wednesday: a duty day


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


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))


def test_intake_is_prefilled_and_driven_from_the_keyboard(
    qtbot, tab: VisitsTab, db: Database
) -> None:
    form = tab.intake
    assert form.station.currentText() == "乔庄镇联络站"  # today's duty day
    assert form.receiver.currentText() == "曾䶮"
    assert form.date.date().toPython() == TODAY
    type_text(form.visitor, "李晓梅")
    form.identity.setCurrentText("团员")
    qtbot.keyClicks(form.phone, "139 1234 5678")
    type_text(form.content, "返乡创业")
    type_text(form.items, "希望简化贷款手续")
    press(form.items, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new item line
    type_text(form.items, "建议开设电商培训")
    assert form.items.toPlainText().count("\n") == 1
    press(form.items, Qt.Key.Key_Return)  # Enter saves
    assert "2026-00001、2026-00002" in form.status.text()
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
    assert tab.visit_model.rowCount() == 1 and tab.visit_count.text() == "共 1 条来访登记"
    shown = tab.visit_model.data(tab.visit_model.index(0, 4))
    assert shown == "139****5678"  # masked in the list


def test_intake_refuses_bad_input_with_fields_marked(tab: VisitsTab, db: Database) -> None:
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
    assert form.save()
    with db.session() as s:
        assert s.scalars(select(Visit)).one().anonymous


def add_items(db: Database, n: int = 3) -> None:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        visits.save_visit(
            s,
            {
                "visit_date": date(2026, 3, 2),
                "station_id": sid,
                "visitor_name": "张三",
                "category": "就业创业",
                "content": "咨询",
            },
            [ItemInput(f"意见{i}") for i in range(n)],
        )


def test_workflow_buttons_follow_the_item_state(tab: VisitsTab, db: Database, monkeypatch) -> None:
    add_items(db, 1)
    tab.refresh_items()
    assert tab.select_item("2026-00001")
    assert tab.step_buttons["assign"].isEnabled() and not tab.step_buttons["handle"].isEnabled()
    assert tab.assign("县人社局", "王科长")
    assert tab.selected_item().status == "已交办"
    assert tab.selected_item().deadline == date(2026, 3, 13)
    assert tab.step_buttons["handle"].isEnabled() and not tab.step_buttons["assign"].isEnabled()
    assert tab.start_handling()
    assert tab.handle("已联系培训机构")
    assert tab.feed_back("电话告知", "满意")
    assert tab.selected_item().status == "已反馈"
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    assert not tab.reopen("")
    assert warnings and "原因" in warnings[-1]
    assert tab.reopen("青年反映仍未解决")
    assert tab.selected_item().status == "办理中"
    steps = [tab.item_steps.item(i).text() for i in range(tab.item_steps.count())]
    assert len(steps) == 5 and "重新办理" in steps[-1]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(OpinionStep)) == 5


def test_overdue_items_are_red_and_filterable(tab: VisitsTab, db: Database) -> None:
    add_items(db, 2)
    with db.transaction() as s:
        first = s.scalar(select(OpinionItem.id).where(OpinionItem.number == "2026-00001"))
        visits.assign(s, first, "县团委", on=date(2026, 2, 2))  # long overdue by 4 March
    tab.item_filter.overdue.setChecked(True)
    assert tab.item_model.rowCount() == 1
    row = tab.item_model.row(0)
    assert row.number == "2026-00001" and row.overdue
    assert tab.item_model.data(tab.item_model.index(0, 4)).endswith("（超期）")
    brush = tab.item_model.data(tab.item_model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b3261e"
    tab.visit_filter.overdue.setChecked(True)
    assert tab.visit_model.rowCount() == 1 and "1 超期" in tab.visit_model.data(
        tab.visit_model.index(0, 9)
    )


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
    assert tab.refresh_visits() == 450
    model = tab.visit_model
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert len({r.id for r in model.rows}) == 450
    tab.visit_filter.text.setText("事由44")
    tab.visit_filter.text.returnPressed.emit()
    assert {r.content for r in model.rows} == {"事由44"} | {f"事由44{i}" for i in range(10)}
    # a text search counts in the background; the total arrives a moment later
    qtbot.waitUntil(lambda: tab.visit_count.text() == "共 11 条来访登记", timeout=5000)


def test_statistics_page_and_its_exports(tab: VisitsTab, db: Database, tmp_path: Path) -> None:
    add_items(db, 3)
    tab.stats_year.setValue(2025)
    tab.stats_year.setValue(2026)
    assert tab.stats.items == 3 and "收集意见建议 3 条" in tab.stats_sentence.text()
    assert dict(tab.category_chart.values) == {"就业创业": 3}
    assert dict(tab.month_chart.values) == {f"{m}月": int(m == 3) for m in range(1, 13)}
    tab.stats_period.setCurrentIndex(tab.stats_period.findText("第二季度"))
    assert tab.stats.items == 0 and tab.stats_period_dates() == (
        date(2026, 4, 1),
        date(2026, 6, 30),
    )
    tab.stats_period.setCurrentIndex(tab.stats_period.findText("第一季度"))
    assert tab.stats.items == 3 and "第一季度" in tab._stats_title()
    tab.stats_period.setCurrentIndex(tab.stats_period.findText("自定义期间"))
    tab.stats_from.setDate(date(2026, 3, 3))
    tab.stats_to.setDate(date(2026, 3, 31))
    assert tab.stats.items == 0  # the visit was on 2 March
    tab.stats_from.setDate(date(2026, 3, 1))
    assert tab.stats.items == 3
    pdf = tab.export_stats_pdf(tmp_path / "stats.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert "收集意见建议 3 条" in text and "各月来访登记次数" in text
    assert "2026年03月01日至2026年03月31日" in text
    xlsx = tab.export_stats_xlsx(tmp_path / "stats.xlsx")
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


def test_referral_slip_from_the_tab(tab: VisitsTab, db: Database, tmp_path: Path) -> None:
    add_items(db, 1)
    tab.refresh_items()
    tab.select_item("2026-00001")
    tab.assign("县人社局", "王科长")
    assert tab.print_slips(tmp_path / "slip.pdf") == 1
    text = PdfReader(tmp_path / "slip.pdf").pages[0].extract_text()
    assert text.count("2026-00001") >= 2  # on the slip and on the tear-off reply
    assert "县人社局" in text and "张某" in text and "张三" not in text
    assert "意见建议办理回执" in text and "沿此线剪开" in text


def test_a_recorded_visit_is_corrected_from_the_register(tab: VisitsTab, db: Database) -> None:
    add_items(db, 1)
    tab.refresh_visits()
    assert tab.edit_visit(0)
    form = tab.intake
    assert tab.pages.currentIndex() == 0 and form.visitor.text() == "张三"
    assert "2026-00001（已登记）" in form.editing_label.text()
    form.visitor.setText("张叁")
    form.items.setPlainText("补充：希望有夜校")
    assert form.save()
    with db.session() as s:
        visit = s.scalars(select(Visit)).one()  # corrected, not duplicated
        assert visit.visitor_name == "张叁"
        numbers = sorted(s.scalars(select(OpinionItem.number)))
    assert numbers == ["2026-00001", "2026-00002"]
    assert form.editing_label.isHidden() and form.editing_id is None
