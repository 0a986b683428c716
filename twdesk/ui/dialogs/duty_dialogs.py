"""Dialogs of the duty calendar: the plan's rule, the year's holidays, swaps and substitutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.duty_rules import DutyRuleSpec
from twdesk.core.errors import UserError
from twdesk.core.vocab import DutyRuleKind, OnHoliday
from twdesk.services import duty
from twdesk.services.duty import DutyError, RuleSettings
from twdesk.services.files import Database
from twdesk.ui.actions import DUTY, run_action
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.duty.common import NTH, WEEKDAYS

RULE_KINDS = (
    (DutyRuleKind.WEEKLY, tr("每周固定一天")),
    (DutyRuleKind.MONTHLY_DAY, tr("每月固定日期")),
    (DutyRuleKind.MONTHLY_NTH_WEEKDAY, tr("每月第几个星期几")),
    (DutyRuleKind.MANUAL, tr("手选日期")),
)
ON_HOLIDAY = (
    (OnHoliday.NEXT, tr("顺延到下一个工作日")),
    (OnHoliday.PREV, tr("提前到上一个工作日")),
    (OnHoliday.SKIP, tr("取消这一次")),
)


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    return label


class PlanDialog(QDialog):
    """The station's rule; generates (or regenerates from a date) the year's plan."""

    def __init__(
        self,
        db: Database,
        station_id: str,
        station_name: str,
        year: int,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.station_id, self.year = db, station_id, year
        self.today = today or date.today()
        self.result_text = ""
        self.setWindowTitle(self.tr("{0}：{1}年坐班计划").format(station_name, year))
        with db.session() as s:
            rule = duty.current_rule(s, station_id)
            has_plan = bool(duty.duty_days(s, station_id=station_id, year=year))
            holidays_known = duty.holiday_year_source(s, year) is not None
        self.kind = QComboBox()
        for kind, label in RULE_KINDS:
            self.kind.addItem(self.tr(label), str(kind))
        self.weekday = QComboBox()
        self.weekday.addItems(list(WEEKDAYS))
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setSuffix(self.tr(" 日"))
        self.nth = QComboBox()
        for n, label in NTH.items():
            self.nth.addItem(label, n)
        self.nth_weekday = QComboBox()
        self.nth_weekday.addItems(list(WEEKDAYS))
        self.dates = QLineEdit()
        self.dates.setPlaceholderText(self.tr("用逗号分隔，如 2026-01-07, 2026-02-04"))
        self.detail = QStackedWidget()
        for widgets in (
            (self.weekday,),
            (self.month_day,),
            (self.nth, self.nth_weekday),
            (self.dates,),
        ):
            page = QWidget()
            row = QHBoxLayout(page)
            row.setContentsMargins(0, 0, 0, 0)
            for w in widgets:
                row.addWidget(w)
            self.detail.addWidget(page)
        self.kind.currentIndexChanged.connect(self.detail.setCurrentIndex)
        self.start = QTimeEdit(QTime(9, 0))
        self.end = QTimeEdit(QTime(12, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("—"))
        hours.addWidget(self.end)
        self.per_day = QSpinBox()
        self.per_day.setRange(1, 10)
        self.per_day.setSuffix(self.tr(" 人"))
        self.mix = QCheckBox(self.tr("三级混合编组（同一天尽量安排市、县、乡镇不同层级的代表）"))
        self.on_holiday = QComboBox()
        for value, label in ON_HOLIDAY:
            self.on_holiday.addItem(self.tr(label), str(value))
        self.from_date = QDateEdit()
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("yyyy-MM-dd")
        first = date(year, 1, 1)
        start_from = max(self.today, first) if has_plan else first
        self.from_date.setDate(QDate(start_from.year, start_from.month, start_from.day))
        self.from_date.setMinimumDate(QDate(year, 1, 1))
        self.from_date.setMaximumDate(QDate(year, 12, 31))
        if rule is not None:
            self._load_rule(rule)
        form = QFormLayout()
        form.addRow(self.tr("坐班规则"), self.kind)
        form.addRow("", self.detail)
        form.addRow(self.tr("坐班时间"), hours)
        form.addRow(self.tr("每次人数"), self.per_day)
        form.addRow("", self.mix)
        form.addRow(self.tr("遇节假日"), self.on_holiday)
        form.addRow(self.tr("从这一天起排"), self.from_date)
        note = QLabel(
            self.tr(
                "已有计划时只重排所选日期之后、尚未登记出勤的坐班日；之前的日子、已登记出勤或换过班的日子保持不变。"
            )
            if has_plan
            else self.tr("第一次生成会覆盖全年（包括已经过去的日子），便于补录已经发生的坐班。")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.holiday_note = QLabel()
        self.holiday_note.setWordWrap(True)
        if not holidays_known:
            with db.session() as s:
                library_has = duty.ensure_holidays(s, year)
                s.rollback()  # only asked; the plan's own transaction loads them
            if not library_has:
                self.holiday_note.setText(
                    self.tr(
                        "⚠ {0}年的法定节假日和调休安排还没有数据。请先点“节假日…”录入并确认，"
                        "否则无法生成计划。"
                    ).format(year)
                )
                self.holiday_note.setStyleSheet(
                    "color: #8a5300; background: #fff3e0; padding: 6px; border-radius: 4px;"
                )
        self.error = _error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("重新生成") if has_plan else self.tr("生成计划")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.generate)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.holiday_note)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _load_rule(self, rule: RuleSettings) -> None:
        spec = rule.spec
        self.kind.setCurrentIndex(max(self.kind.findData(str(spec.kind)), 0))
        if spec.kind == DutyRuleKind.WEEKLY and spec.weekday is not None:
            self.weekday.setCurrentIndex(spec.weekday)
        if spec.month_day:
            self.month_day.setValue(spec.month_day)
        if spec.kind == DutyRuleKind.MONTHLY_NTH_WEEKDAY and spec.weekday is not None:
            self.nth_weekday.setCurrentIndex(spec.weekday)
            self.nth.setCurrentIndex(max(self.nth.findData(spec.nth), 0))
        if rule.start_time:
            self.start.setTime(QTime(rule.start_time.hour, rule.start_time.minute))
        if rule.end_time:
            self.end.setTime(QTime(rule.end_time.hour, rule.end_time.minute))
        self.per_day.setValue(rule.per_day)
        self.mix.setChecked(rule.mix_levels)
        self.on_holiday.setCurrentIndex(max(self.on_holiday.findData(rule.on_holiday), 0))

    def settings(self) -> RuleSettings:
        kind = DutyRuleKind(self.kind.currentData())
        if kind == DutyRuleKind.WEEKLY:
            spec = DutyRuleSpec(kind, weekday=self.weekday.currentIndex())
        elif kind == DutyRuleKind.MONTHLY_DAY:
            spec = DutyRuleSpec(kind, month_day=self.month_day.value())
        elif kind == DutyRuleKind.MONTHLY_NTH_WEEKDAY:
            spec = DutyRuleSpec(
                kind, weekday=self.nth_weekday.currentIndex(), nth=self.nth.currentData()
            )
        else:
            try:
                days = tuple(
                    sorted(
                        {
                            date.fromisoformat(part.strip())
                            for part in self.dates.text().replace("，", ",").split(",")
                            if part.strip()
                        }
                    )
                )
            except ValueError as exc:
                raise DutyError(self.tr("日期写法不对，请写成 2026-01-07, 2026-02-04")) from exc
            if not days:
                raise DutyError(self.tr("请填写至少一个坐班日期。"))
            spec = DutyRuleSpec(kind, dates=days)
        start, end = self.start.time(), self.end.time()
        return RuleSettings(
            spec,
            time(start.hour(), start.minute()),
            time(end.hour(), end.minute()),
            self.per_day.value(),
            self.mix.isChecked(),
            self.on_holiday.currentData(),
        )

    def generate(self) -> bool:
        try:
            settings = self.settings()
        except DutyError as exc:
            self.error.setText(str(exc))
            return False
        from_date = self.from_date.date().toPython()
        result = run_action(
            self,
            self.db,
            lambda s: duty.generate_plan(
                s, self.station_id, self.year, settings, from_date=from_date, today=self.today
            ),
            changes=[DUTY],
            on_error=self._show_error,
        )
        if result is None:
            return False
        self.result_text = result.one_line()
        self.accept()
        return True

    def _show_error(self, exc: UserError) -> None:
        self.error.setText(str(exc))


class HolidayDialog(QDialog):
    """The year's days off (休) and make-up workdays (班): shown, corrected, entered, confirmed."""

    def __init__(self, db: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.year = db, year
        self.setWindowTitle(self.tr("{0}年法定节假日与调休").format(year))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类型"), self.tr("名称")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.day = QDateEdit(QDate(year, 1, 1))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("休（放假）"), "休")
        self.kind.addItem(self.tr("班（调休上班）"), "班")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 春节"))
        add = QPushButton(self.tr("登记这一天"))
        add.clicked.connect(lambda: self.add_day())
        remove = QPushButton(self.tr("删除所选"))
        remove.clicked.connect(lambda: self.remove_selected())
        self.confirm_button = QPushButton(self.tr("确认本年节假日已录入完整"))
        self.confirm_button.clicked.connect(lambda: self.confirm())
        entry = QHBoxLayout()
        for w in (self.day, self.kind, self.name, add):
            entry.addWidget(w)
        self.error = _error_label()
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(remove)
        bottom.addStretch(1)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(560, 560)
        # load the library's data for the year when it has it
        run_action(self, db, lambda s: duty.ensure_holidays(s, year), changes=[DUTY])
        self.reload()

    def reload(self) -> None:
        with self.db.session() as s:
            rows = duty.year_holidays(s, self.year)
            source = duty.holiday_year_source(s, self.year)
        self.table.setRowCount(len(rows))
        for r, h in enumerate(rows):
            for c, value in enumerate((h.day.isoformat(), h.kind, h.name)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if source == "chinesecalendar":
            text = self.tr(
                "{0}年的安排来自程序自带的节假日数据（国务院办公厅公布），可以核对和修改。"
            )
        elif source == "manual":
            text = self.tr("{0}年的安排已手工录入并确认。")
        else:
            text = self.tr(
                "程序自带的节假日数据还没有{0}年（一般在每年11月前后公布下一年的安排）。"
                "请按国务院办公厅的通知逐日录入放假日期（休）和调休上班日期（班），然后点“确认”。"
            )
        self.status.setText(text.format(self.year))
        self.status.setStyleSheet("" if source else "color: #8a5300;")
        self.confirm_button.setEnabled(source != "chinesecalendar")

    def _write(self, fn: Callable[[Any], object]) -> bool:
        def write(s: Any) -> bool:
            fn(s)
            return True

        done = run_action(
            self, self.db, write, changes=[DUTY], on_error=lambda e: self.error.setText(str(e))
        )
        if not done:
            return False
        self.error.setText("")
        self.reload()
        return True

    def add_day(
        self, day: date | None = None, kind: str | None = None, name: str | None = None
    ) -> bool:
        day = day or self.day.date().toPython()
        kind = kind or self.kind.currentData()
        name = self.name.text() if name is None else name
        return self._write(lambda s: duty.set_holiday(s, day, kind, name))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        days = [date.fromisoformat(self.table.item(r, 0).text()) for r in rows]
        self._write(lambda s: [duty.remove_holiday(s, d) for d in days])

    def confirm(self) -> bool:
        return self._write(lambda s: duty.confirm_holiday_year(s, self.year))


class SeatChoiceDialog(QDialog):
    """Pick one item from a list and give a reason (换班 partner, 替班 delegate)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        items: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        for item_id, text in items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, item_id)
            self.list.addItem(item)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("原因，如：单位培训，两人协商"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.list)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(420, 460)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None


class UnavailableDialog(QDialog):
    """A delegate's declared dates or months when they cannot sit (出差, 产假 …)."""

    def __init__(self, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记不便坐班的时段"))
        self.start = QDateEdit(QDate(start.year, start.month, start.day))
        self.end = QDateEdit(QDate(start.year, start.month, start.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：外出培训、产假"))
        form = QFormLayout(self)
        form.addRow(self.tr("从"), self.start)
        form.addRow(self.tr("到"), self.end)
        form.addRow(self.tr("原因"), self.reason)
        note = QLabel(self.tr("重新生成计划时，这段时间不会安排这位代表；之后会补上应有的次数。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
