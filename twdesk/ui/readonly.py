"""Read-only mode (a write-protected stick, a read-only file or folder): every widget that would
change the open file is marked once with `mark_editing` and stays disabled while the open
database is read-only — even when a tab enables it again for a new selection. Outputs (exports,
posters, 另存副本) stay available."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

EDITING = "twdesk_editing"
_state = {"read_only": False}


def is_read_only() -> bool:
    return _state["read_only"]


class _KeepDisabled(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and _state["read_only"]
            and isinstance(watched, QWidget)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False


_keeper: _KeepDisabled | None = None


def mark_editing(*widgets: QWidget) -> None:
    """These widgets change the file: disabled whenever the open database is read-only."""
    global _keeper
    if _keeper is None:
        _keeper = _KeepDisabled(QApplication.instance())
    for widget in widgets:
        widget.setProperty(EDITING, True)
        widget.installEventFilter(_keeper)
        if _state["read_only"]:
            widget.setEnabled(False)


def set_read_only(root: QWidget, read_only: bool) -> None:
    """Switch the mode for the window `root` (the marked widgets follow)."""
    _state["read_only"] = read_only
    for widget in root.findChildren(QWidget):
        if widget.property(EDITING):
            widget.setEnabled(not read_only)
