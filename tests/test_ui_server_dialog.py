"""文件 → 连接服务器数据库…: the dialog opens a server database like a file; the password goes
to the connection only (psycopg's connect arguments), never into the URL, the settings file,
the recent list or the title bar; 记住密码 keeps it in the OS keyring (an in-memory one here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from twdesk.db.dbfile import create_database, open_database
from twdesk.ui.dialogs.server_dialog import ServerDialog
from twdesk.ui.main_window import MainWindow

PASSWORD = "s3cret-密码-Ω"


@pytest.fixture
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """A keyring backend keeping passwords in a dict, installed for the test."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    store: dict[tuple[str, str], str] = {}

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if (service, username) not in store:
                raise PasswordDeleteError(username)
            del store[(service, username)]

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        yield store
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def forget_passwords() -> Iterator[None]:
    from twdesk.db import engine

    yield
    engine._PASSWORDS.clear()


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    from twdesk.ui.app import make_application

    make_application()
    path = tmp_path / "office.sqlite"
    create_database(path, office_name="某县团委")
    win = MainWindow(open_database(path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def type_in(widget, text: str) -> None:
    """Chinese and symbols through an input-method commit (keyClicks aborts on non-Latin keys)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    widget.clear()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def click_connect(qtbot, dialog: ServerDialog) -> None:
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


@pytest.mark.postgresql
def test_connect_through_the_file_menu_password_in_connect_args_only(
    qtbot,
    window: MainWindow,
    pg_url: str,
    memory_keyring,
    forget_passwords,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psycopg

    from twdesk.db.location import parse_server_url

    server = parse_server_url(pg_url)
    connects: list[tuple[tuple, dict]] = []
    real_connect = psycopg.connect

    def spy(*args, **kwargs):
        connects.append((args, kwargs))
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg, "connect", spy)
    shown: list[ServerDialog] = []

    def fill_and_connect(dialog: QDialog) -> int:
        assert isinstance(dialog, ServerDialog)
        shown.append(dialog)
        dialog.show()
        if len(shown) == 1:
            assert dialog.remember.isEnabled()  # a usable keyring: remembering is offered
            type_in(dialog.host, server.host)
            dialog.port.setValue(server.port or 5432)
            type_in(dialog.dbname, server.dbname)
            type_in(dialog.user, server.user)
            type_in(dialog.password, PASSWORD)
            qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton)
        else:  # from the recent list: the fields and the kept password are filled in
            assert dialog.dbname.text() == server.dbname and dialog.host.text() == server.host
            assert dialog.password.text() == PASSWORD and dialog.remember.isChecked()
        click_connect(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", fill_and_connect)
    window.form.actionConnectServer.trigger()

    assert window.db.is_server and window.db.server == server
    assert "[服务器]" in window.windowTitle() and server.dbname in window.windowTitle()
    # the password reached psycopg as a connect argument, and only there
    assert connects and all(kw.get("password") == PASSWORD for _a, kw in connects)
    assert all(PASSWORD not in " ".join(map(str, a)) for a, _kw in connects)
    assert window.db.engine.url.password is None and PASSWORD not in str(window.db.engine.url)
    # … kept in the keyring under the account, not the database
    account = f"{server.user}@{server.host}:{server.port}"
    assert memory_keyring == {("twdesk", account): PASSWORD}
    # … and nowhere in the window, the settings file or the recent list
    assert PASSWORD not in window.windowTitle() and PASSWORD not in window.path_label.text()
    window.settings.sync()
    settings_text = Path(window.settings.fileName()).read_text(encoding="utf-8")
    assert PASSWORD not in settings_text and server.url in settings_text
    from twdesk.ui.settings import recent_files, recent_servers

    assert recent_servers(window.settings) == [server.url]
    assert all(p.suffix == ".sqlite" for p in recent_files(window.settings))  # files only
    recent = {a.text(): a for a in window.form.menuRecent.actions() if a.text()}

    # back to a file, then the server again from the recent list: asked with the kept password
    file_path = next(p for p in recent_files(window.settings))
    recent[str(file_path)].trigger()
    assert not window.db.is_server
    recent = {a.text(): a for a in window.form.menuRecent.actions() if a.text()}
    recent[server.url].trigger()
    assert len(shown) == 2 and window.db.is_server and window.db.server == server


def test_no_keyring_means_no_remembering(qtbot, no_keyring) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "不能记住密码" in dialog.keyring_note.text()


def test_fields_are_checked_and_an_empty_password_leaves_pgpass_in_charge(
    qtbot, memory_keyring, forget_passwords
) -> None:
    from twdesk.db.engine import server_connect_args
    from twdesk.db.location import ServerLocation

    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    click_connect(qtbot, dialog)
    assert dialog.error.isVisible() and "数据库名" in dialog.error.text()
    assert dialog.location is None and dialog.isVisible()
    type_in(dialog.dbname, "twdesk")
    type_in(dialog.host, "db@server")
    click_connect(qtbot, dialog)
    assert "服务器「db@server」" in dialog.error.text() and dialog.location is None
    type_in(dialog.host, "192.168.1.10")
    type_in(dialog.user, "staff")
    click_connect(qtbot, dialog)
    assert dialog.location == ServerLocation("staff", "192.168.1.10", 5432, "twdesk")
    assert dialog.result() == QDialog.DialogCode.Accepted
    # no password typed: none in the connect args (libpq reads PGPASSWORD / .pgpass), none kept
    assert "password" not in server_connect_args(dialog.location)
    assert memory_keyring == {}


def test_unticking_remember_forgets_the_kept_password(
    qtbot, memory_keyring, forget_passwords
) -> None:
    from twdesk.db.engine import server_connect_args
    from twdesk.db.location import ServerLocation

    where = ServerLocation("staff", "db.example", 5433, "twdesk")
    memory_keyring[("twdesk", "staff@db.example:5433")] = "old"
    dialog = ServerDialog(initial=where)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.password.text() == "old" and dialog.remember.isChecked()
    qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton)
    type_in(dialog.password, "new")
    click_connect(qtbot, dialog)
    assert memory_keyring == {}
    assert server_connect_args(where)["password"] == "new"  # this session still has it


@pytest.mark.postgresql
def test_a_refused_connection_asks_again_with_the_fields_filled(
    qtbot, window: MainWindow, pg_url: str, no_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from twdesk.db.location import parse_server_url

    server = parse_server_url(pg_url)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: told.append(text))
    shown: list[tuple[str, str]] = []

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, ServerDialog)
        dialog.show()
        shown.append((dialog.host.text(), dialog.dbname.text()))
        if len(shown) == 1:  # a database name that does not exist
            type_in(dialog.host, server.host)
            dialog.port.setValue(server.port or 5432)
            type_in(dialog.dbname, "no_such_office")
            type_in(dialog.user, server.user)
        elif len(shown) == 2:  # asked again, filled in: the name corrected
            type_in(dialog.dbname, server.dbname)
        click_connect(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", answer)
    before = window.db
    window.form.actionConnectServer.trigger()
    assert len(told) == 1 and "不存在" in told[0]
    assert shown == [("", ""), (server.host, "no_such_office")]
    assert window.db is not before and window.db.server == server


@pytest.mark.postgresql
def test_dossier_workers_get_the_typed_password_through_the_pool(
    pg_url: str, forget_passwords
) -> None:
    """A worker process starts without the parent's memory: the batch hands the password typed
    in the dialog to its initializer (through the pool's pipe, not argv or the environment)."""
    from twdesk.db import engine
    from twdesk.db.location import parse_server_url
    from twdesk.services import dossier_batch

    server = parse_server_url(pg_url)
    assert dossier_batch._password(server) is None
    engine.use_password(server, PASSWORD)
    assert dossier_batch._password(server) == PASSWORD
    import signal

    engine._PASSWORDS.clear()  # as in a freshly spawned worker
    interrupt = signal.getsignal(signal.SIGINT)  # a worker ignores Ctrl-C: not this process
    dossier_batch._init_worker(pg_url, object(), PASSWORD)  # type: ignore[arg-type]
    signal.signal(signal.SIGINT, interrupt)
    try:
        assert engine.password_for(server) == PASSWORD
        assert dossier_batch._WORKER is not None and dossier_batch._WORKER[0].is_server
    finally:
        if dossier_batch._WORKER is not None:
            dossier_batch._WORKER[0].close()
            dossier_batch._WORKER = None
