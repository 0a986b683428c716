"""来访登记: intake on duty days, the register (paged), opinion handling (交办 → 办结 → 反馈)
with overdue items in red, and statistics with charts, PDF and Excel."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from twdesk.core.idcard import mask_phone
from twdesk.core.vocab import OpinionStatus, Satisfaction
from twdesk.db.dbfile import Database
from twdesk.db.models import OpinionItem, Person
from twdesk.services import visits
from twdesk.services.people import station_choices
from twdesk.services.visits import ItemRow, VisitError, VisitFilter, VisitRow
from twdesk.ui.models.paged_model import Column, PagedModel
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.widgets.bar_chart import BarChart
from twdesk.ui.widgets.intake_form import IntakeForm

PERIODS = (
    ("全年", (1, 12)),
    ("第一季度", (1, 3)),
    ("第二季度", (4, 6)),
    ("第三季度", (7, 9)),
    ("第四季度", (10, 12)),
    ("上半年", (1, 6)),
    ("下半年", (7, 12)),
)


@dataclass(frozen=True)
class FilterChoices:
    stations: list[tuple[str, str]]
    people: list[tuple[str, str]]
    categories: list[str]


class FilterBar(QWidget):
    """Station, delegate, category, status, period, overdue, text: builds a VisitFilter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = QComboBox()
        self.person = QComboBox()
        self.category = QComboBox()
        self.status = QComboBox()
        self.use_start = QCheckBox(self.tr("从"))
        self.start = QDateEdit()
        self.use_end = QCheckBox(self.tr("到"))
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.overdue = QCheckBox(self.tr("只看超期"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("搜索内容或来访人"))
        self.text.setClearButtonEnabled(True)
        for combo in (self.station, self.person, self.category, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.use_start, self.use_end, self.overdue):
            box.toggled.connect(lambda _on: self.changed.emit())
        self.text.returnPressed.connect(self.changed.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (
            self.station,
            self.person,
            self.category,
            self.status,
            self.use_start,
            self.start,
            self.use_end,
            self.end,
            self.overdue,
        ):
            layout.addWidget(w)
        layout.addWidget(self.text, 1)

    @staticmethod
    def load_choices(db: Database) -> FilterChoices:
        """What the filter lists offer, read once for all the bars of a tab."""
        with db.session() as s:
            return FilterChoices(
                station_choices(s),
                [
                    (pid, name)
                    for pid, name in s.execute(
                        select(Person.id, Person.name)
                        .where(Person.deleted_at.is_(None), Person.is_delegate.is_(True))
                        .order_by(Person.name_pinyin)
                    )
                ],
                visits.categories(s),
            )

    def fill(self, choices: FilterChoices) -> None:
        stations, people, names = choices.stations, choices.people, choices.categories
        for combo, first, items in (
            (self.station, self.tr("全部联络站"), stations),
            (self.person, self.tr("全部接待代表"), people),
            (self.category, self.tr("全部类别"), [(n, n) for n in names]),
            (self.status, self.tr("全部状态"), [(str(s), str(s)) for s in OpinionStatus]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def value(self) -> VisitFilter:
        return VisitFilter(
            station_id=self.station.currentData(),
            person_id=self.person.currentData(),
            category=self.category.currentData(),
            status=self.status.currentData(),
            start=self.start.date().toPython() if self.use_start.isChecked() else None,
            end=self.end.date().toPython() if self.use_end.isChecked() else None,
            overdue=self.overdue.isChecked(),
            text=self.text.text(),
        )


class StepDialog(QDialog):
    """The fields one workflow step needs (交办, 办结, 反馈, 重新办理)."""

    def __init__(
        self, title: str, fields: list[tuple[str, QWidget]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        for label, widget in fields:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class _CountRelay(QObject):
    """Carries a count made in a worker thread back to the GUI thread."""

    counted = Signal(int, int)


class VisitsTab(LazyLoad, QWidget):
    data_changed = Signal()

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
        self._count_generation = 0
        self._count_threads: list[threading.Thread] = []
        self._count_relay = _CountRelay(self)
        self._count_relay.counted.connect(self._counted)
        self.pages = QTabWidget()

        # 登记
        self.intake = IntakeForm(db, today=today, load=not lazy)
        self.intake.saved.connect(lambda _vid: self._changed())
        categories_button = QPushButton(self.tr("类别设置…"))
        categories_button.clicked.connect(self.edit_categories)
        intake_page = QWidget()
        intake_layout = QVBoxLayout(intake_page)
        intake_layout.addWidget(self.intake)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(categories_button)
        intake_layout.addLayout(row)

        # 来访记录
        self.visit_filter = FilterBar()
        self.visit_filter.changed.connect(self.refresh_visits)
        self.visit_count = QLabel()
        export_button = QPushButton(self.tr("导出 Excel…"))
        export_button.clicked.connect(lambda: self.export_visits())
        self.visit_model: PagedModel[VisitRow] = PagedModel(
            [
                Column(self.tr("日期"), lambda r: r.visit_date.isoformat()),
                Column(self.tr("联络站"), lambda r: r.station),
                Column(self.tr("接待代表"), lambda r: r.receiver),
                Column(self.tr("来访人"), lambda r: r.visitor),
                Column(self.tr("联系电话"), lambda r: mask_phone(r.phone)),
                Column(self.tr("身份"), lambda r: r.identity),
                Column(self.tr("渠道"), lambda r: r.channel),
                Column(self.tr("类别"), lambda r: r.category),
                Column(self.tr("人数"), lambda r: str(r.people)),
                Column(self.tr("意见"), lambda r: self._item_summary(r)),
                Column(self.tr("来访事由"), lambda r: r.content.replace("\n", " ")),
            ],
            key=lambda r: (r.visit_date, r.id),
            alert=lambda r: r.overdue_items > 0,
            parent=self,
        )
        self.visit_view = self._view(self.visit_model)
        self.visit_view.doubleClicked.connect(lambda index: self.edit_visit(index.row()))
        visits_page = QWidget()
        visits_layout = QVBoxLayout(visits_page)
        visits_layout.addWidget(self.visit_filter)
        top = QHBoxLayout()
        top.addWidget(self.visit_count, 1)
        top.addWidget(export_button)
        visits_layout.addLayout(top)
        visits_layout.addWidget(self.visit_view)

        # 意见办理
        self.item_filter = FilterBar()
        self.item_filter.changed.connect(self.refresh_items)
        self.item_count = QLabel()
        self.item_model: PagedModel[ItemRow] = PagedModel(
            [
                Column(self.tr("编号"), lambda r: r.number),
                Column(self.tr("来访日期"), lambda r: r.visit_date.isoformat()),
                Column(self.tr("联络站"), lambda r: r.station),
                Column(self.tr("类别"), lambda r: r.category),
                Column(
                    self.tr("状态"), lambda r: r.status + (self.tr("（超期）") if r.overdue else "")
                ),
                Column(self.tr("交办部门"), lambda r: r.department),
                Column(self.tr("期限"), lambda r: r.deadline.isoformat() if r.deadline else ""),
                Column(self.tr("意见建议"), lambda r: r.content.replace("\n", " ")),
            ],
            key=lambda r: r.number,
            alert=lambda r: r.overdue,
            parent=self,
        )
        self.item_view = self._view(self.item_model)
        self.item_view.selectionModel().currentRowChanged.connect(lambda *_: self._item_selected())
        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.item_steps = QListWidget()
        self.step_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, label, slot) in enumerate(
            (
                ("assign", "交办…", self.assign),
                ("start", "办理中", self.start_handling),
                ("handle", "办结…", self.handle),
                ("feedback", "反馈…", self.feed_back),
                ("reopen", "重新办理…", self.reopen),
                ("slip", "打印交办单…", self.print_slips),
            )
        ):
            button = QPushButton(self.tr(label))
            button.clicked.connect(lambda _c=False, f=slot: f())
            self.step_buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.item_title)
        side_layout.addLayout(grid)
        side_layout.addWidget(QLabel(self.tr("办理记录")))
        side_layout.addWidget(self.item_steps, 1)
        items_left = QWidget()
        items_layout = QVBoxLayout(items_left)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.item_filter)
        items_layout.addWidget(self.item_count)
        items_layout.addWidget(self.item_view)
        items_split = QSplitter()
        items_split.addWidget(items_left)
        items_split.addWidget(side)
        items_split.setSizes([900, 340])

        # 统计
        self.stats_station = QComboBox()
        self.stats_year = QSpinBox()
        self.stats_year.setRange(2000, 2100)
        self.stats_year.setValue(self.today.year)
        self.stats_year.setSuffix(self.tr(" 年"))
        self.stats_period = QComboBox()
        for label, months in PERIODS:
            self.stats_period.addItem(self.tr(label), months)
        self.stats_period.addItem(self.tr("自定义期间"), None)
        self.stats_from = QDateEdit(QDate(self.today.year, 1, 1))
        self.stats_to = QDateEdit(QDate(self.today.year, 12, 31))
        for edit in (self.stats_from, self.stats_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.refresh_stats())
        self.stats_period.currentIndexChanged.connect(self._period_changed)
        self.stats_station.currentIndexChanged.connect(lambda _i: self.refresh_stats())
        self.stats_year.valueChanged.connect(lambda _v: self.refresh_stats())
        pdf_button = QPushButton(self.tr("导出 PDF…"))
        pdf_button.clicked.connect(lambda: self.export_stats_pdf())
        xlsx_button = QPushButton(self.tr("导出 Excel…"))
        xlsx_button.clicked.connect(lambda: self.export_stats_xlsx())
        self.stats_sentence = QLabel()
        self.stats_sentence.setWordWrap(True)
        self.stats_sentence.setStyleSheet("font-size: 14px; padding: 6px;")
        self.month_chart = BarChart(self.tr("各月来访登记次数"))
        self.category_chart = BarChart(self.tr("意见建议按类别（条）"), "#1f4e8c")
        stats_page = QWidget()
        stats_layout = QVBoxLayout(stats_page)
        bar = QHBoxLayout()
        bar.addWidget(self.stats_station)
        bar.addWidget(self.stats_year)
        bar.addWidget(self.stats_period)
        bar.addWidget(self.stats_from)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.stats_to)
        bar.addStretch(1)
        bar.addWidget(pdf_button)
        bar.addWidget(xlsx_button)
        stats_layout.addLayout(bar)
        stats_layout.addWidget(self.stats_sentence)
        charts = QHBoxLayout()
        charts.addWidget(self.month_chart)
        charts.addWidget(self.category_chart)
        stats_layout.addLayout(charts, 1)

        self.pages.addTab(intake_page, self.tr("登记"))
        self.pages.addTab(visits_page, self.tr("来访记录"))
        self.pages.addTab(items_split, self.tr("意见办理"))
        self.pages.addTab(stats_page, self.tr("统计"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.pages)
        if lazy:
            self._stale = True
        else:
            self.full_reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def _view(self, model: PagedModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((90, 150, 80, 80, 110, 60, 60, 80, 50, 90)):
            view.setColumnWidth(i, width)
        return view

    # --- loading ------------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self.db = db
        self.intake.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        self.intake.reload()
        choices = FilterBar.load_choices(self.db)
        self.visit_filter.fill(choices)
        self.item_filter.fill(choices)
        self.stats_station.blockSignals(True)
        self.stats_station.clear()
        self.stats_station.addItem(self.tr("全部联络站"), None)
        for sid, name in choices.stations:
            self.stats_station.addItem(name, sid)
        self.stats_station.blockSignals(False)
        self.refresh_visits()
        self.refresh_items()
        self.refresh_stats()

    def edit_visit(self, row: int) -> bool:
        """Double-click in the register: correct that visit in the intake form."""
        if not 0 <= row < self.visit_model.rowCount():
            return False
        self.intake.load_visit(self.visit_model.row(row).id)
        self.pages.setCurrentIndex(0)
        return True

    def _item_summary(self, r: VisitRow) -> str:
        if not r.items:
            return ""
        text = self.tr("{0} 条").format(r.items)
        if r.overdue_items:
            text += self.tr("，{0} 超期").format(r.overdue_items)
        elif r.open_items:
            text += self.tr("，{0} 办理中").format(r.open_items)
        return text

    def refresh_visits(self) -> int:
        flt, today = self.visit_filter.value(), self.today

        def fetch(after: object, limit: int) -> list[VisitRow]:
            with self.db.session() as s:
                return visits.visit_page(s, flt, after=after, limit=limit, today=today)  # type: ignore[arg-type]

        self._count_generation += 1
        if flt.text.strip():
            # a text search reads every row to count them: count in a thread, show rows now
            self.visit_model.reset(fetch, 0)
            self.visit_count.setText(
                self.tr("已显示 {0} 条，正在统计总数…").format(self.visit_model.rowCount())
            )
            generation, db = self._count_generation, self.db

            def count_in_background() -> None:
                with db.session() as s:
                    n = visits.visit_count(s, flt, today=today)
                self._count_relay.counted.emit(generation, n)

            thread = threading.Thread(target=count_in_background, name="twdesk-visit-count")
            self._count_threads = [t for t in self._count_threads if t.is_alive()] + [thread]
            thread.start()
            return -1
        with self.db.session() as s:
            total = visits.visit_count(s, flt, today=today)
        self.visit_model.reset(fetch, total)
        self.visit_count.setText(self.tr("共 {0} 条来访登记").format(f"{total:,}"))
        return total

    def shutdown(self) -> None:
        """Wait for background counts (a fraction of a second) before the file is closed."""
        self._count_generation += 1
        for thread in self._count_threads:
            thread.join()
        self._count_threads.clear()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._count_generation:  # not a stale answer to an older filter
            self.visit_model.total = total
            self.visit_count.setText(self.tr("共 {0} 条来访登记").format(f"{total:,}"))

    def refresh_items(self) -> None:
        flt, today = self.item_filter.value(), self.today

        def fetch(after: object, limit: int) -> list[ItemRow]:
            with self.db.session() as s:
                return visits.item_page(s, flt, after=after, limit=limit, today=today)  # type: ignore[arg-type]

        self.item_model.reset(fetch, 0)
        self.item_count.setText(
            self.tr("意见建议（红色为超期未办结）：已显示 {0} 条，向下滚动加载更多").format(
                self.item_model.rowCount()
            )
        )
        self._item_selected()

    def _period_changed(self) -> None:
        custom = self.stats_period.currentData() is None
        self.stats_from.setEnabled(custom)
        self.stats_to.setEnabled(custom)
        self.stats_year.setEnabled(not custom)
        self.refresh_stats()

    def stats_period_dates(self) -> tuple[date, date]:
        months = self.stats_period.currentData()
        if months is None:
            start, end = self.stats_from.date().toPython(), self.stats_to.date().toPython()
            return (start, end) if start <= end else (end, start)
        year = self.stats_year.value()
        first, last = months
        end_month = date(year + (last == 12), last % 12 + 1, 1)
        return date(year, first, 1), date.fromordinal(end_month.toordinal() - 1)

    def period_text(self) -> str:
        start, end = self.stats_period_dates()
        return f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"

    def refresh_stats(self) -> visits.Stats:
        start, end = self.stats_period_dates()
        with self.db.session() as s:
            stats = visits.visit_stats(
                s,
                start=start,
                end=end,
                station_id=self.stats_station.currentData(),
                today=self.today,
            )
        self.stats = stats
        self.stats_sentence.setText(stats.sentence())
        self.month_chart.set_values([(f"{m}月", n) for m, n in stats.by_month.items()])
        self.category_chart.set_values(list(stats.by_category.items()))
        return stats

    def _changed(self) -> None:
        self.refresh_visits()
        self.refresh_items()
        self.refresh_stats()
        self.data_changed.emit()

    # --- opinion handling ---------------------------------------------------------------------

    def selected_item(self) -> ItemRow | None:
        index = self.item_view.currentIndex()
        return self.item_model.row(index.row()) if index.isValid() else None

    def select_item(self, number: str) -> bool:
        while True:
            for i, r in enumerate(self.item_model.rows):
                if r.number == number:
                    self.item_view.selectRow(i)
                    return True
            if not self.item_model.canFetchMore():
                return False
            self.item_model.fetchMore()

    def _item_selected(self) -> None:
        row = self.selected_item()
        self.item_steps.clear()
        for button in self.step_buttons.values():
            button.setEnabled(False)
        if row is None:
            self.item_title.setText(self.tr("选择一条意见建议"))
            return
        with self.db.session() as s:
            item = s.get(OpinionItem, row.id)
            steps = visits.item_steps(s, row.id)
            status = item.status if item else row.status
        deadline = f"　期限 {row.deadline:%Y-%m-%d}" if row.deadline else ""
        self.item_title.setText(
            f"<b>{row.number}</b>　{status}{deadline}"
            + ("<span style='color:#b3261e'>（已超期）</span>" if row.overdue else "")
            + f"<br>{row.content}"
        )
        for st in steps:
            self.item_steps.addItem(
                f"{st.done_on:%Y-%m-%d} {st.from_status}→{st.to_status}　{st.note}　{st.done_by}"
            )
        enabled = {
            str(OpinionStatus.REGISTERED): ("assign",),
            str(OpinionStatus.ASSIGNED): ("start", "handle", "slip"),
            str(OpinionStatus.IN_PROGRESS): ("handle", "slip"),
            str(OpinionStatus.HANDLED): ("feedback", "reopen", "slip"),
            str(OpinionStatus.FED_BACK): ("reopen", "slip"),
        }.get(status, ())
        for key in enabled:
            self.step_buttons[key].setEnabled(True)

    def _run_step(self, action: object) -> bool:
        row = self.selected_item()
        if row is None:
            return False
        try:
            with self.db.transaction() as s:
                action(s, row.id)  # type: ignore[operator]
        except VisitError as exc:
            QMessageBox.warning(self, self.tr("不能办理"), str(exc))
            return False
        number = row.number
        self._changed()
        self.select_item(number)
        return True

    def assign(
        self, department: str | None = None, responsible: str = "", deadline: date | None = None
    ) -> bool:
        row = self.selected_item()
        if row is None:
            return False
        if department is None:
            dept, person = QLineEdit(), QLineEdit()
            with self.db.transaction() as s:
                default = visits.default_deadline(s, self.today)
            due = QDateEdit(QDate(default.year, default.month, default.day))
            due.setCalendarPopup(True)
            due.setDisplayFormat("yyyy-MM-dd")
            dialog = StepDialog(
                self.tr("交办"),
                [
                    (self.tr("交办部门"), dept),
                    (self.tr("责任人"), person),
                    (self.tr("办理期限（默认 7 个工作日）"), due),
                ],
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            department, responsible, deadline = dept.text(), person.text(), due.date().toPython()
        return self._run_step(
            lambda s, i: visits.assign(
                s, i, department, responsible, on=self.today, deadline=deadline
            )
        )

    def start_handling(self) -> bool:
        return self._run_step(lambda s, i: visits.start_handling(s, i, on=self.today))

    def handle(self, result: str | None = None) -> bool:
        if result is None:
            edit = QPlainTextEdit()
            dialog = StepDialog(self.tr("办结"), [(self.tr("办理结果"), edit)], self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            result = edit.toPlainText()
        return self._run_step(lambda s, i: visits.handle(s, i, result, on=self.today))

    def feed_back(self, method: str | None = None, satisfaction: str | None = None) -> bool:
        if method is None or satisfaction is None:
            how = QLineEdit()
            how.setPlaceholderText(self.tr("如：电话告知、当面答复"))
            mood = QComboBox()
            mood.addItems([str(s) for s in Satisfaction])
            dialog = StepDialog(
                self.tr("反馈"), [(self.tr("反馈方式"), how), (self.tr("满意度"), mood)], self
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            method, satisfaction = how.text(), mood.currentText()
        return self._run_step(
            lambda s, i: visits.feed_back(s, i, method, satisfaction, on=self.today)
        )

    def reopen(self, reason: str | None = None) -> bool:
        if reason is None:
            edit = QLineEdit()
            dialog = StepDialog(self.tr("重新办理"), [(self.tr("原因"), edit)], self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = edit.text()
        return self._run_step(lambda s, i: visits.reopen(s, i, reason, on=self.today))

    # --- files --------------------------------------------------------------------------------

    def _save_path(self, title: str, default: str, filter_text: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, default, filter_text)
        return Path(name) if name else None

    def print_slips(self, path: Path | None = None) -> int:
        row = self.selected_item()
        if row is None:
            return 0
        path = path or self._save_path(
            self.tr("保存交办单"), f"交办单-{row.number}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path is None:
            return 0
        from twdesk.services.visit_outputs import print_slips

        with self.db.session() as s:
            count = print_slips(s, path, [row.id], overwrite=True)
        self.last_message = self.tr("交办单已保存：{0}").format(path.name)
        return count

    def export_visits(self, path: Path | None = None, *, mask: bool = False) -> int:
        path = path or self._save_path(
            self.tr("导出来访登记"), "来访登记.xlsx", self.tr("Excel 文件 (*.xlsx)")
        )
        if path is None:
            return 0
        from twdesk.services.visit_export import export_visits

        flt = self.visit_filter.value()
        with self.db.session() as s:
            count = export_visits(s, path, flt=flt, mask=mask, today=self.today, overwrite=True)
        self.last_message = self.tr("已导出 {0} 行").format(count)
        return count

    def _stats_title(self) -> str:
        scope = self.stats_station.currentText()
        months = self.stats_period.currentData()
        if months is None:
            return self.tr("{0}来访接待情况统计（{1}）").format(scope, self.period_text())
        label = self.stats_period.currentText()
        label = "" if label == self.tr("全年") else label
        return self.tr("{0}年{1}{2}来访接待情况统计").format(self.stats_year.value(), label, scope)

    def export_stats_pdf(self, path: Path | None = None) -> Path | None:
        path = path or self._save_path(
            self.tr("导出统计 PDF"), f"{self._stats_title()}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path is None:
            return None
        from twdesk.services.visit_outputs import print_visit_summary

        start, end = self.stats_period_dates()
        with self.db.session() as s:
            return print_visit_summary(
                s,
                path,
                start=start,
                end=end,
                station_id=self.stats_station.currentData(),
                title=self._stats_title(),
                today=self.today,
                overwrite=True,
            )

    def export_stats_xlsx(self, path: Path | None = None) -> Path | None:
        path = path or self._save_path(
            self.tr("导出统计 Excel"), f"{self._stats_title()}.xlsx", self.tr("Excel 文件 (*.xlsx)")
        )
        if path is None:
            return None
        from twdesk.services.visit_outputs import export_visit_summary

        start, end = self.stats_period_dates()
        with self.db.session() as s:
            return export_visit_summary(
                s,
                path,
                start=start,
                end=end,
                station_id=self.stats_station.currentData(),
                title=self._stats_title(),
                today=self.today,
                overwrite=True,
            )

    def edit_categories(self) -> None:
        with self.db.session() as s:
            names = visits.categories(s)
        edit = QPlainTextEdit("\n".join(names))
        dialog = StepDialog(self.tr("来访类别（每行一个，按此顺序显示）"), [("", edit)], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with self.db.transaction() as s:
                visits.set_categories(s, edit.toPlainText().splitlines())
        except VisitError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        self.full_reload()
