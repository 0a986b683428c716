"""坐班日历: the next 14 days, a month calendar, the year's list, one delegate's days, attendance
counts; plan generation, holidays, attendance, swaps and substitutes; poster, list and Excel."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.duty_rules import WEEKDAY_SHORT_ZH
from twdesk.core.vocab import Attendance, HolidayKind
from twdesk.services import duty
from twdesk.services.duty import NOT_YET, DutyDayView, DutyError
from twdesk.services.files import Database
from twdesk.services.people import station_choices
from twdesk.ui.actions import (
    DUTY,
    PEOPLE,
    STATIONS,
    ask_save_path,
    run_action,
    run_read,
    show_saved,
)
from twdesk.ui.dialogs.duty_dialogs import (
    HolidayDialog,
    PlanDialog,
    SeatChoiceDialog,
    UnavailableDialog,
)
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.widgets.tables import fill_table, make_table

T = TypeVar("T")

STATE_COLORS = {
    str(Attendance.PRESENT): "#1b5e20",
    str(Attendance.ABSENT): "#b3261e",
    str(Attendance.LEAVE): "#6d6d6d",
    str(Attendance.SUBSTITUTED): "#6a1b9a",
    str(Attendance.UNRECORDED): "#c25e00",
    NOT_YET: "#1f4e8c",
}
HOLIDAY_BG = QColor("#fde7e4")
WORKDAY_BG = QColor("#e3f0fb")
DUTY_BG = QColor("#fffbe6")
WARN_BG = QColor("#fff0d9")


def seat_text(seat: duty.DutySeat) -> str:
    who = seat.name
    if seat.attendance == Attendance.SUBSTITUTED and seat.substitute:
        who = f"{seat.name}→{seat.substitute}"
    return f"{who} {seat.shown}"


class DutyTab(LazyLoad, QWidget):
    """Reloads itself when duty, people or stations change (the `actions.changes()` bus)."""

    reload_on = frozenset({DUTY, PEOPLE, STATIONS})

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
        self.days: list[DutyDayView] = []
        self.holidays: dict[date, tuple[str, str]] = {}
        self.last_message = ""
        self.month = self.today.month

        self.station = QComboBox()
        self.station.setMinimumWidth(200)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(self.tr(" 年"))
        self.station.currentIndexChanged.connect(lambda _i: self.reload())
        self.year.valueChanged.connect(lambda _v: self.reload())
        plan_button = QPushButton(self.tr("生成/重排计划…"))
        plan_button.clicked.connect(lambda: self.open_plan_dialog())
        holidays_button = QPushButton(self.tr("节假日…"))
        holidays_button.clicked.connect(lambda: self.open_holidays())
        export_button = QPushButton(self.tr("导出 Excel…"))
        export_button.clicked.connect(lambda: self.export_excel())
        poster_button = QPushButton(self.tr("打印公示…"))
        poster_button.clicked.connect(lambda: self.print_poster())
        remind_button = QPushButton(self.tr("提醒名单…"))
        remind_button.clicked.connect(lambda: self.print_reminders())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.year)
        top.addStretch(1)
        for b in (plan_button, holidays_button, export_button, poster_button, remind_button):
            top.addWidget(b)
        self.plan_button = plan_button

        self.upcoming_title = QLabel()
        self.upcoming_title.setStyleSheet("font-weight: bold;")
        self.upcoming = self._table(
            ("日期", "星期", "时间", "联络站", "坐班代表", "联系电话", "状态")
        )
        self.upcoming.setObjectName("upcoming")
        self.upcoming.setMaximumHeight(150)

        # month view
        self.prev_month = QPushButton("◀")
        self.next_month = QPushButton("▶")
        self.month_label = QLabel()
        self.month_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.prev_month.clicked.connect(lambda: self.show_month(self.month - 1))
        self.next_month.clicked.connect(lambda: self.show_month(self.month + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_month)
        nav.addWidget(self.month_label)
        nav.addWidget(self.next_month)
        nav.addStretch(1)
        self.legend = QLabel(
            " ".join(f"<span style='color:{c}'>■ {s}</span>" for s, c in STATE_COLORS.items())
            + "　<span style='background:#fde7e4'>　休　</span>"
            + " <span style='background:#e3f0fb'>　班　</span>"
        )
        nav.addWidget(self.legend)
        self.calendar = QTableWidget(6, 7)
        self.calendar.setObjectName("monthCalendar")
        self.calendar.setHorizontalHeaderLabels(list(WEEKDAY_SHORT_ZH))
        self.calendar.verticalHeader().hide()
        self.calendar.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calendar.setWordWrap(True)
        self.calendar.currentCellChanged.connect(lambda *_: self._day_selected())
        month_page = QWidget()
        month_layout = QVBoxLayout(month_page)
        month_layout.setContentsMargins(0, 0, 0, 0)
        month_layout.addLayout(nav)
        month_layout.addWidget(self.calendar)

        # the selected day's seats and what can be done with them
        self.day_title = QLabel()
        self.day_title.setStyleSheet("font-weight: bold;")
        self.seats = QListWidget()
        self.seats.setObjectName("daySeats")
        buttons = []
        for label, state in (
            ("到岗", Attendance.PRESENT),
            ("缺席", Attendance.ABSENT),
            ("请假", Attendance.LEAVE),
        ):
            b = QPushButton(self.tr(label))
            b.clicked.connect(lambda _c=False, st=str(state): self.mark(st))
            buttons.append(b)
        substitute = QPushButton(self.tr("替班…"))
        substitute.clicked.connect(lambda: self.substitute())
        swap = QPushButton(self.tr("换班…"))
        swap.clicked.connect(lambda: self.swap())
        undo = QPushButton(self.tr("改回未登记"))
        undo.clicked.connect(lambda: self.mark(str(Attendance.UNRECORDED)))
        side = QVBoxLayout()
        side.addWidget(self.day_title)
        side.addWidget(self.seats)
        grid = QHBoxLayout()
        for b in buttons:
            grid.addWidget(b)
        side.addLayout(grid)
        row2 = QHBoxLayout()
        for b in (substitute, swap, undo):
            row2.addWidget(b)
        side.addLayout(row2)
        self.history = QListWidget()
        self.history.setMaximumHeight(140)
        side.addWidget(QLabel(self.tr("换班、替班记录")))
        side.addWidget(self.history)
        side_widget = QWidget()
        side_widget.setLayout(side)
        split = QSplitter()
        split.addWidget(month_page)
        split.addWidget(side_widget)
        split.setSizes([820, 320])

        # year list, one delegate, counts
        self.year_table = self._table(
            ("日期", "星期", "时间", "坐班代表", "联系电话", "状态", "说明")
        )
        self.person = QComboBox()
        self.person.currentIndexChanged.connect(lambda _i: self._fill_person())
        self.person_summary = QLabel()
        self.person_table = self._table(("日期", "星期", "联络站", "坐班代表", "状态", "说明"))
        person_page = QWidget()
        person_layout = QVBoxLayout(person_page)
        person_row = QHBoxLayout()
        person_row.addWidget(QLabel(self.tr("代表")))
        person_row.addWidget(self.person)
        person_row.addWidget(self.person_summary, 1)
        person_layout.addLayout(person_row)
        person_layout.addWidget(self.person_table)
        self.away_list = QListWidget()
        self.away_list.setMaximumHeight(110)
        add_away = QPushButton(self.tr("登记不便坐班时段…"))
        add_away.clicked.connect(lambda: self.add_unavailable())
        remove_away = QPushButton(self.tr("删除所选时段"))
        remove_away.clicked.connect(lambda: self.remove_unavailable())
        away_row = QHBoxLayout()
        away_row.addWidget(QLabel(self.tr("不便坐班的时段（排班时避开）")))
        away_row.addStretch(1)
        away_row.addWidget(add_away)
        away_row.addWidget(remove_away)
        person_layout.addLayout(away_row)
        person_layout.addWidget(self.away_list)
        self.counts_table = self._table(
            (
                "代表",
                "联络站",
                "安排",
                "已到期",
                "到岗",
                "缺席",
                "请假",
                "被替班",
                "未登记",
                "替他人",
            )
        )
        self.views = QTabWidget()
        self.views.addTab(split, self.tr("月历"))
        self.views.addTab(self.year_table, self.tr("全年列表"))
        self.views.addTab(person_page, self.tr("代表个人"))
        self.views.addTab(self.counts_table, self.tr("出勤统计"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.upcoming_title)
        layout.addWidget(self.upcoming)
        layout.addWidget(self.views, 1)
        self.defer_or_reload(lazy)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        return make_table([self.tr(h) for h in headers])

    # --- loading ------------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        self.reload_stations()

    def reload_stations(self) -> None:
        current = self.station.currentData()
        with self.db.session() as s:
            choices = station_choices(s)
        self.station.blockSignals(True)
        self.station.clear()
        for sid, name in choices:
            self.station.addItem(name, sid)
        index = self.station.findData(current)
        self.station.setCurrentIndex(index if index >= 0 else 0)
        self.station.blockSignals(False)
        self.reload()

    @property
    def station_id(self) -> str | None:
        return self.station.currentData()

    def reload(self) -> None:
        year = self.year.value()
        with self.db.session() as s:
            self.days = (
                duty.duty_days(s, station_id=self.station_id, year=year, today=self.today)
                if self.station_id
                else []
            )
            self.holidays = {h.day: (h.kind, h.name) for h in duty.year_holidays(s, year)}
            upcoming = duty.duty_days(
                s, start=self.today, end=self.today + timedelta(days=13), today=self.today
            )
            counts = (
                duty.attendance_counts(s, year, station_id=self.station_id, today=self.today)
                if self.station_id
                else []
            )
            history = duty.swap_history(s, self.station_id, year) if self.station_id else []
        self._fill_upcoming(upcoming)
        self.show_month(self.month)
        self._fill_year()
        self._fill_person_choices()
        self._fill_counts(counts)
        self.history.clear()
        for when, kind, who, to, reason in history:
            self.history.addItem(f"{when:%Y-%m-%d} {kind}：{who} → {to}　{reason}")

    def _fill_upcoming(self, days: list[DutyDayView]) -> None:
        """All stations' duty days of the next 14 days, for the reminder calls."""
        rows = []
        for d in days:
            when = self.tr("今天") if d.day == self.today else f"{d.day:%m-%d}"
            for s in d.seats:
                if s.attendance == Attendance.SUBSTITUTED and s.substitute:
                    who, phone = (
                        self.tr("{0}（替{1}）").format(s.substitute, s.name),
                        s.substitute_phone,
                    )
                else:
                    who, phone = s.name, s.phone
                rows.append((when, d.weekday, d.hours, d.station, who, phone, s.shown))
        self.upcoming_title.setText(
            self.tr("近14天坐班（{0} 至 {1}，全部联络站）：{2} 人次").format(
                f"{self.today:%m-%d}", f"{self.today + timedelta(days=13):%m-%d}", len(rows)
            )
        )
        self._set_rows(self.upcoming, rows, 6)

    # --- month view ---------------------------------------------------------------------------

    def show_month(self, month: int) -> None:
        year = self.year.value()
        if month < 1 or month > 12:
            self.year.blockSignals(True)
            self.year.setValue(year + (1 if month > 12 else -1))
            self.year.blockSignals(False)
            self.month = 1 if month > 12 else 12
            self.reload()
            return
        self.month = month
        year = self.year.value()
        self.month_label.setText(self.tr("{0}年{1}月").format(year, month))
        by_day = {d.day: d for d in self.days}
        self.calendar.clearContents()
        first = date(year, month, 1)
        offset = first.weekday()
        days_in_month = _calendar.monthrange(year, month)[1]
        for index in range(42):
            row, col = divmod(index, 7)
            n = index - offset + 1
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if 1 <= n <= days_in_month:
                day = date(year, month, n)
                lines = [str(n) + (self.tr("（今天）") if day == self.today else "")]
                holiday = self.holidays.get(day)
                if holiday:
                    kind, name = holiday
                    lines[0] += f"  {name or kind}"
                    item.setBackground(
                        QBrush(HOLIDAY_BG if kind == HolidayKind.HOLIDAY else WORKDAY_BG)
                    )
                view = by_day.get(day)
                if view:
                    lines += [seat_text(s) for s in view.seats]
                    if view.moved_from:
                        lines.append(self.tr("（原{0}）").format(f"{view.moved_from:%m-%d}"))
                    states = {s.shown for s in view.seats}
                    color = next(
                        (
                            STATE_COLORS[s]
                            for s in (Attendance.UNRECORDED, Attendance.ABSENT)
                            if s in states
                        ),
                        STATE_COLORS.get(next(iter(states), NOT_YET), "#000"),
                    )
                    item.setForeground(QBrush(QColor(color)))
                    if not holiday:
                        item.setBackground(
                            QBrush(WARN_BG if Attendance.UNRECORDED in states else DUTY_BG)
                        )
                    item.setData(ID_ROLE, view.id)
                    item.setToolTip("\n".join(f"{s.name} {s.phone} {s.shown}" for s in view.seats))
                item.setText("\n".join(lines))
                item.setData(Qt.ItemDataRole.UserRole + 1, day.isoformat())
            self.calendar.setItem(row, col, item)
        self._day_selected()

    def select_day(self, day: date) -> bool:
        if day.year != self.year.value():
            return False
        if day.month != self.month:
            self.show_month(day.month)
        offset = date(day.year, day.month, 1).weekday()
        row, col = divmod(day.day - 1 + offset, 7)
        self.calendar.setCurrentCell(row, col)
        return True

    def selected_day(self) -> DutyDayView | None:
        item = self.calendar.currentItem()
        day_id = item.data(ID_ROLE) if item else None
        return next((d for d in self.days if d.id == day_id), None)

    def _day_selected(self) -> None:
        view = self.selected_day()
        self.seats.clear()
        if view is None:
            item = self.calendar.currentItem()
            text = item.data(Qt.ItemDataRole.UserRole + 1) if item else None
            self.day_title.setText(
                self.tr("{0}：不是坐班日").format(text) if text else self.tr("请在月历中点选一天")
            )
            return
        self.day_title.setText(f"{view.day:%Y-%m-%d} {view.weekday} {view.hours}　{view.station}")
        for seat in view.seats:
            text = f"{seat.name}　{seat.phone}　{seat.shown}"
            if seat.substitute:
                text += self.tr("（{0} 替班）").format(seat.substitute)
            if seat.note:
                text += f"　{seat.note}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, seat.assignment_id)
            item.setForeground(QBrush(QColor(STATE_COLORS.get(seat.shown, "#000"))))
            self.seats.addItem(item)
        if self.seats.count():
            self.seats.setCurrentRow(0)

    def selected_seat(self) -> duty.DutySeat | None:
        view = self.selected_day()
        item = self.seats.currentItem()
        if view is None or item is None:
            return None
        return next((s for s in view.seats if s.assignment_id == item.data(ID_ROLE)), None)

    # --- other views --------------------------------------------------------------------------

    def _set_rows(self, table: QTableWidget, rows: list[tuple[str, ...]], state_col: int) -> None:
        fill_table(table, rows)
        if state_col >= 0:
            for r, row in enumerate(rows):
                color = QColor(STATE_COLORS.get(row[state_col], "#000"))
                table.item(r, state_col).setForeground(QBrush(color))

    def _fill_year(self) -> None:
        rows = []
        for d in self.days:
            note = (
                self.tr("原{0}，遇节假日调整").format(f"{d.moved_from:%m-%d}")
                if d.moved_from
                else ""
            )
            for s in d.seats:
                extra = "；".join(
                    x for x in (note, f"{s.substitute}替班" if s.substitute else "", s.note) if x
                )
                rows.append(
                    (d.day.isoformat(), d.weekday, d.hours, s.name, s.phone, s.shown, extra)
                )
        self._set_rows(self.year_table, rows, 5)

    def _fill_person_choices(self) -> None:
        current = self.person.currentData()
        people = sorted(
            {(s.person_id, s.name) for d in self.days for s in d.seats}, key=lambda p: p[1]
        )
        self.person.blockSignals(True)
        self.person.clear()
        for pid, name in people:
            self.person.addItem(name, pid)
        index = self.person.findData(current)
        self.person.setCurrentIndex(index if index >= 0 else 0)
        self.person.blockSignals(False)
        self._fill_person()

    def _fill_person(self) -> None:
        pid = self.person.currentData()
        if not pid:
            self._set_rows(self.person_table, [], 4)
            self.person_summary.setText("")
            return
        with self.db.session() as s:
            days = duty.duty_days(s, person_id=pid, year=self.year.value(), today=self.today)
            away = duty.unavailability(s, pid)
        self.away_list.clear()
        for row in away:
            item = QListWidgetItem(
                f"{row.start_date:%Y-%m-%d} 至 {row.end_date:%Y-%m-%d}　{row.reason}"
            )
            item.setData(ID_ROLE, row.id)
            self.away_list.addItem(item)
        rows = []
        for d in days:
            for seat in d.seats:
                if seat.person_id == pid or seat.substitute_id == pid:
                    who = seat.name if seat.person_id == pid else self.tr("替{0}").format(seat.name)
                    rows.append(
                        (d.day.isoformat(), d.weekday, d.station, who, seat.shown, seat.note)
                    )
        self._set_rows(self.person_table, rows, 4)
        own = [r for r in rows if not r[3].startswith("替")]
        self.person_summary.setText(
            self.tr("全年安排 {0} 天，到岗 {1}，缺席 {2}，请假 {3}，被替班 {4}").format(
                len(own),
                sum(1 for r in own if r[4] == Attendance.PRESENT),
                sum(1 for r in own if r[4] == Attendance.ABSENT),
                sum(1 for r in own if r[4] == Attendance.LEAVE),
                sum(1 for r in own if r[4] == Attendance.SUBSTITUTED),
            )
        )

    def _fill_counts(self, counts: list[duty.DutyCounts]) -> None:
        rows = [
            (
                c.name,
                c.station,
                *(
                    str(v)
                    for v in (
                        c.assigned,
                        c.due,
                        c.attended,
                        c.absent,
                        c.leave,
                        c.substituted,
                        c.unrecorded,
                        c.sat_for_others,
                    )
                ),
            )
            for c in counts
        ]
        self._set_rows(self.counts_table, rows, -1)
        for r, c in enumerate(counts):
            if c.unrecorded:
                self.counts_table.item(r, 8).setBackground(QBrush(WARN_BG))
            if c.absent:
                self.counts_table.item(r, 5).setForeground(QBrush(QColor("#b3261e")))

    # --- actions ------------------------------------------------------------------------------

    def _write(self, fn: Callable[[Any], object], error_title: str, message: str) -> bool:
        """One write through the action helper; the bus reloads the tab, the day stays selected."""

        def write(s: Any) -> bool:
            fn(s)
            return True

        day = self.selected_day()
        if not run_action(self, self.db, write, changes=[DUTY], error_title=error_title):
            return False
        self.last_message = message
        if day:
            self.select_day(day.day)
        return True

    def mark(self, state: str, note: str = "") -> bool:
        seat = self.selected_seat()
        if seat is None:
            return False
        if state == Attendance.LEAVE and not note:
            note, ok = QInputDialog.getText(self, self.tr("请假"), self.tr("请假原因（如：出差）"))
            if not ok:
                return False
        return self._write(
            lambda s: duty.record_attendance(
                s, seat.assignment_id, state, note=note, today=self.today
            ),
            self.tr("不能登记"),
            self.tr("已登记：{0} {1}").format(seat.name, state),
        )

    def substitute(self, substitute_id: str | None = None, reason: str | None = None) -> bool:
        seat = self.selected_seat()
        if seat is None:
            return False
        if substitute_id is None:
            others = sorted(
                {
                    (s.person_id, s.name)
                    for d in self.days
                    for s in d.seats
                    if s.person_id != seat.person_id
                },
                key=lambda p: p[1],
            )
            dialog = SeatChoiceDialog(
                self.tr("替班"), self.tr("由哪位代表替 {0} 坐班？").format(seat.name), others, self
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
                return False
            substitute_id, reason = dialog.chosen(), dialog.reason.text()
        return self._write(
            lambda s: duty.record_attendance(
                s,
                seat.assignment_id,
                str(Attendance.SUBSTITUTED),
                substitute_id=substitute_id,
                note=reason or "",
                today=self.today,
            ),
            self.tr("不能登记替班"),
            self.tr("已登记替班"),
        )

    def swap(self, other_assignment: str | None = None, reason: str | None = None) -> bool:
        seat = self.selected_seat()
        if seat is None:
            return False
        if other_assignment is None:
            choices = [
                (s.assignment_id, f"{d.day:%Y-%m-%d} {d.weekday}　{s.name}")
                for d in self.days
                for s in d.seats
                if d.day >= self.today
                and s.person_id != seat.person_id
                and s.attendance == Attendance.UNRECORDED
            ]
            dialog = SeatChoiceDialog(
                self.tr("换班"),
                self.tr("{0} 和哪一天的代表换班？").format(seat.name),
                choices,
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
                return False
            other_assignment, reason = dialog.chosen(), dialog.reason.text()
        return self._write(
            lambda s: duty.swap_assignments(s, seat.assignment_id, other_assignment, reason or ""),
            self.tr("不能换班"),
            self.tr("已换班"),
        )

    def add_unavailable(
        self, start: date | None = None, end: date | None = None, reason: str | None = None
    ) -> bool:
        pid = self.person.currentData()
        if not pid:
            return False
        if start is None or end is None:
            dialog = UnavailableDialog(max(self.today, date(self.year.value(), 1, 1)), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            start, end = dialog.start.date().toPython(), dialog.end.date().toPython()
            reason = dialog.reason.text()
        return self._write(
            lambda s: duty.add_unavailability(s, pid, start, end, reason or ""),
            self.tr("不能登记"),
            self.tr("已登记；重新生成计划时会避开这段时间。"),
        )

    def remove_unavailable(self) -> None:
        item = self.away_list.currentItem()
        if item is None:
            return
        away_id = item.data(ID_ROLE)
        self._write(
            lambda s: duty.remove_unavailability(s, away_id),
            self.tr("不能删除"),
            self.tr("已删除这段不便坐班的时段。"),
        )

    def open_plan_dialog(self) -> PlanDialog | None:
        if not self.station_id:
            QMessageBox.information(
                self,
                self.tr("还没有联络站"),
                self.tr("请先在“联络站与代表”中建立联络站并分配代表。"),
            )
            return None
        dialog = PlanDialog(
            self.db,
            self.station_id,
            self.station.currentText(),
            self.year.value(),
            today=self.today,
            parent=self,
        )
        dialog.accepted.connect(lambda: setattr(self, "last_message", dialog.result_text))
        dialog.open()
        return dialog

    def open_holidays(self) -> HolidayDialog:
        dialog = HolidayDialog(self.db, self.year.value(), self)
        dialog.open()
        return dialog

    def _output(
        self, path: Path | None, kind: str, title: str, default: str, filter_text: str
    ) -> Path | None:
        """The file given, or the one the user picks (in the last folder of this kind)."""
        return path or ask_save_path(self, kind, title, default, filter_text)

    def _write_output(self, path: Path, write: Callable[[Any], T], message: str) -> T | None:
        """`write(session)` (an output service, the user agreed to replace); then where the
        file went."""
        result = run_read(self, self.db, write)
        if result is not None:
            self.last_message = message.format(result)
            show_saved(self, path, self.last_message)
        return result

    def export_excel(self, path: Path | None = None) -> int:
        year = self.year.value()
        path = self._output(
            path,
            "duty-excel",
            self.tr("导出坐班安排"),
            f"{self.station.currentText()}{year}年坐班安排.xlsx",
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return 0
        # output libraries load on first use, so the window opens fast
        from twdesk.services.duty_outputs import export_duty

        station_id = self.station_id
        return (
            self._write_output(
                path,
                lambda s: export_duty(
                    s, path, year, station_id=station_id, today=self.today, overwrite=True
                ),
                self.tr("已导出 {0} 条坐班安排"),
            )
            or 0
        )

    def print_poster(self, path: Path | None = None, size: str | None = None) -> int:
        if not self.station_id:
            return 0
        if size is None:
            size, ok = QInputDialog.getItem(
                self, self.tr("打印公示"), self.tr("纸张（横向）"), ["A4", "A3"], 0, False
            )
            if not ok:
                return 0
        from twdesk.services.duty_outputs import poster_data, print_poster

        year = self.year.value()
        try:
            with self.db.session() as s:
                data = poster_data(s, self.station_id, year)
        except DutyError as exc:
            QMessageBox.information(self, self.tr("打印公示"), str(exc))
            return 0
        path = self._output(
            path,
            "duty-poster",
            self.tr("保存坐班公示"),
            f"{data.station}{year}年坐班公示-{size}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return 0
        station_id = self.station_id
        pages = self._write_output(
            path,
            lambda s: print_poster(s, path, station_id, year, size=size, overwrite=True),
            self.tr("坐班公示已保存：{0}").format(path.name) + self.tr("（{0} 页）"),
        )
        return pages or 0

    def print_reminders(self, path: Path | None = None, days: int = 14) -> int:
        from twdesk.services.duty_outputs import print_reminders

        path = self._output(
            path,
            "duty-reminders",
            self.tr("保存提醒名单"),
            f"坐班提醒名单-{self.today:%Y%m%d}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return 0

        message = self.tr("提醒名单已保存：{0}").format(path.name) + self.tr("（{0} 人次）")
        write = lambda s: print_reminders(s, path, self.today, days, overwrite=True)  # noqa: E731
        return self._write_output(path, write, message) or 0
