"""The 首页 tab driven as a user would (issue 16): real lines clicked switch to the tab that owns
the record and show it; the station filter; the change bus refreshes the lines; the station
assessment page and the rectification ledger through their real buttons; charts as PNG and
the county summary PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QTreeWidgetItem

from tests.home_files import TODAY, HomeFile, build_home_file
from twdesk.db.dbfile import open_database
from twdesk.ui import actions
from twdesk.ui.main_window import MainWindow


@pytest.fixture
def hf(tmp_path: Path) -> HomeFile:
    f = build_home_file(tmp_path)
    f.db.close()
    return f


@pytest.fixture
def window(qtbot, hf: HomeFile, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    from twdesk.ui.app import make_application

    make_application()
    monkeypatch.setattr(actions, "show_saved", lambda *_a: None)
    win = MainWindow(open_database(hf.path))
    win.home_tab.ctx.fixed_today = TODAY  # the file's counts are made around this day
    qtbot.addWidget(win)
    win.form.tabs.setCurrentWidget(win.home_tab)
    win.show()
    qtbot.waitExposed(win)
    page = win.home_tab.today_page
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0 and not page.loading, timeout=10000)
    yield win
    win.home_tab.shutdown()
    win.close()


def click(qtbot, tree, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def line_item(window: MainWindow, kind: str, station: str = "") -> QTreeWidgetItem:
    item = window.home_tab.today_page.item_for(kind, station)
    assert item is not None, (kind, station)
    return item


def test_home_is_the_first_tab_and_shows_every_heading(window: MainWindow) -> None:
    assert window.form.tabs.widget(0) is window.home_tab
    tree = window.home_tab.today_page.tree
    heads = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }
    assert heads["意见建议超期"] == "3" and heads["意见建议本周到期"] == "1"
    assert heads["坐班日未登记到岗"] == "2" and heads["履职记录待确认"] == "3"
    assert heads["整改超期"] == "1" and heads["1+100 进度滞后"] == "3"
    assert heads["节假日数据"] == "1" and heads["坐班安排（今天起 14 天）"] == "3"
    assert "备份" in heads  # the file has never been backed up in this test's data folder
    late = line_item(window, "items_overdue", "乔庄镇联络站")
    assert late.foreground(0).color().name() == "#b3261e"


def test_clicking_an_overdue_line_opens_the_item_in_visits(
    qtbot, window: MainWindow, hf: HomeFile
) -> None:
    tree = window.home_tab.today_page.tree
    click(qtbot, tree, line_item(window, "items_overdue", "乔庄镇联络站"))
    vt = window.visits_tab
    assert window.form.tabs.currentWidget() is vt
    assert vt.pages.currentWidget() is vt.items_page
    bar = vt.items_page.filter
    assert bar.station.currentData() == hf.a and bar.overdue.isChecked()
    assert vt.items_page.selected_item().number == "2026-00001"
    assert vt.items_page.model.rowCount() == 1  # only 乔庄镇's overdue item


def test_clicking_a_duty_line_selects_the_day(qtbot, window: MainWindow, hf: HomeFile) -> None:
    click(
        qtbot, window.home_tab.today_page.tree, line_item(window, "duty_unrecorded", "青溪镇联络站")
    )
    dt = window.duty_tab
    assert window.form.tabs.currentWidget() is dt
    assert dt.station_id == hf.b and dt.year.value() == 2026
    assert dt.month_page.selected_day().day == date(2026, 10, 14)


def test_clicking_pending_entries_filters_the_register(
    qtbot, window: MainWindow, hf: HomeFile
) -> None:
    click(
        qtbot, window.home_tab.today_page.tree, line_item(window, "ledger_pending", "乔庄镇联络站")
    )
    lt = window.ledger_tab
    assert window.form.tabs.currentWidget() is lt
    assert lt.pages.currentWidget() is lt.register_page
    assert lt.station.currentData() == hf.a
    assert lt.register_page.state_filter.currentData() == "待确认"
    assert lt.register_page.table.rowCount() == 2


def test_clicking_behind_lines_opens_ledger_and_contacts(
    qtbot, window: MainWindow, hf: HomeFile
) -> None:
    click(
        qtbot,
        window.home_tab.today_page.tree,
        line_item(window, "delegates_behind", "青溪镇联络站"),
    )
    assert window.form.tabs.currentWidget() is window.ledger_tab
    assert window.ledger_tab.pages.currentWidget() is window.ledger_tab.behind_page
    window.form.tabs.setCurrentWidget(window.home_tab)
    click(qtbot, window.home_tab.today_page.tree, line_item(window, "cadres_behind"))
    ct = window.contacts_tab
    assert window.form.tabs.currentWidget() is ct and ct.pages.currentWidget() is ct.book_page


def test_clicking_stage_and_holiday_lines(
    qtbot, window: MainWindow, hf: HomeFile, monkeypatch
) -> None:
    from twdesk.services import evaluation

    with window.db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
    actions.announce({actions.EVALUATION})  # as the evaluation tab would
    page = window.home_tab.today_page
    qtbot.waitUntil(
        lambda: not page.loading and page.item_for("stages_missing") is not None, timeout=10000
    )
    click(qtbot, page.tree, line_item(window, "stages_missing", "青溪镇联络站"))
    et = window.evaluation_tab
    assert window.form.tabs.currentWidget() is et
    assert et.year_value == 2026 and et.station_id == hf.b
    window.form.tabs.setCurrentWidget(window.home_tab)
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)
    click(qtbot, page.tree, line_item(window, "holidays_missing"))
    from twdesk.ui.dialogs.duty_dialogs import HolidayDialog

    dialog = window.duty_tab.findChild(HolidayDialog)
    assert window.form.tabs.currentWidget() is window.duty_tab
    assert dialog is not None and dialog.year == 2027
    dialog.close()


def test_station_filter_keeps_one_station(qtbot, window: MainWindow, hf: HomeFile) -> None:
    page = window.home_tab.today_page
    page.station.setCurrentIndex(page.station.findData(hf.b))
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)
    stations = {line.station for line in page.lines() if line.station}
    assert stations == {"青溪镇联络站"}
    assert page.item_for("items_overdue").text(1) == "2"


def test_rectification_line_and_closing_refresh_the_home_page(
    qtbot, window: MainWindow, hf: HomeFile, monkeypatch
) -> None:
    page = window.home_tab.today_page
    click(qtbot, page.tree, line_item(window, "rectification_overdue", "青溪镇联络站"))
    rect = window.home_tab.rectification_page
    assert window.form.tabs.currentWidget() is window.home_tab
    assert window.home_tab.pages.currentWidget() is rect
    assert rect.station.currentData() == hf.b and rect.table.rowCount() == 1
    assert rect.table.item(0, 8).text() == "已超期"
    assert rect.table.item(0, 8).foreground().color().name() == "#b3261e"
    rect.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("五公开栏已更新", True))
    qtbot.mouseClick(rect.close_button, Qt.MouseButton.LeftButton)
    assert rect.table.item(0, 8).text() == "已整改"  # the page reloaded on the bus
    window.home_tab.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)
    assert page.item_for("rectification_overdue") is None


def test_rectification_add_follow_up_and_print(
    qtbot, window: MainWindow, hf: HomeFile, monkeypatch, tmp_path: Path
) -> None:
    rect = window.home_tab.rectification_page
    window.home_tab.pages.setCurrentWidget(rect)
    rect.station.setCurrentIndex(rect.station.findData(hf.a))
    assert rect.table.rowCount() == 2
    qtbot.mouseClick(rect.add_button, Qt.MouseButton.LeftButton)
    from twdesk.ui.tabs.home.rectification_page import ProblemDialog

    dialog = rect.findChild(ProblemDialog)
    assert dialog.station.currentData() == hf.a  # the filtered station is proposed
    dialog.description.setPlainText("服务承诺未公开")
    dialog.responsible.setText("王站长")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert rect.table.rowCount() == 3
    row = next(i for i in range(3) if rect.table.item(i, 2).text() == "服务承诺未公开")
    rect.table.selectRow(row)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("已电话督办", True))
    qtbot.mouseClick(rect.follow_button, Qt.MouseButton.LeftButton)
    row = next(i for i in range(3) if rect.table.item(i, 2).text() == "服务承诺未公开")
    assert rect.table.item(row, 6).text().endswith("已电话督办")
    out = tmp_path / "乔庄台账.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(rect.print_button, Qt.MouseButton.LeftButton)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "乔庄镇联络站整改台账" in text and "服务承诺未公开" in text and "已电话督办" in text


def test_rectification_delete_goes_to_the_bin_and_comes_back(
    qtbot, window: MainWindow, hf: HomeFile, monkeypatch
) -> None:
    """删除 on 整改台账 (the button, then the Delete key): confirmed, the problem goes to the
    recycle bin, 首页's overdue line goes with it, and 回收站 restores it."""
    from twdesk.services import recycle_bin

    rect = window.home_tab.rectification_page
    window.home_tab.pages.setCurrentWidget(rect)
    rect.station.setCurrentIndex(rect.station.findData(hf.b))
    assert rect.table.rowCount() == 1 and not rect.delete_button.isEnabled()
    rect.table.selectRow(0)
    asked: list[str] = []

    def answer(_p, _title, text, *_a):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(rect.delete_button, Qt.MouseButton.LeftButton)
    assert rect.table.rowCount() == 1  # 否: nothing changes
    rect.table.setFocus()
    qtbot.keyClick(rect.table, Qt.Key.Key_Delete)
    assert rect.table.rowCount() == 0 and "整改问题" in asked[-1]
    with window.db.session() as s:
        entries = [e for e in recycle_bin.list_bin(s) if e.table == "rectification"]
    assert len(entries) == 1 and "五公开栏未更新" in entries[0].title
    page = window.home_tab.today_page
    window.home_tab.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)
    assert page.item_for("rectification_overdue") is None
    with window.db.transaction() as s:
        recycle_bin.restore_record(s, "rectification", entries[0].row_id)
    window.home_tab.pages.setCurrentWidget(rect)
    rect.refresh()
    assert rect.table.rowCount() == 1


