"""Defect 7: `check` never calls a file healthy while an interrupted write's journal sits beside
it — it rolls the journal back under the lock (or refuses) and warns that the .sqlite alone is
not a complete copy until then; copies never copy a file with a hot journal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import ROOT, crash_mid_write, digest, run_twdesk
from twdesk.db.dbfile import (
    DbFileError,
    check_integrity,
    copy_consistent,
    create_database,
    open_database,
)
from twdesk.db.models import Person


def people_in(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        with db.session() as s:
            return list(s.scalars(select(Person.name)))
    finally:
        db.close()


@pytest.fixture
def crashed(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "office.sqlite"
    create_database(path)
    return path, crash_mid_write(path)


def test_check_rolls_back_the_journal_then_checks(crashed) -> None:
    path, journal = crashed
    # the crash also left its lock: check refuses to touch the file until told to take over
    before = digest(path)
    r = run_twdesk("check", "--db", str(path))
    assert r.returncode == 1
    assert "不是完整的数据库" in r.stdout and "--take-over" in r.stderr
    assert "完整性检查：正常" not in r.stdout
    assert journal.exists() and digest(path) == before
    r = run_twdesk("check", "--db", str(path), "--take-over")
    assert r.returncode == 0, r.stderr
    assert "不是完整的数据库" in r.stdout and "已回滚中断的写入" in r.stdout
    assert "完整性检查：正常" in r.stdout
    assert not journal.exists() and not Path(str(path) + ".lock").exists()
    assert check_integrity(path) == []
    assert people_in(path) == ["已保存"]


# the real command line with os.access answering "not writable" for the stick
READ_ONLY_CLI = """
import os, sys
from pathlib import Path
folder = Path(sys.argv.pop(1)).resolve()
real = os.access
def access(p, mode, *a, **k):
    q = Path(p).resolve()
    if (q == folder or folder in q.parents) and mode & os.W_OK:
        return False
    return real(p, mode, *a, **k)
os.access = access
from twdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_check_refuses_a_hot_journal_it_cannot_roll_back(crashed) -> None:
    path, journal = crashed
    before = digest(path), digest(journal)
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            READ_ONLY_CLI,
            str(path.parent),
            "check",
            "--db",
            str(path),
            "--take-over",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 1, r.stderr
    assert (
        "不是完整的数据库" in r.stdout and "只读" in r.stderr and "完整性检查：正常" not in r.stdout
    )
    assert (digest(path), digest(journal)) == before
    # and opening it read-only is refused for the same reason (it would read a torn file)
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            READ_ONLY_CLI,
            str(path.parent),
            "stats",
            "--db",
            str(path),
            "--year",
            "2026",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 1 and "-journal" in r.stderr and "Traceback" not in r.stderr


def test_a_file_with_a_hot_journal_is_never_copied(crashed, tmp_path: Path) -> None:
    path, journal = crashed
    dest = tmp_path / "副本.sqlite"
    with pytest.raises(DbFileError, match="中断的写入尚未回滚"):
        copy_consistent(path, dest)
    assert not dest.exists() and not dest.with_name(dest.name + ".part").exists()
    # 另存副本 of an open file whose journal is hot again: rolled back first, then copied
    saved = tmp_path / "journal.saved"
    shutil.copy(journal, saved)
    db = open_database(path, take_over_lock=True)  # opening rolls back
    try:
        assert not journal.exists()
        shutil.copy(saved, journal)  # an interrupted write of this very session
        db.save_copy(dest)
        assert not journal.exists()
    finally:
        db.close()
    assert check_integrity(dest) == []
    assert people_in(dest) == ["已保存"]
    os.remove(saved)


def test_a_copy_never_replaces_a_database_another_twdesk_has_open(tmp_path: Path) -> None:
    source, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    create_database(source)
    create_database(other)
    db, held = open_database(source), open_database(other)
    before = digest(other)
    try:
        with pytest.raises(DbFileError, match="正由"):
            db.save_copy(other)
        with pytest.raises(DbFileError, match="文件夹"):
            db.save_copy(tmp_path)
    finally:
        held.close()
        db.close()
    assert digest(other) == before
