"""Run by tests/test_i18n.py in a fresh interpreter: start twdesk as a user who chose English
(language=en in settings.ini, then make_application, then the real MainWindow on a demo file),
visit every tab and page, and print JSON describing what the interface shows.

    python tests/english_window.py DEMO_FILE [SCREENSHOT_DIR]

A fresh process, because a translator must be installed before the interface modules are
imported and their module-level texts (table headers, combo items) are translated.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TWDESK_DATA_DIR", tempfile.mkdtemp(prefix="twdesk-en-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def settle(app) -> None:
    for _ in range(8):
        app.processEvents()


def texts_of(widget) -> list[tuple[str, str]]:
    """(where, text) for what a widget itself shows: label and button text, titles, tab names,
    placeholders, tooltips and item-view headers. Item-view cells and combo entries are the
    file's data (names, stations, lookups) and are not taken."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
    )

    name = f"{type(widget).__name__}({widget.objectName()})"
    out = []
    if isinstance(widget, (QLabel, QAbstractButton)):
        out.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append((name, widget.title()))
    elif isinstance(widget, QTabWidget):
        out += [(name + " tab", widget.tabText(i)) for i in range(widget.count())]
        out += [(name + " tab tip", widget.tabToolTip(i)) for i in range(widget.count())]
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        out.append((name + " placeholder", widget.placeholderText()))
    if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        model = widget.model()
        for section in range(widget.count()):
            value = model.headerData(section, widget.orientation(), Qt.ItemDataRole.DisplayRole)
            out.append((name + " header", str(value or "")))
    out.append((name + " tooltip", widget.toolTip()))
    return [(where, text) for where, text in out if text]


def main() -> None:
    from PySide6.QtCore import QSettings

    demo = Path(sys.argv[1])
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    data = Path(os.environ["TWDESK_DATA_DIR"])
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    settings.sync()

    from twdesk.ui.app import make_application

    app = make_application()
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QTabWidget, QWidget

    from twdesk.db.dbfile import open_database
    from twdesk.ui.main_window import MainWindow

    window = MainWindow(open_database(demo))
    window.resize(1280, 690)
    window.show()
    settle(app)
    seen: list[tuple[str, str]] = []
    tabs = window.form.tabs

    def collect() -> None:
        for widget in [window, *window.findChildren(QWidget)]:
            if widget.isVisibleTo(window):
                seen.extend(texts_of(widget))

    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle(app)
        if shots is not None:
            window.grab().save(str(shots / f"english_tab{index}.png"))
        collect()
        for sub in tabs.widget(index).findChildren(QTabWidget):  # the tab's own pages
            for i in range(sub.count()):
                sub.setCurrentIndex(i)
                settle(app)
                if shots is not None:
                    window.grab().save(str(shots / f"english_tab{index}_{i}.png"))
                collect()
    menus = [action.text() for action in window.form.menubar.actions()]
    menu_items = [
        action.text()
        for menu in (window.form.menuFile, window.form.menuEdit, window.form.menuHelp)
        for action in menu.actions()
        if not action.isSeparator()
    ]
    dialog = window.show_backups()
    settle(app)
    dialog_buttons = [b.text() for b in dialog.findChildren(QPushButton)]
    boxes = [b.text() for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]
    dialog_title = dialog.windowTitle()
    dialog.close()
    unique = sorted({(where, text) for where, text in seen if CJK.search(text)})
    print(
        json.dumps(
            {
                "language": app.property("twdesk_language"),
                "window_title": window.windowTitle(),
                "menus": menus,
                "menu_items": menu_items,
                "tabs": [tabs.tabText(i) for i in range(tabs.count())],
                "dialog_title": dialog_title,
                "dialog_buttons": dialog_buttons + boxes,
                "texts_seen": len(seen),
                "chinese": unique,
            },
            ensure_ascii=False,
        )
    )
    window.close()


if __name__ == "__main__":
    main()
