"""履职考核: the year and station, every delegate's indicators for the chosen stage (suggestions,
overrides highlighted, the 优秀 quota line, ties), the grade chart; opening the year, stage
entry by keyboard, the records behind a number, ties, lock / unlock, the scheme, progress, and
paper in and out. The pieces live in twdesk/ui/tabs/evaluation/; this tab assembles them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.evaluation_view import STAGES, DelegateResult, Stage, StationYear
from twdesk.services import evaluation, ledger
from twdesk.ui.actions import (
    DUTY,
    EVALUATION,
    LEDGER,
    PEOPLE,
    SETTINGS,
    STATIONS,
    VISITS,
    run_action,
    run_long,
    run_read,
)
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.evaluation.common import LOCKED_STYLE, cancellable, stage_text, tr
from twdesk.ui.tabs.evaluation.files import FileActions
from twdesk.ui.tabs.evaluation.grade_chart import GradeChart
from twdesk.ui.tabs.evaluation.progress_dialog import ProgressDialog
from twdesk.ui.tabs.evaluation.records_dialog import RecordsDialog
from twdesk.ui.tabs.evaluation.results_model import excellent_places
from twdesk.ui.tabs.evaluation.results_view import ResultsView
from twdesk.ui.tabs.evaluation.scheme_dialog import SchemeDialog
from twdesk.ui.tabs.evaluation.stage_dialog import StageEntryDialog
from twdesk.ui.tabs.evaluation.tie_dialog import TieDialog
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.widgets.combos import refill

if TYPE_CHECKING:
    from twdesk.services.files import Database


class EvaluationTab(LazyLoad, QWidget):
    """Reloads itself when evaluations — or the records and people behind them — change."""

    reload_on = frozenset({EVALUATION, PEOPLE, STATIONS, DUTY, VISITS, LEDGER, SETTINGS})

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.last_message = ""
        self.station_year: StationYear | None = None
        self.files = FileActions(self, self)

        self.year = QComboBox()
        self.year.setObjectName("year")
        self.station = QComboBox()
        self.station.setObjectName("station")
        self.station.setMinimumWidth(200)
        self.stage_box = QComboBox()
        self.stage_box.setObjectName("stage")
        for stage in STAGES:
            self.stage_box.addItem(stage_text(stage), str(stage))
        self.stage_box.setToolTip(tr("表中各项指标显示、录入的阶段"))
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.station.currentIndexChanged.connect(lambda _i: self.reload())
        self.stage_box.currentIndexChanged.connect(lambda _i: self.show_year(self.station_year))

        def button(text: str, slot: Any, tip: str = "") -> QPushButton:
            b = QPushButton(text)
            b.clicked.connect(lambda: slot())
            if tip:
                b.setToolTip(tip)
            return b

        self.open_button = button(
            tr("开启/刷新本年度考核"),
            self.open_year,
            tr("为各联络站本年度的每位代表建立考核并按履职记录计算建议分；已录入的分数不会改变"),
        )
        self.entry_button = button(tr("录入本阶段…"), self.enter_stage)
        self.tie_button = button(tr("决定并列…"), self.decide_tie)
        self.lock_button = button(tr("锁定本年度"), self.toggle_lock)
        self.scheme_button = button(tr("考核方案…"), self.edit_scheme)
        self.progress_button = button(tr("进度"), self.show_progress)
        self.import_button = button(tr("导入评分表…"), self.files.import_scores)
        self.export_button = button(tr("导出结果…"), self.files.export_results)
        self.form_button = button(tr("导出空白评分表…"), self.files.export_form)
        self.print_button = button(tr("打印结果表…"), self.files.print_results)
        self.consequence_button = button(tr("打印后续处理名单…"), self.files.print_consequences)
        self.sheet_button = button(tr("打印个人考核表…"), self.files.print_delegate)
        self.dossier_button = button(
            tr("生成本站档案…"), self.make_dossiers, tr("为本站本年度的每位团代表生成履职档案 PDF")
        )
        mark_editing(
            self.open_button,
            self.entry_button,
            self.tie_button,
            self.lock_button,
            self.scheme_button,
            self.import_button,
        )

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("年度")))
        top.addWidget(self.year)
        top.addWidget(QLabel(tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(QLabel(tr("阶段")))
        top.addWidget(self.stage_box)
        top.addStretch(1)
        for b in (
            self.open_button,
            self.entry_button,
            self.tie_button,
            self.lock_button,
            self.scheme_button,
            self.progress_button,
        ):
            top.addWidget(b)
        paper = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)  # longer in English: two lines rather than cut off
        self.status.setMinimumWidth(200)
        paper.addWidget(self.status)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #1b5e20;")
        paper.addWidget(self.message, 1)
        for b in (
            self.import_button,
            self.export_button,
            self.form_button,
            self.print_button,
            self.consequence_button,
            self.sheet_button,
            self.dossier_button,
        ):
            paper.addWidget(b)

        self.banner = QLabel()
        self.banner.setObjectName("lockedBanner")
        self.banner.setStyleSheet(LOCKED_STYLE)
        self.banner.hide()
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; padding: 12px;")
        self.view = ResultsView()
        self.view.activated.connect(self._activated)
        self.chart = GradeChart()
        self.legend = QLabel(
            tr(
                "灰字：尚未录入，显示建议分\n黄底：与建议分不同（悬停看理由）\n"
                "绿底：优秀\n绿线：优秀名额线\n红底：并列待定\n\n"
                "双击分数：查看计分依据\n双击姓名：录入本阶段"
            )
        )
        self.legend.setWordWrap(True)
        self.legend.setFixedWidth(self.chart.width())
        self.legend.setStyleSheet("color: #555;")
        side = QVBoxLayout()
        side.addWidget(self.chart)
        side.addWidget(self.legend)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(paper)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)
        self._enable()
        self.defer_or_reload(lazy)

    # --- what is shown ------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def year_value(self) -> int:
        value = self.year.currentData()
        return self.today.year if value is None else int(value)

    @property
    def station_id(self) -> str | None:
        return self.station.currentData()

    @property
    def station_name(self) -> str:
        return self.station.currentText() if self.station_id else ""

    @property
    def stage(self) -> Stage:
        return Stage(self.stage_box.currentData())

    @property
    def model(self) -> Any:
        return self.view.results

    def selected_delegate(self) -> DelegateResult | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.delegate(index.row())

    @property
    def locked(self) -> bool:
        return bool(self.station_year and self.station_year.locked)

    # --- loading ------------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        with self.db.session() as s:
            years = set(evaluation.evaluation_years(s))
        years.add(self.today.year)
        chosen = self.year.currentData()
        refill(self.year, [(y, tr("{0} 年").format(y)) for y in sorted(years, reverse=True)])
        if chosen is None:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(self.year.findData(self.today.year))
            self.year.blockSignals(False)
        self.reload()

    def show_station(self, year: int, station_id: str | None) -> None:
        """The home page's "stages missing" line: that year and station."""
        self.load_now()
        index = self.year.findData(year)
        if index >= 0:
            self.year.setCurrentIndex(index)
        index = self.station.findData(station_id)
        if index >= 0:
            self.station.setCurrentIndex(index)

    def reload(self) -> None:
        year = self.year_value
        with self.db.session() as s:
            refill(self.station, evaluation.station_choices(s, year))
            station_id = self.station_id
            shown = evaluation.station_year(s, year, station_id) if station_id else None
        self.show_year(shown)

    def show_year(self, shown: StationYear | None) -> None:
        self.station_year = shown
        self.model.set_year(shown, self.stage)
        self.view.fit()
        self.chart.show_year(shown)
        year = self.year_value
        if shown is None:
            self.empty.setText(
                tr(
                    "{0}年的考核还没有开启。点“开启/刷新本年度考核”，为各联络站本年度的每位团代表"
                    "建立考核，并根据坐班、来访和履职记录算出各项建议分。"
                ).format(year)
            )
        self.empty.setVisible(shown is None)
        self.banner.setVisible(self.locked)
        self.banner.setText(
            tr(
                "【已锁定】{0}{1}年的考核结果已锁定，分数、等次和后续处理不再变化；如需修改请先解锁。"
            ).format(self.station_name, year)
        )
        self._enable()
        self.status.setText(self._summary(shown))

    def _summary(self, shown: StationYear | None) -> str:
        if shown is None:
            return ""
        stage = self.stage
        done = sum(1 for d in shown.delegates if stage in d.stages_done)
        ties = sum(1 for d in shown.delegates if d.quota_tie)
        text = tr("{0} 名代表 · 优秀名额 {1} · {2}已录入 {3} 人").format(
            len(shown.delegates), excellent_places(shown), stage_text(stage), done
        )
        if ties:
            text += tr(" · 并列待定 {0} 人").format(ties)
        return text

    def _enable(self) -> None:
        shown = self.station_year
        has_rows = bool(shown and shown.delegates)
        editable = has_rows and not self.locked
        self.entry_button.setEnabled(editable)
        ties = bool(shown and any(d.quota_tie for d in shown.delegates))
        self.tie_button.setEnabled(editable and ties)
        self.tie_button.setToolTip(
            tr("有代表总分并列在优秀名额线上时，在这里决定") if not ties else ""
        )
        self.lock_button.setEnabled(has_rows)
        self.lock_button.setText(tr("解锁…") if self.locked else tr("锁定本年度"))

    # --- actions ------------------------------------------------------------------------------

    def open_year(self) -> object:
        """Every station's year (new stations and delegates included), in a worker."""
        year, db, today = self.year_value, self.db, self._today

        def job(progress: Any, cancelled: Any) -> evaluation.OpenSummary:
            with db.transaction() as s:
                return evaluation.open_year(
                    s, year, today=today, progress=cancellable(progress, cancelled)
                )

        def done(summary: evaluation.OpenSummary) -> None:
            self.last_message = summary.message()
            if not (summary.created or summary.refreshed or summary.locked):
                self.last_message = tr(
                    "{0}年没有可考核的团代表：请先在“联络站与代表”中为联络站分配团代表。"
                ).format(summary.year)
            self.full_reload()
            self.message.setText(self.last_message)

        return run_long(
            self, tr("正在开启{0}年考核…").format(year), job, done, changes=[EVALUATION]
        )

    def _activated(self, index: QModelIndex) -> None:
        """Double-click or Enter: an indicator shows its records, anything else the entry."""
        seq = self.model.indicator_seq(index.column())
        if seq is not None:
            self.show_records(index.row(), seq)
        else:
            self.enter_stage(index.row())

    def show_records(self, row: int, seq: int) -> RecordsDialog | None:
        d = self.model.delegate(row)
        year = self.year_value
        records = run_read(
            self, self.db, lambda s: evaluation.records_behind(s, year, d.person_id, seq)
        )
        if records is None:
            return None
        dialog = RecordsDialog(records, d.name, self)
        dialog.open()
        return dialog

    def enter_stage(self, row: int | None = None) -> StageEntryDialog | None:
        shown = self.station_year
        title = tr("录入本阶段")
        if shown is None or not shown.delegates:
            QMessageBox.information(self, title, tr("请先开启本年度考核。"))
            return None
        if self.locked:
            QMessageBox.information(
                self,
                title,
                tr("{0}年的考核已锁定，不能再录入；如需修改请先解锁。").format(shown.year),
            )
            return None
        if row is None:
            index = self.view.currentIndex()
            row = index.row() if index.isValid() else 0
        order = [(d.person_id, d.name) for d in self.model.delegates()]
        dialog = StageEntryDialog(self.db, shown.year, self.stage, shown.scheme, order, row, self)
        dialog.finished.connect(lambda _r: self._entry_closed(dialog))
        dialog.open()
        return dialog

    def _entry_closed(self, dialog: StageEntryDialog) -> None:
        if dialog.saved:
            self.last_message = tr("已保存 {0} 位代表的{1}").format(
                dialog.saved, stage_text(dialog.stage)
            )
            self.message.setText(self.last_message)
            if dialog.delegate is not None:
                row = self.model.row_of(dialog.delegate.person_id)
                if row >= 0:
                    self.view.selectRow(row)

    def decide_tie(self) -> TieDialog | None:
        shown = self.station_year
        if shown is None or not any(d.quota_tie for d in shown.delegates):
            QMessageBox.information(self, tr("决定并列"), tr("本站没有并列待定的代表。"))
            return None
        dialog = TieDialog(self.db, shown, self)
        dialog.open()
        return dialog

    def toggle_lock(self) -> int | None:
        shown = self.station_year
        if shown is None:
            return None
        year, station_id = shown.year, shown.station_id
        if shown.locked:
            reason, ok = QInputDialog.getText(
                self,
                tr("解锁"),
                tr("解锁{0}{1}年的考核需要说明理由（记入操作日志）：").format(shown.station, year),
            )
            if not ok:
                return None
            count = run_action(
                self,
                self.db,
                lambda s: evaluation.unlock_year(s, year, station_id, reason.strip()),
                changes=[EVALUATION],
            )
            verb = tr("解锁")
        else:
            answer = QMessageBox.question(
                self,
                tr("锁定本年度"),
                tr(
                    "锁定后，{0}{1}年的分数、等次、后续处理和考核方案都将固定，"
                    "记录或方案再变也不会改变它们。确定锁定吗？"
                ).format(shown.station, year),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            count = run_action(
                self,
                self.db,
                lambda s: evaluation.lock_year(s, year, station_id),
                changes=[EVALUATION],
            )
            verb = tr("锁定")
        if count is not None:
            self.last_message = tr("已{0} {1} 份考核").format(verb, count)
            self.message.setText(self.last_message)
        return count

    def edit_scheme(self) -> SchemeDialog | None:
        loaded = run_read(
            self,
            self.db,
            lambda s: (
                evaluation.current_scheme(s),
                ledger.activity_types(s),
                evaluation.term_years(s),
            ),
        )
        if loaded is None:
            return None
        dialog = SchemeDialog(self.db, *loaded, parent=self)
        dialog.open()
        return dialog

    def make_dossiers(self) -> QDialog | None:
        """生成本站档案…: the station's delegates of the year shown."""
        from twdesk.ui.dialogs.dossier_dialog import DossierDialog, station_delegates

        station_id = self.station_id
        if station_id is None:
            QMessageBox.information(
                self, tr("生成本站档案"), tr("本年度还没有开启考核，请先选择联络站。")
            )
            return None
        dialog = DossierDialog(
            self.db,
            station_delegates(station_id),
            self.station_name,
            year=self.year_value,
            parent=self,
        )
        dialog.open()
        return dialog

    def show_progress(self) -> QDialog | None:
        year = self.year_value
        rows = run_read(self, self.db, lambda s: evaluation.progress(s, year))
        if rows is None:
            return None
        dialog = ProgressDialog(year, rows, self)
        dialog.open()
        return dialog
