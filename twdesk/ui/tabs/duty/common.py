"""What the 坐班日历 pages share: state colours, cell colours, how a seat reads, filling a table."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget

from twdesk.core.vocab import Attendance
from twdesk.services import duty
from twdesk.services.duty import NOT_YET
from twdesk.ui.widgets.tables import fill_table, make_table

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


def table(headers: tuple[str, ...]) -> QTableWidget:
    return make_table(list(headers))


def set_rows(table: QTableWidget, rows: list[tuple[str, ...]], state_col: int) -> None:
    """Fill the table; the state column (when ≥ 0) in its state's colour."""
    fill_table(table, rows)
    if state_col >= 0:
        for r, row in enumerate(rows):
            color = QColor(STATE_COLORS.get(row[state_col], "#000"))
            table.item(r, state_col).setForeground(QBrush(color))
