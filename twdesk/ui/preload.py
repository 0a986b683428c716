"""Start-up: import the database layer and the tabs' modules in a thread while Qt starts and
paints the window, so the file opens and the first tab fills sooner after the first paint.

The imports are plain module imports (no widget is created off the GUI thread); the GUI
thread later imports the same modules and finds them loaded, or waits for the one in flight
(Python's per-module import lock)."""

from __future__ import annotations

import importlib
import threading

# What the window needs right after its first paint, in the order it needs it.
MODULES = (
    "twdesk.db.dbfile",
    "twdesk.services.files",
    "twdesk.ui.opening",
    "twdesk.services.home",
    "twdesk.ui.tabs.home_tab",
    "twdesk.ui.tabs.people_tab",
    "twdesk.ui.tabs.duty_tab",
    "twdesk.ui.tabs.visits_tab",
    "twdesk.ui.tabs.ledger_tab",
    "twdesk.ui.tabs.contacts_tab",
    "twdesk.ui.tabs.evaluation_tab",
)


def preload_in_background(modules: tuple[str, ...] = MODULES) -> threading.Thread:
    """Import `modules` in a daemon thread; a failure is left for the GUI thread's own import
    to raise where it is handled."""

    def work() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # the GUI thread's own import raises it where it is handled
                return

    thread = threading.Thread(target=work, name="twdesk-preload", daemon=True)
    thread.start()
    return thread
