"""活动登记簿（总账本）: every entry of the year with filters, colour by state, confirm or return
a delegate's self-report, add or edit an entry."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import ActivitySource, Confirmation
from twdesk.services import ledger
from twdesk.services.ledger import ActivityRow
from twdesk.ui.actions import LEDGER, delete_record, delete_shortcut, run_action
from twdesk.ui.dialogs.activity_dialog import ActivityDialog
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import is_read_only, mark_editing
from twdesk.ui.tabs.ledger.common import LedgerContext
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import fill_table, make_table

REGISTER_LIMIT = 2000  # rows on screen; a table widget with tens of thousands is sluggish
STATE_COLORS = {
    str(Confirmation.PENDING): QColor("#fff3e0"),
    str(Confirmation.RETURNED): QColor("#fdecea"),
}


def open_activity_dialog(
    parent: QWidget,
    ctx: LedgerContext,
    activity_id: str | None = None,
    *,
    self_report_for: str | None = None,
) -> ActivityDialog:
    """The entry dialog (station register, or a delegate's own report), shown without blocking."""
    dialog = ActivityDialog(
        ctx.db,
        ctx.index,
        activity_id,
        source=str(ActivitySource.SELF if self_report_for else ActivitySource.STATION),
        recorded_by_id=self_report_for,
        station_id=ctx.station_id,
        parent=parent,
    )
    dialog.open()
    return dialog


class RegisterPage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ActivityRow] = []
        self.type_filter = QComboBox()
        self.person_filter = QComboBox()
        self.group_filter = QComboBox()
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("全部记录"), None)
        for state in Confirmation:
            self.state_filter.addItem(str(state), str(state))
        for combo in (self.type_filter, self.person_filter, self.group_filter, self.state_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = QPushButton(self.tr("登记活动…"))
        self.add_button.clicked.connect(lambda: self.open_activity())
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.clicked.connect(lambda: self.open_activity(self.selected_activity_id()))
        self.confirm_button = QPushButton(self.tr("确认"))
        self.confirm_button.clicked.connect(lambda: self.confirm())
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.clicked.connect(lambda: self.return_entry())
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setToolTip(self.tr("把选中的履职记录移入回收站（可恢复）"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        mark_editing(
            self.add_button,
            self.edit_button,
            self.confirm_button,
            self.return_button,
            self.delete_button,
        )
        bar = QHBoxLayout()
        for w in (self.type_filter, self.person_filter, self.group_filter, self.state_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (
            self.add_button,
            self.edit_button,
            self.confirm_button,
            self.return_button,
            self.delete_button,
        ):
            bar.addWidget(w)
        self.table = make_table(
            (
                tr("日期"),
                tr("类型"),
                tr("活动名称"),
                tr("地点"),
                tr("参与代表"),
                tr("覆盖人次"),
                tr("项目"),
                tr("来源"),
                tr("状态"),
                tr("附件"),
                tr("说明"),
            )
        )
        self.table.itemSelectionChanged.connect(lambda: self._selected())
        self.table.doubleClicked.connect(
            lambda _i: is_read_only() or self.open_activity(self.selected_activity_id())
        )
        delete_shortcut(self.table, self.delete_selected)
        self.note = QLabel()
        self.note.setStyleSheet("color: #8a5300;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.table)

    def fill_choices(
        self, types: list[str], delegates: list[tuple[str, str]], groups: list[tuple[str, str]]
    ) -> None:
        refill(self.type_filter, [(t, t) for t in types], first=self.tr("全部类型"))
        refill(self.person_filter, delegates, first=self.tr("全部代表"))
        refill(self.group_filter, groups, first=self.tr("全部专项小组"))

    def refresh(self) -> None:
        start, end = self.ctx.year_range()
        with self.ctx.db.session() as s:
            rows = ledger.activity_rows(
                s,
                start=start,
                end=end,
                station_id=self.ctx.station_id,
                activity_type=self.type_filter.currentData(),
                person_id=self.person_filter.currentData(),
                group_id=self.group_filter.currentData(),
                confirmation=self.state_filter.currentData(),
                limit=REGISTER_LIMIT + 1,
            )
        self.note.setText(
            self.tr("只显示最近 {0} 条，请用上面的筛选缩小范围（导出不受此限）").format(
                REGISTER_LIMIT
            )
            if len(rows) > REGISTER_LIMIT
            else ""
        )
        self.note.setVisible(len(rows) > REGISTER_LIMIT)  # no empty line above the table
        self.rows = rows[:REGISTER_LIMIT]
        fill_table(
            self.table,
            [
                (
                    a.activity_date.isoformat(),
                    a.activity_type,
                    a.title,
                    a.place,
                    "、".join(a.participants),
                    a.youth_count,
                    a.project,
                    a.source,
                    a.confirmation,
                    a.attachments or "",
                    a.confirmation_note,
                )
                for a in self.rows
            ],
            [a.id for a in self.rows],
        )
        for r, a in enumerate(self.rows):
            color = STATE_COLORS.get(a.confirmation)
            if color:
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setBackground(QBrush(color))
        self._selected()

    def selected_activity_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def select_activity(self, activity_id: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(ID_ROLE) == activity_id:
                self.table.selectRow(r)
                return True
        return False

    def _selected(self) -> None:
        aid = self.selected_activity_id()
        row = next((a for a in self.rows if a.id == aid), None)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.confirm_button.setEnabled(
            row is not None and row.confirmation != Confirmation.CONFIRMED
        )
        self.return_button.setEnabled(
            row is not None
            and row.source == ActivitySource.SELF
            and row.confirmation == Confirmation.PENDING
        )

    def open_activity(self, activity_id: str | None = None) -> ActivityDialog:
        dialog = open_activity_dialog(self, self.ctx, activity_id)
        dialog.accepted.connect(lambda: self.select_activity(dialog.saved_id or ""))
        return dialog

    def delete_selected(self) -> bool:
        """Ask, then move the selected activity to the recycle bin."""
        aid = self.selected_activity_id()
        if aid is None:
            return False
        return delete_record(self, self.ctx.db, "activity", aid, changes=[LEDGER])

    def confirm(self) -> bool:
        aid = self.selected_activity_id()
        if aid is None:
            return False
        done = run_action(
            self,
            self.ctx.db,
            lambda s: ledger.confirm(s, aid) or True,
            changes=[LEDGER],
            error_title=self.tr("不能确认"),
        )
        self.select_activity(aid)
        return bool(done)

    def return_entry(self) -> bool:
        aid = self.selected_activity_id()
        if aid is None:
            return False
        reason, ok = QInputDialog.getText(
            self, self.tr("退回"), self.tr("退回原因（如：缺少活动照片）")
        )
        if not ok:
            return False
        done = run_action(
            self,
            self.ctx.db,
            lambda s: ledger.return_entry(s, aid, reason) or True,
            changes=[LEDGER],
            error_title=self.tr("不能退回"),
        )
        self.select_activity(aid)
        return bool(done)
