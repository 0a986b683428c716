"""What the 坐班日历 pages share: state colours, cell colours, how a seat reads, filling a table."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget

from twdesk.core.duty_rules import WEEKDAY_SHORT_ZH
from twdesk.core.vocab import Attendance
from twdesk.services import duty
from twdesk.services.duty import NOT_YET
from twdesk.ui.i18n import tr
from twdesk.ui.widgets.tables import fill_table, make_table

# attendance states (stored in Chinese) and weekdays in the interface language
STATE_TEXT = {
    str(Attendance.PRESENT): tr("到岗"),
    str(Attendance.ABSENT): tr("缺席"),
    str(Attendance.LEAVE): tr("请假"),
    str(Attendance.SUBSTITUTED): tr("替班"),
    str(Attendance.UNRECORDED): tr("未登记"),
    NOT_YET: tr("待坐班"),
}
WEEKDAYS = (tr("星期一"), tr("星期二"), tr("星期三"), tr("星期四"), tr("星期五"))
WEEKDAYS += (tr("星期六"), tr("星期日"))
WEEKDAYS_SHORT = (
    tr("周一"),
    tr("周二"),
    tr("周三"),
    tr("周四"),
    tr("周五"),
    tr("周六"),
    tr("周日"),
)
NTH = {1: tr("第一个"), 2: tr("第二个"), 3: tr("第三个"), 4: tr("第四个"), -1: tr("最后一个")}


_SHORT_WEEKDAY = dict(zip(WEEKDAY_SHORT_ZH, WEEKDAYS_SHORT, strict=True))


def state_text(state: str) -> str:
    return STATE_TEXT.get(state, state)


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
    return f"{who} {state_text(seat.shown)}"


def table(headers: tuple[str, ...]) -> QTableWidget:
    return make_table(list(headers))


def set_rows(table: QTableWidget, rows: list[tuple[str, ...]], state_col: int) -> None:
    """Fill the table; the state column (when ≥ 0) in its state's colour."""
    fill_table(table, rows)
    if state_col >= 0:
        for r, row in enumerate(rows):
            color = QColor(STATE_COLORS.get(row[state_col], "#000"))
            table.item(r, state_col).setForeground(QBrush(color))
            table.item(r, state_col).setText(state_text(row[state_col]))
    for r, row in enumerate(rows):  # weekdays (周三) in the interface language
        for c, value in enumerate(row):
            if value in _SHORT_WEEKDAY:
                table.item(r, c).setText(_SHORT_WEEKDAY[value])
