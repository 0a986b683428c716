"""The results table: the model in a view, the 优秀 quota line drawn under its last place."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from twdesk.ui.tabs.evaluation.common import QUOTA_LINE
from twdesk.ui.tabs.evaluation.results_model import ResultsModel
from twdesk.ui.widgets.tables import MAX_COLUMN_WIDTH

HEADER_PAD, CELL_PAD = 4, 8  # what Qt adds around a header's and a cell's text


class ResultsView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = ResultsModel(self)
        self.setModel(self.results)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cells, then one thick line under the row of the last 优秀 place (drawn once
        here rather than by a delegate in every cell: painting stays Qt's own speed)."""
        super().paintEvent(event)
        row = self.results.quota_row
        if row < 0:
            return
        y = self.rowViewportPosition(row) + self.rowHeight(row) - 1
        if 0 <= y <= self.viewport().height():
            painter = QPainter(self.viewport())
            painter.setPen(QPen(QUOTA_LINE, 3))
            painter.drawLine(0, y, self.viewport().width(), y)
            painter.end()

    def fit(self) -> None:
        """Columns as wide as their texts, measured with the font rather than by asking every
        cell (`tables.fit_columns` asks the view for each cell's size hint: 80 ms for 500 rows);
        the last column fills what is left."""
        model, header = self.results, self.horizontalHeader()
        self.ensurePolished()  # the font the cells are painted with, not the default one
        header.ensurePolished()
        body, head = self.fontMetrics(), header.fontMetrics()
        for column in range(model.columnCount() - 1):
            lines = str(model.headers[column]).split("\n")
            width = max(head.horizontalAdvance(line) for line in lines) + HEADER_PAD
            for value in model.column_texts(column):
                width = max(width, body.horizontalAdvance(value) + CELL_PAD)
            self.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))
        header.setStretchLastSection(False)  # lays the stretch out again, at once
        header.setStretchLastSection(True)
