"""未达标代表: delegates short of the year's targets, and what counts towards them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from twdesk.services import ledger
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.ledger.common import LedgerContext, counted_types_text
from twdesk.ui.widgets.tables import fill_table, make_table


class BehindPage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.table = make_table(
            (
                tr("代表"),
                tr("联络站"),
                tr("联系青年人次"),
                tr("团支部"),
                tr("坐班到岗/安排"),
                tr("待确认"),
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        rows, goal = ledger.behind_target(self.ctx.rows), self.ctx.goal
        self.label.setText(
            self.tr("{0}年未达到“联系青年 {1} 人次、联系团支部 {2} 个”的代表：{3} 人。").format(
                self.ctx.year, goal.youth, goal.branches, len(rows)
            )
            + counted_types_text(goal)
            + self.tr("（可在“目标设置”中更改）。")
        )
        fill_table(
            self.table,
            [
                (
                    r.name,
                    r.station,
                    r.youth_contacts,
                    r.branches,
                    f"{r.duty_attended}/{r.duty_assigned}",
                    r.pending,
                )
                for r in rows
            ],
        )
