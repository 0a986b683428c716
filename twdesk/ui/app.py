"""Start the GUI: fonts, crash dialog, the database to open, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QObject,
    QSize,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from twdesk.core.errors import UserError
from twdesk.crashlog import log_exception, setup_logging
from twdesk.paths import default_db_path, demo_db_path, resources_dir

ICON_SIZES = (16, 32, 48, 64, 128, 256)

if TYPE_CHECKING:
    from twdesk.services.files import ServerLocation
    from twdesk.ui.main_window import MainWindow


def make_application() -> QApplication:
    from twdesk.ui.fonts import install_fonts
    from twdesk.ui.i18n import app_title, install_translations, language_setting
    from twdesk.ui.settings import app_settings

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("twdesk")
    QCoreApplication.setApplicationName("twdesk")
    app.setWindowIcon(app_icon())
    install_fonts(app)  # type: ignore[arg-type]
    install_translations(app, language_setting(app_settings()))  # type: ignore[arg-type]
    app.setApplicationDisplayName(app_title())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    """The window and taskbar icon: resources/icons/twdesk-<size>.png (scripts/make_icon.py
    draws them; the .exe carries the same picture as twdesk.ico)."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"twdesk-{size}.png"), QSize(size, size))
    return icon


def install_qt_translations(app: QApplication) -> bool:
    """Qt's own buttons, menus, date pickers and file dialogs in Chinese (qtbase_zh_CN.qm from
    the PySide6 wheel; the frozen build carries the same folder). Once per application."""
    if app.property("twdesk_qt_translated"):
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    app.installTranslator(translator)
    app.setProperty("twdesk_qt_translated", True)
    return True


def show_startup_error(text: str) -> None:
    """What the command line would have printed on stderr, for the windowed launcher, which has
    no console to print it on."""
    from twdesk.ui.i18n import app_title

    if QApplication.instance() is None:
        make_application()
    QMessageBox.critical(None, app_title(), text)


def install_crash_dialog() -> None:
    """Uncaught exceptions: logged (masked) and shown in a dialog with a copyable report."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        report = log_exception(exc_type, exc, tb)
        if showing or QApplication.instance() is None:
            return
        from twdesk.ui.dialogs.crash_dialog import CrashDialog

        showing = True
        try:
            CrashDialog(report, setup_logging(), QApplication.activeWindow()).exec()
        finally:
            showing = False

    sys.excepthook = hook


def _resolve_path(db_path: Path | str | None, demo: bool) -> Path | ServerLocation | None:
    """The file (or server database: postgresql://…) to open: the one named, the default one
    (it exists: otherwise the welcome page shows), or the demo, built on first use."""
    if isinstance(db_path, str):
        from twdesk.services.files import LocationError, parse_location

        try:
            return parse_location(db_path)
        except LocationError as exc:
            title = QCoreApplication.translate("App", "无法打开数据库")
            QMessageBox.critical(None, title, str(exc))
            return None
    if db_path is not None:
        return Path(db_path)
    path = demo_db_path() if demo else default_db_path()
    if path.exists() or not demo:
        return path
    from twdesk.services.files import demo_file

    try:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            demo_file(path)
        finally:
            QGuiApplication.restoreOverrideCursor()
    except UserError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "无法打开数据库"), str(exc))
        return None
    return path


def first_run(db_path: Path | str | None, demo: bool) -> bool:
    """`twdesk` with no file named and no default database yet: the welcome page, which
    creates or opens one (`--demo` and `--db` keep opening their file at once)."""
    return not db_path and not demo and not default_db_path().exists()


def start_window(db_path: Path | str | None, *, demo: bool = False) -> MainWindow | None:
    """The main window, not shown yet: on the file (or server database) to open, opened once
    the window has painted, or on the welcome page at the first run; None when the file
    cannot be made."""
    from twdesk.ui.main_window import MainWindow

    if first_run(db_path, demo):
        window = MainWindow()
        window.show_welcome()
        return window
    path = _resolve_path(db_path, demo)
    if path is None:
        return None
    window = MainWindow()
    window.open_after_paint(path)
    return window


def run_gui(db_path: Path | str | None, *, demo: bool = False) -> int:
    """The window paints first; the file is opened (checked, locked, upgraded) right after, so
    the database layer's start-up cost is never spent in front of an empty screen."""
    from twdesk.ui.preload import preload_in_background

    preload_in_background()
    app = make_application()
    setup_logging()
    install_crash_dialog()
    window = start_window(db_path, demo=demo)
    if window is None:
        return 1
    when = os.environ.get("TWDESK_EXIT_WHEN_SHOWN")
    if when:  # benchmarks: process start → window on screen ("ready": → file open, tab filled)
        window.installEventFilter(_ExposeWatcher(window, ready=when == "ready"))
    window.show()
    code = app.exec()
    return 1 if window.start_failed else code


class _ExposeWatcher(QObject):
    """Prints TWDESK_SHOWN when the window first paints (or, with `ready`, once the file is open
    and the first tab has read it, or the welcome page shows), then closes the window
    (benchmarks, the frozen build's smoke test)."""

    def __init__(self, window: QWidget, *, ready: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.ready = ready
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            waiting = getattr(self.window, "db", None) is None
            if self.ready and waiting and getattr(self.window, "welcome", None) is None:
                return False
            self.done = True
            # a zero timer runs after the tab's own first load, which was queued before it
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print("TWDESK_SHOWN", flush=True)
        self.window.close()
