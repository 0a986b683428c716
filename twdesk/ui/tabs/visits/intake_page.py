"""登记: the keyboard-first intake form and the category list."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from twdesk.services import visits
from twdesk.ui.actions import SETTINGS, VISITS, run_action
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.visits.common import PageContext, StepDialog
from twdesk.ui.widgets.intake_form import IntakeForm


class IntakePage(QWidget):
    def __init__(self, ctx: PageContext, *, load: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = IntakeForm(ctx.db, today=ctx.fixed_today, load=load)
        self.categories_button = QPushButton(self.tr("类别设置…"))
        self.categories_button.clicked.connect(lambda: self.edit_categories())
        mark_editing(self.form, self.categories_button)  # nothing can be recorded
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.categories_button)
        layout.addLayout(row)

    def reload(self) -> None:
        self.form.db = self.ctx.db
        self.form.reload()

    def edit_categories(self) -> StepDialog:
        with self.ctx.db.session() as s:
            names = visits.categories(s)
        edit = QPlainTextEdit("\n".join(names))

        def save() -> bool:
            lines = edit.toPlainText().splitlines()
            done = run_action(
                self,
                self.ctx.db,
                lambda s: visits.set_categories(s, lines) or True,
                changes=[SETTINGS, VISITS],
                error_title=self.tr("不能保存"),
            )
            return bool(done)

        dialog = StepDialog(self.tr("来访类别（每行一个，按此顺序显示）"), [("", edit)], save, self)
        dialog.open()
        return dialog
