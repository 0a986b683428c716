"""Start the app's main window on a file as `twdesk --db PATH` does (window first, file opened
after the paint) and print, as they happen, TWDESK_SHOWN (window painted), TWDESK_TABS (file open, database layer
loaded, tabs created), TWDESK_HOME_FIRST
(the home page's cheap lines shown) and TWDESK_HOME_REST (all its lines shown); then quit.
benchmarks/bench_home.py times them from process start."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not os.environ.get("TWDESK_NO_PRELOAD"):
        from twdesk.ui.preload import preload_in_background

        preload_in_background()
    from twdesk.ui.app import make_application

    app = make_application()
    from twdesk.ui.main_window import MainWindow

    window = MainWindow()

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                print("TWDESK_SHOWN", flush=True)
            return False

    def hook() -> None:
        print("TWDESK_TABS", flush=True)
        page = window.home_tab.today_page

        def filled(complete: bool) -> None:
            print("TWDESK_HOME_REST" if complete else "TWDESK_HOME_FIRST", flush=True)
            if complete:
                QTimer.singleShot(0, window.close)

        page.filled.connect(filled)

    window.tabs_created.connect(hook)
    window.installEventFilter(Painted(window))
    window.open_after_paint(Path(sys.argv[1]))
    window.form.tabs.setCurrentIndex(0)
    window.show()
    QTimer.singleShot(60000, app.quit)
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
