"""删除 where records are shown: the real buttons, the Delete key and the context menu, in the
main window on a real demo file; the confirmation names the record and what goes with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import Activity, OpinionItem, Person, Project, SpecialGroup, Station, Visit
from twdesk.services import stations
from twdesk.ui.main_window import MainWindow

TODAY = date(2026, 11, 24)


class Answers:
    """QMessageBox.question / warning stand-ins that record what was asked."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []
        self.warned: list[tuple[str, str]] = []

    def question(self, _parent, title, text, *_a, **_k):
        self.asked.append((title, text))
        return self.answer

    def warning(self, _parent, title, text, *_a, **_k):
        self.warned.append((title, text))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", found.question)
    monkeypatch.setattr(QMessageBox, "warning", found.warning)
    return found


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    from twdesk.ui.app import make_application

    make_application()
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=4, delegates=24, years=1, seed=4, today=TODAY)
    win = MainWindow(open_database(path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _show(qtbot, window: MainWindow, tab) -> None:
    window.form.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab._stale)


def _deleted(window: MainWindow, model, row_id: str) -> bool:
    with window.db.session() as s:
        return s.get(model, row_id).deleted_at is not None


def test_a_visit_is_deleted_with_its_items_from_the_register(qtbot, window, answers) -> None:
    tab = window.visits_tab
    _show(qtbot, window, tab)
    page = tab.register_page
    tab.pages.setCurrentWidget(page)
    with window.db.session() as s:
        with_items = set(
            s.scalars(select(OpinionItem.visit_id).where(OpinionItem.deleted_at.is_(None)))
        )
    row = next(i for i, r in enumerate(page.model.rows) if r.id in with_items)
    visit = page.model.row(row)
    page.view.selectRow(row)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    title, text = answers.asked[-1]
    assert title == "删除来访登记" and f"{visit.visit_date:%Y-%m-%d}" in text
    assert f"同时删除：{visit.items} 条意见建议" in text
    assert visit.id not in {r.id for r in page.model.rows}
    assert _deleted(window, Visit, visit.id)
    with window.db.session() as s:
        numbers = set(s.scalars(select(OpinionItem.number).where(OpinionItem.visit_id == visit.id)))
    assert not numbers & {r.number for r in tab.items_page.model.rows}  # reloaded by the bus
    assert "来访 " in window.counts_label.text()


def test_answering_no_deletes_nothing(qtbot, window, answers) -> None:
    answers.answer = QMessageBox.StandardButton.No
    tab = window.visits_tab
    _show(qtbot, window, tab)
    page = tab.register_page
    page.view.selectRow(0)
    first = page.model.row(0).id
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked and not _deleted(window, Visit, first)
    assert page.model.row(0).id == first


def test_an_opinion_item_is_deleted_from_the_items_page(qtbot, window, answers) -> None:
    tab = window.visits_tab
    _show(qtbot, window, tab)
    page = tab.items_page
    tab.pages.setCurrentWidget(page)
    page.view.selectRow(0)
    item = page.model.row(0)
    button = page.step_buttons["delete"]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除意见建议" and item.number in answers.asked[-1][1]
    assert item.id not in {r.id for r in page.model.rows}
    assert _deleted(window, OpinionItem, item.id)


def test_a_person_is_deleted_with_the_button_and_another_with_the_delete_key(
    qtbot, window, answers
) -> None:
    tab = window.people_tab
    _show(qtbot, window, tab)
    panel = tab.people
    panel.table.selectRow(0)
    first = panel.selected_person_id()
    name = panel.model.entry(0).name
    qtbot.mouseClick(panel.delete_person_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除人员" and f"「{name}」" in answers.asked[-1][1]
    assert _deleted(window, Person, first)
    assert panel.model.row_of(first) < 0
    panel.table.setFocus()
    panel.table.selectRow(0)
    second = panel.selected_person_id()
    assert second != first
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert len(answers.asked) == 2 and _deleted(window, Person, second)
    # the context menu holds the same 删除
    assert [a.text() for a in panel.table.actions()] == ["删除"]


def test_a_station_with_history_is_refused_a_new_one_and_a_group_are_deleted(
    qtbot, window, answers
) -> None:
    tab = window.people_tab
    _show(qtbot, window, tab)
    panel = tab.stations
    with window.db.session() as s:
        busy = s.scalar(select(Station.name).where(Station.parent_id.is_not(None)).limit(1))
    assert panel.select_station(busy)
    qtbot.mouseClick(panel.delete_station_button, Qt.MouseButton.LeftButton)
    assert answers.warned and "撤销" in answers.warned[-1][1]
    assert busy in panel.station_names.values()
    with window.db.transaction() as s:
        ref = stations.save_station(s, {"name": "误建联络站", "kind": "乡镇街道联络站"})
        stations.save_group(s, ref.id, "志愿服务小组")
    panel.reload_stations(0)
    assert panel.select_station("误建联络站")
    assert panel.groups.count() == 1
    panel.groups.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_group_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除专项小组"
    assert panel.groups.count() == 0
    with window.db.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(SpecialGroup)
                .where(SpecialGroup.station_id == ref.id, SpecialGroup.deleted_at.is_not(None))
            )
            == 1
        )
    assert panel.select_station("误建联络站")
    qtbot.mouseClick(panel.delete_station_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除联络站"
    assert "误建联络站" not in panel.station_names.values()
    assert _deleted(window, Station, ref.id)


def test_an_activity_and_a_project_are_deleted_from_the_ledger(qtbot, window, answers) -> None:
    tab = window.ledger_tab
    _show(qtbot, window, tab)
    page = tab.register_page
    page.table.selectRow(0)
    activity = page.selected_activity_id()
    assert activity and page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除履职记录"
    assert activity not in {r.id for r in page.rows}
    assert _deleted(window, Activity, activity)
    projects = tab.projects_page
    tab.pages.setCurrentWidget(projects)
    assert projects.list.count() > 0
    projects.list.setCurrentRow(0)
    project = projects.list.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(projects.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1][0] == "删除项目"
    assert _deleted(window, Project, project)
    assert project not in {
        projects.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(projects.list.count())
    }


def test_several_selected_people_go_in_one_confirmation(qtbot, window, answers) -> None:
    from PySide6.QtCore import QItemSelectionModel

    tab = window.people_tab
    _show(qtbot, window, tab)
    panel = tab.people
    panel.table.selectRow(0)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    panel.table.selectionModel().select(panel.model.index(2, 0), flags)
    ids = panel.selected_person_ids()
    names = [panel.model.entry(panel.model.row_of(i)).name for i in ids]
    assert len(ids) == 2
    qtbot.mouseClick(panel.delete_person_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1
    assert answers.asked[0][1].startswith(f"删除选中的 2 位人员（{'、'.join(names)}）？")
    assert all(_deleted(window, Person, i) for i in ids)
    assert all(panel.model.row_of(i) < 0 for i in ids)


def test_nothing_is_deleted_or_asked_on_a_read_only_file(qtbot, window, answers) -> None:
    from twdesk.ui import readonly

    tab = window.people_tab
    _show(qtbot, window, tab)
    panel = tab.people
    panel.table.selectRow(0)
    person = panel.selected_person_id()
    readonly.set_read_only(window, True)
    try:
        assert not panel.delete_person_button.isEnabled()
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
        assert answers.asked == [] and not _deleted(window, Person, person)
    finally:
        readonly.set_read_only(window, False)
