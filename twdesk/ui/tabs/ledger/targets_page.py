"""目标设置: the 1+100 targets and which activity types count towards 联系青年人次."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from twdesk.core.youth_contacts import COUNT_METHOD_LABELS
from twdesk.services import contact_counts, ledger
from twdesk.services.ledger import Targets
from twdesk.ui.actions import CONTACTS, EVALUATION, LEDGER, run_action
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.ledger.common import LedgerContext, counted_types_text


class TargetsPage(QWidget):
    def __init__(self, ctx: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.youth = QSpinBox()
        self.youth.setRange(0, 100000)
        self.branches = QSpinBox()
        self.branches.setRange(0, 100)
        for box in (self.youth, self.branches):
            box.setMaximumWidth(160)
        self.counted = QLabel()
        self.counted.setWordWrap(True)
        self.counted.setStyleSheet("font-weight: bold;")
        explain = QLabel(
            self.tr(
                "勾选的活动类型，其覆盖人次计入代表的“联系青年”人次；未勾选的类型只计活动次数。"
                "每位参与代表都计入该次活动的全部人次。"
            )
        )
        explain.setWordWrap(True)
        self.types = QListWidget()
        # 联系青年 counted as 人次 on activities (default) or distinct people from the contact book
        self.method = QComboBox()
        for method, label in COUNT_METHOD_LABELS.items():
            self.method.addItem(label, str(method))
        self.method.setMaximumWidth(320)
        self.save_button = QPushButton(self.tr("保存目标"))
        self.save_button.setMaximumWidth(160)
        self.save_button.clicked.connect(lambda: self.save())
        mark_editing(self.youth, self.branches, self.types, self.method, self.save_button)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        form = QFormLayout(self)
        form.addRow(self.tr("每年联系青年（人次）"), self.youth)
        form.addRow(self.tr("每年联系团支部（个）"), self.branches)
        form.addRow("", self.counted)
        form.addRow("", explain)
        form.addRow(self.tr("联系青年的计数方式"), self.method)
        form.addRow(self.tr("计入联系青年人次的活动类型"), self.types)
        form.addRow("", self.save_button)
        form.addRow("", self.error)

    def fill(self, types: list[str]) -> None:
        """The saved targets, with every activity type ticked when it counts."""
        goal = self.ctx.goal
        self.youth.setValue(goal.youth)
        self.branches.setValue(goal.branches)
        self.counted.setText(self.tr("目前") + counted_types_text(goal))
        with self.ctx.db.session() as s:
            method = contact_counts.contact_settings(s).count_method
        self.method.setCurrentIndex(max(self.method.findData(method), 0))
        self.types.clear()
        for t in types:
            item = QListWidgetItem(t)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if t in goal.youth_types else Qt.CheckState.Unchecked
            )
            self.types.addItem(item)

    def ticked(self) -> tuple[str, ...]:
        return tuple(
            self.types.item(i).text()
            for i in range(self.types.count())
            if self.types.item(i).checkState() == Qt.CheckState.Checked
        )

    def save(self) -> bool:
        goal = Targets(self.youth.value(), self.branches.value(), self.ticked())
        method = self.method.currentData()

        def write(s):  # type: ignore[no-untyped-def]
            ledger.set_targets(s, goal)
            conf = contact_counts.contact_settings(s)
            contact_counts.set_contact_settings(
                s, contact_counts.ContactSettings(conf.target, conf.repeat_limit, method)
            )
            return True

        done = run_action(
            self,
            self.ctx.db,
            write,
            changes=[LEDGER, CONTACTS, EVALUATION],
            on_error=lambda exc: self.error.setText(str(exc)),
        )
        if done is None:
            return False
        self.error.setText("")
        self.counted.setText(self.tr("目前") + counted_types_text(goal))
        return True
