"""Tabs that read the database only when first shown, after the window has painted, so the
window appears at once and fills in a moment later."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    """Runs callbacks once the watched window has painted for the first time."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.callbacks: list[Callable[[], None]] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            callbacks, self.callbacks = self.callbacks, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)
            setattr(watched, "_twdesk_painted", True)  # noqa: B010 - a plain flag on a QWidget
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    window = widget.window()
    if getattr(window, "_twdesk_painted", False) or window is widget:
        QTimer.singleShot(0, callback)
        return
    watcher = window.findChild(_AfterFirstPaint) or _AfterFirstPaint(window)
    watcher.callbacks.append(callback)


class LazyLoad:
    """Mixin for a QWidget tab: with `lazy`, the first `full_reload()` waits until the tab is
    shown and its window has painted. A tab that sets `reload_on` (areas of `ui.actions`)
    reloads when an action announces one of them — at once if visible, else when next shown."""

    _stale = False
    reload_on: frozenset[str] = frozenset()

    def full_reload(self) -> None:
        raise NotImplementedError

    def defer_or_reload(self, lazy: bool) -> None:
        if self.reload_on:
            from twdesk.ui.actions import changes

            changes().changed.connect(self._areas_changed)
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

    def _areas_changed(self, areas: frozenset[str]) -> None:
        if self.reload_on & areas and not self._stale:
            self.mark_stale()

    def load_now(self) -> None:
        """Load at once if the tab has not read the file yet (a click on the home page needs
        the tab's lists before it can select a record in them)."""
        self._load_if_stale()

    def _load_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.full_reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale and isinstance(self, QWidget):
            after_first_paint(self, self._load_if_stale)
