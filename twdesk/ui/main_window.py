"""The main window: seven tabs (首页 first), the File menu, a status bar with the open file and counts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from twdesk import __version__
from twdesk.core.errors import UserError
from twdesk.paths import data_dir, default_db_path, demo_db_path
from twdesk.ui.actions import EVERYTHING, announce, ask_save_path, changes, show_error, show_saved
from twdesk.ui.forms.ui_main_window import Ui_MainWindow
from twdesk.ui.i18n import (
    CHINESE,
    ENGLISH,
    app_title,
    language_setting,
    notr,
    save_language,
    tr,
)
from twdesk.ui.readonly import set_read_only
from twdesk.ui.settings import (
    app_settings,
    recent_files,
    recent_servers,
    remember_recent,
    remember_recent_server,
)
from twdesk.ui.tabs.plans import tab_plans

if TYPE_CHECKING:
    from twdesk.services.files import Database, ServerLocation
    from twdesk.ui.help_window import HelpWindow
    from twdesk.ui.welcome import WelcomePage

# The database layer, the services and the tabs load after the window's first paint (start-up
# shows the window at once and opens the file a moment later): they are imported where used.

DEFAULT_SIZE = (1280, 690)  # inside the frame; with a title bar ≈ 1290 × 725
FRAME_ALLOWANCE = (8, 38)  # a usual Windows frame: borders, title bar
# a file the app saves is a .twdb (the installer associates it with the app); .sqlite keeps working
FILE_FILTER = tr("twdesk 数据库 (*.twdb *.sqlite *.db);;所有文件 (*)")
OPEN_FILTER = tr("twdesk 数据库 (*.twdb *.sqlite *.db);;twdesk 交换包 (*.twpkg);;所有文件 (*)")


class _VerifyRelay(QObject):
    """Carries the background integrity result from its thread to the GUI thread."""

    finished = Signal(object)


# At start-up on 首页: the longest the other tabs wait for 首页's worker before being built.
OTHER_TABS_WAIT_MS = 700


class _FirstPaint(QObject):
    """Runs `callback` once, on the event loop's next turn after the window first painted."""

    def __init__(self, window: QWidget, callback: object) -> None:
        super().__init__(window)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # type: ignore[arg-type]
        return False


