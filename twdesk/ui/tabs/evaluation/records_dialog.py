"""The records behind one indicator's number (有账可对): duty days, activities, opinion items."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from twdesk.services.evaluation import RecordList
from twdesk.ui.tabs.evaluation.common import tr
from twdesk.ui.widgets.tables import fill_table, make_table


class RecordsDialog(QDialog):
    def __init__(self, records: RecordList, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("计分依据 — {0}").format(who))
        self.resize(720, 460)
        self.title = QLabel(records.title)
        self.title.setStyleSheet("font-weight: bold;")
        self.basis = QLabel(records.basis or tr("（没有计分说明）"))
        self.basis.setWordWrap(True)
        self.count = QLabel(tr("共 {0} 条记录").format(len(records.rows)))
        self.table = make_table(records.headers)
        fill_table(self.table, records.rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.basis)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
