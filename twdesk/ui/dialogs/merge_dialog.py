"""文件 → 合并其他文件…: choose a station's (or the county's) file, see per table what a merge
would bring (新增 / 修改 / 删除 / 冲突 / 不变), 合并 in the background with a progress bar and
Cancel, then the result and the conflicts to review."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.merge_rules import field_label, table_label
from twdesk.services.merge import MergeReport, apply_merge, plan_merge
from twdesk.services.packages import is_package, opened_package, package_needs_password
from twdesk.ui.actions import EVERYTHING, last_folder, remember_folder, run_long
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing

KIND = "merge"
FILE_FILTER = tr("twdesk 数据库或交换包 (*.sqlite *.db *.twdb *.twpkg);;所有文件 (*)")
COUNTS = (
    ("inserted", tr("新增")),
    ("updated", tr("修改")),
    ("deleted", tr("删除")),
    ("conflicts", tr("冲突")),
    ("skipped", tr("未合并")),  # they point to a record no longer in this file
    ("unchanged", tr("不变")),
)


def ask_source(parent: QWidget | None) -> Path | None:
    """The other office's file, asked in the folder last merged from."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        tr("选择要合并进来的文件"),
        str(last_folder(KIND)),
        FILE_FILTER,
    )
    if not name:
        return None
    path = Path(name)
    remember_folder(KIND, path.parent)
    return path


def start_merge(parent: QWidget, db: Any, path: Path | None = None) -> MergeDialog | None:
    """Ask for the file (unless given), then show the dialog with its preview (None when
    nothing chosen). Before anything is written the open file is backed up (合并前)."""
    from twdesk.services.backups import backup_before_merge

    path = path or ask_source(parent)
    if path is None:
        return None
    dialog = MergeDialog(db, parent)
    own = db.path  # a server database: its backups are the server administrator's job
    dialog.before_apply = (lambda: backup_before_merge(own)) if own is not None else None
    dialog.open()
    dialog.preview(path)
    return dialog


