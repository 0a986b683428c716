"""共有青年: young people in two or more books — one person, counted once in each book."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from twdesk.services import contacts
from twdesk.ui.actions import run_read
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.contacts.common import ContactsContext
from twdesk.ui.widgets.tables import fill_table, make_table


class SharedPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = make_table((tr("姓名"), tr("领域"), tr("单位或村"), tr("联系人")))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        rows = run_read(self, self.ctx.db, contacts.shared_people) or []
        self.note.setText(
            self.tr(
                "同一位青年在 {0} 人的名册中出现（按电话、或姓名加单位认定为同一人）。"
                "他们在每本名册中各计一次，不会在同一名册中重复计数。"
            ).format(len(rows))
        )
        fill_table(
            self.table,
            [(p.name, p.field, p.organisation, "、".join(p.contactors)) for p in rows],
            [p.young_person_id for p in rows],
        )
