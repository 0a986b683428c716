"""The people table: rows from PeopleIndex.search, ID numbers masked, sortable by any column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from twdesk.services.people_search import PersonEntry

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # pyside6-lupdate files a bare tr() under ""


LEVEL_RANK = {"市": 0, "县": 1, "乡镇": 2, "": 3}


def _columns() -> list[tuple[str, Callable[[PersonEntry], str], Callable[[PersonEntry], Any]]]:
    """(header, shown text, sort key) per column."""
    return [
        (tr("姓名"), lambda e: e.name, lambda e: (e.pinyin, e.name)),
        (tr("性别"), lambda e: e.gender, lambda e: e.gender),
        (tr("身份证号"), lambda e: e.id_masked, lambda e: e.id_masked),
        (tr("手机号码"), lambda e: e.phone, lambda e: e.phone),
        (tr("所属联络站"), lambda e: "、".join(e.stations), lambda e: e.stations),
        (tr("代表层级"), lambda e: e.level, lambda e: LEVEL_RANK.get(e.level, 9)),
        (tr("专项小组"), lambda e: "、".join(e.groups), lambda e: e.groups),
        (tr("身份"), lambda e: "、".join(e.roles), lambda e: e.roles),
        (tr("状态"), lambda e: e.status, lambda e: e.status),
        (tr("工作单位"), lambda e: e.unit, lambda e: e.unit),
    ]


INACTIVE = QColor("#8a8a8a")


class PeopleModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = _columns()
        self._rows: list[PersonEntry] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- contents -----------------------------------------------------------------------------

    def set_entries(self, entries: list[PersonEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def entry(self, row: int) -> PersonEntry:
        return self._rows[row]

    def row_of(self, person_id: str) -> int:
        for i, e in enumerate(self._rows):
            if e.id == person_id:
                return i
        return -1

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](entry)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and entry.id_masked:
            return tr("身份证号在列表中隐去中间位，打开编辑窗口可查看完整号码")
        if role == Qt.ItemDataRole.ForegroundRole and entry.status not in ("在任", ""):
            return QBrush(INACTIVE)
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() else None for i in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        rows = {e.id: r for r, e in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(rows[pid], old.column()) if pid in rows else QModelIndex()
                for old, pid in zip(persistent, ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key = self._columns[column][2]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
