"""Long work off the GUI thread: a function run in a QThread with progress and Cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Worker(QObject):
    """Runs `job(progress, cancelled)`; emits `progress(done, total)`, then `finished` or `failed`."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self, job: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
    ) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self._job(self.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # reported to the GUI thread, which decides what to show
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
        finally:
            self.thread.quit()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)