def test_assessment_page_scores_records_and_exports(
    qtbot, window: MainWindow, hf: HomeFile, monkeypatch, tmp_path: Path
) -> None:
    ap = window.home_tab.assessment_page
    ap.ctx.fixed_today = TODAY
    window.home_tab.pages.setCurrentWidget(ap)
    assert ap.table.rowCount() == 2 and ap.table.item(0, 1).text() == "乔庄镇联络站"
    assert ap.table.item(0, 8).text() == "46"  # total, hand-computed in test_station_assessment
    ap.table.setCurrentCell(0, 2 + 5)  # 阵地建设（现场检查）
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *_a, **_k: (9.5, True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("阵地规范", True))
    qtbot.mouseClick(ap.score_button, Qt.MouseButton.LeftButton)
    assert ap.table.item(0, 8).text() == "55.5"
    assert ap.table.item(0, 7).foreground().color().name() == "#0b57d0"
    ap.table.setCurrentCell(0, 2)
    qtbot.mouseClick(ap.records_button, Qt.MouseButton.LeftButton)
    from twdesk.ui.tabs.home.assessment_page import ChecklistDialog, RecordsDialog

    records = ap.findChildren(RecordsDialog)[-1]
    assert records.table.rowCount() == 3 and "开放 1 天 ÷ 计划 3 天" in records.basis.text()
    records.close()
    qtbot.mouseClick(ap.checklist_button, Qt.MouseButton.LeftButton)
    editor = ap.findChildren(ChecklistDialog)[-1]
    assert editor.table.rowCount() == 6
    editor.table.item(5, 0).setText("阵地建设")
    # the grades' lines: 优秀 90 / 合格 60 / 不合格 0 → 五星 50 / 三星 30 / 待提升 0
    assert editor.grade_table.rowCount() == 3
    for r, (name, line) in enumerate([("五星", 50), ("三星", 30), ("待提升", 0)]):
        editor.grade_table.item(r, 0).setText(name)
        editor.grade_table.cellWidget(r, 1).setValue(line)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert "阵地建设\n（10分）" in [
        ap.table.horizontalHeaderItem(c).text() for c in range(ap.table.columnCount())
    ]
    grade_col = ap.table.columnCount() - 1
    assert {ap.table.item(r, 1).text(): ap.table.item(r, grade_col).text() for r in (0, 1)} == {
        "乔庄镇联络站": "五星",  # 55.5
        "青溪镇联络站": "待提升",  # 26
    }
    # a wrong line is refused in the dialog, which stays open with what was typed
    qtbot.mouseClick(ap.checklist_button, Qt.MouseButton.LeftButton)
    editor = ap.findChildren(ChecklistDialog)[-1]
    assert editor.grade_table.item(0, 0).text() == "五星"
    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: refused.append(text))
    editor.grade_table.cellWidget(2, 1).setValue(40)  # 待提升 40 above 三星 30
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert len(refused) == 1 and "从高到低" in refused[0]
    assert editor.isVisible()
    editor.reject()
    for suffix in (".pdf", ".xlsx"):
        out = tmp_path / f"考评{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, o=out, **_k: (str(o), ""))
        qtbot.mouseClick(
            ap.pdf_button if suffix == ".pdf" else ap.xlsx_button, Qt.MouseButton.LeftButton
        )
        assert out.exists()
    assert "乔庄镇联络站" in PdfReader(tmp_path / "考评.pdf").pages[0].extract_text()
    ws = openpyxl.load_workbook(tmp_path / "考评.xlsx").active
    assert ws.cell(5, 2).value == "乔庄镇联络站"


