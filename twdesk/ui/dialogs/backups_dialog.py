"""文件 → 备份与恢复…: the backups of the open file (date, reason, rows, size), 立即备份, and
从所选备份恢复… — which backs the current file up first, so a restore can itself be undone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.backups import (
    REASON_MANUAL,
    BackupInfo,
    backups_folder,
    list_backups,
    take_backup,
)
from twdesk.ui.actions import run_long
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import is_read_only, mark_editing

COLUMNS = (tr("时间"), tr("原因"), tr("记录数"), tr("大小"))


class BackupsDialog(QDialog):
    """`restore(path) -> bool` puts a backup in place of the open file and reopens it (the main
    window does that: it has to close the file first)."""

    def __init__(
        self, db_path: Path, restore: Callable[[Path], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path, self.restore = Path(db_path), restore
        self.backups: list[BackupInfo] = []
        self.worker = None
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(860, 460)
        intro = QLabel(
            self.tr(
                "每天第一次打开、升级数据结构前、每次导入和合并前都会自动备份，"
                "保留最近 30 份。恢复前会先备份当前文件，恢复之后还可以撤销。"
            )
        )
        intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        mark_editing(
            self.restore_button
        )  # a read-only file (write-protected stick) is not replaced
        folder_button = QPushButton(self.tr("打开备份文件夹"))
        folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups_folder(self.db_path))))
        )
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(folder_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.folder_label.setText(self.tr("备份文件夹：{0}").format(backups_folder(self.db_path)))
        self.backups = list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            cells = (
                b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                b.reason,
                b.counts_text(),
                b.size_text(),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(f"{b.office_name}\n{b.source}\n{b.path.name}")
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def backup_now(self) -> None:
        path = self.db_path

        def job(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]):
            return take_backup(path, REASON_MANUAL)

        self.worker = run_long(self, self.tr("正在备份并校验…"), job, self._backed_up)

    def _backed_up(self, info: BackupInfo) -> None:
        self.reload()
        self.setWindowTitle(
            self.tr("备份与恢复 — 已备份 {0}").format(info.taken_at.strftime("%H:%M:%S"))
        )

    def restore_selected(self) -> bool:
        backup = self.selected()
        if backup is None or is_read_only() or not self.restore_button.isEnabled():
            return False  # a read-only file (double-click included) is never replaced
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            self.tr(
                "用 {0} 的备份（{1}）替换当前数据库吗？\n{2}\n\n"
                "此后录入的内容将不在恢复后的文件中。当前文件会先备份（原因：恢复前），"
                "需要时可以再用它恢复，撤销这次恢复。"
            ).format(
                backup.taken_at.strftime("%Y-%m-%d %H:%M"), backup.reason, backup.counts_text()
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        done = self.restore(backup.path)
        self.reload()
        return done
