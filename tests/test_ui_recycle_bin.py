"""编辑 → 回收站…: opened from its menu action, lists what was deleted with who and when,
restores (back in the tab) and purges after asking twice."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import OpinionItem, Station, Visit
from twdesk.services import recycle_bin, stations
from twdesk.ui.dialogs.recycle_bin_dialog import RETIRED, RecycleBinDialog
from twdesk.ui.main_window import MainWindow

TODAY = date(2026, 11, 24)


class Questions:
    def __init__(self, *answers: QMessageBox.StandardButton) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent, title, text, *_a, **_k):
        self.asked.append((title, text))
        return self.answers.pop(0)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    from twdesk.ui.app import make_application

    make_application()
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=4, delegates=24, years=1, seed=6, today=TODAY)
    win = MainWindow(open_database(path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _delete_a_visit(window: MainWindow) -> tuple[str, int]:
    with window.db.transaction() as s:
        visit_id = s.scalar(select(OpinionItem.visit_id).order_by(OpinionItem.number).limit(1))
        s.info["user"] = "小王"
        recycle_bin.delete_visit(s, visit_id)
        items = len(s.scalars(select(OpinionItem.id).where(OpinionItem.visit_id == visit_id)).all())
    return visit_id, items


def _open_bin(qtbot, window: MainWindow) -> RecycleBinDialog:
    window.form.actionRecycleBin.trigger()
    dialog = window.recycle_bin_dialog
    assert isinstance(dialog, RecycleBinDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _select(dialog: RecycleBinDialog, row_id: str) -> None:
    row = next(i for i, e in enumerate(dialog.shown) if e.row_id == row_id)
    dialog.table.selectRow(row)


def test_the_bin_lists_a_deleted_visit_and_restores_it_into_the_register(qtbot, window) -> None:
    tab = window.visits_tab
    window.form.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab._stale)
    visit_id, items = _delete_a_visit(window)
    tab.register_page.refresh()
    assert visit_id not in {r.id for r in tab.register_page.model.rows}
    dialog = _open_bin(qtbot, window)
    assert dialog.isVisible() and dialog.windowTitle() == "回收站"
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[0] == "来访登记" and cells[2] == "小王" and cells[4] == f"{items} 条意见建议"
    assert not dialog.restore_button.isEnabled()
    _select(dialog, visit_id)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    with window.db.session() as s:
        assert s.get(Visit, visit_id).deleted_at is None
    qtbot.waitUntil(lambda: visit_id in {r.id for r in tab.register_page.model.rows})


def test_purging_asks_twice_and_stops_at_the_second_no(qtbot, window, monkeypatch) -> None:
    visit_id, items = _delete_a_visit(window)
    dialog = _open_bin(qtbot, window)
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    questions = Questions(yes, no)
    monkeypatch.setattr(QMessageBox, "question", questions)
    _select(dialog, visit_id)
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2 and "无法撤销" in questions.asked[1][1]
    with window.db.session() as s:
        assert s.get(Visit, visit_id) is not None
    questions.answers = [yes, yes]
    _select(dialog, visit_id)
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 4
    assert f"{items} 条意见建议" in questions.asked[2][1]
    with window.db.session() as s:
        assert s.get(Visit, visit_id) is None
        assert not s.scalars(select(OpinionItem.id).where(OpinionItem.visit_id == visit_id)).all()
    assert all(e.row_id != visit_id for e in dialog.shown)
    con = sqlite3.connect(window.db.path)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_filter_search_and_a_retired_station_brought_back(qtbot, window) -> None:
    visit_id, _items = _delete_a_visit(window)
    with window.db.transaction() as s:
        leaf = s.scalar(select(Station.id).where(Station.parent_id.is_not(None)).limit(1))
        name = s.get(Station, leaf).name
        stations.retire_station(s, leaf, TODAY)
    dialog = _open_bin(qtbot, window)
    assert dialog.table.rowCount() == 2
    dialog.kind.setCurrentIndex(dialog.kind.findData(RETIRED))
    assert [e.row_id for e in dialog.shown] == [leaf]
    assert dialog.table.item(0, 0).text() == "联络站（已撤销）"
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled() and not dialog.purge_button.isEnabled()
    dialog.kind.setCurrentIndex(0)
    dialog.search.setText(name[:3])
    assert [e.row_id for e in dialog.shown] == [leaf]
    dialog.search.clear()
    _select(dialog, leaf)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert [e.row_id for e in dialog.shown] == [visit_id]
    panel = window.people_tab.stations
    window.form.tabs.setCurrentWidget(window.people_tab)
    qtbot.waitUntil(lambda: name in panel.station_names.values())
