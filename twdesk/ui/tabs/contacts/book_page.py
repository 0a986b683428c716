"""联系青年名册: one contactor's book with search as you type (name, pinyin initials, organisation,
last digits of the phone), adding a young person in a few keystrokes (name, Tab, field, Enter),
the contact log, the editor and taking someone out of the book. Phones masked here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.youth_contacts import CONTACT_WAYS
from twdesk.services import contacts
from twdesk.services.contacts import AddResult, BookRow, LogRow
from twdesk.ui.actions import run_action, run_read
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.contacts.common import CHANGES, ContactsContext, date_edit
from twdesk.ui.tabs.contacts.dialogs import LogDialog, YoungPersonDialog
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import ID_ROLE, fill_table, make_table

BOOK_HEADERS = (
    tr("姓名"),
    tr("性别"),
    tr("出生年份/年龄段"),
    tr("领域"),
    tr("单位或村"),
    tr("联系电话"),
    tr("微信/QQ"),
    tr("首次联系"),
    tr("本年联系（次）"),
    tr("最近联系"),
    tr("共有（其他联系人）"),
)
LOG_HEADERS = (tr("日期"), tr("青年"), tr("方式"), tr("交流内容"), tr("提供帮助"), tr("后续跟进"))


class BookPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[BookRow] = []
        self.shown: list[BookRow] = []
        self.log_rows: list[LogRow] = []
        self.contactor = QComboBox()
        self.contactor.setMinimumWidth(220)
        self.contactor.currentIndexChanged.connect(lambda _i: self.load_book())
        self.counts = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("查找：姓名、拼音首字母（如 zxf）、单位或村、电话后四位")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.show_rows())
        # quick add: name, Tab, field, Enter
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("姓名"))
        self.new_field = QComboBox()
        self.new_org = QLineEdit()
        self.new_org.setPlaceholderText(self.tr("单位或村"))
        self.new_phone = QLineEdit()
        self.new_phone.setPlaceholderText(self.tr("电话（可空）"))
        self.new_way = QComboBox()
        self.new_way.addItems(list(CONTACT_WAYS))
        self.new_date = date_edit(ctx.today)
        self.add_button = QPushButton(self.tr("添加到名册"))
        self.add_button.clicked.connect(lambda: self.add_contact())
        for edit in (self.new_name, self.new_org, self.new_phone):
            edit.returnPressed.connect(lambda: self.add_contact())
        self.add_error = QLabel()
        self.add_error.setStyleSheet("color: #b3261e;")
        self.add_error.setWordWrap(True)
        quick = QGroupBox(self.tr("添加联系青年（首次联系）"))
        grid = QGridLayout(quick)
        for col, (label, widget) in enumerate(
            (
                (self.tr("姓名"), self.new_name),
                (self.tr("领域"), self.new_field),
                (self.tr("单位或村"), self.new_org),
                (self.tr("电话"), self.new_phone),
                (self.tr("方式"), self.new_way),
                (self.tr("日期"), self.new_date),
            )
        ):
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(widget, 1, col)
        grid.addWidget(self.add_button, 1, 6)
        self.book = make_table(BOOK_HEADERS)
        self.book.itemSelectionChanged.connect(lambda: self.load_log())
        self.book.doubleClicked.connect(lambda _i: self.log_contact())
        self.log_button = QPushButton(self.tr("记一次联系…"))
        self.log_button.clicked.connect(lambda: self.log_contact())
        self.edit_button = QPushButton(self.tr("编辑青年信息…"))
        self.edit_button.clicked.connect(lambda: self.edit_person())
        self.remove_button = QPushButton(self.tr("移出名册"))
        self.remove_button.clicked.connect(lambda: self.remove())
        self.delete_log_button = QPushButton(self.tr("删除这条联系记录"))
        self.delete_log_button.clicked.connect(lambda: self.delete_log())
        mark_editing(
            self.add_button,
            self.log_button,
            self.edit_button,
            self.remove_button,
            self.delete_log_button,
        )
        self.log_title = QLabel()
        self.log = make_table(LOG_HEADERS)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("联系人")))
        head.addWidget(self.contactor)
        head.addWidget(self.counts)
        head.addWidget(self.add_error, 1)
        book_buttons = QHBoxLayout()
        book_buttons.addWidget(self.log_button)
        book_buttons.addWidget(self.edit_button)
        book_buttons.addWidget(self.remove_button)
        book_buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.book, 1)
        top_layout.addLayout(book_buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        log_head = QHBoxLayout()
        log_head.addWidget(self.log_title, 1)
        log_head.addWidget(self.delete_log_button)
        bottom_layout.addLayout(log_head)
        bottom_layout.addWidget(self.log, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([330, 170])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(quick)
        layout.addWidget(split, 1)

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        refill(
            self.contactor,
            [(c.id, f"{c.name}（{c.role}）") for c in self.ctx.contactors],
        )
        refill(self.new_field, [(f, f) for f in self.ctx.fields], first="")
        self.load_book()

    def select_contactor(self, person_id: str) -> None:
        index = self.contactor.findData(person_id)
        if index >= 0:
            self.contactor.setCurrentIndex(index)

    def load_book(self) -> None:
        cid = self.contactor.currentData()
        self.rows = []
        if cid:
            self.rows = (
                run_read(self, self.ctx.db, lambda s: contacts.book(s, cid, year=self.ctx.year))
                or []
            )
        row = next((r for r in self.ctx.rows if r.person_id == cid), None)
        if row is None:
            self.counts.setText("")
        else:
            self.counts.setText(
                self.tr(
                    "名册 {0} 人；{1}年联系不同青年 {2} 人（新增 {3}），联系记录 {4} 次，重复联系 {5} 人"
                ).format(
                    len(self.rows),
                    self.ctx.year,
                    row.distinct,
                    row.new,
                    row.log_entries,
                    row.repeated,
                )
            )
        self.show_rows()

    def show_rows(self) -> None:
        text = self.search.text()
        self.shown = contacts.search_book(self.rows, text)
        fill_table(
            self.book,
            [
                (
                    r.name + (self.tr(" ⚠重复") if r.repeated else ""),
                    r.gender,
                    r.age,
                    r.field,
                    r.organisation,
                    r.phone_masked,
                    r.wechat_masked,
                    f"{r.first_contact_date:%Y-%m-%d} {r.first_contact_way}",
                    r.contacts,
                    r.last_contact.isoformat() if r.last_contact else "",
                    "、".join(r.shared_with),
                )
                for r in self.shown
            ],
            [r.entry_id for r in self.shown],
        )
        self.load_log()

    def selected(self) -> BookRow | None:
        items = self.book.selectedItems()
        if not items:
            return None
        entry_id = items[0].data(ID_ROLE)
        return next((r for r in self.shown if r.entry_id == entry_id), None)

    def load_log(self) -> None:
        cid = self.contactor.currentData()
        chosen = self.selected()
        self.log_rows = []
        if cid:
            self.log_rows = (
                run_read(
                    self,
                    self.ctx.db,
                    lambda s: contacts.contact_log(
                        s,
                        cid,
                        entry_id=chosen.entry_id if chosen else None,
                        year=None if chosen else self.ctx.year,
                    ),
                )
                or []
            )
        self.log_title.setText(
            self.tr("联系记录：{0}").format(chosen.name)
            if chosen
            else self.tr("{0}年全部联系记录（选中名册中的一人只看他/她的）").format(self.ctx.year)
        )
        fill_table(
            self.log,
            [
                (
                    r.contact_date.isoformat(),
                    r.young_name,
                    r.way,
                    r.discussed,
                    r.help_given,
                    r.follow_up,
                )
                for r in self.log_rows
            ],
            [r.id for r in self.log_rows],
        )

    # --- actions -------------------------------------------------------------------------

    def add_contact(self, confirm: Any = None) -> AddResult | None:
        cid = self.contactor.currentData()
        if not cid:
            self.add_error.setText(self.tr("请先选择联系人。"))
            return None
        values = {
            "name": self.new_name.text(),
            "field": self.new_field.currentText(),
            "organisation": self.new_org.text(),
            "phone": self.new_phone.text(),
            "first_contact_way": self.new_way.currentText(),
            "first_contact_date": self.new_date.date().toPython(),
        }
        result = self._add(cid, values)
        if result is not None and result.needs_confirmation:
            choice = self.ask_same(result)
            if choice is None:
                return None
            result = self._add(
                cid,
                values,
                young_person_id=choice or None,
                as_new=choice == "",
            )
        if result is None or result.entry_id is None:
            return result
        self.add_error.setText(
            self.tr("已添加；这位青年也在其他联系人的名册中，计为共有。") if result.reused else ""
        )
        for edit in (self.new_name, self.new_org, self.new_phone):
            edit.clear()
        self.new_name.setFocus()
        return result

    def _add(self, cid: str, values: dict[str, Any], **how: Any) -> AddResult | None:
        self.add_error.setText("")
        return run_action(
            self,
            self.ctx.db,
            lambda s: contacts.add_to_book(s, cid, values, today=self.ctx.today, **how),
            changes=CHANGES,
            on_error=lambda exc: self.add_error.setText(str(exc)),
        )

    def ask_same(self, result: AddResult) -> str | None:
        """The user says whether an alike record is the same young person: the candidate's id,
        "" for a new person, None to cancel."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("是同一位青年吗？"))
        lines = [
            self.tr("{0}（{1}，{2}，电话 {3}）已在 {4} 的名册中").format(
                c.name,
                c.field or self.tr("领域未填"),
                c.organisation or self.tr("单位未填"),
                c.phone_masked or self.tr("无"),
                "、".join(c.books) or self.tr("（无）"),
            )
            for c in result.candidates[:5]
        ]
        box.setText(self.tr("已有相似的青年记录，无法确定是否同一人："))
        box.setInformativeText("\n".join(lines))
        same = box.addButton(self.tr("是同一人"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(self.tr("不是，登记为新青年"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is same:
            return result.candidates[0].id
        if clicked is new:
            return ""
        return None

    def log_contact(self) -> str | None:
        chosen = self.selected()
        if chosen is None:
            self.add_error.setText(self.tr("请先在名册中选中一位青年。"))
            return None
        dialog = LogDialog(chosen.name, self.ctx.today, self)
        while dialog.exec():
            values = dialog.values()
            done = run_action(
                self,
                self.ctx.db,
                lambda s, v=values: contacts.add_log(s, chosen.entry_id, v, today=self.ctx.today),
                changes=CHANGES,
            )
            if done is not None:
                return done
        return None

    def edit_person(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            self.add_error.setText(self.tr("请先在名册中选中一位青年。"))
            return False
        young_id = chosen.young_person_id
        values = run_read(self, self.ctx.db, lambda s: contacts.young_person_values(s, young_id))
        while values is not None:  # once more after 重新载入, on the person as saved now
            outcome = self._edit_young(young_id, values)
            if outcome != "reload":
                return outcome == "saved"
            values = run_read(
                self, self.ctx.db, lambda s: contacts.young_person_values(s, young_id)
            )
        return False

    def _edit_young(self, young_id: str, values: dict) -> str:
        """The editor on `values`: "saved", "cancelled", or "reload" (someone else saved the
        person since it was loaded and the user chose 重新载入)."""
        dialog = YoungPersonDialog(values, self.ctx.fields, self)
        version, reload = values.get("row_version"), []
        while dialog.exec():
            new = dialog.values()
            done = run_action(
                self,
                self.ctx.db,
                lambda s, v=new: (
                    contacts.update_young_person(s, young_id, v, expected_version=version) or True
                ),
                changes=CHANGES,
                on_error=lambda exc: dialog.error.setText(str(exc)),
                on_reload=lambda: reload.append(True),
            )
            if done:
                return "saved"
            if reload:
                return "reload"
        return "cancelled"

    def remove(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("移出名册"),
            self.tr("把“{0}”移出这位联系人的名册？联系记录一并移入回收站。").format(chosen.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return bool(
            run_action(
                self,
                self.ctx.db,
                lambda s: contacts.remove_from_book(s, chosen.entry_id, by="联系青年页") or True,
                changes=CHANGES,
            )
        )

    def delete_log(self) -> bool:
        items = self.log.selectedItems()
        if not items:
            return False
        log_id = items[0].data(ID_ROLE)
        return bool(
            run_action(
                self,
                self.ctx.db,
                lambda s: contacts.delete_log(s, log_id, by="联系青年页") or True,
                changes=CHANGES,
            )
        )
