"""季度通报与设置: the quarterly bulletin (PDF / Excel, written off the GUI thread), the roster
import, and the office's settings — target, repeated-contact limit, 领域 list and how the
ledger and the evaluation count 联系青年."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.youth_contacts import COUNT_METHOD_LABELS, quarter_of
from twdesk.services import contacts
from twdesk.services.contact_counts import ContactSettings
from twdesk.ui.actions import ask_save_path, run_action, run_long, show_saved
from twdesk.ui.i18n import notr, tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.contacts.common import CHANGES, ContactsContext

SHEETS = tr("表格文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)")


class BulletinPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_path: Path | None = None
        self.quarter = QSpinBox()
        self.quarter.setRange(1, 4)
        self.quarter.setPrefix(self.tr("第 "))
        self.quarter.setSuffix(self.tr(" 季度"))
        self.quarter.setValue(quarter_of(ctx.today))
        self.pdf_button = QPushButton(self.tr("生成通报 PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button = QPushButton(self.tr("导出通报 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.import_button = QPushButton(self.tr("导入联系青年花名册…"))
        self.import_button.clicked.connect(lambda: self.import_roster())
        self.target = QSpinBox()
        self.target.setRange(1, 100000)
        self.target.setSuffix(self.tr(" 人"))
        self.repeat = QSpinBox()
        self.repeat.setRange(1, 1000)
        self.repeat.setSuffix(self.tr(" 次"))
        self.method = QComboBox()
        for method, label in COUNT_METHOD_LABELS.items():
            self.method.addItem(label, str(method))
        self.fields = QPlainTextEdit()
        self.fields.setMaximumHeight(160)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(lambda: self.save())
        for widget in (self.target, self.repeat, self.save_button):
            widget.setMaximumWidth(160)
        self.method.setMaximumWidth(320)
        self.fields.setMaximumWidth(320)
        mark_editing(self.import_button, self.save_button, self.fields)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        out = QGroupBox(
            self.tr(
                "季度通报（每位联系人的人数、新增、领域、联系记录、下基层、开放日、满意度；滞后者点名）"
            )
        )
        out_row = QHBoxLayout(out)
        out_row.addWidget(self.quarter)
        out_row.addWidget(self.pdf_button)
        out_row.addWidget(self.xlsx_button)
        out_row.addStretch(1)
        out_row.addWidget(self.import_button)
        settings = QGroupBox(self.tr("设置"))
        form = QFormLayout(settings)
        form.addRow(self.tr("每年联系不同青年"), self.target)
        form.addRow(self.tr("同一青年一年联系超过"), self.repeat)
        form.addRow(self.tr("履职记录与考核的联系青年计数"), self.method)
        form.addRow(self.tr("领域（每行一个）"), self.fields)
        form.addRow("", self.save_button)
        form.addRow("", self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(out)
        layout.addWidget(settings)
        layout.addStretch(1)

    def refresh(self) -> None:
        conf = self.ctx.settings
        self.target.setValue(conf.target)
        self.repeat.setValue(conf.repeat_limit)
        self.method.setCurrentIndex(max(self.method.findData(conf.count_method), 0))
        self.fields.setPlainText("\n".join(self.ctx.fields))

    def save(self) -> bool:
        value = ContactSettings(self.target.value(), self.repeat.value(), self.method.currentData())
        names = self.fields.toPlainText().splitlines()

        def write(s: Any) -> bool:
            contacts.set_settings(s, value)
            contacts.set_youth_fields(s, names)
            return True

        done = run_action(
            self,
            self.ctx.db,
            write,
            changes=[*CHANGES, "settings", "evaluation"],
            on_error=lambda exc: self.error.setText(str(exc)),
        )
        if done:
            self.error.setText(self.tr("已保存。"))
        return bool(done)

    def export(self, suffix: str) -> object:
        year, quarter = self.ctx.year, self.quarter.value()
        title = self.tr("联系青年季度通报")
        path = ask_save_path(
            self,
            "contacts-bulletin",
            title,
            notr("{0}年第{1}季度联系青年通报{2}").format(year, quarter, suffix),
            self.tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else self.tr("Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return None
        db, today = self.ctx.db, self.ctx.today

        def job(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Path:
            from twdesk.services.contact_bulletin import write_bulletin

            with db.session() as s:
                return write_bulletin(
                    s, path, year, quarter, today=today, overwrite=True, progress=progress
                )

        def done(written: Path) -> None:
            self.last_path = written
            show_saved(self, written, self.tr("通报已生成：{0}").format(written.name))

        return run_long(self, self.tr("正在生成通报…"), job, done)

    def import_roster(self) -> object:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入联系青年花名册"), "", self.tr(SHEETS)
        )
        if not name:
            return None
        db, path, today = self.ctx.db, Path(name), self.ctx.today

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            from twdesk.services.contact_import import import_contacts

            with db.transaction() as s:
                return import_contacts(s, path, progress=progress, cancel=cancelled, today=today)

        def done(summary: Any) -> None:
            QMessageBox.information(self, self.tr("导入联系青年花名册"), summary.one_line())

        return run_long(self, self.tr("正在导入花名册…"), job, done, changes=CHANGES)
