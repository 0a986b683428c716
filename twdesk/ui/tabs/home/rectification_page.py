"""整改台账: the problems found at stations, their follow-up and closing; overdue ones in red;
printable per station (PDF) and exported for the county (.xlsx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.station_assessment import RectState
from twdesk.ui import actions
from twdesk.ui.i18n import notr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.home.common import HomeContext, tr
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import ID_ROLE, fill_table, make_table

RED = QColor("#b3261e")
GREEN = QColor("#1e7b34")
HEADERS = (
    tr("联络站"),
    tr("考评项目"),
    tr("问题描述"),
    tr("发现日期"),
    tr("整改期限"),
    tr("责任人"),
    tr("跟进情况"),
    tr("完成日期"),
    tr("状态"),
)


class ProblemDialog(QDialog):
    """A problem found: station, item, description, found on, deadline, responsible."""

    def __init__(
        self,
        stations: list[tuple[str, str]],
        items: list[str],
        today: date,
        parent: QWidget | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("整改问题"))
        self.resize(520, 380)
        self.station = QComboBox()
        refill(self.station, stations)
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.addItems(items)
        self.item.setCurrentText("")
        self.description = QPlainTextEdit()
        self.found_on = QDateEdit(QDate(today))
        self.has_deadline = QCheckBox(tr("整改期限"))
        self.has_deadline.setChecked(True)
        self.deadline = QDateEdit(QDate(today).addDays(30))
        for edit in (self.found_on, self.deadline):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.responsible = QLineEdit()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("联络站"), self.station)
        form.addRow(tr("考评项目"), self.item)
        form.addRow(tr("问题描述"), self.description)
        form.addRow(tr("发现日期"), self.found_on)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(tr("责任人"), self.responsible)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if values:
            self.station.setCurrentIndex(max(self.station.findData(values["station_id"]), 0))
            self.item.setCurrentText(values["item"])
            self.description.setPlainText(values["description"])
            self.found_on.setDate(QDate(values["found_on"]))
            self.has_deadline.setChecked(values["deadline"] is not None)
            if values["deadline"] is not None:
                self.deadline.setDate(QDate(values["deadline"]))
            self.responsible.setText(values["responsible"])

    def values(self) -> dict[str, Any]:
        return {
            "station_id": self.station.currentData(),
            "item": self.item.currentText(),
            "description": self.description.toPlainText(),
            "found_on": self.found_on.date().toPython(),
            "deadline": self.deadline.date().toPython() if self.has_deadline.isChecked() else None,
            "responsible": self.responsible.text(),
        }


class RectificationPage(QWidget):
    def __init__(self, ctx: HomeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.reopened: ProblemDialog | None = None  # the editor 重新载入 opened again
        self.rows: list = []
        self.station = QComboBox()
        self.station.setMinimumWidth(200)
        self.station.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state = QComboBox()
        self.state.addItem(tr("全部状态"), None)
        for s in RectState:
            self.state.addItem(str(s), str(s))
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = QPushButton(tr("新增问题…"))
        self.add_button.clicked.connect(lambda: self.add_problem())
        self.edit_button = QPushButton(tr("编辑…"))
        self.edit_button.clicked.connect(lambda: self.edit_problem())
        self.follow_button = QPushButton(tr("跟进…"))
        self.follow_button.clicked.connect(lambda: self.follow_up())
        self.close_button = QPushButton(tr("整改完成…"))
        self.close_button.clicked.connect(lambda: self.close_problem())
        self.reopen_button = QPushButton(tr("重新整改…"))
        self.reopen_button.clicked.connect(lambda: self.reopen_problem())
        self.delete_button = QPushButton(tr("删除"))
        self.delete_button.setToolTip(tr("把选中的问题移入回收站（可从 编辑 → 回收站 恢复）"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        mark_editing(
            self.add_button,
            self.edit_button,
            self.follow_button,
            self.close_button,
            self.reopen_button,
            self.delete_button,
        )
        self.print_button = QPushButton(tr("打印本站台账…"))
        self.print_button.setToolTip(tr("选中联络站的整改台账 PDF（未选联络站时打印全县）"))
        self.print_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button = QPushButton(tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.state)
        top.addWidget(self.print_button)
        top.addWidget(self.xlsx_button)
        top.addStretch(1)
        edits = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.follow_button,
            self.close_button,
            self.reopen_button,
            self.delete_button,
        ):
            edits.addWidget(b)
        edits.addStretch(1)
        self.count = QLabel()
        self.table = make_table([tr(h) for h in HEADERS])
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selected)
        actions.delete_shortcut(self.table, self.delete_selected)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(edits)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self._selected()

    def fill_stations(self) -> None:
        refill(self.station, self.ctx.stations, first=tr("全部联络站"))

    def show_station(self, station_id: str | None) -> None:
        self.station.setCurrentIndex(max(self.station.findData(station_id), 0))
        self.refresh()

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        from twdesk.services import rectification

        station, state, today = self.station.currentData(), self.state.currentData(), self.ctx.today
        found = actions.run_read(
            self,
            self.ctx.db,
            lambda s: rectification.problems(s, station_id=station, state=state, today=today),
        )
        self.loaded = True
        self.rows = found or []
        fill_table(
            self.table,
            [
                (
                    r.station,
                    r.item,
                    r.description,
                    f"{r.found_on:%Y-%m-%d}",
                    f"{r.deadline:%Y-%m-%d}" if r.deadline else "",
                    r.responsible,
                    r.follow_up,
                    f"{r.closed_on:%Y-%m-%d}" if r.closed_on else "",
                    r.state,
                )
                for r in self.rows
            ],
            [r.id for r in self.rows],
        )
        for i, r in enumerate(self.rows):
            color = RED if r.overdue else GREEN if r.state == RectState.CLOSED else None
            if color is not None:
                for c in (4, 8) if r.overdue else (8,):
                    self.table.item(i, c).setForeground(QBrush(color))
        self.table.resizeRowsToContents()
        overdue = sum(1 for r in self.rows if r.overdue)
        self.count.setText(
            tr("共 {0} 个问题，其中超期 {1} 个（红色）").format(len(self.rows), overdue)
        )
        self._selected()

    def selected(self) -> Any:
        items = self.table.selectedItems()
        if not items:
            return None
        rid = items[0].data(ID_ROLE)
        return next((r for r in self.rows if r.id == rid), None)

    def select_problem(self, problem_id: str) -> bool:
        for i, r in enumerate(self.rows):
            if r.id == problem_id:
                self.table.selectRow(i)
                return True
        return False

    def _selected(self) -> None:
        row = self.selected()
        is_open = row is not None and row.closed_on is None
        self.edit_button.setEnabled(row is not None)
        self.follow_button.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self.reopen_button.setEnabled(row is not None and not is_open)
        self.delete_button.setEnabled(row is not None)

    def delete_selected(self) -> bool:
        """删除 (button, context menu, Delete key): the selected problems go to the recycle bin."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        ids = [self.table.item(i.row(), 0).data(ID_ROLE) for i in rows]
        if not ids and self.selected() is not None:
            ids = [self.selected().id]
        return actions.delete_record(
            self, self.ctx.db, "rectification", ids, changes=(actions.ASSESSMENT,)
        )

    # --- actions ----------------------------------------------------------------------------

    def _checklist_names(self) -> list[str]:
        from twdesk.services import station_assessment as sa

        year = self.ctx.today.year
        items = actions.run_read(self, self.ctx.db, lambda s: sa.checklist(s, year)) or []
        return [i.name for i in items]

    def _open_dialog(self, problem: Any = None) -> ProblemDialog:
        from twdesk.services import rectification

        values = None
        if problem is not None:
            values = {
                "station_id": problem.station_id,
                "item": problem.item,
                "description": problem.description,
                "found_on": problem.found_on,
                "deadline": problem.deadline,
                "responsible": problem.responsible,
            }
        dialog = ProblemDialog(
            self.ctx.stations, self._checklist_names(), self.ctx.today, self, values
        )
        if problem is None and self.station.currentData():
            dialog.station.setCurrentIndex(dialog.station.findData(self.station.currentData()))
        pid = problem.id if problem is not None else None
        version = problem.row_version if problem is not None else None
        today = self.ctx.today

        def reload() -> None:
            """重新载入: this editor closes and opens again on the problem as saved now."""
            dialog.done(0)
            fresh = actions.run_read(
                self, self.ctx.db, lambda s: rectification.problem(s, pid, today=today)
            )
            if fresh is not None:
                self.reopened = self._open_dialog(fresh)

        def save() -> None:
            chosen = dialog.values()
            saved = actions.run_action(
                dialog,
                self.ctx.db,
                lambda s: rectification.save_problem(
                    s, chosen, pid, today=today, expected_version=version
                ),
                changes=(actions.ASSESSMENT,),
                on_error=lambda exc: dialog.problem.setText(str(exc)),
                on_reload=reload if pid is not None else None,
            )
            if saved is not None:
                dialog.accept()

        dialog.buttons.accepted.connect(save)
        dialog.open()
        return dialog

    def add_problem(self) -> ProblemDialog:
        return self._open_dialog()

    def edit_problem(self) -> ProblemDialog | None:
        row = self.selected()
        return self._open_dialog(row) if row is not None else None

    def follow_up(self, text: str | None = None) -> bool:
        from twdesk.services import rectification

        row = self.selected()
        if row is None:
            return False
        if text is None:
            text, ok = QInputDialog.getText(self, tr("跟进"), tr("跟进情况（督办、整改进展）："))
            if not ok:
                return False
        on = self.ctx.today
        done = actions.run_action(
            self,
            self.ctx.db,
            lambda s: rectification.add_follow_up(s, row.id, text, on=on),
            changes=(actions.ASSESSMENT,),
        )
        return done is not None

    def close_problem(self, note: str | None = None) -> bool:
        from twdesk.services import rectification

        row = self.selected()
        if row is None:
            return False
        if note is None:
            note, ok = QInputDialog.getText(
                self, tr("整改完成"), tr("整改情况（完成日期为今天）：")
            )
            if not ok:
                return False
        on = self.ctx.today
        done = actions.run_action(
            self,
            self.ctx.db,
            lambda s: rectification.close_problem(s, row.id, on=on, note=note),
            changes=(actions.ASSESSMENT,),
        )
        return done is not None

    def reopen_problem(self, reason: str | None = None) -> bool:
        from twdesk.services import rectification

        row = self.selected()
        if row is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, tr("重新整改"), tr("重新整改的原因："))
            if not ok:
                return False
        on = self.ctx.today
        done = actions.run_action(
            self,
            self.ctx.db,
            lambda s: rectification.reopen_problem(s, row.id, reason, on=on),
            changes=(actions.ASSESSMENT,),
        )
        return done is not None

    def export(self, suffix: str) -> Path | None:
        from twdesk.services.rectification import write_ledger

        station = self.station.currentData()
        name = self.station.currentText() if station else tr("全县")
        file_filter = tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else tr("Excel 文件 (*.xlsx)")
        path = actions.ask_save_path(
            self,
            f"rectification{suffix}",
            tr("整改台账"),
            notr("{0}整改台账{1}").format(name, suffix),
            file_filter,
        )
        if path is None:
            return None
        today = self.ctx.today
        saved = actions.run_read(
            self,
            self.ctx.db,
            lambda s: write_ledger(s, path, station_id=station, today=today, overwrite=True),
        )
        if saved is not None:
            actions.show_saved(self, saved, tr("整改台账已保存。"))
        return saved
