"""坐班日历 tab driven offscreen on a real file: month view, attendance, swaps, plans, outputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton

from tests.helpers import digest
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import DutyAssignment
from twdesk.services import duty, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.ui.tabs.duty_tab import HOLIDAY_BG, WARN_BG, DutyTab

TODAY = date(2026, 6, 10)


@pytest.fixture
def planned_db(office_db: Database) -> Database:
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        for i, name in enumerate(["曾䶮", "王㛃", "单雪", "李晓梅"]):
            people.save_person(
                s,
                {"name": name, "is_delegate": True, "phone": f"1381234567{i}"},
                station_id=sid,
            )
        duty.generate_plan(s, sid, 2026, RuleSettings(parse_rule("weekly:wed")), today=TODAY)
    return office_db


@pytest.fixture
def tab(qtbot, planned_db: Database) -> DutyTab:
    from twdesk.ui.app import make_application

    make_application()
    widget = DutyTab(planned_db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *_a: seen.append(text) or QMessageBox.Ok
    )
    return seen


def cell_text(tab: DutyTab, day: date) -> str:
    tab.select_day(day)
    return tab.calendar.currentItem().text()


def test_month_view_marks_holidays_make_up_days_and_moved_duty_days(tab: DutyTab) -> None:
    tab.show_month(10)
    assert tab.month_label.text() == "2026年10月"
    first = cell_text(tab, date(2026, 10, 1))
    assert "国庆节" in first
    assert tab.calendar.currentItem().background().color() == HOLIDAY_BG
    assert "国庆节调休上班" in cell_text(tab, date(2026, 10, 10))
    eighth = cell_text(tab, date(2026, 10, 8))
    assert "原10-07" in eighth and "待坐班" in eighth  # the Wednesday moved off the holiday
    assert tab.selected_day() is not None and tab.seats.count() == 1
    assert cell_text(tab, date(2026, 10, 9)).strip() == "9"
    assert tab.selected_day() is None and "不是坐班日" in tab.day_title.text()


def test_past_day_without_record_warns_and_attendance_is_recorded(
    tab: DutyTab, planned_db: Database, warnings: list[str]
) -> None:
    text = cell_text(tab, date(2026, 6, 3))
    assert "未登记" in text and tab.calendar.currentItem().background().color() == WARN_BG
    seat = tab.selected_seat()
    assert tab.mark("到岗")
    assert "到岗" in cell_text(tab, date(2026, 6, 3))
    with planned_db.session() as s:
        assert s.get(DutyAssignment, seat.assignment_id).attendance == "到岗"
    counts = {tab.counts_table.item(r, 0).text(): r for r in range(tab.counts_table.rowCount())}
    row = counts[seat.name]
    assert tab.counts_table.item(row, 4).text() == "1"
    # a future day cannot be marked present; nothing is written
    before = digest(planned_db.path)
    cell_text(tab, date(2026, 7, 1))
    assert not tab.mark("到岗")
    assert warnings and "还没到" in warnings[-1]
    assert digest(planned_db.path) == before
    # leave can be recorded in advance, with its reason
    assert tab.mark("请假", note="出差")
    assert "请假" in cell_text(tab, date(2026, 7, 1))


def test_substitute_and_swap_are_recorded_with_history(tab: DutyTab, planned_db: Database) -> None:
    cell_text(tab, date(2026, 7, 8))
    seat = tab.selected_seat()
    other = next(s for d in tab.days for s in d.seats if s.person_id != seat.person_id)
    assert tab.substitute(other.person_id, "临时出差")
    text = cell_text(tab, date(2026, 7, 8))
    assert f"{seat.name}→{other.name}" in text and "替班" in text
    cell_text(tab, date(2026, 7, 15))
    first = tab.selected_seat()
    target = next(
        s
        for d in tab.days
        if d.day > date(2026, 7, 15)
        for s in d.seats
        if s.person_id != first.person_id
    )
    target_day = next(
        d.day for d in tab.days if any(s.assignment_id == target.assignment_id for s in d.seats)
    )
    assert tab.swap(target.assignment_id, "单位培训，协商换班")
    assert target.name in cell_text(tab, date(2026, 7, 15))
    assert first.name in cell_text(tab, target_day)
    history = [tab.history.item(i).text() for i in range(tab.history.count())]
    assert any("替班" in h and "临时出差" in h for h in history)
    assert any("换班" in h and "单位培训，协商换班" in h for h in history)


def test_upcoming_fourteen_days_listed_on_opening(tab: DutyTab) -> None:
    dates = [tab.upcoming.item(r, 0).text() for r in range(tab.upcoming.rowCount())]
    assert dates == ["今天", "06-17"]  # Wednesdays 10 and 17 June
    assert tab.upcoming.item(0, 5).text().startswith("1381234567")
    assert "近14天坐班" in tab.upcoming_title.text()


def test_year_without_holidays_asks_for_them_then_plans(
    qtbot, tab: DutyTab, planned_db: Database
) -> None:
    tab.year.setValue(2099)
    dialog = tab.open_plan_dialog()
    qtbot.addWidget(dialog)
    assert "2099年的法定节假日" in dialog.holiday_note.text()
    assert not dialog.generate()
    assert "2099年" in dialog.error.text() and "录入" in dialog.error.text()
    dialog.reject()
    holidays = tab.open_holidays()
    qtbot.addWidget(holidays)
    assert "还没有2099年" in holidays.status.text()
    assert not holidays.confirm()  # nothing entered yet
    assert holidays.add_day(date(2099, 1, 1), "休", "元旦")
    assert not holidays.add_day(date(2099, 1, 7), "班", "")  # a Wednesday is a workday anyway
    assert "本来就上班" in holidays.error.text()
    assert holidays.confirm()
    assert "手工录入" in holidays.status.text()
    holidays.accept()
    dialog = tab.open_plan_dialog()
    qtbot.addWidget(dialog)
    assert dialog.holiday_note.text() == ""
    dialog.kind.setCurrentIndex(dialog.kind.findData("monthly_day"))
    dialog.month_day.setValue(15)
    assert dialog.generate()
    assert "2099年坐班计划（每月15日）" in tab.last_message
    assert tab.year_table.rowCount() == 12


def test_regenerate_from_the_dialog_keeps_recorded_days(
    qtbot, tab: DutyTab, planned_db: Database
) -> None:
    cell_text(tab, date(2026, 6, 3))
    kept = tab.selected_seat()
    assert tab.mark("到岗")
    dialog = tab.open_plan_dialog()
    qtbot.addWidget(dialog)
    assert dialog.from_date.date().toPython() == TODAY  # a plan exists: from today on
    dialog.per_day.setValue(2)
    assert dialog.generate()
    with planned_db.session() as s:
        assert s.get(DutyAssignment, kept.assignment_id).attendance == "到岗"
        days = duty.duty_days(s, year=2026, today=TODAY)
    assert all(len(d.seats) == 1 for d in days if d.day < TODAY)
    assert all(len(d.seats) == 2 for d in days if d.day >= TODAY)


def test_outputs_from_the_tab(
    qtbot, tab: DutyTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The three output buttons, clicked: each file lands where the user chose, and a box
    says where it went (打开 / 打开所在文件夹)."""
    saved: list[str] = []
    out = tmp_path / "输出"
    out.mkdir()

    def answer(box: QMessageBox) -> int:
        saved.append(box.informativeText())
        assert {"打开", "打开所在文件夹"} <= {b.text() for b in box.buttons()}
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, suggested, *_a, **_k: (str(out / Path(suggested).name), ""),
    )
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("A3", True))

    def click(text: str) -> None:
        button = next(b for b in tab.findChildren(QPushButton) if b.text() == text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    click("导出 Excel…")
    excel = out / "乔庄镇联络站2026年坐班安排.xlsx"
    ws = openpyxl.load_workbook(excel).active
    assert ws["A2"].value == "2026-01-07" and ws["D2"].value == "乔庄镇联络站"
    assert ws.max_row == 53 and tab.last_message == "已导出 52 条坐班安排"
    click("打印公示…")
    poster = out / "乔庄镇联络站2026年坐班公示-A3.pdf"
    reader = PdfReader(poster)
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1 and "曾䶮" in text and "王㛃" in text
    click("提醒名单…")
    remind = out / "坐班提醒名单-20260610.pdf"
    assert "13812345" in PdfReader(remind).pages[0].extract_text()
    assert tab.last_message == f"提醒名单已保存：{remind.name}（2 人次）"
    assert saved == [str(excel), str(poster), str(remind)]


def test_declared_unavailability_is_avoided_by_the_next_plan(
    qtbot, tab: DutyTab, planned_db: Database, warnings: list[str]
) -> None:
    tab.views.setCurrentIndex(2)
    tab.person.setCurrentIndex(0)
    pid = tab.person.currentData()
    assert not tab.add_unavailable(date(2026, 9, 1), date(2026, 8, 1), "")  # end before start
    assert "结束日期不能早于开始日期" in warnings[-1]
    assert tab.add_unavailable(date(2026, 7, 1), date(2026, 9, 30), "外出培训")
    assert "外出培训" in tab.away_list.item(0).text()
    dialog = tab.open_plan_dialog()
    qtbot.addWidget(dialog)
    assert dialog.generate()
    with planned_db.session() as s:
        days = [d.day for d in duty.duty_days(s, person_id=pid, year=2026)]
    assert days and not any(date(2026, 7, 1) <= d <= date(2026, 9, 30) for d in days)
    tab.views.setCurrentIndex(2)
    tab.person.setCurrentIndex(tab.person.findData(pid))
    tab.away_list.setCurrentRow(0)
    tab.remove_unavailable()
    assert tab.away_list.count() == 0


def test_tables_fill_their_width_after_reloads(qtbot, tab: DutyTab) -> None:
    """Defect 10: resizing columns to their contents on reload left a gap on the right."""
    for page in range(tab.views.count()):
        tab.views.setCurrentIndex(page)
        for _ in range(2):
            tab.reload()
            qtbot.wait(10)
            for table in (tab.upcoming, tab.year_table, tab.person_table, tab.counts_table):
                if table.isVisible():
                    assert table.horizontalHeader().length() == table.viewport().width()


def test_outputs_to_a_given_path_ask_nothing(tab: DutyTab, tmp_path: Path) -> None:
    """Called with a path (scripts, other tests): the files are written, no box is shown."""
    assert tab.export_excel(tmp_path / "duty.xlsx") == 52
    assert tab.print_poster(tmp_path / "poster.pdf", "A4") == 2  # 52 days on A4: two pages
    assert tab.print_reminders(tmp_path / "remind.pdf") == 2
    assert len(PdfReader(tmp_path / "poster.pdf").pages) == 2
