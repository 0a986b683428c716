"""联系人进度: every contactor's year — distinct young people against the target and fields
covered as progress bars, new, log entries, repeated contacts, grassroots weeks, satisfaction."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from twdesk.services.contacts import ContactorYear
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.contacts.common import ContactsContext
from twdesk.ui.widgets.tables import fill_table, make_table

HEADERS = (
    tr("姓名"),
    tr("身份"),
    tr("不同青年（人）"),
    tr("覆盖领域"),
    tr("新增"),
    tr("联系记录"),
    tr("重复联系"),
    tr("下基层（周）"),
    tr("满意度"),
    tr("是否达标"),
)
DONE, BEHIND = "#2e7d32", "#c25e00"


def bar(value: int, target: int, text: str) -> QProgressBar:
    widget = QProgressBar()
    widget.setRange(0, max(target, 1))
    widget.setValue(min(value, max(target, 1)))
    widget.setFormat(text)
    widget.setTextVisible(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setStyleSheet(
        "QProgressBar::chunk { background: %s; }" % (DONE if value >= target else BEHIND)
    )
    return widget


class ProgressPage(QWidget):
    def __init__(
        self, ctx: ContactsContext, open_book: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_book = open_book
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按姓名筛选联系人"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = make_table(HEADERS)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.shown: list[ContactorYear] = []

    def refresh(self) -> None:
        text = self.filter.text().strip()
        rows = [r for r in self.ctx.rows if not text or text in r.name]
        self.shown = rows
        target = self.ctx.settings.target
        field_total = max(len(self.ctx.fields), 1)
        fill_table(
            self.table,
            [
                (
                    r.name,
                    r.role,
                    "",
                    "",
                    r.new,
                    r.log_entries,
                    r.repeated,
                    r.grassroots.text() if r.grassroots else "—",
                    "—" if r.satisfaction is None else f"{r.satisfaction * 100:.1f}%",
                    self.tr("达标") if r.target_met else self.tr("未达标"),
                )
                for r in rows
            ],
            [r.person_id for r in rows],
        )
        for i, r in enumerate(rows):
            self.table.setCellWidget(i, 2, bar(r.distinct, target, f"{r.distinct} / {target}"))
            covered = len(r.fields)
            fields = bar(covered, field_total, tr("{0} / {1} 个领域").format(covered, field_total))
            fields.setToolTip(
                tr("，").join(tr("{0} {1} 人").format(k, v) for k, v in r.fields.items()) or "—"
            )
            self.table.setCellWidget(i, 3, fields)
        self.table.setColumnWidth(2, 130)
        self.table.setColumnWidth(3, 130)
        met = sum(1 for r in self.ctx.rows if r.target_met)
        self.summary.setText(
            self.tr(
                "{0}年：联系人 {1} 位，联系不同青年达到 {2} 人的 {3} 位。"
                "同一青年多次联系只计一次；一年内联系同一人超过 {4} 次计为重复联系。双击打开名册。"
            ).format(
                self.ctx.year,
                len(self.ctx.rows),
                target,
                met,
                self.ctx.settings.repeat_limit,
            )
        )

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.shown):
            self.open_book(self.shown[row].person_id)
