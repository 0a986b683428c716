"""The results table: the model in a view, the 优秀 quota line drawn under its last place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from twdesk.ui.tabs.evaluation.common import QUOTA_LINE
from twdesk.ui.tabs.evaluation.results_model import ResultsModel
from twdesk.ui.widgets.tables import fit_columns

ROWS_MEASURED = 60  # column widths from the first rows: a 500-delegate station shows at once


class _QuotaLine(QStyledItemDelegate):
    """Paints a thick line under the row of the last 优秀 place."""

    def __init__(self, model: ResultsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.row() == self.model.quota_row:
            painter.save()
            painter.setPen(QPen(QUOTA_LINE, 3))
            rect = option.rect  # type: ignore[attr-defined]
            painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
            painter.restore()


class ResultsView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = ResultsModel(self)
        self.setModel(self.results)
        self.setItemDelegate(_QuotaLine(self.results, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(ROWS_MEASURED)

    def fit(self) -> None:
        fit_columns(self)
