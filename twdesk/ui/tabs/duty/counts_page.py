"""坐班日历, 出勤统计 page: each delegate's duty days and attendance for the year."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from twdesk.services import duty
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.duty.common import WARN_BG, set_rows, table


class CountsPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.counts_table = table(
            (
                tr("代表"),
                tr("联络站"),
                tr("安排"),
                tr("已到期"),
                tr("到岗"),
                tr("缺席"),
                tr("请假"),
                tr("被替班"),
                tr("未登记"),
                tr("替他人"),
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts_table)

    def fill(self, counts: list[duty.DutyCounts]) -> None:
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
        set_rows(self.counts_table, rows, -1)
        for r, c in enumerate(counts):
            if c.unrecorded:
                self.counts_table.item(r, 8).setBackground(QBrush(WARN_BG))
            if c.absent:
                self.counts_table.item(r, 5).setForeground(QBrush(QColor("#b3261e")))
