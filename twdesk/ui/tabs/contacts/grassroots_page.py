"""下基层: a cadre's grassroots days (date, place, what was done) and the weekly rule, weeks
met / weeks due, holidays respected."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import contacts
from twdesk.services.contacts import GrassrootsRow
from twdesk.ui.actions import run_action, run_read
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.contacts.common import CHANGES, ContactsContext, date_edit
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import ID_ROLE, fill_table, make_table


class GrassrootsPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days: list[GrassrootsRow] = []
        self.cadre = QComboBox()
        self.cadre.setMinimumWidth(180)
        self.cadre.currentIndexChanged.connect(lambda _i: self.load())
        self.rule = QLabel()
        self.day = date_edit(ctx.today)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("地点：村、社区、企业、学校……"))
        self.what = QLineEdit()
        self.what.setPlaceholderText(self.tr("做了什么"))
        self.add_button = QPushButton(self.tr("记下基层"))
        self.add_button.clicked.connect(lambda: self.add())
        self.what.returnPressed.connect(lambda: self.add())
        self.delete_button = QPushButton(self.tr("删除选中"))
        self.delete_button.clicked.connect(lambda: self.delete())
        mark_editing(self.add_button, self.delete_button)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.table = make_table((tr("日期"), tr("地点"), tr("做了什么")))
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("团干部")))
        head.addWidget(self.cadre)
        head.addWidget(self.rule, 1)
        form = QHBoxLayout()
        form.addWidget(self.day)
        form.addWidget(self.place, 1)
        form.addWidget(self.what, 2)
        form.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete_button)

    def refresh(self) -> None:
        refill(self.cadre, [(c.id, c.name) for c in self.ctx.cadres()])
        self.load()

    def load(self) -> None:
        cid = self.cadre.currentData()
        self.days = []
        if cid:
            self.days = (
                run_read(
                    self, self.ctx.db, lambda s: contacts.grassroots_days(s, cid, self.ctx.year)
                )
                or []
            )
        row = next((r for r in self.ctx.rows if r.person_id == cid), None)
        if row is not None and row.grassroots is not None:
            verdict = self.tr("每周都到了") if row.grassroots.ok else self.tr("有几周没有下基层")
            self.rule.setText(
                self.tr(
                    "每周至少一个工作日：已到 {0} 周 / 应到 {1} 周（整周放假不计），{2}"
                ).format(row.grassroots.met, row.grassroots.due, verdict)
            )
        else:
            self.rule.setText(self.tr("没有团干部：在“联络站与代表”中给人员勾选“团干部”身份"))
        fill_table(
            self.table,
            [(d.day.isoformat(), d.place, d.what) for d in self.days],
            [d.id for d in self.days],
        )

    def add(self) -> str | None:
        cid = self.cadre.currentData()
        if not cid:
            return None
        day, place, what = self.day.date().toPython(), self.place.text(), self.what.text()
        done = run_action(
            self,
            self.ctx.db,
            lambda s: contacts.add_grassroots_day(s, cid, day, place, what, today=self.ctx.today),
            changes=CHANGES,
            on_error=lambda exc: self.error.setText(str(exc)),
        )
        if done is not None:
            self.error.setText("")
            self.place.clear()
            self.what.clear()
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
                lambda s: contacts.delete_grassroots_day(s, day_id, by="联系青年页") or True,
                changes=CHANGES,
            )
        )
