"""The Qt binding itself: a release that mishandles references would crash the app in use."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 decremented None's refcount on every call returning
    nothing; a ledger with a few thousand rows then aborted the interpreter."""
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    item = QTableWidgetItem("x")
    before = sys.getrefcount(None)
    for _ in range(3000):
        item.setData(Qt.ItemDataRole.UserRole, "id")
        table.setItem(0, 0, QTableWidgetItem("y"))
    assert sys.getrefcount(None) >= before - 100
