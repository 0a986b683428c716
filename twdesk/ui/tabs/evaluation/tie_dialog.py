"""决定并列: delegates tied across the 优秀 quota line are settled by a recorded decision —
优秀 or 称职 for each, with the reason — never silently by the order of a list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.evaluation_view import DelegateResult, StationYear, text
from twdesk.core.vocab import Grade
from twdesk.services import evaluation
from twdesk.ui.actions import EVALUATION, run_action
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.evaluation.common import tr
from twdesk.ui.widgets.tables import fit_columns, make_table

if TYPE_CHECKING:
    from twdesk.services.files import Database

CHOICES = (Grade.EXCELLENT, Grade.COMPETENT)


class TieDialog(QDialog):
    def __init__(self, db: Database, year: StationYear, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.year = db, year
        self.tied: list[DelegateResult] = [d for d in year.delegates if d.quota_tie]
        excellent = sum(1 for d in year.delegates if d.grade == Grade.EXCELLENT)
        places = max(0, year.excellent_slots - excellent)
        self.setWindowTitle(tr("决定并列 — {0} {1}年").format(year.station, year.year))
        self.resize(560, 380)
        info = QLabel(
            tr(
                "优秀名额 {0} 个，已定优秀 {1} 人；以下 {2} 人总分并列在名额线上，"
                "只剩 {3} 个名额。请逐人决定优秀或称职，并写明理由（记入操作日志）。"
            ).format(year.excellent_slots, excellent, len(self.tied), places)
        )
        info.setWordWrap(True)
        self.table = make_table((tr("名次"), tr("姓名"), tr("总分"), tr("决定")))
        self.table.setRowCount(len(self.tied))
        self.choices: list[QComboBox] = []
        for r, d in enumerate(self.tied):
            for c, value in enumerate(
                ("" if d.rank is None else str(d.rank), d.name, text(d.total))
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))
            combo = QComboBox()
            combo.addItem(tr("（暂不决定）"), None)
            for grade in CHOICES:
                combo.addItem(str(grade), str(grade))
            self.table.setCellWidget(r, 3, combo)
            self.choices.append(combo)
        fit_columns(self.table)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            tr("决定理由（必填），例如：经站务会研究，按全年坐班到岗情况确定")
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存决定"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        mark_editing(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("理由")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)

    def decisions(self) -> list[tuple[str, str]]:
        """(person id, grade) of every tied delegate given a decision."""
        return [
            (d.person_id, combo.currentData())
            for d, combo in zip(self.tied, self.choices, strict=True)
            if combo.currentData()
        ]

    def save(self) -> None:
        decisions, reason = self.decisions(), self.reason.text().strip()
        title = tr("决定并列")
        if not decisions:
            QMessageBox.warning(self, title, tr("请至少为一位并列的代表选择“优秀”或“称职”。"))
            return
        if not reason:
            QMessageBox.warning(self, title, tr("请填写决定的理由。"))
            self.reason.setFocus()
            return
        year = self.year.year

        def decide(s: Any) -> int:
            for person_id, grade in decisions:
                evaluation.decide_tie(s, year, person_id, grade, reason)
            return len(decisions)

        if run_action(self, self.db, decide, changes=[EVALUATION]) is not None:
            self.accept()
