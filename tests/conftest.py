"""Test setup: Qt offscreen and a private data folder, before anything imports Qt or twdesk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TWDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="twdesk-test-data-")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder (settings, logs, default and demo databases)."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("TWDESK_DATA_DIR", str(path))
    return path


@pytest.fixture
def office_db(tmp_path: Path):
    """A new, seeded twdesk file in tmp_path, open and locked for the test."""
    from twdesk.db.dbfile import create_database, open_database

    path = tmp_path / "office.sqlite"
    create_database(path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box would hang the run offscreen: fail the test instead. Tests that
    expect one patch the method themselves (their patch replaces this one)."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(name: str):
        def fail(_parent, title="", text="", *_args, **_kwargs):
            raise AssertionError(f"unexpected QMessageBox.{name}: {title} — {text}")

        return fail

    for name in ("warning", "information", "question", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected(name))