def ask_password(parent: QWidget | None, path: Path) -> str | None:
    """The password of an encrypted package (None: the user cancelled)."""
    text, ok = QInputDialog.getText(
        parent,
        tr("交换包密码"),
        tr("「{0}」已加密，请输入导出时设置的密码：").format(path.name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def _number(value: int) -> QTableWidgetItem:
    item = QTableWidgetItem(f"{value:,}")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class MergeDialog(QDialog):
    """`before_apply()` runs after the other file is checked and before anything is written
    (a backup of the open file, wired by the backups work)."""

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path: Path | None = None  # what the user chose: a database file or a package
        self.source: Path | None = None  # the database merged from (a package's unpacked copy)
        self._unpacked = contextlib.ExitStack()  # a package's temporary copy, while shown
        self.finished.connect(lambda _result: self._unpacked.close())
        self.report: MergeReport | None = None
        self.merged: MergeReport | None = None
        self.before_apply: Callable[[], None] | None = None
        self.conflicts_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("合并其他文件"))
        self.resize(760, 560)
        self.file = QLineEdit()
        self.file.setObjectName("mergeFile")
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("请选择乡镇联络站或县团委带来的数据库文件"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(lambda: self.choose_file())
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("合并进来的文件")))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.counts = QTableWidget(0, 1 + len(COUNTS))
        self.counts.setObjectName("mergeCounts")
        self.counts.setHorizontalHeaderLabels(
            [self.tr("内容"), *(self.tr(label) for _k, label in COUNTS)]
        )
        self.counts.verticalHeader().setVisible(False)
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.conflicts = QTableWidget(0, 5)
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setHorizontalHeaderLabels(
            [
                self.tr("内容"),
                self.tr("记录"),
                self.tr("字段"),
                self.tr("保留的版本"),
                self.tr("另一版本"),
            ]
        )
        self.conflicts.verticalHeader().setVisible(False)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.horizontalHeader().setStretchLastSection(True)
        self.conflicts_label = QLabel(
            self.tr("冲突（两边都改过的记录：保留后改的版本，另一版本记下待核对）")
        )
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton(
            self.tr("合并"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        self.merge_button.setToolTip(self.tr("在一次保存中合并：取消或出错时当前文件保持原样"))
        self.review_button = buttons.addButton(
            self.tr("核对冲突…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.review_button.setObjectName("reviewButton")
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.merge_button.clicked.connect(lambda: self.merge())
        self.review_button.clicked.connect(lambda: self.review_conflicts())
        mark_editing(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts, 3)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts, 2)
        layout.addWidget(buttons)

    # --- steps ---------------------------------------------------------------------------------

    def choose_file(self) -> Any:
        path = ask_source(self)
        return self.preview(path) if path is not None else None

    def preview(self, path: Path) -> Any:
        """The dry run, in the background: what a merge of `path` would do (a transfer
        package is asked its password, then unpacked and checked first)."""
        password = None
        if is_package(path) and package_needs_password(path):
            password = ask_password(self, Path(path))
            if password is None:
                return None
        self._unpacked.close()  # the previous package's copy, if any
        self.path, self.source, self.report, self.merged = Path(path), None, None, None
        self.file.setText(str(path))
        self.merge_button.setEnabled(False)
        self.summary.setText(self.tr("正在比较两个文件…"))
        db, unpacked = self.db, self._unpacked

        def job(progress: Any, cancelled: Any) -> MergeReport:
            source = Path(path)
            if is_package(source):
                source = unpacked.enter_context(opened_package(source, password))
            self.source = source
            return plan_merge(db, source, progress=progress, cancelled=cancelled)

        worker = run_long(
            self,
            self.tr("正在比较两个文件…"),
            job,
            self._previewed,
            on_failed=self._failed,
        )
        self._when_ended(worker)
        return worker

    def merge(self) -> Any:
        """合并, in the background with a progress bar and Cancel; one transaction."""
        if self.path is None or self.source is None or self.report is None:
            return None
        self.merge_button.setEnabled(False)
        db, path, source, before = self.db, self.path, self.source, self.before_apply

        def job(progress: Any, cancelled: Any) -> MergeReport:
            return apply_merge(
                db, source, progress=progress, cancelled=cancelled, before_apply=before
            )

        worker = run_long(
            self,
            self.tr("正在合并「{0}」…").format(path.name),
            job,
            self._merged,
            changes=EVERYTHING,
            on_failed=self._failed,
        )
        self._when_ended(worker)
        return worker

    def review_conflicts(self) -> QDialog:
        from twdesk.ui.dialogs.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.db, self)
        dialog.open()
        self.conflicts_dialog = dialog
        return dialog

    # --- results -------------------------------------------------------------------------------

    def _previewed(self, report: MergeReport) -> None:
        self.report = report
        self._show(report)
        if report.changes:
            self.summary.setText(
                self.tr(
                    "「{0}」（{1}）与当前文件相比：新增 {2}，修改 {3}，删除 {4}，冲突 {5}。"
                    "确认无误后点“合并”；合并在一次保存中完成，取消或出错时当前文件保持原样。"
                ).format(
                    self.path.name if self.path else "",
                    report.source_office,
                    f"{report.total('inserted'):,}",
                    f"{report.total('updated'):,}",
                    f"{report.total('deleted'):,}",
                    f"{report.total('conflicts'):,}",
                )
                + self._skipped_text(report)
            )
        else:
            self.summary.setText(
                self.tr("「{0}」与当前文件的记录已经一致，没有需要合并的内容。").format(
                    self.path.name if self.path else ""
                )
                + self._skipped_text(report)
            )
        self.merge_button.setEnabled(bool(report.changes))

    def _merged(self, report: MergeReport) -> None:
        self.merged = report
        self._show(report)
        text = self.tr("已合并：新增 {0}，修改 {1}，删除 {2}，冲突 {3}。").format(
            f"{report.total('inserted'):,}",
            f"{report.total('updated'):,}",
            f"{report.total('deleted'):,}",
            f"{report.total('conflicts'):,}",
        )
        if report.renumbered:
            text += self.tr("{0} 条意见建议的编号与本文件重复，已改为新编号。").format(
                len(report.renumbered)
            )
        text += self._skipped_text(report)
        if report.conflict_list:
            text += self.tr("请点“核对冲突…”逐条确认，需要时采用另一版本。")
        self.summary.setText(text)
        self.merge_button.setEnabled(False)

    def _when_ended(self, worker: Any) -> None:
        worker.thread.finished.connect(self._ended)
        if worker.thread.isFinished():  # a job that failed at once
            QTimer.singleShot(0, self._ended)

    @Slot()
    def _ended(self) -> None:
        """After the work (on the GUI thread): a cancelled preview or merge says so."""
        if self.report is None:
            self.summary.setText(self.tr("已取消比较。点“选择文件…”重新开始。"))
        elif self.merged is None and not self.merge_button.isEnabled() and self.report.changes:
            self.summary.setText(self.tr("已取消合并，当前文件保持原样。"))
            self.merge_button.setEnabled(True)

    def _skipped_text(self, report: MergeReport) -> str:
        skipped = report.total("skipped")
        if not skipped:
            return ""
        return self.tr(
            "另有 {0} 条记录引用了本文件中已彻底删除的内容，不能合并（见“未合并”列）；"
            "如需要，请在对方文件中核对这些记录。"
        ).format(f"{skipped:,}")

    def _failed(self, exc: BaseException) -> None:
        from twdesk.core.errors import UserError
        from twdesk.ui.actions import show_error

        self.summary.setText(self.tr("没有合并任何内容，当前文件保持原样。"))
        self.merge_button.setEnabled(self.report is not None and bool(self.report.changes))
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            raise exc

    def _show(self, report: MergeReport) -> None:
        """The tables with changes, one row for the rest (nothing changed), the totals."""
        tables = [
            t for t in report.tables() if any(t in getattr(report, k) for k, _l in COUNTS[:5])
        ]
        rest = sum(n for t, n in report.unchanged.items() if t not in tables)
        self.counts.setRowCount(len(tables) + 2)
        for row, table in enumerate(tables):
            self.counts.setItem(row, 0, QTableWidgetItem(table_label(table)))
            for col, (key, _label) in enumerate(COUNTS, start=1):
                self.counts.setItem(row, col, _number(getattr(report, key).get(table, 0)))
        self.counts.setItem(len(tables), 0, QTableWidgetItem(self.tr("其他记录（没有变化）")))
        for col in range(1, len(COUNTS)):
            self.counts.setItem(len(tables), col, _number(0))
        self.counts.setItem(len(tables), len(COUNTS), _number(rest))
        tables.append("")  # the totals go below that row
        total = QTableWidgetItem(self.tr("合计"))
        font = total.font()
        font.setBold(True)
        total.setFont(font)
        self.counts.setItem(len(tables), 0, total)
        for col, (key, _label) in enumerate(COUNTS, start=1):
            item = _number(report.total(key))
            item.setFont(font)
            self.counts.setItem(len(tables), col, item)
        self.counts.resizeColumnsToContents()
        self.counts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setRowCount(len(report.conflict_list))
        for row, c in enumerate(report.conflict_list):
            values = (table_label(c.table), c.record, field_label(c.field), c.kept, c.other)
            for col, value in enumerate(values):
                self.conflicts.setItem(row, col, QTableWidgetItem(value))
        self.conflicts.resizeColumnsToContents()
