"""A second twdesk on the same file, a crash mid-write, a stale lock: real processes, real files."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.helpers import ROOT, crash_mid_write
from twdesk.db import lock as filelock
from twdesk.db.dbfile import LockedError, create_database, open_database
from twdesk.db.models import Person


def start_holder(db_path: Path) -> subprocess.Popen[str]:
    """Another twdesk process that opens the file and keeps it open."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from twdesk.db.dbfile import open_database
        db = open_database({str(db_path)!r})
        print("READY", flush=True)
        time.sleep(120)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    return proc


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "shared.sqlite"
    create_database(path)
    return path


def test_second_process_is_refused_with_the_holder_named(db_path: Path) -> None:
    holder = start_holder(db_path)
    try:
        with pytest.raises(LockedError) as info:
            open_database(db_path)
        err = info.value
        assert not err.holder.stale
        assert err.holder.pid == holder.pid
        assert err.holder.host == socket.gethostname()
        assert err.holder.user == filelock.current_user()
        text = str(err)
        assert socket.gethostname() in text and "正由" in text
        assert err.holder.since.strftime("%H:%M") in text
        with pytest.raises(LockedError):  # a live lock is never taken over
            open_database(db_path, take_over_lock=True)
    finally:
        holder.kill()
        holder.wait()


def test_lock_left_by_a_crash_is_detected_and_can_be_taken_over(db_path: Path) -> None:
    holder = start_holder(db_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert Path(str(db_path) + ".lock").exists()
    with pytest.raises(LockedError) as info:
        open_database(db_path)
    assert info.value.holder.stale
    assert "已经不在运行" in str(info.value) and "接管" in str(info.value)
    db = open_database(db_path, take_over_lock=True)
    try:
        assert filelock.read_holder(Path(str(db_path) + ".lock")).pid == os.getpid()
    finally:
        db.close()
    assert not Path(str(db_path) + ".lock").exists()


def test_second_window_in_the_same_process_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(LockedError) as info:
            open_database(db_path)
        assert not info.value.holder.stale
    finally:
        db.close()


def write_foreign_lock(db_path: Path, heartbeat: datetime) -> None:
    Path(str(db_path) + ".lock").write_text(
        json.dumps(
            {
                "host": "县团委-办公室PC",
                "user": "wangli",
                "pid": 4242,
                "since": (heartbeat - timedelta(hours=2)).isoformat(timespec="seconds"),
                "heartbeat": heartbeat.isoformat(timespec="seconds"),
                "token": "abc",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


def test_lock_from_another_computer_is_live_while_its_heartbeat_is_fresh(db_path: Path) -> None:
    write_foreign_lock(db_path, datetime.now())
    with pytest.raises(LockedError) as info:
        open_database(db_path, take_over_lock=True)
    assert not info.value.holder.stale
    assert "县团委-办公室PC" in str(info.value) and "wangli" in str(info.value)


def test_lock_from_another_computer_goes_stale_when_its_heartbeat_stops(db_path: Path) -> None:
    write_foreign_lock(db_path, datetime.now() - filelock.STALE_AFTER - timedelta(seconds=5))
    with pytest.raises(LockedError) as info:
        open_database(db_path)
    assert info.value.holder.stale
    open_database(db_path, take_over_lock=True).close()


def test_half_written_lock_file_counts_as_stale(db_path: Path) -> None:
    Path(str(db_path) + ".lock").write_text('{"host": "PC', encoding="utf-8")
    with pytest.raises(LockedError) as info:
        open_database(db_path)
    assert info.value.holder.stale
    open_database(db_path, take_over_lock=True).close()


def test_process_killed_mid_write_leaves_the_last_committed_state(db_path: Path) -> None:
    """A crash (or a pulled USB stick) in the middle of a big write: the journal rolls it back."""
    crash_mid_write(db_path)  # a hot journal is left behind
    db = open_database(db_path, take_over_lock=True)
    try:
        with db.session() as s:
            assert s.scalars(select(Person.name)).all() == ["已保存"]
            assert s.scalar(select(func.count()).select_from(Person)) == 1
    finally:
        db.close()
    from twdesk.db.dbfile import check_integrity

    assert check_integrity(db_path) == []


def test_normal_exit_without_close_releases_the_lock(db_path: Path) -> None:
    code = f"from twdesk.db.dbfile import open_database\ndb = open_database({str(db_path)!r})\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert not Path(str(db_path) + ".lock").exists()
    open_database(db_path).close()