class MainWindow(QMainWindow):
    database_changed = Signal(object)
    # the tabs exist (on the first file), before any of them loads; at start-up on 首页: 首页
    # exists (the other tabs are built on the next turn, after its first lines)
    tabs_created = Signal()

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        """With `db`, the window is built on it at once; without, call `open_after_paint(path)`:
        the window paints first and the file is opened and the tabs built right after."""
        super().__init__(parent)
        self.form = Ui_MainWindow()
        self.form.setupUi(self)
        self.db: Database | None = None
        self.start_failed = False
        self._other_tabs_built = False
        self._closed = False
        self.settings = app_settings()
        self.plans = tab_plans()
        for plan in self.plans:  # the tab titles show at once; the pages arrive with the file
            waiting = QLabel(self.tr("正在打开数据库…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.form.tabs.addTab(waiting, plan.title)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "#readOnlyBanner { color: #7a4b00; background: #fff3e0; border: 1px solid #f0c27b;"
            " border-radius: 4px; padding: 6px; font-weight: bold; }"
        )
        self.read_only_banner.hide()
        self.form.centralwidget.layout().insertWidget(0, self.read_only_banner)
        self.path_label = QLabel()
        self.counts_label = QLabel()
        self.overdue_label = QLabel()
        self.overdue_label.setToolTip(self.tr("已交办但超过办理期限、尚未办结的意见建议"))
        self.form.statusbar.addPermanentWidget(self.counts_label)
        self.form.statusbar.addPermanentWidget(self.overdue_label)
        self.form.statusbar.addPermanentWidget(self.path_label)
        self._verify_relay = _VerifyRelay(self)
        self._verify_relay.finished.connect(self._on_verified)
        changes().changed.connect(self._areas_changed)  # the status-bar counts

        self.form.actionNew.triggered.connect(self.new_database)
        self.form.actionOpen.triggered.connect(self.open_database_dialog)
        self.form.actionConnectServer.triggered.connect(lambda: self.connect_server_dialog())
        self.form.actionSaveCopy.triggered.connect(self.save_copy)
        self.form.actionBackups.triggered.connect(lambda: self.show_backups())
        self.form.actionExportPackage.triggered.connect(lambda: self.export_package())
        self.form.actionMerge.triggered.connect(lambda: self.merge_other_file())
        self.form.actionQuit.triggered.connect(self.close)
        self.form.actionAbout.triggered.connect(self.show_about)
        self._setup_language_menu()
        self.form.actionHelp.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.form.actionHelp.triggered.connect(lambda: self.show_help())
        self.help_window: HelpWindow | None = None
        self.welcome: WelcomePage | None = None
        self.form.actionRecycleBin.triggered.connect(lambda: self.show_recycle_bin())
        self.recycle_bin_dialog: QDialog | None = None
        self.form.actionOpenDataFolder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))
        )
        self._restore_window_state()
        if db is not None:
            self.install_database(db)
        else:
            self.form.menubar.setEnabled(False)  # until a file is open

    def open_after_paint(self, path: Path | ServerLocation) -> None:
        """Start-up: open `path` once the window has painted (refused → the window closes and
        `start_failed` is set)."""
        self.installEventFilter(_FirstPaint(self, lambda: self._open_at_start(path)))

    def _open_at_start(self, path: Path | ServerLocation) -> None:
        from twdesk.ui.opening import open_with_messages

        db = None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = open_with_messages(self, path)
            if db is not None:
                self.install_database(db, home_first=True)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if db is None:
            self.start_failed = True
            self.close()

    def install_database(self, db: Database, *, home_first: bool = False) -> None:
        """Build the tabs on the open file (once) and show what it holds.

        `home_first` (start-up, the window painted, 首页 showing): 首页 is built and shows its
        first lines first; the other tabs follow once its worker is done (the menus stay
        disabled until then)."""
        from twdesk.ui.tabs.home_tab import HomeTab

        self.db = db
        tabs = self.form.tabs
        current = max(tabs.currentIndex(), 0)
        self.home_tab = HomeTab(db, lazy=True)
        self.home_tab.line_activated.connect(self.open_line)
        self._other_tabs_built = False
        if self.welcome is not None:
            self.welcome.hide()
        tabs.show()
        if home_first and self.isVisible() and current == 0:
            tabs.setUpdatesEnabled(False)
            self._replace_page(0, self.home_tab)
            tabs.setCurrentIndex(0)
            tabs.setUpdatesEnabled(True)
            self.tabs_created.emit()
            # start-up: the window has painted already; 首页 shows its first lines now, then
            # the rest from its worker; the other tabs and the status bar are built once the
            # rest arrived (both need the interpreter) or after OTHER_TABS_WAIT_MS at most
            self.home_tab.today_page.filled.connect(self._home_filled)
            self.home_tab.load_now()
            QTimer.singleShot(OTHER_TABS_WAIT_MS, self._build_other_tabs)
        else:
            self._build_other_tabs(current)

    def _home_filled(self, complete: bool) -> None:
        if complete:
            QTimer.singleShot(0, self._build_other_tabs)

    def _replace_page(self, index: int, page: QWidget) -> None:
        tabs = self.form.tabs
        waiting = tabs.widget(index)
        tabs.removeTab(index)
        tabs.insertTab(index, page, self.plans[index].title)
        if waiting is not None and waiting is not page:
            waiting.deleteLater()

    def _build_other_tabs(self, current: int | None = None) -> None:
        """The tabs after 首页 (idempotent: a home-page click may need them first)."""
        if self._other_tabs_built or self._closed:
            return
        self._other_tabs_built = True
        from twdesk.ui.tabs.contacts_tab import ContactsTab
        from twdesk.ui.tabs.duty_tab import DutyTab
        from twdesk.ui.tabs.evaluation_tab import EvaluationTab
        from twdesk.ui.tabs.ledger_tab import LedgerTab
        from twdesk.ui.tabs.people_tab import PeopleTab
        from twdesk.ui.tabs.visits_tab import VisitsTab

        db, tabs = self.db, self.form.tabs
        assert db is not None
        shown = tabs.currentIndex() if current is None else current
        # each tab reloads itself on the `changes()` bus when an action changed what it shows
        self.people_tab = PeopleTab(db, lazy=True)
        self.duty_tab = DutyTab(db, lazy=True)
        self.visits_tab = VisitsTab(db, lazy=True)
        self.ledger_tab = LedgerTab(db, lazy=True)
        self.contacts_tab = ContactsTab(db, lazy=True)
        self.evaluation_tab = EvaluationTab(db, lazy=True)
        if current is not None:
            self.tabs_created.emit()
        pages: list[QWidget] = [
            self.home_tab,
            self.people_tab,
            self.duty_tab,
            self.visits_tab,
            self.ledger_tab,
            self.contacts_tab,
            self.evaluation_tab,
        ]
        tabs.setUpdatesEnabled(False)
        for index, page in enumerate(pages):
            if tabs.widget(index) is not page:
                self._replace_page(index, page)
        tabs.setCurrentIndex(max(shown, 0))
        tabs.setUpdatesEnabled(True)
        self.form.menubar.setEnabled(True)
        self._enable_file_actions(True)
        self._database_opened()

    def open_line(self, line: object) -> None:
        """A click on a home-page line: the tab that owns the record, showing it."""
        from twdesk.core import home_view as hv

        self._build_other_tabs()
        target = line.target  # type: ignore[attr-defined]
        tab, tabs = line.tab, self.form.tabs  # type: ignore[attr-defined]
        if tab == hv.TAB_BACKUPS:
            self.show_backups()
        elif tab == hv.TAB_DUTY:
            tabs.setCurrentWidget(self.duty_tab)
            if "holidays" in target:
                self.duty_tab.open_holidays_for(target["holidays"])
            else:
                self.duty_tab.show_day(target.get("station_id"), target["day"])
        elif tab == hv.TAB_VISITS:
            tabs.setCurrentWidget(self.visits_tab)
            self.visits_tab.show_items(
                target.get("station_id"),
                target.get("item_number"),
                overdue=bool(target.get("overdue")),
            )
        elif tab == hv.TAB_LEDGER:
            tabs.setCurrentWidget(self.ledger_tab)
            if target.get("page") == "behind":
                self.ledger_tab.show_behind(target.get("station_id"))
            else:
                self.ledger_tab.show_entries(target.get("station_id"), target.get("confirmation"))
        elif tab == hv.TAB_CONTACTS:
            tabs.setCurrentWidget(self.contacts_tab)
            self.contacts_tab.open_book(target["person_id"])
        elif tab == hv.TAB_EVALUATION:
            tabs.setCurrentWidget(self.evaluation_tab)
            self.evaluation_tab.show_station(target["year"], target.get("station_id"))

    # --- state of the open file ---------------------------------------------------------------

    def _database_opened(self) -> None:
        self._show_read_only()
        if self.db.path is not None:
            remember_recent(self.settings, self.db.path)
        elif self.db.server is not None:  # its URL: a location never holds a password
            remember_recent_server(self.settings, self.db.server.url)
        self._show_file_actions()
        self._rebuild_recent_menu()
        self.refresh()
        if self.db.backup_path is not None:
            self.form.statusbar.showMessage(
                self.tr("数据库已升级到新版本，原文件已备份为：{0}").format(
                    self.db.backup_path.name
                ),
                15000,
            )
        self.db.verify_in_background(self._verify_relay.finished.emit)
        self.database_changed.emit(self.db)

    def _show_file_actions(self) -> None:
        """另存副本 and 备份与恢复 copy the file: on a server database they are the server
        administrator's job, so they are off and say so (导出交换包 works on both)."""
        on_file = self.db is not None and self.db.path is not None
        from twdesk.services.files import SERVER_BACKUP_MESSAGE

        for action in (self.form.actionSaveCopy, self.form.actionBackups):
            action.setEnabled(on_file)
            action.setToolTip("" if on_file else self.tr(SERVER_BACKUP_MESSAGE))

    def _server_refusal(self) -> bool:
        """True (after saying why) when the open database is on a server: no file to copy."""
        if self.db is None or self.db.path is not None:
            return False
        from twdesk.services.files import SERVER_BACKUP_MESSAGE

        QMessageBox.information(self, self.tr("服务器数据库"), self.tr(SERVER_BACKUP_MESSAGE))
        return True

    def _show_read_only(self) -> None:
        """A write-protected stick or read-only file: say why, disable every edit, keep outputs."""
        read_only = bool(getattr(self.db, "read_only", False))
        reason = getattr(self.db, "read_only_reason", "") or self.tr("文件或 U 盘写保护")
        if self.db is not None and self.db.path is None:
            text = self.tr("只读：{0}。只能查看和导出，不能修改；要修改，请用有写权限的账号连接。")
        else:
            text = self.tr(
                "只读：{0}。这个文件只能查看和导出，不能修改；"
                "要修改，请把它复制到可写的位置（或关闭 U 盘写保护）后再打开。"
            )
        self.read_only_banner.setText(text.format(reason))
        self.read_only_banner.setVisible(read_only)
        set_read_only(self, read_only)

    def refresh(self) -> None:
        title = f"{app_title()} — {self.db.name}"
        if self.db.path is None:
            title += self.tr(" [服务器]")
        if self.db.is_demo:
            title += self.tr(" [演示数据]")
        self.setWindowTitle(title)
        self.path_label.setText(self.db.describe())
        self.path_label.setToolTip(
            self.tr("当前打开的数据库文件")
            if self.db.path is not None
            else self.tr("当前连接的服务器数据库")
        )
        from twdesk.services.overview import record_counts

        with self.db.session() as session:
            counts = record_counts(session)
        text = self.tr("联络站 {0} · 在任团代表 {1} · 来访 {2} · 意见建议 {3}").format(
            f"{counts['stations']:,}",
            f"{counts['delegates']:,}",
            f"{counts['visits']:,}",
            f"{counts['opinions']:,}",
        )
        self.counts_label.setText(text)
        self.overdue_label.setText(self.tr("超期 {0}").format(f"{counts['overdue']:,}"))
        self.overdue_label.setStyleSheet(
            "color: #b3261e; font-weight: bold;" if counts["overdue"] else ""
        )

    def _areas_changed(self, _areas: frozenset[str]) -> None:
        if self.db is not None and not self._closed:  # a closed window's file is closed
            self.refresh()

    def _on_verified(self, message: object) -> None:
        if message:
            QMessageBox.critical(
                self,
                self.tr("数据库文件有损坏"),
                str(message)
                + "\n\n"
                + self.tr("请不要继续在这个文件中录入，先用“另存副本”保留一份，再联系技术人员。"),
            )

    # --- first run: the welcome page ----------------------------------------------------------

    def show_welcome(self) -> WelcomePage:
        """No database on this PC yet: four ways to start (and the files opened before) instead
        of empty tabs. The menus work; what needs an open file is disabled until one is open."""
        from twdesk.ui.welcome import WelcomePage

        if self.welcome is None:
            self.welcome = WelcomePage()
            self.welcome.new_office_requested.connect(lambda: self.start_new_office())
            self.welcome.import_roster_requested.connect(lambda: self.start_with_roster())
            self.welcome.open_file_requested.connect(lambda: self.open_database_dialog())
            self.welcome.demo_requested.connect(lambda: self.open_demo())
            self.welcome.recent_requested.connect(lambda path: self.switch_to(path))
            self.form.centralwidget.layout().addWidget(self.welcome)
        self.welcome.set_recent(recent_files(self.settings))
        self.form.tabs.hide()
        self.welcome.show()
        self.setWindowTitle(app_title())
        self.form.menubar.setEnabled(True)
        self._enable_file_actions(False)
        self._rebuild_recent_menu()
        return self.welcome

    def _enable_file_actions(self, enabled: bool) -> None:
        """The actions that work on the open file (off on the welcome page)."""
        for action in (
            self.form.actionSaveCopy,
            self.form.actionMerge,
            self.form.actionExportPackage,
            self.form.actionBackups,
            self.form.actionRecycleBin,
        ):
            action.setEnabled(enabled)

    def _open_first(self, path: Path) -> bool:
        """From the welcome page: open `path` and build the tabs on it."""
        from twdesk.services.packages import is_package

        if is_package(path):  # a package is merged into a file: there is none open yet
            QMessageBox.information(
                self,
                self.tr("这是一个交换包"),
                self.tr(
                    "「{0}」是交换包，要合并到本单位的数据库中才能查看。"
                    "请先新建本单位数据库（或打开已有的数据库），"
                    "再用“文件 → 合并其他文件…”合并它。"
                ).format(path.name),
            )
            return False
        from twdesk.ui.opening import open_with_messages

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = open_with_messages(self, path)
            if db is not None:
                self.install_database(db)
        finally:
            QGuiApplication.restoreOverrideCursor()
        return db is not None

    def start_new_office(self) -> QDialog:
        """新建本单位数据库: office name and county, the file created in the data folder, then
        联络站与代表 to build the station tree."""
        from twdesk.ui.dialogs.new_office_dialog import NewOfficeDialog

        dialog = NewOfficeDialog(self._free_default_path(), self)

        def created() -> None:
            if dialog.created is not None and self.switch_to(dialog.created):
                self.form.tabs.setCurrentWidget(self.people_tab)

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def _free_default_path(self) -> Path:
        """The default file's name, or the first free 「twdesk-2.twdb」… beside it."""
        path = default_db_path()
        number = 2
        while path.exists():
            path = path.with_name(f"{default_db_path().stem}-{number}{path.suffix}")
            number += 1
        return path

    def start_with_roster(self) -> object:
        """从 Excel 导入名册: the roster first (cancel leaves nothing behind), then the default
        file (created when missing) and the people tab's own import: preview, then import."""
        from twdesk.ui.tabs.people.people_panel import SPREADSHEETS

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的名册"), "", self.tr(SPREADSHEETS)
        )
        if not name:
            return None
        path = default_db_path()
        if self.db is None or self.db.path != path.resolve():
            if not path.exists():
                from twdesk.services import files

                try:
                    files.new_file(path)
                except UserError as exc:
                    show_error(self, exc, self.tr("无法新建数据库"))
                    return None
            if not self.switch_to(path):
                return None
        self.form.tabs.setCurrentWidget(self.people_tab)
        return self.people_tab.import_roster(Path(name))

    def open_demo(self) -> bool:
        """打开演示数据: the demo file in the data folder (built on first use, as `--demo`)."""
        from twdesk.services.files import demo_file

        path = demo_db_path()
        if not path.exists():
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.form.statusbar.showMessage(self.tr("正在生成演示数据…"))
            try:
                demo_file(path)
            except UserError as exc:
                QGuiApplication.restoreOverrideCursor()
                show_error(self, exc, self.tr("无法打开演示数据"))
                return False
            QGuiApplication.restoreOverrideCursor()
            self.form.statusbar.clearMessage()
        return self.switch_to(path)

    # --- help ---------------------------------------------------------------------------------

    def help_section(self) -> str:
        """The manual's page for what is on screen: the current tab (at its page's part), or
        开始使用 on the welcome page."""
        from twdesk.ui.help_window import WELCOME_SECTION, section_for_tab

        if self.db is None:
            return WELCOME_SECTION
        return section_for_tab(self.form.tabs.currentIndex(), self.form.tabs.currentWidget())

    def show_help(self, section: str | None = None) -> HelpWindow:
        """帮助 → 使用说明 / F1: the manual (one non-modal window) at the current tab's page."""
        from twdesk.ui.help_window import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_section(section or self.help_section())
        self.help_window.show()  # owned by the main window: it stays in front of it
        self.help_window.activateWindow()
        return self.help_window

    # --- File menu ----------------------------------------------------------------------------

    def _rebuild_recent_menu(self) -> None:
        menu = self.form.menuRecent
        menu.clear()
        items = recent_files(self.settings)
        for path in items:
            action = QAction(str(path), menu)
            if path.exists():
                action.triggered.connect(lambda _checked=False, p=path: self.switch_to(p))
            else:
                action.setText(self.tr("{0}（找不到文件）").format(path))
                action.setEnabled(False)
            menu.addAction(action)
        servers = recent_servers(self.settings)
        if items and servers:
            menu.addSeparator()
        for url in servers:  # asked again (the password), filled in
            action = QAction(url, menu)
            action.triggered.connect(lambda _checked=False, u=url: self.connect_server_dialog(u))
            menu.addAction(action)
        menu.setEnabled(bool(items or servers))

    def switch_to(self, path: Path) -> bool:
        """Open another file; the current one stays open if the new one cannot be opened."""
        if not isinstance(path, Path | str):  # a server database (services.files.ServerLocation)
            return self._switch_to_server(path)
        path = Path(path).resolve()
        if self.db is None:
            return self._open_first(path)
        if path == self.db.path:
            return True
        from twdesk.services.packages import is_package

        if is_package(path):  # a transfer package is merged, not opened: preview the merge
            from twdesk.ui.dialogs.merge_dialog import start_merge

            start_merge(self, self.db, path)
            return False
        from twdesk.ui.opening import open_with_messages

        new_db = open_with_messages(self, path)
        if new_db is None:
            return False
        old, self.db = self.db, new_db
        self.visits_tab.shutdown()
        self.home_tab.shutdown()
        old.close()
        self._use_database(new_db)
        return True

    def _switch_to_server(self, location: ServerLocation) -> bool:
        """Open a server database instead of the current one (which stays open if it cannot)."""
        if self.db is not None and location == self.db.server:
            return True
        from twdesk.ui.opening import open_with_messages

        new_db = open_with_messages(self, location)
        if new_db is None:
            return False
        if self.db is None:  # nothing open yet: the tabs are built on it
            self.install_database(new_db)
            return True
        old, self.db = self.db, new_db
        self.visits_tab.shutdown()
        self.home_tab.shutdown()
        old.close()
        self._use_database(new_db)
        return True

    def _use_database(self, new_db: Database) -> None:
        self.db = new_db
        self.home_tab.set_database(new_db)
        self.people_tab.set_database(new_db)
        self.duty_tab.set_database(new_db)
        self.visits_tab.set_database(new_db)
        self.ledger_tab.set_database(new_db)
        self.contacts_tab.set_database(new_db)
        self.evaluation_tab.set_database(new_db)
        self._database_opened()

    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("新建数据库"), str(data_dir() / notr("新数据库.twdb")), FILE_FILTER
        )
        if not name:
            return
        from twdesk.services import files

        try:
            path = files.new_file(Path(name))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法新建数据库"), str(exc))
            return
        self.switch_to(path)

    def open_database_dialog(self) -> bool:
        folder = ""
        if self.db is not None:
            folder = str(self.db.path.parent if self.db.path is not None else data_dir())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开数据库"), folder, self.tr(OPEN_FILTER)
        )
        return bool(name) and self.switch_to(Path(name))

    def connect_server_dialog(self, initial: str | ServerLocation | None = None) -> bool:
        """文件 → 连接服务器数据库…: ask where (and the password), then open it like a file."""
        from twdesk.services.files import parse_location
        from twdesk.ui.dialogs.server_dialog import ServerDialog

        if isinstance(initial, str):
            initial = parse_location(initial)  # type: ignore[assignment]
        if initial is None and self.db is not None:
            initial = self.db.server
        while True:  # refused (a mistyped password, a wrong name): asked again, filled in
            dialog = ServerDialog(self, initial)  # type: ignore[arg-type]
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.location is None:
                return False
            if self.switch_to(dialog.location):
                return True
            initial = dialog.location

    def save_copy(self) -> None:
        """另存副本 (for a USB stick): asked in the last folder used for copies."""
        if self._server_refusal() or self.db.path is None:
            return
        dest = ask_save_path(
            self,
            "copy",
            self.tr("另存副本"),
            notr("{0}-副本.twdb").format(self.db.path.stem),
            self.tr(FILE_FILTER),
        )
        if dest is None:
            return
        from twdesk.services import files

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = files.save_copy(self.db, dest)
        except UserError as exc:
            QGuiApplication.restoreOverrideCursor()
            show_error(self, exc, self.tr("副本保存失败"))
            return
        QGuiApplication.restoreOverrideCursor()
        show_saved(self, saved, self.tr("已保存并校验副本。"))

    def show_backups(self) -> QWidget | None:
        """备份与恢复…: the list of backups, 立即备份, restore (the file is reopened)."""
        from twdesk.ui.dialogs.backups_dialog import BackupsDialog

        if self._server_refusal():
            return None
        dialog = self.findChild(BackupsDialog)
        if dialog is None:  # one per window, reloaded each time
            dialog = BackupsDialog(self.db.path, self.restore_from_backup, self)
        dialog.db_path = self.db.path
        dialog.reload()
        dialog.open()
        return dialog

    def restore_from_backup(self, backup: Path) -> bool:
        """Close the file, put `backup` in its place (the current file is backed up first), and
        open it again; on a refusal the file reopens as it was."""
        from twdesk.services.backups import restore_backup
        from twdesk.ui.opening import open_with_messages

        path = self.db.path
        if path is None:  # a server database has no backup files to restore from
            return not self._server_refusal()
        self.visits_tab.shutdown()
        self.home_tab.shutdown()
        self.db.close()
        error: Exception | None = None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            before = restore_backup(path, backup)
        except Exception as exc:  # whatever went wrong, the file is opened again (and locked)
            error = exc
        finally:
            QGuiApplication.restoreOverrideCursor()
        new_db = open_with_messages(self, path)
        if new_db is None:  # should not happen: the restored file was verified
            self.start_failed = True
            self.close()
            return False
        self._use_database(new_db)
        if isinstance(error, UserError):
            show_error(self, error, self.tr("没有恢复"))
            return False
        if error is not None:
            raise error  # reported by the crash handler, with the file open again
        announce(EVERYTHING)
        self.form.statusbar.showMessage(
            self.tr("已从备份恢复。恢复前的文件已备份为：{0}").format(before.path.name), 15000
        )
        return True

    def export_package(self) -> object:
        """导出交换包…"""
        from twdesk.ui.dialogs.package_dialog import export_package

        # a server database is copied to a temporary file first, then packaged
        return export_package(self, self.db.location)

    def show_recycle_bin(self) -> QDialog:
        """编辑 → 回收站…"""
        from twdesk.ui.dialogs.recycle_bin_dialog import open_recycle_bin

        if self.recycle_bin_dialog is not None:
            self.recycle_bin_dialog.deleteLater()
        self.recycle_bin_dialog = open_recycle_bin(self.db, self)
        return self.recycle_bin_dialog

    def merge_other_file(self) -> QWidget | None:
        """文件 → 合并其他文件…: a station's or the county's file, previewed, merged, reviewed."""
        from twdesk.ui.dialogs.merge_dialog import start_merge

        return start_merge(self, self.db)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "<h3>{0}</h3><p>twdesk {1}</p><p>团县委团代表联络站工作台：联络站与代表、坐班日历、来访登记、"
                "履职记录、履职考核。</p><p>字体：霞鹜文楷 LXGW WenKai，SIL Open Font License 1.1。</p>"
            ).format(app_title(), __version__),
        )

    # --- interface language ---------------------------------------------------------------------

    def _setup_language_menu(self) -> None:
        group = QActionGroup(self)
        group.setExclusive(True)
        saved = language_setting(self.settings)
        for action, language in (
            (self.form.actionLanguageChinese, CHINESE),
            (self.form.actionLanguageEnglish, ENGLISH),
        ):
            group.addAction(action)
            action.setChecked(language == saved)
            action.triggered.connect(lambda _checked=False, lang=language: self.set_language(lang))

    def set_language(self, language: str) -> None:
        """Save the interface language; it takes effect at the next start (said in both)."""
        if language == language_setting(self.settings):
            return
        save_language(self.settings, language)
        name = "English" if language == ENGLISH else notr("中文")
        QMessageBox.information(
            self,
            notr("语言 / Language"),
            notr("界面语言已设为{0}，重新启动后生效。").format(name)
            + "\n\n"
            + f"The interface language is now {'English' if language == ENGLISH else 'Chinese'};"
            " it takes effect when twdesk is restarted.",
        )

    # --- window state -------------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.form.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))

    def _default_geometry(self) -> None:
        """Fits a 1366×768 laptop with its taskbar (≤ 1366×728 with the frame), centred."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        width = min(DEFAULT_SIZE[0], available.width() - 2 * FRAME_ALLOWANCE[0])
        height = min(DEFAULT_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.form.tabs.currentIndex())
        self.settings.sync()
        self._closed = True  # a start-up still building the other tabs stops here
        if self.db is not None:
            if self._other_tabs_built:
                self.visits_tab.shutdown()
            self.home_tab.shutdown()
            self.db.close()
        super().closeEvent(event)
