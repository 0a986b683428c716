"""The Qt binding itself: a release that mishandles references would crash the app in use."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

CALLS = 3000

# Python 3.12 made None immortal (PEP 683): its count no longer moves, so a binding that drops
# references to None can neither crash the interpreter nor be seen doing it.
pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+: nothing to lose"
)


def references_to_none_lost(action: Callable[[], None]) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    return before - sys.getrefcount(None)


def test_the_probe_sees_a_lost_reference() -> None:
    """The measurement below is sensitive: one reference dropped per call shows as CALLS."""
    lost = references_to_none_lost(lambda: ctypes.pythonapi.Py_DecRef(ctypes.py_object(None)))
    for _ in range(CALLS):  # give them back before anything frees None
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    assert lost >= CALLS - 100


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 decremented None's refcount on every call returning
    nothing; a ledger with a few thousand rows then aborted the interpreter."""
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    item = QTableWidgetItem("x")

    def void_calls() -> None:
        item.setData(Qt.ItemDataRole.UserRole, "id")
        table.setItem(0, 0, QTableWidgetItem("y"))

    assert abs(references_to_none_lost(void_calls)) < 100
