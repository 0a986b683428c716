"""The one way the GUI runs a user's action (after Anki's CollectionOp / QueryOp).

`run_action` runs a service call in one transaction with a wait cursor, shows a `UserError` in
one kind of message box, and announces which areas of the data changed on the `changes()` bus
so every tab that shows them reloads itself — no hand-wired reloads between tabs.
`run_long` does the same for slow work in a worker thread with a progress dialog and Cancel.
`save_output` asks where to save (remembering the last folder per kind of output), asks before
replacing a file, writes through `twdesk.output` and then shows where the file went.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from twdesk.core.errors import Cancelled, StaleRecordError, UserError
from twdesk.output import OutputExists, check_target
from twdesk.ui.i18n import tr

T = TypeVar("T")

# Areas of the data an action can change; tabs reload when one they show is announced.
PEOPLE = "people"
STATIONS = "stations"
DUTY = "duty"
VISITS = "visits"
LEDGER = "ledger"
SETTINGS = "settings"
EVALUATION = "evaluation"
CONTACTS = "contacts"  # 联系青年: books, logs, grassroots days, open days, ballots
ASSESSMENT = "assessment"  # 联络站考评 and the rectification ledger (整改台账)
EVERYTHING = frozenset(
    {PEOPLE, STATIONS, DUTY, VISITS, LEDGER, SETTINGS, EVALUATION, CONTACTS, ASSESSMENT}
)


class ChangeBus(QObject):
    """`changed(frozenset[str])` after every action that wrote something."""

    changed = Signal(object)


_BUS: ChangeBus | None = None


def changes() -> ChangeBus:
    global _BUS
    if _BUS is None:
        _BUS = ChangeBus()
    return _BUS


def announce(areas: Iterable[str]) -> None:
    areas = frozenset(areas)
    if areas:
        changes().changed.emit(areas)


def show_error(parent: QWidget | None, exc: UserError, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or exc.title, str(exc))


def ask_reload(parent: QWidget | None, exc: StaleRecordError) -> bool:
    """A save refused because someone else saved the record since it was loaded: say who and
    when, and offer 重新载入 (the record as now saved replaces what was typed here) or 返回修改
    (back to the typed values, e.g. to copy them; saving them again is refused). True: reload."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(exc.title)
    box.setText(str(exc))
    box.setInformativeText(
        QCoreApplication.translate(
            "",
            "重新载入：显示对方保存的最新内容，这里填写的内容不保存。\n"
            "返回修改：回到这里填写的内容（可以先抄下来），再重新载入后修改。",
        )
    )
    reload = box.addButton(
        QCoreApplication.translate("", "重新载入"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("", "返回修改"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.exec()
    return box.clickedButton() is reload


class _WaitCursor:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def run_action(
    parent: QWidget | None,
    db: Any,
    fn: Callable[[Any], T],
    *,
    changes: Iterable[str] = (),
    error_title: str | None = None,
    on_error: Callable[[UserError], None] | None = None,
    on_reload: Callable[[], None] | None = None,
) -> T | None:
    """`fn(session)` in one transaction; a UserError is shown and None returned (nothing saved).

    `on_error` shows the error another way (a dialog marking the fields at fault).
    `on_reload` reloads the record an editor shows: a save refused because someone else saved
    it meanwhile (StaleRecordError) offers 重新载入, which calls it."""
    try:
        with _WaitCursor(), db.transaction() as session:
            result = fn(session)
    except StaleRecordError as exc:
        if on_reload is None:
            show_error(parent, exc, error_title)
        elif ask_reload(parent, exc):
            on_reload()
        return None
    except UserError as exc:
        if on_error is not None:
            on_error(exc)
        else:
            show_error(parent, exc, error_title)
        return None
    announce(changes)
    return result


def run_read(parent: QWidget | None, db: Any, fn: Callable[[Any], T]) -> T | None:
    """`fn(session)` reading only; a UserError is shown and None returned."""
    try:
        with _WaitCursor(), db.session() as session:
            return fn(session)
    except UserError as exc:
        show_error(parent, exc)
        return None


def run_long(
    parent: QWidget | None,
    label: str,
    job: Callable[[Callable[[int, int], None], Callable[[], bool]], T],
    on_done: Callable[[T], None],
    *,
    changes: Iterable[str] = (),
    on_failed: Callable[[BaseException], None] | None = None,
) -> Any:
    """`job(progress, cancelled)` in a worker thread behind a progress dialog with Cancel.

    `on_done(result)` runs on the GUI thread. A UserError is shown; a cancelled job
    (it raised `Cancelled` or returned after Cancel) shows nothing. Returns the worker.
    """
    from twdesk.ui.workers import Worker

    dialog = QProgressDialog(label, tr("取消"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(job)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def close() -> bool:
        """Close the dialog; whether the user had cancelled (closing it emits `canceled`)."""
        cancelled = worker.cancelled()
        dialog.canceled.disconnect()
        dialog.reset()  # stops the timer that would show the dialog again after a quick job
        dialog.close()
        worker.wait()
        return cancelled

    def finished(result: object) -> None:
        if not close():
            on_done(result)  # type: ignore[arg-type]
            announce(changes)

    def failed(exc: object) -> None:
        if close() or isinstance(exc, Cancelled):
            return
        if on_failed is not None:
            on_failed(exc)  # type: ignore[arg-type]
        elif isinstance(exc, UserError):
            show_error(parent, exc)
        else:
            raise exc  # type: ignore[misc]  # a bug: the crash dialog takes it

    # the worker's signals reach these on the GUI thread through a receiver living there
    # (a plain function would be called on the worker's thread and crash on the dialog)
    relay = _Relay(dialog, progress, finished, failed)
    worker.progress.connect(relay.on_progress)
    worker.finished.connect(relay.on_finished)
    worker.failed.connect(relay.on_failed)
    # called here on the GUI thread: the worker object lives on its busy thread, so a queued
    # call to its slot would only arrive once the job had finished
    dialog.canceled.connect(lambda: worker.cancel())
    # registered before the start: a job that fails at once may end before the next line
    _RUNNING.add(worker)
    worker.thread.finished.connect(lambda: _RUNNING.discard(worker))
    worker.start()
    dialog.show()
    return worker


class _Relay(QObject):
    """Receives a worker's signals on the GUI thread (queued, as it lives there)."""

    def __init__(
        self,
        parent: QObject,
        progress: Callable[[int, int], None],
        finished: Callable[[object], None],
        failed: Callable[[object], None],
    ) -> None:
        super().__init__(parent)
        self._progress, self._finished, self._failed = progress, finished, failed

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self._progress(done, total)

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self._finished(result)

    @Slot(object)
    def on_failed(self, exc: object) -> None:
        self._failed(exc)


_RUNNING: set[Any] = set()  # workers stay referenced until their thread ends


# --- deleting ---------------------------------------------------------------------------------


def delete_record(
    parent: QWidget | None,
    db: Any,
    table: str,
    row_ids: str | Iterable[str],
    *,
    changes: Iterable[str],
) -> bool:
    """Ask (naming the record, or the selected records, and what goes with them), then move
    them to the recycle bin in one transaction.

    True when deleted; a refusal (a station with history …) is shown and nothing changes.
    Nothing happens on a read-only file (the Delete key stays quiet there)."""
    from twdesk.services import recycle_bin
    from twdesk.ui.readonly import is_read_only

    ids = [row_ids] if isinstance(row_ids, str) else list(dict.fromkeys(row_ids))
    if not ids or is_read_only():
        return False
    previews = run_read(
        parent, db, lambda s: [recycle_bin.describe_delete(s, table, i) for i in ids]
    )
    if not previews:
        return False
    text = previews[0].text if len(previews) == 1 else recycle_bin.describe_many(previews)
    answer = QMessageBox.question(
        parent,
        tr("删除{0}").format(previews[0].label),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False

    def delete_all(session: Any) -> int:
        for row_id in ids:
            recycle_bin.delete_record(session, table, row_id)
        return len(ids)

    done = run_action(parent, db, delete_all, changes=changes, error_title=tr("不能删除"))
    return done is not None


def delete_shortcut(view: QWidget, slot: Callable[[], object], text: str | None = None) -> QAction:
    """删除 in the view's context menu and on the Delete key while the view has the focus."""
    action = QAction(text or tr("删除"), view)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: slot())
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


# --- saving outputs -------------------------------------------------------------------------


def _settings() -> Any:
    from twdesk.ui.settings import app_settings

    return app_settings()


def last_folder(kind: str) -> Path:
    """The folder the user last saved this kind of output in (their Documents folder at first)."""
    value = _settings().value(f"folders/{kind}")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def remember_folder(kind: str, folder: Path) -> None:
    settings = _settings()
    settings.setValue(f"folders/{kind}", str(folder))
    settings.sync()


def ask_save_path(
    parent: QWidget | None, kind: str, title: str, suggested: str, file_filter: str
) -> Path | None:
    """The file dialog, opened in the last folder of this kind; asks before replacing a file.

    Returns None when the user cancels or declines to replace; shows why a target is refused.
    """
    name, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(last_folder(kind) / suggested),
        file_filter,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    wanted = Path(suggested).suffix
    # any extension the filter lists is kept (a copy saved as .sqlite stays .sqlite)
    allowed = {wanted.lower(), *re.findall(r"\*(\.\w+)", file_filter.lower())}
    if wanted and path.suffix.lower() not in allowed:
        path = path.with_name(path.name + wanted)
    try:
        check_target(path)
    except OutputExists:
        answer = QMessageBox.question(
            parent,
            title,
            tr("「{0}」已经存在，要替换它吗？").format(path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    except UserError as exc:
        show_error(parent, exc)
        return None
    remember_folder(kind, path.parent)
    return path


def show_saved(parent: QWidget | None, path: Path, text: str) -> None:
    """Where the file went, with 打开 and 打开所在文件夹."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("已保存"))
    box.setText(text)
    box.setInformativeText(str(path))
    open_file = box.addButton(tr("打开"), QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
