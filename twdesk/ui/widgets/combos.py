"""Filling a choice list again without losing what the user had chosen."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(
    combo: QComboBox,
    items: Iterable[tuple[object, str]],
    *,
    first: str | None = None,
) -> None:
    """Replace the (value, text) items, `first` (value None, e.g. 全部联络站) on top; keep the
    chosen value when it is still there, else the first item. No signals:
    the caller reloads what depends on the choice itself."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
