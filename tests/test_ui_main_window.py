"""The main window, driven offscreen with real database files."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from tests.helpers import digest
from twdesk.db.dbfile import create_database, open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.ui.main_window import MainWindow

TAB_NAMES = ["首页", "联络站与代表", "坐班日历", "来访登记", "履职记录", "联系青年", "履职考核"]


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=4, delegates=20, years=1, seed=2, today=date(2026, 11, 24))
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


class Recorder:
    """Stands in for a modal QMessageBox call and remembers what it was asked to show."""

    def __init__(self, answer: object = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.answer = answer

    def __call__(self, _parent, title: str, text: str, *_args) -> object:
        self.calls.append((title, text))
        return self.answer


def test_window_shows_tabs_title_and_counts(window: MainWindow) -> None:
    tabs = window.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_NAMES
    assert window.windowTitle() == "团代表联络站工作台 — demo.sqlite [演示数据]"
    assert window.counts_label.text().startswith("联络站 4 · 在任团代表 ")
    assert window.overdue_label.text().startswith("超期 ")
    assert str(window.db.path) == window.path_label.text()
    assert tabs.widget(0) is window.home_tab  # every tab is real now, 首页 first
    assert tabs.widget(1) is window.people_tab
    assert tabs.widget(2) is window.duty_tab
    assert tabs.widget(3) is window.visits_tab
    assert tabs.widget(4) is window.ledger_tab
    assert tabs.widget(5) is window.contacts_tab
    assert tabs.widget(6) is window.evaluation_tab


def test_plain_database_has_no_demo_mark(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    create_database(path)
    win = MainWindow(open_database(path))
    qtbot.addWidget(win)
    assert "演示数据" not in win.windowTitle()
    assert win.counts_label.text() == "联络站 0 · 在任团代表 0 · 来访 0 · 意见建议 0"
    win.close()


def test_switching_files_updates_recent_list_and_releases_the_old_lock(
    window: MainWindow, tmp_path: Path, demo_path: Path
) -> None:
    second = tmp_path / "second.sqlite"
    create_database(second)
    assert window.switch_to(second)
    assert window.db.path == second.resolve()
    assert not Path(str(demo_path) + ".lock").exists()
    assert Path(str(second) + ".lock").exists()
    recent = [a.text() for a in window.form.menuRecent.actions()]
    assert recent == [str(second.resolve()), str(demo_path.resolve())]
    assert "演示数据" not in window.windowTitle()
    # a recent file that has gone missing is shown greyed out
    demo_path.unlink()
    window._rebuild_recent_menu()
    missing = window.form.menuRecent.actions()[1]
    assert "找不到文件" in missing.text() and not missing.isEnabled()


def test_a_bad_file_keeps_the_current_database_open(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "名册.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    before = digest(bad)
    shown = Recorder()
    monkeypatch.setattr(QMessageBox, "critical", shown)
    current = window.db
    assert not window.switch_to(bad)
    assert window.db is current
    assert shown.calls and "不是 twdesk 数据库" in shown.calls[0][1]
    assert digest(bad) == before
    with window.db.session() as s:  # still usable
        assert s.connection().exec_driver_sql("SELECT 1").scalar() == 1


def test_stale_lock_is_offered_for_take_over(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui.opening import open_with_messages

    path = tmp_path / "usb.sqlite"
    create_database(path)
    Path(str(path) + ".lock").write_text('{"host": "PC', encoding="utf-8")  # left by a crash
    asked = Recorder(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", asked)
    db = open_with_messages(None, path)
    assert db is not None
    assert "接管" in asked.calls[0][1]
    db.close()


def test_geometry_and_tab_are_remembered(qtbot, demo_path: Path) -> None:
    first = MainWindow(open_database(demo_path))
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(0, 0, 800, 580))  # the offscreen screen is 800×600
    first.form.tabs.setCurrentIndex(3)
    first.close()
    second = MainWindow(open_database(demo_path))
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (800, 580)
    assert second.form.tabs.currentIndex() == 3
    second.close()


def test_save_copy_via_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "U盘" / "备份.sqlite"
    dest.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    window.form.actionSaveCopy.trigger()
    assert dest.exists() and shown == [("已保存并校验副本。", str(dest.resolve()))]
    copy = open_database(dest)
    assert copy.office_id == window.db.office_id
    copy.close()


def test_new_database_via_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "新县团委"
    asked: list[tuple] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or (str(target), "")
    )
    window.form.actionNew.trigger()
    # a new file is a .twdb (the installer associates it with the app)
    assert window.db.path == target.with_suffix(".twdb").resolve()
    assert window.counts_label.text().startswith("联络站 0 ")
    assert asked[0][2].endswith("新数据库.twdb") and "*.twdb" in asked[0][3]


def test_new_database_named_sqlite_stays_sqlite(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "县团委.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.form.actionNew.trigger()
    assert window.db.path == target.resolve()


def test_save_copy_defaults_to_twdb(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple] = []
    typed = tmp_path / "给乡镇的副本"  # typed without an extension
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or (str(typed), "")
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    window.form.actionSaveCopy.trigger()
    assert asked[0][2].endswith("demo-副本.twdb") and "*.twdb" in asked[0][3]
    saved = typed.with_name("给乡镇的副本.twdb")
    assert saved.exists() and not typed.exists()
    open_database(saved).close()


def test_crash_dialog_shows_and_copies_the_masked_report(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui import app as app_module
    from twdesk.ui.dialogs.crash_dialog import CrashDialog

    app_module.make_application()
    shown: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self) or 0)
    previous = sys.excepthook
    app_module.install_crash_dialog()
    try:
        try:
            raise ValueError("身份证 511825199503072011 手机 13812345678")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    [dialog] = shown
    qtbot.addWidget(dialog)
    report = dialog.report_box.toPlainText()
    assert "ValueError" in report and "511825********2011" in report and "138****5678" in report
    assert "511825199503072011" not in report
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
    assert dialog.copy_button.text() == "已复制"


def test_rare_name_characters_have_a_glyph() -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from twdesk.ui.app import make_application

    app = make_application()
    families = app.font().families()
    assert "LXGW WenKai" in families  # the bundled font is always in the fallback chain
    metrics = QFontMetrics(QFont("LXGW WenKai"))
    for ch in "曾䶮王㛃龑赟堃喆":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_tabs_load_their_data_once_shown(qtbot, demo_path: Path) -> None:
    """The window appears first; the visible tab reads the file right after it has painted,
    the others only when the user opens them."""
    from twdesk.ui.app import make_application

    make_application()
    win = MainWindow(open_database(demo_path))
    qtbot.addWidget(win)
    people_rows = win.people_tab.model.rowCount
    assert people_rows() == 0 and win.duty_tab.station.count() == 0  # nothing read yet
    win.show()
    assert people_rows() == 0  # shown, not yet painted: still nothing read
    qtbot.waitExposed(win)
    with sqlite3.connect(demo_path) as con:
        everyone = con.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()
    # 首页 (the first tab) fills in after the paint; the hidden tabs have not read the file
    qtbot.waitUntil(lambda: win.home_tab.today_page.tree.topLevelItemCount() > 0, timeout=5000)
    qtbot.wait(50)
    assert people_rows() == 0 and win.duty_tab.station.count() == 0
    win.form.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: people_rows() == everyone[0], timeout=5000)
    win.form.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: win.duty_tab.station.count() == 4, timeout=5000)
    win.home_tab.shutdown()
    win.close()


def test_qt_own_dialogs_and_menus_speak_chinese(qtbot) -> None:
    """Defect 10: Yes/No, OK/Cancel and the text-box context menu were English."""
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMenu

    from twdesk.ui.app import make_application

    app = make_application()
    make_application()  # twice: one translator, not two
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() in ("是", "是(&Y)")
    assert box.button(QMessageBox.StandardButton.No).text() in ("否", "否(&N)")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("取消")
    edit = QLineEdit("文字")
    qtbot.addWidget(edit)
    menu: QMenu = edit.createStandardContextMenu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert any(t.startswith("复制") for t in texts), texts
    assert any(t.startswith("粘贴") for t in texts), texts
    assert app.property("twdesk_qt_translated")
    menu.deleteLater()


def test_default_window_fits_a_1366_by_768_screen(
    qtbot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No saved geometry: the window fits a 1366×768 laptop with its taskbar, centred; and
    nothing in it needs more room than that screen has."""
    window = MainWindow(open_database(demo_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()  # offscreen: 800×800
    frame = window.frameGeometry()
    assert frame.height() <= available.height()  # (its width is the window's minimum, 800)
    assert abs(frame.center().y() - available.center().y()) <= 3  # frame rounding

    class Laptop:  # 1366×768 with a 40-pixel taskbar
        def availableGeometry(self) -> QRect:
            return QRect(0, 0, 1366, 728)

    monkeypatch.setattr(window, "screen", lambda: Laptop())
    window._default_geometry()
    frame = window.frameGeometry()
    inner = window.geometry()
    assert inner.width() + 16 <= 1366 and inner.height() + 38 <= 728  # with a Windows frame
    assert abs(frame.center().x() - 683) <= 3 and abs(frame.center().y() - 364) <= 3
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1366 and minimum.height() <= 768
    for index in (2, 1, 0):  # measured with their data loaded
        window.form.tabs.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.duty_tab.station.count() == 4)
    qtbot.waitUntil(lambda: window.people_tab.model.rowCount() > 0)
    qtbot.waitUntil(lambda: window.home_tab.today_page.tree.topLevelItemCount() > 0)
    window.home_tab.shutdown()
    chrome = window.height() - window.form.tabs.currentWidget().height()  # menu, tabs, status
    for tab in (window.home_tab, window.people_tab, window.duty_tab):
        for hint in (tab.minimumSizeHint(), tab.sizeHint()):  # room enough, and preferably
            assert hint.width() <= inner.width() and hint.height() <= inner.height() - chrome
    window.close()


def test_read_only_file_shows_why_disables_edits_and_still_exports(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 8: on a write-protected stick the window says so, every editing button is off
    (and stays off when a selection would enable it), and outputs still work."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from twdesk.ui.readonly import EDITING

    db = open_database(demo_path, read_only=True)
    assert db.read_only
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.read_only_banner.isVisible()
    assert window.read_only_banner.text().startswith("只读：")
    assert "只能查看和导出" in window.read_only_banner.text()
    tab = window.people_tab
    window.form.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))  # a station: would enable 编辑/撤销/小组
    editing = [
        b
        for t in (window.people_tab, window.duty_tab, window.home_tab)
        for b in t.findChildren(QPushButton)
        if b.property(EDITING)
    ]
    texts = {b.text() for b in editing}
    assert {
        "新增站",
        "编辑",
        "撤销",
        "新增小组",
        "新增人员",
        "导入名册…",
        "生成/重排计划…",
    } <= texts
    assert {"到岗", "替班…", "登记不便坐班时段…"} <= texts
    assert {"录入得分…", "考评细则…", "新增问题…", "整改完成…"} <= texts  # 首页's pages
    assert not any(b.isEnabled() for b in editing)
    # outputs still work
    out = tmp_path / "名册.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def answer(box: QMessageBox) -> int:
        masked = [b for b in box.buttons() if b.text() == "隐去证件号和电话"]
        if masked:
            masked[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    export = next(b for b in tab.findChildren(QPushButton) if b.text() == "导出名册…")
    assert export.isEnabled()
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    assert out.exists()
    window.close()

    # a writable file in the same window session: edits come back
    writable = MainWindow(open_database(demo_path))
    qtbot.addWidget(writable)
    assert not writable.read_only_banner.isVisible()
    adds = [b for b in writable.people_tab.findChildren(QPushButton) if b.text() == "新增人员"]
    assert adds and adds[0].isEnabled()
    writable.close()


def test_tabs_follow_changes_on_the_bus(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No hand-wired reloads: a station added on 联络站与代表 (through the real dialog) shows
    in the hidden 坐班日历 when it is opened, and in the status bar at once."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QPushButton

    from twdesk.ui.dialogs.station_dialog import StationDialog

    tabs = window.form.tabs
    tabs.setCurrentWidget(window.duty_tab)
    qtbot.waitUntil(lambda: window.duty_tab.station.count() == 4)
    tabs.setCurrentWidget(window.people_tab)
    qtbot.waitUntil(lambda: window.people_tab.model.rowCount() > 0)

    def fill_and_save(dialog: StationDialog) -> int:
        dialog.edits["name"].setText("New Station")
        dialog.kind.setCurrentIndex(0)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", fill_and_save)
    add = next(b for b in window.people_tab.findChildren(QPushButton) if b.text() == "新增站")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert window.counts_label.text().startswith("联络站 5 · ")
    assert window.people_tab.tree.findItems("New Station", Qt.MatchFlag.MatchRecursive)
    assert window.duty_tab.station.count() == 4  # hidden: not read yet
    tabs.setCurrentWidget(window.duty_tab)
    qtbot.waitUntil(lambda: window.duty_tab.station.count() == 5)
    # the home page's station filter follows too when it is shown again
    tabs.setCurrentWidget(window.home_tab)
    qtbot.waitUntil(lambda: window.home_tab.today_page.station.findText("New Station") >= 0)
    window.home_tab.shutdown()
    assert window.duty_tab.station.findText("New Station") >= 0


def test_start_up_paints_the_window_first_then_opens_the_file(qtbot, demo_path: Path) -> None:
    """What `twdesk` does at start: the window (tab titles, menus) paints before the database
    layer is even loaded; the file is opened and the tabs built right after."""
    from twdesk.ui.app import make_application

    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_after_paint(demo_path)
    tabs = win.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_NAMES
    assert win.db is None and tabs.widget(0).text() == "正在打开数据库…"
    assert not win.form.menubar.isEnabled()  # nothing to save a copy of yet
    seen: list[tuple[bool, bool]] = []  # when 首页 exists: (2nd tab still waiting, menus off)
    win.tabs_created.connect(
        lambda: seen.append((isinstance(tabs.widget(1), QLabel), not win.form.menubar.isEnabled()))
    )
    win.show()
    qtbot.waitUntil(lambda: win.db is not None, timeout=10000)
    # 首页 first, its first lines, then the other tabs and the menus on the next turn
    assert seen == [(True, True)]
    qtbot.waitUntil(win.form.menubar.isEnabled, timeout=10000)
    assert tabs.widget(0) is win.home_tab and tabs.widget(1) is win.people_tab
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_NAMES
    # the home page fills in: the cheap lines, then the rest from the worker
    qtbot.waitUntil(lambda: win.home_tab.today_page.tree.topLevelItemCount() > 0, timeout=5000)
    qtbot.waitUntil(lambda: not win.home_tab.today_page.loading, timeout=10000)
    assert win.windowTitle() == "团代表联络站工作台 — demo.sqlite [演示数据]"
    assert Path(str(demo_path) + ".lock").exists()
    win.close()
    assert not Path(str(demo_path) + ".lock").exists()


def test_a_file_refused_at_start_closes_the_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui.app import make_application

    make_application()
    bad = tmp_path / "名册.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    before = digest(bad)
    shown = Recorder()
    monkeypatch.setattr(QMessageBox, "critical", shown)
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_after_paint(bad)
    win.show()
    qtbot.waitUntil(lambda: win.start_failed, timeout=10000)
    assert not win.isVisible()
    assert shown.calls and "不是 twdesk 数据库" in shown.calls[0][1]
    assert digest(bad) == before


def test_the_gui_command_opens_the_file_and_fills_the_first_tab(demo_path: Path) -> None:
    """`twdesk --db FILE` in a fresh process: the window paints, the file opens, the first
    tab reads it, and the lock is released at exit."""
    from tests.helpers import run_twdesk

    result = run_twdesk(
        "--db",
        str(demo_path),
        env={"QT_QPA_PLATFORM": "offscreen", "TWDESK_EXIT_WHEN_SHOWN": "ready"},
    )
    assert result.returncode == 0, result.stderr
    assert "TWDESK_SHOWN" in result.stdout
    assert not Path(str(demo_path) + ".lock").exists()


def test_preload_imports_what_the_window_needs_after_its_first_paint() -> None:
    """`run_gui` imports the database layer and the tabs in a thread while Qt starts; every
    module it names exists (a renamed module would silently preload nothing)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from twdesk.ui.preload import MODULES, preload_in_background\n"
        "assert 'twdesk.db.dbfile' not in sys.modules\n"
        "preload_in_background().join()\n"
        "print(sorted(m for m in MODULES if m not in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_a_closed_window_no_longer_reads_its_file_on_changes(qtbot, tmp_path: Path) -> None:
    """Another window's action announces a change: a closed window's file is closed (on a
    server it may even be gone), so it must not refresh its status bar from it."""
    from twdesk.ui.actions import VISITS, announce

    path = tmp_path / "office.sqlite"
    create_database(path)
    win = MainWindow(open_database(path))
    qtbot.addWidget(win)
    win.show()
    refreshed: list[bool] = []
    win.refresh = lambda: refreshed.append(True)  # type: ignore[method-assign]
    announce([VISITS])
    assert refreshed == [True]
    win.close()
    announce([VISITS])
    assert refreshed == [True]
