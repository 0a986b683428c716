"""文件 → 合并其他文件… as staff use it: the menu action, the preview, 合并, the conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.helpers import digest
from tests.merge_files import build_base, diverge
from twdesk.db.dbfile import open_database
from twdesk.db.models import Person
from twdesk.ui import actions
from twdesk.ui.dialogs.conflicts_dialog import ConflictsDialog
from twdesk.ui.dialogs.merge_dialog import MergeDialog
from twdesk.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-merge-base") / "base.sqlite"
    build_base(path)
    return path


@pytest.fixture
def window(qtbot, base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = diverge(base, tmp_path)
    chosen = {"path": files.station}
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *_a, **_k: (str(chosen["path"]), "")),
    )
    db = open_database(files.county)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win, files, chosen
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)


def cell(table, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item else ""


def rows_by_label(table) -> dict[str, list[str]]:
    return {
        cell(table, r, 0): [cell(table, r, c) for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }


def open_preview(qtbot, win: MainWindow) -> MergeDialog:
    win.form.actionMerge.trigger()
    (dialog,) = [d for d in win.findChildren(MergeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
    return dialog


def test_preview_merge_and_review_conflicts(qtbot, window) -> None:
    win, files, _chosen = window
    before = digest(files.county)
    announced: list[frozenset[str]] = []
    actions.changes().changed.connect(announced.append)
    dialog = open_preview(qtbot, win)
    assert dialog.file.text() == str(files.station)
    counts = rows_by_label(dialog.counts)
    # 新增, 修改, 删除, 冲突, 不变
    assert counts["人员"][:4] == ["1", "1", "0", "2"]
    assert counts["项目成员"][2] == "1"
    assert counts["合计"][3] == "2"
    assert "冲突 2" in dialog.summary.text()
    assert dialog.conflicts.rowCount() == 3
    assert digest(files.county) == before  # the preview writes nothing
    assert dialog.merge_button.isEnabled()

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.merged is not None, timeout=30000)
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
    assert "已合并" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()
    assert announced and "people" in announced[-1]  # the tabs reload
    with win.db.session() as s:
        assert s.get(Person, files.station_edited).unit == "乡镇站改的单位"

    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    review = dialog.conflicts_dialog
    assert isinstance(review, ConflictsDialog) and review.isVisible()
    table = review.table
    assert table.rowCount() == 3
    fields = [cell(table, r, 4) for r in range(table.rowCount())]
    row = fields.index("备注")
    other = cell(table, row, 7)
    assert other in {"县团委改的备注", "乡镇站改的备注"}
    assert "乔庄镇联络站" in cell(table, row, 8)  # the other version's file
    assert not review.other_button.isEnabled()  # nothing chosen yet
    table.selectRow(row)
    assert review.other_button.isEnabled()
    count = len(announced)
    qtbot.mouseClick(review.other_button, Qt.MouseButton.LeftButton)
    with win.db.session() as s:
        assert s.get(Person, files.both_edited).notes == other
    assert len(announced) == count + 1
    assert review.table.rowCount() == 2
    review.show_resolved.setChecked(True)
    assert review.table.rowCount() > 2
    assert "采用另一版本" in [cell(review.table, r, 9) for r in range(review.table.rowCount())]


def test_same_file_is_refused_and_nothing_to_merge(qtbot, window, monkeypatch) -> None:
    win, files, chosen = window
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda _p, _t, text, *_a, **_k: warnings.append(text)),
    )
    chosen["path"] = files.county
    win.form.actionMerge.trigger()
    (dialog,) = [d for d in win.findChildren(MergeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
    assert "合并到它自己" in warnings[0]
    assert not dialog.merge_button.isEnabled()
    dialog.reject()
    chosen["path"] = files.station
    first = open_preview(qtbot, win)
    qtbot.mouseClick(first.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.merged is not None, timeout=30000)
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
    first.reject()
    again = open_preview(qtbot, win)
    assert "没有需要合并的内容" in again.summary.text()
    assert not again.merge_button.isEnabled()
