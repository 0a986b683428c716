"""The app on a server database: the main window and the dossier batch's worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.home_files import build_home_file
from twdesk.db.dbfile import open_database

pytestmark = pytest.mark.postgresql


def test_the_window_on_a_server_database(qtbot, pg_url: str, monkeypatch) -> None:
    """Title and path label name the server database; the file-only actions are off and say
    why; the daily backup and the recent-files list leave it alone."""
    from twdesk.ui.app import make_application
    from twdesk.ui.main_window import MainWindow
    from twdesk.ui.settings import recent_files

    make_application()
    db = open_database(pg_url)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    try:
        assert db.name in win.windowTitle() and "[服务器]" in win.windowTitle()
        assert win.path_label.text().startswith("服务器数据库「")
        for action in (win.form.actionSaveCopy, win.form.actionBackups):
            assert not action.isEnabled() and "服务器管理员" in action.toolTip()
        assert win.form.actionExportPackage.isEnabled()  # a copy of the server, packaged
        told: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
        win.save_copy()
        assert win.show_backups() is None
        assert len(told) == 2 and all("服务器管理员" in t for t in told)
        assert recent_files(win.settings) == []
        assert win.counts_label.text().startswith("联络站 0")
    finally:
        win.close()


def test_dossier_workers_reopen_the_server_database(tmp_path: Path, pg_url: str) -> None:
    """The batch's worker process reopens the database from its URL, not from a file."""
    from twdesk.services.dossier_batch import delegates_for, run_batch

    hf = build_home_file(tmp_path, pg_url)
    try:
        with hf.db.session() as s:
            chosen = delegates_for(s, 2026, station_ids=[hf.a], names=())
        out = tmp_path / "档案"
        out.mkdir()
        ids = [pid for pid, _name in chosen]
        assert len(ids) == 2
        result = run_batch(hf.db.location, ids, 2026, out, workers=2)
    finally:
        hf.db.close()
    assert not result.failures
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in result.files)
    assert all(f.read_bytes().startswith(b"%PDF") for f in result.files)
