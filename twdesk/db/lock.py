"""Who has a database file open: a lock file beside it, readable by every PC that sees the file.

`<file>.lock` holds the holder's computer, user, process id and that process's start (boot id
and start time, so a reused process id is recognised), since-when and a heartbeat that a
background thread refreshes. A lock is stale when its process is gone or the id now belongs to
another process (same computer), when its heartbeat stopped long ago (any computer: a crash, a
pulled USB stick), or when the lock file is empty or half-written (a full disk, a crash while
writing it). A stale lock can be taken over; a live one cannot.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import json
import os
import socket
import sys
import threading
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

HEARTBEAT_SECONDS = 30
STALE_AFTER = timedelta(seconds=HEARTBEAT_SECONDS * 4)


def lock_path_for(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, odd Windows setups)
        return "未知用户"


INCOMPLETE = "锁文件不完整（可能是磁盘已满或程序异常退出时留下的）"


@dataclass(frozen=True)
class LockHolder:
    host: str
    user: str
    pid: int
    since: datetime
    heartbeat: datetime
    token: str
    stale: bool = False
    started: str | None = None  # process_start(pid) when the lock was written
    incomplete: bool = False  # empty or half-written: nobody can be holding it

    def describe(self) -> str:
        if self.incomplete:
            return INCOMPLETE
        since = self.since.strftime("%Y-%m-%d %H:%M")
        return f"计算机「{self.host}」上的用户「{self.user}」（自 {since} 起）"


def process_start(pid: int) -> str | None:
    """When process `pid` started, as an opaque text (None when it cannot be told here).

    Two processes that had the same id one after the other never have the same start: Linux
    gives the boot id and the start time in clock ticks since boot, Windows the creation time.
    """
    if pid <= 0:
        return None
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
            start = stat[stat.rindex(")") + 2 :].split()[19]  # field 22, starttime
            boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        except (OSError, ValueError, IndexError):
            return None
        return f"{boot}:{start}"
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return None
        try:
            times = [wintypes.FILETIME() for _ in range(4)]
            if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
                return None
            created = times[0]
            return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
        finally:
            kernel32.CloseHandle(handle)
    return None


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(lock_path: Path, *, now: datetime | None = None) -> LockHolder | None:
    """The current holder, with staleness judged; None when there is no readable lock."""
    try:
        data = json.loads(lock_path.read_text(encoding="utf-8"))
        holder = LockHolder(
            host=str(data["host"]),
            user=str(data["user"]),
            pid=int(data["pid"]),
            since=datetime.fromisoformat(data["since"]),
            heartbeat=datetime.fromisoformat(data["heartbeat"]),
            token=str(data["token"]),
            started=str(data["started"]) if data.get("started") else None,
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        # Empty or half-written (a full disk, a crash while writing it): nobody holds it.
        return LockHolder(
            "未知计算机", "未知用户", 0, datetime.min, datetime.min, "", stale=True, incomplete=True
        )
    now = now or datetime.now()
    stale = now - holder.heartbeat > STALE_AFTER  # the holder stopped beating, wherever it is
    if holder.host == socket.gethostname() and not stale:
        if not _pid_alive(holder.pid):
            stale = True
        elif holder.pid == os.getpid():
            stale = holder.token not in _OWN_TOKENS
        elif holder.started is not None:
            # the id is alive, but is it still the process that wrote the lock?
            current = process_start(holder.pid)
            stale = current is not None and current != holder.started
    return LockHolder(**{**holder.__dict__, "stale": stale})


# Tokens of locks this process holds: a lock naming our own pid but another token was left
# by an earlier process that had the same pid (after a reboot), so it is stale.
_OWN_TOKENS: set[str] = set()


class FileLockedError(Exception):
    def __init__(self, holder: LockHolder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


# Locks held by this process, released at normal interpreter exit even if nobody closed them.
_HELD: weakref.WeakSet[DbLock] = weakref.WeakSet()


@atexit.register
def _release_all() -> None:
    for held in list(_HELD):
        held.release()


class DbLock:
    """A held lock; `release()` (or interpreter exit) removes the file only if it is still ours."""

    def __init__(self, lock_path: Path, token: str, since: datetime) -> None:
        self.path = lock_path
        self.token = token
        self.since = since
        _HELD.add(self)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name="twdesk-lock-heartbeat", daemon=True
        )
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(OSError):
                self.heartbeat()

    def heartbeat(self) -> None:
        """Refresh the heartbeat, unless somebody took the lock over in the meantime."""
        holder = read_holder(self.path)
        if holder is None or holder.token != self.token:
            return
        _write_atomically(self.path, _payload(self.token, self.since))

    def still_ours(self) -> bool:
        holder = read_holder(self.path)
        return holder is not None and holder.token == self.token

    def release(self) -> None:
        _HELD.discard(self)
        self._stop.set()
        _OWN_TOKENS.discard(self.token)
        if self.still_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()


def _payload(token: str, since: datetime) -> str:
    return json.dumps(
        {
            "host": socket.gethostname(),
            "user": current_user(),
            "pid": os.getpid(),
            "started": process_start(os.getpid()),
            "since": since.isoformat(timespec="seconds"),
            "heartbeat": datetime.now().isoformat(timespec="seconds"),
            "token": token,
            "app": "twdesk",
        },
        ensure_ascii=False,
    )


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def acquire(db_path: Path, *, take_over: bool = False) -> DbLock:
    """Take the lock of `db_path` or raise FileLockedError naming the holder.

    With `take_over=True` a *stale* lock is replaced; a live one is never taken.
    """
    lock_path = lock_path_for(db_path)
    token = uuid.uuid4().hex
    since = datetime.now().replace(microsecond=0)
    _OWN_TOKENS.add(token)
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        holder = read_holder(lock_path)
        if holder is None:  # released between our two looks: try once more
            return acquire(db_path, take_over=take_over)
        if not (take_over and holder.stale):
            _OWN_TOKENS.discard(token)
            raise FileLockedError(holder) from None
        _write_atomically(lock_path, _payload(token, since))
        now_holder = read_holder(lock_path)
        if (
            now_holder is None or now_holder.token != token
        ):  # somebody else took it over at the same moment
            _OWN_TOKENS.discard(token)
            raise FileLockedError(read_holder(lock_path) or holder) from None
        return DbLock(lock_path, token, since)
    except BaseException:
        _OWN_TOKENS.discard(token)
        raise
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_payload(token, since))
        fh.flush()
        os.fsync(fh.fileno())
    return DbLock(lock_path, token, since)
