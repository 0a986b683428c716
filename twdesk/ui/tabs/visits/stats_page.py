"""统计: any period (year, quarter, half-year or custom dates), the sentence offices report
upward, charts by month and category, and the same as PDF or Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.visit_stats import Stats
from twdesk.services import visits
from twdesk.ui import actions
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.visits.common import PageContext
from twdesk.ui.widgets.bar_chart import BarChart
from twdesk.ui.widgets.combos import refill

PERIODS = (
    (tr("全年"), (1, 12)),
    (tr("第一季度"), (1, 3)),
    (tr("第二季度"), (4, 6)),
    (tr("第三季度"), (7, 9)),
    (tr("第四季度"), (10, 12)),
    (tr("上半年"), (1, 6)),
    (tr("下半年"), (7, 12)),
)


class StatsPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        year = ctx.today.year
        self.station = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setSuffix(self.tr(" 年"))
        self.period = QComboBox()
        for label, months in PERIODS:
            self.period.addItem(self.tr(label), months)
        self.period.addItem(self.tr("自定义期间"), None)
        self.date_from = QDateEdit(QDate(year, 1, 1))
        self.date_to = QDateEdit(QDate(year, 12, 31))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.station.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export_xlsx())
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("font-size: 14px; padding: 6px;")
        self.month_chart = BarChart(self.tr("各月来访登记次数"))
        self.category_chart = BarChart(self.tr("意见建议按类别（条）"), "#1f4e8c")
        self.stats = visits.Stats()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        for w in (self.station, self.year, self.period, self.date_from):
            bar.addWidget(w)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.date_to)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        layout.addLayout(bar)
        layout.addWidget(self.sentence)
        charts = QHBoxLayout()
        charts.addWidget(self.month_chart)
        charts.addWidget(self.category_chart)
        layout.addLayout(charts, 1)

    def fill_stations(self, stations: list[tuple[str, str]]) -> None:
        refill(self.station, stations, first=self.tr("全部联络站"))

    def _period_changed(self) -> None:
        custom = self.period.currentData() is None
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.year.setEnabled(not custom)
        self.refresh()

    def period_dates(self) -> tuple[date, date]:
        months = self.period.currentData()
        if months is None:
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
            return (start, end) if start <= end else (end, start)
        year = self.year.value()
        first, last = months
        end_month = date(year + (last == 12), last % 12 + 1, 1)
        return date(year, first, 1), date.fromordinal(end_month.toordinal() - 1)

    def period_text(self) -> str:
        start, end = self.period_dates()
        shown = tr("%Y年%m月%d日")  # a strftime format
        return tr("{0}至{1}").format(start.strftime(shown), end.strftime(shown))

    def title(self) -> str:
        scope = self.station.currentText()
        if self.period.currentData() is None:
            return self.tr("{0}来访接待情况统计（{1}）").format(scope, self.period_text())
        label = self.period.currentText()
        label = "" if label == self.tr("全年") else label
        return self.tr("{0}年{1}{2}来访接待情况统计").format(self.year.value(), label, scope)

    def refresh(self) -> visits.Stats:
        start, end = self.period_dates()
        with self.ctx.db.session() as s:
            stats = visits.visit_stats(
                s, start=start, end=end, station_id=self.station.currentData(), today=self.ctx.today
            )
        self.stats = stats
        self.sentence.setText(self._sentence(stats))
        self.month_chart.set_values([(tr("{0}月").format(m), n) for m, n in stats.by_month.items()])
        self.category_chart.set_values(list(stats.by_category.items()))
        return stats

    # --- files --------------------------------------------------------------------------------

    def _export(self, kind: str, suffix: str, file_filter: str, write: Callable[..., Path]):  # type: ignore[no-untyped-def]
        title = self.title()
        path = actions.ask_save_path(
            self, kind, self.tr("导出统计"), f"{title}{suffix}", file_filter
        )
        if path is None:
            return None
        start, end = self.period_dates()
        station, today = self.station.currentData(), self.ctx.today
        saved = actions.run_read(
            self,
            self.ctx.db,
            lambda s: write(
                s,
                path,
                start=start,
                end=end,
                station_id=station,
                title=title,
                today=today,
                overwrite=True,  # the save dialog asked
            ),
        )
        if saved is None:
            return None
        actions.show_saved(self, saved, self.tr("统计已保存。"))
        return saved

    def export_pdf(self) -> Path | None:
        from twdesk.services.visit_outputs import print_visit_summary

        return self._export(
            "visit-summary-pdf", ".pdf", self.tr("PDF 文件 (*.pdf)"), print_visit_summary
        )

    def export_xlsx(self) -> Path | None:
        from twdesk.services.visit_outputs import export_visit_summary

        return self._export(
            "visit-summary-xlsx", ".xlsx", self.tr("Excel 文件 (*.xlsx)"), export_visit_summary
        )

    def _sentence(self, stats: Stats) -> str:
        """core.visit_stats' sentence (the way offices report upward) in the interface language."""
        text = self.tr(
            "接待团员青年 {0} 人次（来访登记 {1} 次），收集意见建议 {2} 条，交办 {3} 件，"
            "办结 {4} 件，反馈 {5} 件"
        ).format(
            stats.visitors, stats.visits, stats.items, stats.assigned, stats.handled, stats.fed_back
        )
        if stats.satisfaction_rate is not None:
            text += self.tr("，满意率 {0}%").format(f"{stats.satisfaction_rate * 100:.1f}")
        if stats.overdue:
            text += self.tr("；超期未办结 {0} 件").format(stats.overdue)
        return text + self.tr("。")
