"""核对冲突: every conflict merges kept — the record, the field, both versions with their times
and offices — where staff take the other version (采用另一版本) or confirm the one kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.merge_rules import field_label
from twdesk.services.merge import ConflictRow, choose_other, conflicts, keep_version
from twdesk.ui.actions import EVERYTHING, run_action, run_read
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing

HEADERS = (
    tr("合并时间"),
    tr("类型"),
    tr("内容"),
    tr("记录"),
    tr("字段"),
    tr("保留的版本"),
    tr("保留版本的时间 · 文件"),
    tr("另一版本"),
    tr("另一版本的时间 · 文件"),
    tr("处理"),
)
KEPT_COLUMN, OTHER_COLUMN = 5, 7


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class ConflictsDialog(QDialog):
    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[ConflictRow] = []
        self.setWindowTitle(self.tr("核对合并冲突"))
        self.resize(1100, 520)
        intro = QLabel(
            self.tr(
                "这些记录在两个文件里都被改过（或一边删除、一边修改）。合并时保留了后改的版本，"
                "另一版本记在这里。选中一行后点“采用另一版本”，这条记录就改为另一版本"
                "（同一次合并中这条记录的各个字段一起改）；点“保留当前版本”表示已核对。"
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.show_resolved = QCheckBox(self.tr("也显示已处理的"))
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.empty = QLabel()
        buttons = QDialogButtonBox()
        self.other_button = buttons.addButton(
            self.tr("采用另一版本"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.setObjectName("chooseOther")
        self.keep_button = buttons.addButton(
            self.tr("保留当前版本"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.keep_button.setObjectName("keepVersion")
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.other_button.clicked.connect(lambda: self.choose_other())
        self.keep_button.clicked.connect(lambda: self.keep())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        mark_editing(self.other_button, self.keep_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.show_resolved)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        unresolved = not self.show_resolved.isChecked()
        rows = run_read(self, self.db, lambda s: conflicts(s, unresolved_only=unresolved))
        self.rows = rows or []
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(self.rows):
            values = (
                _when(c.merged_at),
                c.kind,
                c.table_label,
                c.record,
                field_label(c.field),
                c.kept,
                f"{_when(c.kept_time)} · {c.kept_office}",
                c.other,
                f"{_when(c.other_time)} · {c.other_office}",
                c.resolution or self.tr("待核对"),
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if col == KEPT_COLUMN:
                    item.setBackground(QColor("#e8f5e9"))
                elif col == OTHER_COLUMN:
                    item.setBackground(QColor("#fff3e0"))
                if c.resolved:
                    item.setForeground(QColor("#888888"))
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        for col in (KEPT_COLUMN, OTHER_COLUMN):  # long values: the whole text in the tooltip
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 220))
        for col in (KEPT_COLUMN + 1, OTHER_COLUMN + 1):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 190))
        self.empty.setText(
            self.tr("共 {0} 条。").format(len(self.rows))
            if self.rows
            else self.tr("没有待核对的冲突。")
        )
        self._selection_changed()

    def selected(self) -> ConflictRow | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = self.rows[rows.pop()]
        return None if row.resolved else row

    def _selection_changed(self) -> None:
        enabled = self.selected() is not None
        self.other_button.setEnabled(enabled)
        self.keep_button.setEnabled(enabled)

    def _pick(self) -> ConflictRow | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(
                self, self.windowTitle(), self.tr("请先在表中选择一条待核对的冲突。")
            )
        return row

    def choose_other(self) -> bool:
        row = self._pick()
        if row is None:
            return False

        def take(session: Any) -> bool:
            choose_other(session, row.id)
            return True

        done = run_action(self, self.db, take, changes=EVERYTHING)
        self.reload()
        return bool(done)

    def keep(self) -> bool:
        row = self._pick()
        if row is None:
            return False

        def keep(session: Any) -> bool:
            keep_version(session, row.id)
            return True

        done = run_action(self, self.db, keep)
        self.reload()
        return bool(done)
