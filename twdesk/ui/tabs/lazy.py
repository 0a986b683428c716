"""Tabs that read the database only when first shown, so the window appears at once."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyLoad:
    """Mixin for a QWidget tab: with `lazy`, the first `full_reload()` waits until the tab is
    shown (and then runs just after the window has painted)."""

    _stale = False

    def full_reload(self) -> None:
        raise NotImplementedError

    def defer_or_reload(self, lazy: bool) -> None:
        if lazy:
            self._stale = True
        else:
            self.full_reload()

    def mark_stale(self) -> None:
        """The data changed (another file was opened): reload now if visible, else when shown."""
        widget = self if isinstance(self, QWidget) else None
        if widget is not None and widget.isVisible():
            self._stale = False
            self.full_reload()
        else:
            self._stale = True

    def _load_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.full_reload()

    def lazy_show(self, event: QShowEvent) -> None:
        if self._stale:
            QTimer.singleShot(0, self._load_if_stale)
