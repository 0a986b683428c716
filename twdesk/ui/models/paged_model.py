"""A read-only table model that pages through a query with keysets: the first rows show at once,
more are fetched as the user scrolls, and nothing ever loads a whole 200,000-row table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
PAGE = 200


class Column(Generic[Row]):
    def __init__(self, header: str, text: Callable[[Row], str], width: int = 100) -> None:
        self.header, self.text, self.width = header, text, width


class PagedModel(QAbstractTableModel, Generic[Row]):
    """`fetch(after, limit)` returns the next rows after the key of the last row shown."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        key: Callable[[Row], Any],
        *,
        alert: Callable[[Row], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self.alert = alert
        self.rows: list[Row] = []
        self.total = 0
        self._fetch: Callable[[Any, int], list[Row]] | None = None
        self._exhausted = True

    def reset(self, fetch: Callable[[Any, int], list[Row]], total: int) -> None:
        self.beginResetModel()
        self._fetch = fetch
        self.total = total
        self.rows = fetch(None, PAGE)
        self._exhausted = len(self.rows) < PAGE
        self.endResetModel()

    def row(self, index: int) -> Row:
        return self.rows[index]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._fetch is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None or not self.rows:
            return
        more = self._fetch(self.key(self.rows[-1]), PAGE)
        self._exhausted = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].text(row)
        if role == Qt.ItemDataRole.ForegroundRole and self.alert and self.alert(row):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.BackgroundRole and self.alert and self.alert(row):
            return QBrush(QColor("#fdecea"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)
