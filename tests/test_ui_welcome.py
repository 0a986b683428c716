"""The first run (issue 17): with no database on this PC the window shows the welcome page, and
each of its four big buttons — clicked, with only the modal file and message dialogs patched —
leaves the user in a working window on the right file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.helpers import digest
from twdesk.core.idcard import make_id_number
from twdesk.core.office_names import county_from_office
from twdesk.db.dbfile import create_database
from twdesk.db.demo_file import create_demo_database
from twdesk.paths import default_db_path, demo_db_path
from twdesk.ui.dialogs.new_office_dialog import NewOfficeDialog
from twdesk.ui.main_window import MainWindow
from twdesk.ui.settings import app_settings, remember_recent


@pytest.fixture
def welcome(qtbot) -> MainWindow:
    """`twdesk` started with no file named and no default database (the private data folder
    of every test is empty)."""
    from twdesk.ui.app import make_application, start_window

    make_application()
    window = start_window(None)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def patch_open_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def get_open(_parent=None, caption="", _directory="", file_filter="", *_a, **_k):
        asked.append(f"{caption} | {file_filter}")
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    return asked


def test_first_run_shows_the_welcome_page_and_creates_nothing(
    welcome: MainWindow, private_data_dir: Path
) -> None:
    page = welcome.welcome
    assert page is not None and page.isVisible()
    assert not welcome.form.tabs.isVisible()
    assert welcome.db is None
    labels = [b.text() for b in (page.new_office_button, page.import_button)]
    labels += [page.open_button.text(), page.demo_button.text()]
    assert labels == ["新建本单位数据库", "从 Excel 导入名册", "打开 U 盘上的文件", "打开演示数据"]
    assert not page.recent_title.isVisible()  # nothing opened before
    # the menus work; what needs an open file waits for one
    form = welcome.form
    assert form.menubar.isEnabled()
    assert form.actionOpen.isEnabled() and form.actionNew.isEnabled()
    assert form.actionHelp.isEnabled()
    for action in (
        form.actionSaveCopy,
        form.actionMerge,
        form.actionBackups,
        form.actionRecycleBin,
    ):
        assert not action.isEnabled(), action.text()
    assert not default_db_path().exists() and not demo_db_path().exists()
    assert not any(private_data_dir.glob("*.sqlite"))


def test_a_named_file_the_demo_and_an_existing_default_skip_the_welcome_page(
    qtbot, tmp_path: Path
) -> None:
    from twdesk.ui.app import first_run, start_window

    assert first_run(None, False)
    assert not first_run(None, True)  # `--demo` (python3 dev.py start) opens the demo as before
    assert not first_run(tmp_path / "x.sqlite", False)
    create_database(default_db_path())
    assert not first_run(None, False)
    window = start_window(None)
    qtbot.addWidget(window)
    assert window.welcome is None  # the default file opens once the window has painted
    window.show()
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    assert window.db.path == default_db_path().resolve()
    window.close()


def test_new_office_asks_name_and_county_then_opens_the_station_tree(
    qtbot, welcome: MainWindow
) -> None:
    click(qtbot, welcome.welcome.new_office_button)
    dialog = welcome.findChild(NewOfficeDialog)
    assert dialog is not None and dialog.isVisible()
    # nothing typed: refused inside the dialog, which stays open; no file appears
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "单位名称" in dialog.error.text()
    assert not default_db_path().exists()
    dialog.office.setText("共青团青川县委员会")
    assert dialog.county.text() == "青川县"  # the county follows the office's name
    assert "青川县团代表联络站" in dialog.station_hint.text()
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert welcome.db is not None and welcome.db.path == default_db_path().resolve()
    assert welcome.db.office_name == "共青团青川县委员会"
    assert not welcome.welcome.isVisible() and welcome.form.tabs.isVisible()
    assert welcome.form.tabs.currentWidget() is welcome.people_tab
    assert welcome.form.actionSaveCopy.isEnabled()
    tree = welcome.people_tab.tree
    qtbot.waitUntil(lambda: bool(tree.findItems("青川县团代表联络站", Qt.MatchFlag.MatchRecursive)))
    assert welcome.counts_label.text().startswith("联络站 1 · ")


def test_county_is_guessed_from_the_office_name() -> None:
    assert county_from_office("青川县团委") == "青川县"
    assert county_from_office("共青团广元市利州区委员会") == "广元市利州区"
    assert county_from_office("某某单位") == ""


def roster(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "身份证号", "联系电话", "所属联络站"])
    ws.append(["王小明", "男", make_id_number("511825", date(1995, 3, 7), 1, "男"),
               "13812345678", "乔庄镇团代表联络站"])  # fmt: skip
    ws.append(["李晓梅", "女", make_id_number("511825", date(1996, 5, 4), 7, "女"),
               "13912345678", "乔庄镇团代表联络站"])  # fmt: skip
    wb.save(path)
    return path


def test_import_roster_creates_the_default_file_and_imports_after_the_preview(
    qtbot, welcome: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui.dialogs.import_dialog import RosterImportDialog

    sheet = roster(tmp_path / "名册.xlsx")
    before = digest(sheet)
    asked = patch_open_dialog(monkeypatch, sheet)
    questions: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda _p, title, *_a, **_k: questions.append(title) or QMessageBox.Yes),
    )
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a, **_k: told.append(text))
    )
    click(qtbot, welcome.welcome.import_button)
    assert asked and "名册" in asked[0] and "*.xlsx" in asked[0]
    assert welcome.db is not None and welcome.db.path == default_db_path().resolve()
    assert welcome.form.tabs.currentWidget() is welcome.people_tab
    dialog = welcome.findChild(RosterImportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=30000)
    assert dialog.preview.ok, dialog.preview.problems
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert questions == ["新建联络站"]  # the roster's station did not exist yet
    assert "2" in told[0]
    qtbot.waitUntil(lambda: welcome.people_tab.model.rowCount() == 2, timeout=10000)
    assert welcome.counts_label.text().startswith("联络站 1 · 在任团代表 2")
    assert digest(sheet) == before


def test_import_roster_cancelled_leaves_nothing_behind(
    qtbot, welcome: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: ("", "")))
    click(qtbot, welcome.welcome.import_button)
    assert welcome.db is None and welcome.welcome.isVisible()
    assert not default_db_path().exists()


def test_open_a_file_from_the_usb_stick(
    qtbot, welcome: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "U盘" / "乡镇站.sqlite"
    stick.parent.mkdir()
    create_database(stick, office_name="乔庄镇团委")
    asked = patch_open_dialog(monkeypatch, stick)
    click(qtbot, welcome.welcome.open_button)
    assert asked and "打开数据库" in asked[0] and "*.sqlite" in asked[0]
    assert welcome.db is not None and welcome.db.path == stick.resolve()
    assert welcome.windowTitle().endswith("乡镇站.sqlite")
    assert not welcome.welcome.isVisible() and welcome.form.tabs.isVisible()
    assert not default_db_path().exists()  # opening someone's file makes no file of our own


def test_a_transfer_package_is_explained_not_opened(
    qtbot, welcome: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.services.packages import write_package

    source = tmp_path / "乡镇站.sqlite"
    create_database(source)
    package = tmp_path / "乡镇站.twpkg"
    write_package(source, package)
    patch_open_dialog(monkeypatch, package)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a, **_k: told.append(text))
    )
    click(qtbot, welcome.welcome.open_button)
    assert told and "合并其他文件" in told[0]
    assert welcome.db is None and welcome.welcome.isVisible()


def test_open_the_demo(qtbot, welcome: MainWindow) -> None:
    # the demo file a first `--demo` builds (≈ 8 s at full size) is made small here in advance
    create_demo_database(
        demo_db_path(), stations=2, delegates=6, years=1, seed=3, today=date(2026, 11, 24)
    )
    click(qtbot, welcome.welcome.demo_button)
    assert welcome.db is not None and welcome.db.is_demo
    assert welcome.db.path == demo_db_path().resolve()
    assert welcome.windowTitle().endswith("[演示数据]")
    assert not default_db_path().exists()


def test_recent_files_are_listed_and_open_with_one_click(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.ui.app import make_application, start_window

    kept = tmp_path / "县团委.sqlite"
    create_database(kept)
    gone = tmp_path / "旧文件.sqlite"
    settings = app_settings()
    remember_recent(settings, gone)
    remember_recent(settings, kept)
    settings.sync()
    make_application()
    window = start_window(None)
    qtbot.addWidget(window)
    window.show()
    page = window.welcome
    assert page.recent_title.isVisible()
    texts = [b.text() for b in page.recent_buttons]
    assert texts[0].startswith("县团委.sqlite") and "找不到文件" in texts[1]
    assert not page.recent_buttons[1].isEnabled()
    # the File menu's 最近打开 works on the welcome page too
    assert [a.isEnabled() for a in window.form.menuRecent.actions()] == [True, False]
    click(qtbot, page.recent_buttons[0])
    assert window.db is not None and window.db.path == kept.resolve()
    window.close()


def test_the_gui_command_shows_the_welcome_page_on_a_new_pc(private_data_dir: Path) -> None:
    """`twdesk` in a fresh process with an empty data folder: the window paints with the
    welcome page (what the frozen build's smoke test sees) and creates no file."""
    from tests.helpers import run_twdesk

    result = run_twdesk(
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "TWDESK_EXIT_WHEN_SHOWN": "ready",
            "TWDESK_DATA_DIR": str(private_data_dir),
        }
    )
    assert result.returncode == 0, result.stderr
    assert "TWDESK_SHOWN" in result.stdout
    assert not default_db_path().exists()


