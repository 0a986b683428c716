"""Pieces the visit pages share: the page context, a paged table view and a step dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QTableView,
    QWidget,
)

from twdesk.ui.models.paged_model import PagedModel

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database


class PageContext:
    """The open file and the day the pages treat as today (fixed in tests)."""

    def __init__(self, db: Database, today: date | None = None) -> None:
        self.db = db
        self.fixed_today = today

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date, *, minimum: date | None = None, maximum: date | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if minimum is not None:
        edit.setMinimumDate(qdate(minimum))
    if maximum is not None:
        edit.setMaximumDate(qdate(maximum))
    return edit


def paged_view(model: PagedModel) -> QTableView:
    """A read-only row view; each column starts at the width its Column asks for."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
    return view


class StepDialog(QDialog):
    """The fields one step needs (交办, 办结, 反馈, 重新办理, the category list); shown with
    `open()` so the window stays responsive, `on_accept` runs when the user clicks OK."""

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, QWidget]],
        on_accept: Callable[[], bool | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = dict(fields)
        self._on_accept = on_accept
        form = QFormLayout(self)
        for label, widget in fields:
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(lambda: self._accept())
        self.buttons.rejected.connect(lambda: self.reject())
        form.addRow(self.buttons)

    def _accept(self) -> None:
        """Close only when the step was saved; on a refused step the fields stay to be fixed."""
        if self._on_accept() is not False:
            self.accept()
