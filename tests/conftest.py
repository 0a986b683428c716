"""Test setup: Qt offscreen and a private data folder, before anything imports Qt or twdesk."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
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
def office_db(tmp_path: Path, request: pytest.FixtureRequest):
    """A new, seeded twdesk file in tmp_path, open and locked for the test.

    TWDESK_OFFICE_DB=postgresql puts every test using it on a server database instead (an
    audit run: tests that look at the file itself then fail by design)."""
    from twdesk.db.dbfile import create_database, open_database

    if os.environ.get("TWDESK_OFFICE_DB") == "postgresql":
        database = open_database(request.getfixturevalue("pg_url"))
        yield database
        database.close()
        return
    path = tmp_path / "office.sqlite"
    create_database(path)
    database = open_database(path)
    yield database
    database.close()


# ---- PostgreSQL: the same tests on a server (tests/pgserver.py starts a throwaway cluster) ----

ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--pg",
        choices=("auto", "on", "off"),
        default=None,
        help="PostgreSQL tests: auto = when a server binary is found (default), on = required "
        "(fail without a server), off = skipped. Same as TWDESK_PG=1/0.",
    )


def pytest_configure(config: pytest.Config) -> None:
    choice = config.getoption("--pg")
    if choice == "on":
        os.environ["TWDESK_PG"] = "1"
    elif choice == "off":
        os.environ["TWDESK_PG"] = "0"
    config.addinivalue_line(
        "markers", "postgresql: runs against a PostgreSQL server (skipped without one)"
    )
    config.addinivalue_line(
        "markers",
        "file_only: looks at the SQLite file itself (bytes, lock, journal): its "
        "any_office_db / engine_name variant on PostgreSQL is not collected",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A file_only test keeps only its sqlite variant."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        engine = callspec.params.get("engine_name") if callspec else None
        if engine == "postgresql" and item.get_closest_marker("file_only"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_report_header(config: pytest.Config) -> str:
    from tests import pgserver

    reason = pgserver.unavailable_reason()
    if reason is None:
        where = os.environ.get("TWDESK_PG_URL") or pgserver.find_bin_dir()
        return f"PostgreSQL tests: on ({where})"
    return f"PostgreSQL tests: SKIPPED — {reason}"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    from tests import pgserver

    reason = pgserver.unavailable_reason()
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if "postgresql" in getattr(r, "keywords", {})
    ]
    if reason is not None and pgserver.mode() == "required":
        terminalreporter.write_line(f"PostgreSQL: required but unavailable — {reason}", red=True)
    elif reason is not None:
        terminalreporter.write_line(
            f"PostgreSQL: {len(skipped)} tests skipped — {reason}", yellow=True
        )


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's PostgreSQL cluster (started on first use, stopped at the end); skips the
    test when no server binary exists (fails instead with TWDESK_PG=1 / --pg=on)."""
    from tests import pgserver

    reason = pgserver.unavailable_reason()
    if reason is not None:
        if pgserver.mode() == "required":
            pytest.fail(f"PostgreSQL required (TWDESK_PG=1) but unavailable: {reason}")
        pytest.skip(reason)
    cluster = pgserver.PgCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:
    """postgresql://… of a fresh database holding the newest schema and the seed (a copy of a
    template migrated once per session: ≈ 40 ms), dropped after the test."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_url(url)


@pytest.fixture
def pg_empty_url(pg_cluster) -> Iterator[str]:
    """postgresql://… of a fresh, empty database (for `twdesk init` and migration tests)."""
    url = pg_cluster.new_database(migrated=False)
    yield url
    pg_cluster.drop_url(url)


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """The engine, "sqlite" or "postgresql": parametrises a test over both."""
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgresql)
    return request.param


@pytest.fixture
def any_db_location(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """What `--db` takes, for a new seeded database on either engine, not opened: a file path
    (as text) in tmp_path, or the URL of a fresh server database."""
    if engine_name == "postgresql":
        return request.getfixturevalue("pg_url")
    from twdesk.db.dbfile import create_database

    path = tmp_path / "office.sqlite"
    create_database(path)
    return str(path)


@pytest.fixture
def any_office_db(any_db_location: str):
    """Like `office_db`, once on a SQLite file and once on a PostgreSQL database (skipped
    without a server): an open, seeded twdesk Database, closed after the test."""
    from twdesk.db.dbfile import open_database

    database = open_database(any_db_location)
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
