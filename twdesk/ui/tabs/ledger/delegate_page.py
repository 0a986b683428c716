"""代表履职手册（分账本）: one delegate's year — 1+100 progress bars, totals per activity type,
entries from both books and duty days from the calendar — and their own report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import contact_counts, duty, ledger
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.ledger.common import LedgerContext, counted_types_text
from twdesk.ui.tabs.ledger.register_page import open_activity_dialog
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import fill_table, make_table


class DelegatePage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.delegate = QComboBox()
        self.delegate.currentIndexChanged.connect(lambda _i: self.refresh_delegate())
        self.self_report = QPushButton(self.tr("本人填报…"))
        self.self_report.clicked.connect(lambda: self.open_self_report())
        mark_editing(self.self_report)
        self.youth_bar = QProgressBar()
        self.branch_bar = QProgressBar()
        self.duty_bar = QProgressBar()
        for bar in (self.youth_bar, self.branch_bar, self.duty_bar):
            bar.setTextVisible(True)
            bar.setAlignment(Qt.AlignmentFlag.AlignCenter)  # not squeezed into the top corner
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.type_totals = make_table((tr("活动类型"), tr("次数")))
        self.type_totals.setMaximumWidth(260)
        self.entries = make_table(
            (tr("日期"), tr("类型"), tr("内容"), tr("覆盖人次"), tr("来源"), tr("状态"))
        )
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("团代表")))
        head.addWidget(self.delegate)
        head.addStretch(1)
        head.addWidget(self.self_report)
        bars = QFormLayout()
        self.youth_label = QLabel(self.tr("联系青年（人次）"))
        bars.addRow(self.youth_label, self.youth_bar)
        bars.addRow(self.tr("联系团支部（个）"), self.branch_bar)
        bars.addRow(self.tr("驻站坐班（到岗/安排）"), self.duty_bar)
        body = QHBoxLayout()
        body.addWidget(self.type_totals)
        body.addWidget(self.entries, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bars)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)

    def refresh(self) -> None:
        self.by_id = {r.person_id: r for r in self.ctx.rows}
        refill(
            self.delegate,
            [(r.person_id, f"{r.name}（{r.station or tr('未进站')}）") for r in self.ctx.rows],
        )
        self.refresh_delegate()

    def refresh_delegate(self) -> None:
        pid = self.delegate.currentData()
        row = self.by_id.get(pid) if pid else None
        self.self_report.setEnabled(row is not None)
        if row is None:
            fill_table(self.type_totals, [])
            fill_table(self.entries, [])
            self.summary.setText(self.tr("没有团代表"))
            return
        goal, (start, end) = self.ctx.goal, self.ctx.year_range()
        with self.ctx.db.session() as s:
            entries = ledger.activity_rows(s, start=start, end=end, person_id=pid)
            duty_days = duty.duty_days(s, person_id=pid, year=self.ctx.year, today=self.ctx.today)
            by_book = contact_counts.counts_by_book(s)
        for bar, value, target in (
            (self.youth_bar, row.youth_contacts, goal.youth),
            (self.branch_bar, row.branches, goal.branches),
            (self.duty_bar, row.duty_attended, row.duty_assigned),
        ):
            bar.setRange(0, max(target, 1))
            bar.setValue(min(value, max(target, 1)))
            bar.setFormat(f"{value} / {target}")
            done = value >= target
            bar.setStyleSheet(
                "QProgressBar::chunk { background: %s; }" % ("#2e7d32" if done else "#c25e00")
            )
        if by_book:  # the office counts distinct young people from the contact book
            self.youth_label.setText(self.tr("联系青年（人）"))
            self.youth_bar.setToolTip(self.tr("按联系青年名册统计：本年联系过的不同青年人数"))
        else:
            self.youth_label.setText(self.tr("联系青年（人次）"))
            self.youth_bar.setToolTip(counted_types_text(goal))
        met = all(row.targets_met.values())
        self.summary.setText(
            self.tr("{0}年：{1}。待站上确认 {2} 条，被退回 {3} 条。坐班记录来自坐班日历。").format(
                self.ctx.year,
                self.tr("已达标") if met else self.tr("未达标"),
                row.pending,
                row.returned,
            )
            + counted_types_text(goal)
            + self.tr("。")
        )
        totals = dict(row.by_type)
        if row.duty_attended:
            totals[self.tr("坐班接待（坐班日历）")] = row.duty_attended
        fill_table(self.type_totals, sorted(totals.items(), key=lambda kv: -kv[1]))
        lines = [
            (
                a.activity_date.isoformat(),
                a.activity_type,
                a.title,
                a.youth_count,
                a.source,
                a.confirmation,
            )
            for a in entries
        ]
        for d in duty_days:
            for seat in d.seats:
                if seat.person_id == pid or seat.substitute_id == pid:
                    what = (
                        self.tr("替{0}坐班").format(seat.name)
                        if seat.substitute_id == pid
                        else d.station
                    )
                    lines.append(
                        (
                            d.day.isoformat(),
                            self.tr("驻站坐班"),
                            what,
                            "",
                            self.tr("坐班日历"),
                            seat.shown,
                        )
                    )
        lines.sort(key=lambda r: str(r[0]), reverse=True)
        fill_table(self.entries, lines)

    def open_self_report(self):  # type: ignore[no-untyped-def]
        pid = self.delegate.currentData()
        if pid is None:
            return None
        return open_activity_dialog(self, self.ctx, self_report_for=pid)
