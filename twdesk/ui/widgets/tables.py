"""Read-only row tables used by the tabs (small lists; the big ones use PagedModel)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTableWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole
# a long list of names or a long title is cut off with "…" (the cell's tooltip shows it all)
# rather than pushing the other columns out of the window
MAX_COLUMN_WIDTH = 200


def make_table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(24)
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[object]], ids: Sequence[str] | None = None
) -> None:
    """Replace the rows; `ids` (one per row) are kept on every cell under ID_ROLE."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "" if value is None else str(value)
            item = QTableWidgetItem(text)
            if len(text) > 12:
                item.setToolTip(text)
            if ids is not None:
                item.setData(ID_ROLE, ids[r])
            table.setItem(r, c, item)
    fit_columns(table)


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents (at most MAX_COLUMN_WIDTH) and the last one filling what
    is left of the width — again after every reload (resizing the stretched last column to its
    contents shrinks the header and leaves a gap on the right)."""
    header = table.horizontalHeader()
    stretch = header.stretchLastSection()
    for column in range(header.count() - (1 if stretch else 0)):
        table.resizeColumnToContents(column)
        if table.columnWidth(column) > MAX_COLUMN_WIDTH:
            table.setColumnWidth(column, MAX_COLUMN_WIDTH)
    if stretch:
        header.setStretchLastSection(False)  # lays the stretch out again, at once
        header.setStretchLastSection(True)
