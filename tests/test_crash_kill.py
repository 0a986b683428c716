"""Crash and media faults (issue 13), the short version of benchmarks/bench_crash.py: a few
SIGKILLs during an import, a restore and a merge leave a healthy file with the operation entirely there
or entirely absent; a copy to a stick pulled halfway is reported as failed, the source intact."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT, digest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and RLIMIT_FSIZE")


def test_sigkill_during_import_restore_and_merge(tmp_path: Path) -> None:
    from benchmarks.bench_crash import bench_crash

    _rows, tallies = bench_crash(tmp_path, runs=5, seed=7)
    assert [t.operation for t in tallies] == ["import roster", "restore", "merge"]
    for tally in tallies:
        assert tally.failures == [], tally.failures
        assert tally.healthy == tally.runs == 5
        assert tally.outcomes["partial"] == 0
        assert tally.outcomes["absent"] + tally.outcomes["complete"] == 5


# A USB stick pulled halfway through a copy: the process may write only LIMIT bytes to any file
# (RLIMIT_FSIZE; SIGXFSZ ignored, so the write fails with EFBIG as on a vanished medium).
PULLED_STICK = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from twdesk.core.errors import UserError
try:
{action}
except UserError as exc:
    print("REFUSED", exc)
    sys.exit(3)
print("WROTE")
"""


def run_with_pulled_stick(action: str, limit: int) -> subprocess.CompletedProcess[str]:
    code = PULLED_STICK.format(
        limit=limit, action=textwrap.indent(textwrap.dedent(action).strip(), "    ")
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    from twdesk.db.dbfile import create_database, open_database
    from twdesk.db.models import Person

    path = tmp_path / "源.sqlite"
    create_database(path)
    db = open_database(path)
    with db.transaction() as s:
        for i in range(400):
            s.add(Person(name=f"代表{i}", notes=os.urandom(300).hex()))
    db.close()
    return path


def test_save_copy_to_a_pulled_stick_fails_and_the_source_stays(
    source: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    target = stick / "副本.sqlite"
    before = digest(source)
    size = source.stat().st_size
    result = run_with_pulled_stick(
        f"""
        from twdesk.db.dbfile import open_database
        db = open_database(Path({str(source)!r}))
        db.save_copy(Path({str(target)!r}))
        """,
        limit=size // 2,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "REFUSED 复制没有完成" in result.stdout and "没有被改动" in result.stdout
    assert not target.exists()  # no half copy that looks like a database
    assert list(stick.iterdir()) == []
    assert digest(source) == before


def test_package_to_a_pulled_stick_fails_and_nothing_is_left(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.output import OutputError
    from twdesk.services import packages

    stick = tmp_path / "U盘"
    stick.mkdir()
    target = stick / "交换包.twpkg"
    before = digest(source)
    real = packages._pack

    def pulled(snapshot: Path, tmp: Path, *args: object) -> str:
        real(snapshot, tmp, *args)  # type: ignore[arg-type]
        with open(tmp, "r+b") as fh:  # the stick vanished halfway through: half the bytes
            fh.truncate(tmp.stat().st_size // 2)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(packages, "_pack", pulled)
    with pytest.raises(OutputError, match="无法写入"):
        packages.write_package(source, target, "pw")
    assert list(stick.iterdir()) == []  # no half package left to be carried away
    assert digest(source) == before
