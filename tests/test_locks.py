"""Defect 6: locks that never go away — a reused process id, an old heartbeat on this computer,
an empty or half-written lock file are all stale, say so, and `--take-over` takes them over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import digest, run_twdesk
from twdesk.db import lock as filelock
from twdesk.db.dbfile import LockedError, create_database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "shared.sqlite"
    create_database(path)
    return path


@pytest.fixture
def other_process():
    """A live process that is not twdesk (its id is what a reused lock would name)."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


def write_local_lock(
    db_path: Path, pid: int, started: str | None, heartbeat: datetime | None = None
) -> Path:
    heartbeat = heartbeat or datetime.now()
    lock = Path(str(db_path) + ".lock")
    data = {
        "host": socket.gethostname(),
        "user": "wangli",
        "pid": pid,
        "since": (heartbeat - timedelta(hours=1)).isoformat(timespec="seconds"),
        "heartbeat": heartbeat.isoformat(timespec="seconds"),
        "token": "earlier-run",
    }
    if started is not None:
        data["started"] = started
    lock.write_text(json.dumps(data), encoding="utf-8")
    return lock


@pytest.mark.skipif(filelock.process_start(os.getpid()) is None, reason="no process start here")
def test_a_reused_process_id_makes_the_lock_stale(db_path: Path, other_process) -> None:
    pid = other_process.pid
    real_start = filelock.process_start(pid)
    assert real_start is not None
    # the lock was written by an earlier process that had this id (another start)
    lock = write_local_lock(db_path, pid, started=real_start + "0")
    holder = filelock.read_holder(lock)
    assert holder is not None and holder.stale
    with pytest.raises(LockedError) as info:
        open_database(db_path)
    assert "已经不在运行" in str(info.value) and "--take-over" in str(info.value)
    open_database(db_path, take_over_lock=True).close()
    # control: the same id with its real start is the live holder, never taken over
    lock = write_local_lock(db_path, pid, started=real_start)
    assert not filelock.read_holder(lock).stale
    with pytest.raises(LockedError) as info:
        open_database(db_path, take_over_lock=True)
    assert "正由" in str(info.value)


def test_an_old_heartbeat_on_this_computer_makes_the_lock_stale(
    db_path: Path, other_process
) -> None:
    pid = other_process.pid
    old = datetime.now() - filelock.STALE_AFTER - timedelta(seconds=5)
    lock = write_local_lock(db_path, pid, filelock.process_start(pid), heartbeat=old)
    assert filelock.read_holder(lock).stale
    lock = write_local_lock(db_path, pid, filelock.process_start(pid))
    assert not filelock.read_holder(lock).stale


@pytest.mark.parametrize("content", [b"", b'{"host": "PC', b"\x00\x00\x00\x00", b"[]"])
def test_empty_or_half_written_lock_is_stale_and_described_as_such(
    db_path: Path, content: bytes
) -> None:
    lock = Path(str(db_path) + ".lock")
    lock.write_bytes(content)
    holder = filelock.read_holder(lock)
    assert holder is not None and holder.stale and holder.incomplete
    with pytest.raises(LockedError) as info:
        open_database(db_path)
    message = str(info.value)
    assert "锁文件不完整（可能是磁盘已满或程序异常退出时留下的）" in message
    assert "1-01-01" not in message and "0001" not in message and "--take-over" in message
    open_database(db_path, take_over_lock=True).close()
    assert not lock.exists()


def test_command_line_says_take_over_and_takes_over(db_path: Path) -> None:
    lock = write_local_lock(db_path, pid=2**22 + 12345, started=None)  # no such process
    before = digest(db_path)
    r = run_twdesk("stats", "--db", str(db_path), "--year", "2026")
    assert r.returncode == 1 and "--take-over" in r.stderr and "Traceback" not in r.stderr
    assert digest(db_path) == before and lock.exists()
    r = run_twdesk("stats", "--db", str(db_path), "--year", "2026", "--take-over")
    assert r.returncode == 0, r.stderr
    assert not lock.exists()  # taken over, then released when the command ended
    lock.write_bytes(b"")
    r = run_twdesk(
        "export", "roster", "--db", str(db_path), "--out", str(db_path.parent / "r.xlsx")
    )
    assert r.returncode == 1 and "锁文件不完整" in r.stderr and "1-01-01" not in r.stderr
    r = run_twdesk(
        "export",
        "roster",
        "--db",
        str(db_path),
        "--out",
        str(db_path.parent / "r.xlsx"),
        "--take-over",
    )
    assert r.returncode == 0, r.stderr


def test_a_live_holder_is_never_taken_over_from_the_command_line(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        r = run_twdesk("stats", "--db", str(db_path), "--year", "2026", "--take-over")
        assert r.returncode == 1 and "正由" in r.stderr
    finally:
        db.close()
