"""坐班日历, 代表个人 page: one delegate's days of the year, their attendance, and the periods
they declared they cannot sit (avoided by the next plan)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import Attendance
from twdesk.services import duty
from twdesk.ui.dialogs.duty_dialogs import UnavailableDialog
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.duty.common import set_rows, table
from twdesk.ui.widgets.combos import refill

if TYPE_CHECKING:
    from twdesk.ui.tabs.duty_tab import DutyTab


class PersonPage(QWidget):
    def __init__(self, tab: DutyTab) -> None:
        super().__init__()
        self.tab = tab
        self.person = QComboBox()
        self.person.currentIndexChanged.connect(lambda _i: self._fill_person())
        self.person_summary = QLabel()
        self.person_table = table(
            (tr("日期"), tr("星期"), tr("联络站"), tr("坐班代表"), tr("状态"), tr("说明"))
        )
        person_layout = QVBoxLayout(self)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_row = QHBoxLayout()
        person_row.addWidget(QLabel(self.tr("代表")))
        person_row.addWidget(self.person)
        person_row.addWidget(self.person_summary, 1)
        person_layout.addLayout(person_row)
        person_layout.addWidget(self.person_table)
        self.away_list = QListWidget()
        self.away_list.setMaximumHeight(90)
        add_away = QPushButton(self.tr("登记不便坐班时段…"))
        add_away.clicked.connect(lambda: self.add_unavailable())
        remove_away = QPushButton(self.tr("删除所选时段"))
        remove_away.clicked.connect(lambda: self.remove_unavailable())
        mark_editing(add_away, remove_away)
        away_row = QHBoxLayout()
        away_row.addWidget(QLabel(self.tr("不便坐班的时段（排班时避开）")))
        away_row.addStretch(1)
        away_row.addWidget(add_away)
        away_row.addWidget(remove_away)
        person_layout.addLayout(away_row)
        person_layout.addWidget(self.away_list)

    def fill_choices(self) -> None:
        people = sorted(
            {(s.person_id, s.name) for d in self.tab.days for s in d.seats}, key=lambda p: p[1]
        )
        refill(self.person, people)
        self._fill_person()

    def _fill_person(self) -> None:
        pid = self.person.currentData()
        if not pid:
            set_rows(self.person_table, [], 4)
            self.person_summary.setText("")
            return
        with self.tab.db.session() as s:
            days = duty.duty_days(
                s, person_id=pid, year=self.tab.year.value(), today=self.tab.today
            )
            away = duty.unavailability(s, pid)
        self.away_list.clear()
        for row in away:
            item = QListWidgetItem(
                tr("{0} 至 {1}").format(f"{row.start_date:%Y-%m-%d}", f"{row.end_date:%Y-%m-%d}")
                + f"　{row.reason}"
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
        set_rows(self.person_table, rows, 4)
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

    def add_unavailable(
        self, start: date | None = None, end: date | None = None, reason: str | None = None
    ) -> bool:
        pid = self.person.currentData()
        if not pid:
            return False
        if start is None or end is None:
            dialog = UnavailableDialog(max(self.tab.today, date(self.tab.year.value(), 1, 1)), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            start, end = dialog.start.date().toPython(), dialog.end.date().toPython()
            reason = dialog.reason.text()
        return self.tab._write(
            lambda s: duty.add_unavailability(s, pid, start, end, reason or ""),
            self.tr("不能登记"),
            self.tr("已登记；重新生成计划时会避开这段时间。"),
        )

    def remove_unavailable(self) -> None:
        item = self.away_list.currentItem()
        if item is None:
            return
        away_id = item.data(ID_ROLE)
        self.tab._write(
            lambda s: duty.remove_unavailability(s, away_id),
            self.tr("不能删除"),
            self.tr("已删除这段不便坐班的时段。"),
        )
