"""The main window: seven tabs (首页 first), the File menu, a status bar with the open file and counts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from twdesk import APP_TITLE, __version__
from twdesk.core.errors import UserError
from twdesk.paths import data_dir
from twdesk.ui.actions import EVERYTHING, announce, ask_save_path, changes, show_error, show_saved
from twdesk.ui.forms.ui_main_window import Ui_MainWindow
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

# The database layer, the services and the tabs load after the window's first paint (start-up
# shows the window at once and opens the file a moment later): they are imported where used.

DEFAULT_SIZE = (1280, 690)  # inside the frame; with a title bar ≈ 1290 × 725
FRAME_ALLOWANCE = (8, 38)  # a usual Windows frame: borders, title bar
FILE_FILTER = "twdesk 数据库 (*.sqlite *.db);;所有文件 (*)"
OPEN_FILTER = "twdesk 数据库 (*.sqlite *.db);;twdesk 交换包 (*.twpkg);;所有文件 (*)"


class _VerifyRelay(QObject):
    """Carries the background integrity result from its thread to the GUI thread."""

    finished = Signal(object)


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
    tabs_created = Signal()  # the tabs exist (on the first file), before any of them loads

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        """With `db`, the window is built on it at once; without, call `open_after_paint(path)`:
        the window paints first and the file is opened and the tabs built right after."""
        super().__init__(parent)
        self.form = Ui_MainWindow()
        self.form.setupUi(self)
        self.db: Database | None = None
        self.start_failed = False
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
                self.install_database(db)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if db is None:
            self.start_failed = True
            self.close()

    def install_database(self, db: Database) -> None:
        """Build the tabs on the open file (once) and show what it holds."""
        from twdesk.ui.tabs.contacts_tab import ContactsTab
        from twdesk.ui.tabs.duty_tab import DutyTab
        from twdesk.ui.tabs.evaluation_tab import EvaluationTab
        from twdesk.ui.tabs.home_tab import HomeTab
        from twdesk.ui.tabs.ledger_tab import LedgerTab
        from twdesk.ui.tabs.people_tab import PeopleTab
        from twdesk.ui.tabs.visits_tab import VisitsTab

        self.db = db
        plans, tabs = self.plans, self.form.tabs
        current = tabs.currentIndex()
        # each tab reloads itself on the `changes()` bus when an action changed what it shows
        self.home_tab = HomeTab(db, lazy=True)
        self.home_tab.line_activated.connect(self.open_line)
        self.people_tab = PeopleTab(db, lazy=True)
        self.duty_tab = DutyTab(db, lazy=True)
        self.visits_tab = VisitsTab(db, lazy=True)
        self.ledger_tab = LedgerTab(db, lazy=True)
        self.contacts_tab = ContactsTab(db, lazy=True)
        self.evaluation_tab = EvaluationTab(db, lazy=True)
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
        waiting = [tabs.widget(i) for i in range(tabs.count())]
        tabs.clear()
        for page, plan in zip(pages, plans, strict=True):
            tabs.addTab(page, plan.title)
        for widget in waiting:
            widget.deleteLater()
        tabs.setCurrentIndex(max(current, 0))
        if self.isVisible() and tabs.currentWidget() is self.home_tab:
            # start-up: the window has painted already; 首页 shows its first lines before
            # the status-bar counts are read (the rest come from its worker)
            self.home_tab.load_now()
        tabs.setUpdatesEnabled(True)
        self.form.menubar.setEnabled(True)
        self._database_opened()

    def open_line(self, line: object) -> None:
        """A click on a home-page line: the tab that owns the record, showing it."""
        from twdesk.core import home_view as hv

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
        """另存副本, 备份与恢复 and 导出交换包 copy the file: on a server database they are
        the server administrator's job, so they are off and say so."""
        on_file = self.db is not None and self.db.path is not None
        from twdesk.services.files import SERVER_BACKUP_MESSAGE

        for action in (
            self.form.actionSaveCopy,
            self.form.actionBackups,
            self.form.actionExportPackage,
        ):
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
        title = f"{APP_TITLE} — {self.db.name}"
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
        if self.db is not None:
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
            self, self.tr("新建数据库"), str(data_dir() / "新数据库.sqlite"), FILE_FILTER
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

    def open_database_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("打开数据库"),
            str(self.db.path.parent if self.db.path is not None else data_dir()),
            self.tr(OPEN_FILTER),
        )
        if name:
            self.switch_to(Path(name))

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
            f"{self.db.path.stem}-副本.sqlite",
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

        if self._server_refusal():
            return None
        return export_package(self, self.db.path)

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
            ).format(APP_TITLE, __version__),
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
        if self.db is not None:
            self.visits_tab.shutdown()
            self.home_tab.shutdown()
            self.db.close()
        super().closeEvent(event)
