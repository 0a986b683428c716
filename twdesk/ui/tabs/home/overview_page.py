"""全县概况: the county overview's charts (QPainter bar charts), each exportable as PNG, and the
one-page county summary PDF (月调度、季总结). Read in a worker thread when first shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.home_view import Chart
from twdesk.ui import actions
from twdesk.ui.i18n import notr
from twdesk.ui.tabs.home.common import HomeContext, save_png, tr
from twdesk.ui.widgets.bar_chart import BarChart

TITLES = (
    tr("来访人次（按月）"),
    tr("意见建议（按月）"),
    tr("意见建议办理状态"),
    tr("坐班到岗率（按联络站）"),
    tr("1+100 按进度达标率"),
    tr("联络站考评等次"),
    tr("团代表履职考核等次"),
)
COLUMNS = 4  # two rows of charts on a 1280 × 690 window


class _Chart(BarChart):
    """Four abreast: a smaller preferred size than the stats page's charts."""

    def sizeHint(self) -> QSize:
        return QSize(300, 220)


class OverviewPage(QWidget):
    def __init__(self, ctx: HomeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.station_id: str | None = None
        self.loaded = False
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(tr(" 年"))
        self.year.setValue(ctx.today.year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.pdf_button = QPushButton(tr("县级工作概况 PDF…"))
        self.pdf_button.setToolTip(tr("一页纸的全县概况（月调度、季总结用）：待办事项和全部图表"))
        self.pdf_button.clicked.connect(lambda: self.export_summary())
        self.state = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("年度")))
        top.addWidget(self.year)
        top.addWidget(self.pdf_button)
        top.addWidget(self.state, 1)
        grid = QGridLayout()
        self.charts: list[BarChart] = []
        self.png_buttons: list[QPushButton] = []
        for i, title in enumerate(TITLES):
            chart = _Chart(tr(title))
            chart.setMinimumHeight(190)
            button = QPushButton(tr("导出 PNG…"))
            button.clicked.connect(lambda _c=False, n=i: self.export_png(n))
            cell = QVBoxLayout()
            cell.addWidget(chart, 1)
            cell.addWidget(button)
            grid.addLayout(cell, i // COLUMNS, i % COLUMNS)
            self.charts.append(chart)
            self.png_buttons.append(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    def refresh(self) -> None:
        """The charts of the chosen year (and station), read in a worker thread."""
        from twdesk.services import home

        db, year, station, today = self.ctx.db, self.year.value(), self.station_id, self.ctx.today
        self.state.setText(tr("正在统计…"))

        def job(_progress: Any, _cancelled: Any) -> tuple[Chart, ...]:
            with db.session() as s:
                return home.overview(s, year, station_id=station, today=today)

        self.loaded = True
        actions.run_long(self, tr("正在统计全县概况…"), job, self.show_charts)

    def show_charts(self, charts: tuple[Chart, ...]) -> None:
        self.state.setText("")
        for widget, chart in zip(self.charts, charts, strict=True):
            widget.title = chart.title + (f"（{chart.unit}）" if chart.unit else "")
            widget.set_values(list(chart.values))

    def export_png(self, index: int) -> Path | None:
        return save_png(self, self.charts[index], TITLES[index])

    def export_summary(self) -> Path | None:
        from twdesk.services.home import write_county_summary

        today = self.ctx.today
        path = actions.ask_save_path(
            self,
            "county-summary",
            tr("县级工作概况"),
            notr("{0}年{1:02d}月团代表联络站工作调度.pdf").format(today.year, today.month),
            tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return None
        db, year = self.ctx.db, self.year.value()
        saved = actions.run_read(
            self,
            db,
            lambda s: write_county_summary(
                s, path, db.path, year=year, today=today, overwrite=True
            ),
        )
        if saved is not None:
            actions.show_saved(self, saved, tr("县级工作概况已保存。"))
        return saved