def test_overview_charts_png_and_summary_pdf(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    ov = window.home_tab.overview_page
    window.home_tab.pages.setCurrentWidget(ov)
    qtbot.waitUntil(lambda: bool(ov.charts[0].values), timeout=10000)
    assert dict(ov.charts[3].values) == {"乔庄镇": 33, "青溪镇": 50}  # attendance rates
    png = tmp_path / "到岗率.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(png), ""))
    qtbot.mouseClick(ov.png_buttons[3], Qt.MouseButton.LeftButton)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 100
    pdf = tmp_path / "概况.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(pdf), ""))
    qtbot.mouseClick(ov.pdf_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 and "第1页 共1页" in reader.pages[0].extract_text()


def test_checklist_dialog_adds_and_removes_grade_lines(qtbot, window: MainWindow) -> None:
    from twdesk.ui.tabs.home.assessment_page import ChecklistDialog

    ap = window.home_tab.assessment_page
    window.home_tab.pages.setCurrentWidget(ap)
    qtbot.mouseClick(ap.checklist_button, Qt.MouseButton.LeftButton)
    editor = ap.findChildren(ChecklistDialog)[-1]
    qtbot.mouseClick(editor.add_grade_button, Qt.MouseButton.LeftButton)
    assert editor.grade_table.rowCount() == 4
    assert editor.grade_table.item(3, 0).text() == "新等次"
    editor.grade_table.setCurrentCell(1, 0)  # 合格
    qtbot.mouseClick(editor.remove_grade_button, Qt.MouseButton.LeftButton)
    assert [n for n, _m in editor.grade_rule().grades] == ["优秀", "不合格", "新等次"]
    editor.reject()
