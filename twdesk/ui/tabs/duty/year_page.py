"""坐班日历, 全年列表 page: every duty day of the year with its delegates and states."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from twdesk.services.duty import DutyDayView
from twdesk.ui.tabs.duty.common import set_rows, table


class YearPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.year_table = table(("日期", "星期", "时间", "坐班代表", "联系电话", "状态", "说明"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.year_table)

    def fill(self, days: list[DutyDayView]) -> None:
        rows = []
        for d in days:
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
        set_rows(self.year_table, rows, 5)