def test_new_office_refuses_to_overwrite_and_picks_a_free_name(qtbot, welcome: MainWindow) -> None:
    # the default file appeared meanwhile (another window): the new one gets a free name
    create_database(default_db_path(), office_name="已有")
    before = digest(default_db_path())
    click(qtbot, welcome.welcome.new_office_button)
    dialog = welcome.findChild(NewOfficeDialog)
    assert dialog.path.name == "twdesk-2.twdb"
    dialog.office.setText("青川县团委")
    click(qtbot, dialog.ok_button)
    assert welcome.db.path.name == "twdesk-2.twdb"
    assert digest(default_db_path()) == before
    QApplication.processEvents()


def test_welcome_page_lays_the_choices_out_two_by_two(qtbot, welcome: MainWindow) -> None:
    """The page grabs with its four buttons laid out side by side, none squeezed."""
    page = welcome.welcome
    welcome.resize(1280, 690)
    QApplication.processEvents()
    image = welcome.grab().toImage()
    assert image.width() >= 1000
    first, second = page.new_office_button, page.import_button
    assert first.geometry().top() == second.geometry().top()  # two per row
    assert first.height() >= 100 and first.width() > 300
    assert first.description.height() >= first.description.fontMetrics().height()


def test_demo_flag_still_opens_the_demo_at_once(qtbot) -> None:
    """`python3 dev.py start` runs `twdesk --demo`: no welcome page, the demo file opens."""
    from twdesk.ui.app import make_application, start_window

    create_demo_database(
        demo_db_path(), stations=2, delegates=6, years=1, seed=3, today=date(2026, 11, 24)
    )
    make_application()
    window = start_window(None, demo=True)
    qtbot.addWidget(window)
    assert window.welcome is None
    window.show()
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    assert window.db.is_demo and window.db.path == demo_db_path().resolve()
    window.close()


def test_the_file_menu_works_on_the_welcome_page(
    qtbot, welcome: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "另建.sqlite"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a, **_k: (str(target), "")),
    )
    welcome.form.actionNew.trigger()
    assert welcome.db is not None and welcome.db.path == target.resolve()
    assert not welcome.welcome.isVisible() and welcome.form.tabs.isVisible()
    assert [a.text() for a in welcome.form.menuRecent.actions()] == [str(target.resolve())]
