"""领办项目: the projects with leader, members, period, youth served and activity count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import ledger
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.actions import LEDGER, delete_record, delete_shortcut, run_action
from twdesk.ui.dialogs.pickers import ID_ROLE, LinkList, people_picker
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.ledger.common import LedgerContext


class ProjectDialog(QDialog):
    """A 领办项目: name, leading and participating delegates, period, youth served."""

    def __init__(self, index: PeopleIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增领办项目"))
        self.name = QLineEdit()
        self.leader = QComboBox()
        self.leader.addItem(self.tr("（未定）"), None)
        for e in index.entries:
            if "团代表" in e.roles:
                self.leader.addItem(e.name, e.id)
        self.members = LinkList(
            self.tr("参与代表"), people_picker(self, index, self.tr("选择参与代表"), role="团代表")
        )
        self.start = QDateEdit(QDate.currentDate())
        self.end = QDateEdit(QDate.currentDate().addMonths(6))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.youth = QSpinBox()
        self.youth.setRange(0, 1000000)
        self.youth.setSuffix(self.tr(" 人次"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        form = QFormLayout(self)
        form.addRow(self.tr("项目名称"), self.name)
        form.addRow(self.tr("领办代表"), self.leader)
        form.addRow(self.members)
        form.addRow(self.tr("开始"), self.start)
        form.addRow(self.tr("结束"), self.end)
        form.addRow(self.tr("服务青年"), self.youth)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(lambda: self.reject())
        form.addRow(self.buttons)

    def values(self) -> tuple[str, str | None, list[str], date, date, int]:
        return (
            self.name.text(),
            self.leader.currentData(),
            self.members.ids(),
            self.start.date().toPython(),
            self.end.date().toPython(),
            self.youth.value(),
        )


class ProjectsPage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget()
        self.add_button = QPushButton(self.tr("新增项目…"))
        self.add_button.clicked.connect(lambda: self.add_project())
        self.delete_button = QPushButton(self.tr("删除项目"))
        self.delete_button.setToolTip(self.tr("把选中的项目移入回收站（可恢复）"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.list.currentItemChanged.connect(
            lambda *_: self.delete_button.setEnabled(self.list.currentItem() is not None)
        )
        delete_shortcut(self.list, self.delete_selected)
        mark_editing(self.add_button, self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            projects = ledger.project_summaries(s)
        self.list.clear()
        for p in projects:
            period = " — ".join(d.isoformat() for d in (p.start, p.end) if d)
            text = self.tr("{0}　领办：{1}　参与：{2}　{3}　服务青年 {4} 人次　活动 {5} 次").format(
                p.name,
                p.leader or "—",
                "、".join(p.members) or "—",
                period,
                p.youth_served,
                p.activities,
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, p.id)
            self.list.addItem(item)
        self.delete_button.setEnabled(self.list.currentItem() is not None)

    def delete_selected(self) -> bool:
        """Ask, then move the selected project to the recycle bin (its activities stay)."""
        item = self.list.currentItem()
        if item is None:
            return False
        return delete_record(self, self.ctx.db, "project", item.data(ID_ROLE), changes=[LEDGER])

    def add_project(self) -> ProjectDialog:
        dialog = ProjectDialog(self.ctx.index, self)
        dialog.buttons.accepted.connect(lambda: self._save(dialog))
        dialog.open()
        return dialog

    def _save(self, dialog: ProjectDialog) -> None:
        name, leader, members, start, end, youth = dialog.values()
        station = self.ctx.station_id
        saved = run_action(
            dialog,
            self.ctx.db,
            lambda s: ledger.save_project(
                s,
                name,
                leader_id=leader,
                member_ids=members,
                station_id=station,
                start=start,
                end=end,
                youth_served=youth,
            ),
            changes=[LEDGER],
            on_error=lambda exc: dialog.error.setText(str(exc)),
        )
        if saved is not None:
            dialog.accept()
