"""月度 / 季度汇总: 一月一主题、一季一总结 — confirmed activities per month or quarter."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from twdesk.services import ledger
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.ledger.common import LedgerContext
from twdesk.ui.widgets.tables import fill_table, make_table


class SummaryPage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.quarterly = QCheckBox(self.tr("按季度（一季一总结）"))
        self.quarterly.toggled.connect(lambda _on: self.refresh())
        self.table = make_table(
            (
                tr("期间"),
                tr("活动次数"),
                tr("覆盖人次"),
                tr("主题（人次最多的活动）"),
                tr("各类活动"),
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.quarterly)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            periods = ledger.period_summary(
                s,
                self.ctx.year,
                station_id=self.ctx.station_id,
                quarterly=self.quarterly.isChecked(),
            )
        fill_table(
            self.table,
            [
                (
                    p.label,
                    p.activities,
                    p.youth,
                    p.theme,
                    "，".join(f"{k}{v}" for k, v in p.by_type.items()),
                )
                for p in periods
            ],
        )
