"""The station's grade distribution as bars (the shared QPainter bar chart), with its 优秀 places."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from twdesk.core.evaluation_view import StationYear
from twdesk.core.vocab import Grade
from twdesk.ui.tabs.evaluation.common import grade_text, tr
from twdesk.ui.tabs.evaluation.results_model import TIE_TEXT, excellent_places
from twdesk.ui.widgets.bar_chart import BarChart

WIDTH = 200


class GradeChart(BarChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("等次分布"), "#2e7d32", parent)
        self.setMinimumHeight(180)
        self.setFixedWidth(WIDTH)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 220)

    def show_year(self, year: StationYear | None) -> None:
        if year is None or not year.delegates:
            self.title = tr("等次分布")
            self.set_values([])
            return
        counts = year.grade_counts
        values = [(grade_text(g), counts.get(g, 0)) for g in Grade]
        ties = sum(1 for d in year.delegates if d.quota_tie)
        if ties:
            values.insert(1, (TIE_TEXT, ties))
        self.title = tr("等次分布（优秀名额 {0}）").format(excellent_places(year))
        self.set_values(values)
