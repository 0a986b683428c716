"""坐班日历, 月历 page: the month calendar, the selected day's seats and what can be done with
them (到岗, 缺席, 请假, 替班, 换班), and the station's swap history."""

from __future__ import annotations

import calendar as _calendar
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import Attendance, HolidayKind
from twdesk.services import duty
from twdesk.services.duty import NOT_YET, DutyDayView
from twdesk.ui.dialogs.duty_dialogs import SeatChoiceDialog
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.duty.common import (
    DUTY_BG,
    HOLIDAY_BG,
    STATE_COLORS,
    WARN_BG,
    WEEKDAYS_SHORT,
    WORKDAY_BG,
    seat_text,
    state_text,
)

if TYPE_CHECKING:
    from twdesk.ui.tabs.duty_tab import DutyTab


class MonthPage(QWidget):
    def __init__(self, tab: DutyTab) -> None:
        super().__init__()
        self.tab = tab
        self.month = tab.today.month
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
            " ".join(
                f"<span style='color:{c}'>■ {state_text(s)}</span>" for s, c in STATE_COLORS.items()
            )
            + "　<span style='background:#fde7e4'>　"
            + self.tr("休")
            + "　</span> <span style='background:#e3f0fb'>　"
            + self.tr("班")
            + "　</span>"
        )
        nav.addWidget(self.legend)
        self.calendar = QTableWidget(6, 7)
        self.calendar.setObjectName("monthCalendar")
        self.calendar.setHorizontalHeaderLabels(list(WEEKDAYS_SHORT))
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
        self.seats.setMaximumHeight(120)  # a day has a few seats; leaves room on 768 screens
        self.seats.setObjectName("daySeats")
        buttons = []
        for label, state in (
            (tr("到岗"), Attendance.PRESENT),
            (tr("缺席"), Attendance.ABSENT),
            (tr("请假"), Attendance.LEAVE),
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
        mark_editing(*buttons, substitute, swap, undo)
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
        self.history.setMaximumHeight(90)
        self.history.setWordWrap(True)  # the reason is read in full, not scrolled sideways
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(QLabel(self.tr("换班、替班记录")))
        side.addWidget(self.history)
        side_widget = QWidget()
        side_widget.setLayout(side)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.addWidget(month_page)
        split.addWidget(side_widget)
        split.setSizes([820, 320])
        layout.addWidget(split)

    def fill_history(self, history: list[tuple]) -> None:
        self.history.clear()
        for when, kind, who, to, reason in history:
            self.history.addItem(f"{when:%Y-%m-%d} {kind}：{who} → {to}　{reason}")

    def show_month(self, month: int) -> None:
        year = self.tab.year.value()
        if month < 1 or month > 12:
            self.tab.year.blockSignals(True)
            self.tab.year.setValue(year + (1 if month > 12 else -1))
            self.tab.year.blockSignals(False)
            self.month = 1 if month > 12 else 12
            self.tab.reload()
            return
        self.month = month
        year = self.tab.year.value()
        self.month_label.setText(self.tr("{0}年{1}月").format(year, month))
        by_day = {d.day: d for d in self.tab.days}
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
                lines = [str(n) + (self.tr("（今天）") if day == self.tab.today else "")]
                holiday = self.tab.holidays.get(day)
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
        if day.year != self.tab.year.value():
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
        return next((d for d in self.tab.days if d.id == day_id), None)

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

    def mark(self, state: str, note: str = "") -> bool:
        seat = self.selected_seat()
        if seat is None:
            return False
        if state == Attendance.LEAVE and not note:
            note, ok = QInputDialog.getText(self, self.tr("请假"), self.tr("请假原因（如：出差）"))
            if not ok:
                return False
        return self.tab._write(
            lambda s: duty.record_attendance(
                s,
                seat.assignment_id,
                state,
                note=note,
                today=self.tab.today,
                expected_version=seat.row_version,
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
                    for d in self.tab.days
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
        return self.tab._write(
            lambda s: duty.record_attendance(
                s,
                seat.assignment_id,
                str(Attendance.SUBSTITUTED),
                substitute_id=substitute_id,
                note=reason or "",
                today=self.tab.today,
                expected_version=seat.row_version,
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
                for d in self.tab.days
                for s in d.seats
                if d.day >= self.tab.today
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
        return self.tab._write(
            lambda s: duty.swap_assignments(s, seat.assignment_id, other_assignment, reason or ""),
            self.tr("不能换班"),
            self.tr("已换班"),
        )
