"""Opening a database file from the GUI: every refusal explained, a stale lock offered for take-over."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from twdesk.services.files import (
    Database,
    DbFileError,
    LocationError,
    LockedError,
    ServerLocation,
    open_file,
)


def open_with_messages(parent: QWidget | None, path: Path | ServerLocation) -> Database | None:
    """Open `path` (the first open of the day backs it up), or tell the user why not and
    return None. A server database has no backup file: the server's administrator backs it up."""
    db = _open_with_messages(parent, path)
    if db is not None and not db.read_only and db.path is not None:
        file = db.path
        # a moment after the file opened, so the window and the first tab come first
        QTimer.singleShot(
            DAILY_DELAY_MS,
            parent or QCoreApplication.instance(),
            lambda: start_daily_backup(file),
        )
    return db


DAILY_DELAY_MS = 3000
DAILY_BACKUPS: list[threading.Thread] = []  # tests join them


def start_daily_backup(path: Path) -> threading.Thread:
    """The first open of the day backs the file up, beside the window opening (a 1 GB file
    takes seconds); a failure is logged and never keeps the file closed."""
    from twdesk.services.backups import daily_backup_quietly

    thread = threading.Thread(
        target=daily_backup_quietly, args=(path,), name="twdesk-daily-backup", daemon=True
    )
    thread.start()
    DAILY_BACKUPS[:] = [t for t in DAILY_BACKUPS if t.is_alive()] + [thread]
    return thread


def _open_with_messages(parent: QWidget | None, path: Path | ServerLocation) -> Database | None:
    title = QCoreApplication.translate("Opening", "无法打开数据库")
    try:
        return open_file(path)
    except LockedError as exc:
        if not exc.holder.stale:
            QMessageBox.warning(parent, title, str(exc))
            return None
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Opening", "数据库被锁定"),
            str(exc) + "\n\n" + QCoreApplication.translate("Opening", "要接管这个文件吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return open_file(path, take_over_lock=True)
        except DbFileError as again:
            QMessageBox.warning(parent, title, str(again))
            return None
    except (DbFileError, LocationError) as exc:
        QMessageBox.critical(parent, title, str(exc))
        return None
