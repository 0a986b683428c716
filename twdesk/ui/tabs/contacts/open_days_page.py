"""专题开放日: the committee's quarterly open days (date, theme, young people, fields) and
whether each quarter had one with at least 50 young people."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import contacts
from twdesk.services.contacts import OpenDayRow
from twdesk.ui.actions import run_action, run_read
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.contacts.common import CHANGES, ContactsContext, date_edit
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import ID_ROLE, fill_table, make_table


class OpenDaysPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days: list[OpenDayRow] = []
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.day = date_edit(ctx.today)
        self.theme = QLineEdit()
        self.theme.setPlaceholderText(self.tr("主题"))
        self.youth = QSpinBox()
        self.youth.setRange(0, 100000)
        self.youth.setSuffix(self.tr(" 人"))
        self.fields = QLineEdit()
        self.fields.setPlaceholderText(self.tr("领域，用顿号分隔，如 学生、企业青年"))
        self.host = QComboBox()
        self.add_button = QPushButton(self.tr("记开放日"))
        self.add_button.clicked.connect(lambda: self.add())
        self.delete_button = QPushButton(self.tr("删除选中"))
        self.delete_button.clicked.connect(lambda: self.delete())
        mark_editing(self.add_button, self.delete_button)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.table = make_table(
            (tr("日期"), tr("主题"), tr("参加青年（人）"), tr("领域"), tr("负责团干部"))
        )
        form = QHBoxLayout()
        form.addWidget(self.day)
        form.addWidget(self.theme, 2)
        form.addWidget(self.youth)
        form.addWidget(self.fields, 2)
        form.addWidget(self.host)
        form.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete_button)

    def refresh(self) -> None:
        refill(self.host, [(c.id, c.name) for c in self.ctx.cadres()], first=self.tr("（团委）"))
        year = self.ctx.year
        self.days = run_read(self, self.ctx.db, lambda s: contacts.open_days(s, year)) or []
        rule = run_read(self, self.ctx.db, lambda s: contacts.open_day_rule(s, year)) or {}
        self.rule.setText(
            self.tr("每季度至少举办一次专题开放日，每次邀请不少于 50 名普通青年。{0}年：").format(
                year
            )
            + "；".join(
                self.tr("第{0}季度{1}").format(q, self.tr("已达标") if ok else self.tr("未达标"))
                for q, ok in sorted(rule.items())
            )
        )
        fill_table(
            self.table,
            [(d.day.isoformat(), d.theme, d.youth_count, d.fields, d.host) for d in self.days],
            [d.id for d in self.days],
        )

    def add(self) -> str | None:
        values = {
            "day": self.day.date().toPython(),
            "theme": self.theme.text(),
            "youth_count": self.youth.value(),
            "fields": self.fields.text(),
        }
        host = self.host.currentData()
        done = run_action(
            self,
            self.ctx.db,
            lambda s: contacts.save_open_day(s, values, host_id=host, today=self.ctx.today),
            changes=CHANGES,
            on_error=lambda exc: self.error.setText(str(exc)),
        )
        if done is not None:
            self.error.setText("")
            self.theme.clear()
            self.fields.clear()
        return done

    def delete(self) -> bool:
        items = self.table.selectedItems()
        if not items:
            return False
        day_id = items[0].data(ID_ROLE)
        return bool(
            run_action(
                self,
                self.ctx.db,
                lambda s: contacts.delete_open_day(s, day_id, by="联系青年页") or True,
                changes=CHANGES,
            )
        )
