"""文件 → 备份与恢复… and 文件 → 导出交换包…, driven through their QActions offscreen."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from tests.helpers import digest
from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.services.backups import list_backups, take_backup
from twdesk.services.packages import opened_package, write_package
from twdesk.ui import actions
from twdesk.ui.dialogs.backups_dialog import BackupsDialog
from twdesk.ui.dialogs.package_dialog import PasswordDialog
from twdesk.ui.main_window import MainWindow

SCREENSHOTS = Path(os.environ.get("TWDESK_SHOTS", tempfile.gettempdir()))  # looked at by hand


def people(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=3, delegates=15, years=1, seed=3, today=date(2026, 11, 24))
    return path


@pytest.fixture
def window(qtbot, demo_path: Path) -> MainWindow:
    from twdesk.ui.app import make_application

    make_application()
    win = MainWindow(open_database(demo_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def open_backups(qtbot, window: MainWindow) -> BackupsDialog:
    window.form.actionBackups.trigger()
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=20000)
    QApplication.processEvents()


def test_backups_dialog_lists_backs_up_and_restores(
    qtbot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui import opening

    monkeypatch.setattr(opening, "DAILY_DELAY_MS", 0)
    monkeypatch.setattr(opening, "DAILY_BACKUPS", [])
    first = take_backup(demo_path, "手动备份")
    count = people(demo_path)
    dialog = open_backups(qtbot, window)
    table = dialog.table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "手动备份"
    assert f"人员 {first.counts['person']}" in table.item(0, 2).text()
    assert table.item(0, 3).text().endswith("MB") or table.item(0, 3).text().endswith("KB")

    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=20000)
    assert [b.reason for b in list_backups(demo_path)] == ["手动备份", "手动备份"]

    # a change after the backup, then restore the older backup through the dialog
    db = window.db
    from twdesk.db.models import Person

    with db.transaction() as s:
        s.add(Person(name="恢复后应消失"))
    assert people(demo_path) == count + 1
    table.selectRow(1)  # the first backup (oldest is last)
    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and "恢复前" in asked[0]
    assert people(demo_path) == count
    assert window.db is not db and window.db.path == demo_path.resolve()
    assert "已从备份恢复" in window.form.statusbar.currentMessage()
    # reopening was this data folder's first open today: its backup follows a moment later
    qtbot.waitUntil(lambda: bool(opening.DAILY_BACKUPS), timeout=10000)
    for thread in opening.DAILY_BACKUPS:
        thread.join(30)
    dialog.reload()
    reasons = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert sorted(reasons) == sorted(["手动备份", "手动备份", "恢复前", "每日首次打开"])
    (before,) = [b for b in list_backups(demo_path) if b.reason == "恢复前"]
    assert before.counts["person"] == first.counts["person"] + 1  # the file before the restore
    # the window works on the restored file: a transaction goes through
    with window.db.transaction() as s:
        s.add(Person(name="恢复后新增"))
    assert people(demo_path) == count + 1
    dialog.grab().save(str(SCREENSHOTS / "twdesk_backups_dialog.png"))


def test_restore_declined_changes_nothing(
    qtbot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_backup(demo_path, "手动备份")
    dialog = open_backups(qtbot, window)
    db = window.db
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.db is db and [b.reason for b in list_backups(demo_path)] == ["手动备份"]


def fill_password(qtbot, password: str, again: str | None = None) -> None:
    """Types into the modal password dialog once it shows, then clicks 导出."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, fill)
            return
        qtbot.keyClicks(dialog.password, password)
        qtbot.keyClicks(dialog.again, again if again is not None else password)
        ok = dialog.buttons.buttons()[0]
        assert ok.isEnabled() == (again is None or again == password)
        dialog.grab().save(str(SCREENSHOTS / "twdesk_package_password.png"))
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, fill)


def test_export_package_with_password(
    qtbot, window: MainWindow, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "U盘" / "站点.twpkg"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    fill_password(qtbot, "Secret-2026")
    window.form.actionExportPackage.trigger()
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert out.exists()
    assert "已用密码加密" in shown[0][0] and shown[0][1] == str(out)
    with opened_package(out, "Secret-2026") as copy:
        assert people(copy) == people(demo_path)


def test_open_of_a_package_previews_merging_it(
    qtbot, window: MainWindow, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui import actions
    from twdesk.ui.dialogs.merge_dialog import MergeDialog

    package = tmp_path / "来自乡镇.twpkg"
    write_package(demo_path, package, "pw")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("pw", True))
    db = window.db
    window.form.actionOpen.trigger()
    assert window.db is db  # still the same file open: a package is merged, not opened
    (dialog,) = [d for d in window.findChildren(MergeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert dialog.path == package and dialog.source is not None and dialog.source.exists()
    assert "来自乡镇.twpkg" in dialog.summary.text()
    unpacked = dialog.source
    dialog.reject()  # closing the dialog removes the package's temporary copy
    assert not unpacked.exists()

    warned: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("wrong", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a, **_k: warned.append(text))
    window.form.actionOpen.trigger()
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=30000)
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    assert "密码不正确" in warned[0]


def test_double_click_does_not_restore_over_a_read_only_file(
    qtbot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui import readonly

    take_backup(demo_path, "手动备份")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append("question") or QMessageBox.StandardButton.Yes,
    )
    dialog = open_backups(qtbot, window)
    settle(qtbot)
    readonly.set_read_only(window, True)
    try:
        before = digest(demo_path)
        index = dialog.table.model().index(0, 0)
        rect = dialog.table.visualRect(index)
        # as a user double-clicks: a press and release, then the double-click
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        settle(qtbot)
        assert asked == [] and digest(demo_path) == before
    finally:
        readonly.set_read_only(window, False)
