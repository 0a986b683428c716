"""Defects 5 and 8: a database that cannot be written (read-only file or folder, write-protected
stick) opens read-only — stats, exports, ledger and check work, changes are refused with a
Chinese message — and a full disk is a message, not an internal error; nothing changes.

Tests run as root, where chmod does not stop writes, so "cannot be written" is simulated the way
the app detects it: `os.access(…, W_OK)` answers False for the database and its folder. What is
real: the read-only SQLite connection (mode=ro) the app then opens, the refused transaction, and
the files compared byte for byte. The full disk is real SQLite: `PRAGMA max_page_count` makes
SQLite answer SQLITE_FULL ("database or disk is full") exactly as on a full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event, text

from tests.helpers import ROOT, digest
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import DiskFullError, ReadOnlyError, create_database, open_database
from twdesk.services import duty, people, stations, visits
from twdesk.services.duty import RuleSettings
from twdesk.services.ledger import ledger
from twdesk.services.roster_export import export_roster


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "U盘"
    folder.mkdir()
    path = folder / "office.sqlite"
    create_database(path)
    db = open_database(path)
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        for name in ("李晓梅", "王小明"):
            people.save_person(s, {"name": name, "is_delegate": True}, station_id=sid)
        duty.generate_plan(
            s, sid, 2026, RuleSettings(parse_rule("weekly:wed")), today=date(2026, 3, 1)
        )
    db.close()
    return path


def deny_writes(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = os.access

    def access(p, mode, *args, **kwargs):
        inside = (
            Path(p).resolve() == folder.resolve() or folder.resolve() in Path(p).resolve().parents
        )
        if inside and mode & os.W_OK:
            return False
        return real(p, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_unwritable_database_opens_read_only_and_refuses_changes(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(office)
    deny_writes(monkeypatch, office.parent)
    db = open_database(office)
    try:
        assert db.read_only and db.lock is None
        assert "不可写" in db.read_only_reason
        assert not Path(str(office) + ".lock").exists()  # no lock needed, none written
        with pytest.raises(ReadOnlyError) as refused, db.transaction() as s:
            people.save_person(s, {"name": "新人", "is_delegate": True})
        assert "是只读的" in str(refused.value) and "只能查看和导出，不能修改" in str(refused.value)
        # the connection itself is read-only (mode=ro), not only the transaction helper
        with db.engine.connect() as conn, pytest.raises(Exception, match="readonly"):
            conn.execute(text("DELETE FROM person"))
        with db.session() as s:  # reading and exporting work
            assert visits.visit_stats(s, start=date(2026, 1, 1), end=date(2026, 12, 31)).visits == 0
            assert {r.name for r in ledger(s, 2026)} == {"李晓梅", "王小明"}
            monkeypatch.undo()  # the export goes to a writable folder
            assert export_roster(s, tmp_path / "roster.xlsx") == 2
    finally:
        db.close()
    assert digest(office) == before


def test_read_only_can_be_asked_for(office: Path) -> None:
    before = digest(office)
    db = open_database(office, read_only=True)
    try:
        assert db.read_only and db.lock is None
        with pytest.raises(ReadOnlyError), db.transaction():
            pass
    finally:
        db.close()
    assert digest(office) == before


# Runs the real command line with os.access answering "not writable" inside READONLY_DIR.
READ_ONLY_CLI = """
import os, sys
from pathlib import Path
folder = Path(os.environ["READONLY_DIR"]).resolve()
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

# Runs the real command line with every SQLite connection unable to grow the file.
FULL_DISK_CLI = """
import sys
from sqlalchemy import Engine, event
@event.listens_for(Engine, "connect")
def full(con, _record):
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages}")
from twdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def run_cli(prelude: str, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-c", prelude, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_command_line_on_a_write_protected_stick(office: Path, tmp_path: Path) -> None:
    before = digest(office)
    env = {"READONLY_DIR": str(office.parent)}
    db = str(office)
    for args in (
        ["stats", "--db", db, "--year", "2026", "--format", "json"],
        ["ledger", "--db", db, "--year", "2026"],
        ["check", "--db", db],
        ["export", "roster", "--db", db, "--out", str(tmp_path / "r.xlsx")],
        ["export", "duty", "--db", db, "--year", "2026", "--out", str(tmp_path / "d.xlsx")],
        ["export", "visits", "--db", db, "--out", str(tmp_path / "v.xlsx")],
        ["export", "activities", "--db", db, "--out", str(tmp_path / "a.xlsx")],
    ):
        r = run_cli(READ_ONLY_CLI, *args, env=env)
        assert r.returncode == 0, (args, r.stderr)
    roster = tmp_path / "roster.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "所属联络站"])
    wb.active.append(["新代表", "乔庄镇联络站"])
    wb.save(roster)
    for args in (
        ["import", "roster", str(roster), "--db", db],
        ["holidays", "add", "--db", db, "--date", "2027-01-01", "--kind", "休"],
        [
            "duty",
            "plan",
            "--db",
            db,
            "--station",
            "乔庄镇联络站",
            "--year",
            "2026",
            "--rule",
            "weekly:thu",
        ],
    ):
        r = run_cli(READ_ONLY_CLI, *args, env=env)
        assert r.returncode == 1, (args, r.stderr)
        assert "是只读的" in r.stderr and "不能修改" in r.stderr and "Traceback" not in r.stderr
    assert digest(office) == before
    assert not Path(db + ".lock").exists() and not Path(db + "-journal").exists()


def test_full_disk_is_a_message_and_changes_nothing(office: Path, tmp_path: Path) -> None:
    before = digest(office)
    db = open_database(office)
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def full(con, _record) -> None:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages}")

    try:
        with pytest.raises(DiskFullError) as refused, db.transaction() as s:
            for i in range(300):
                people.save_person(
                    s, {"name": f"代表{i}", "is_delegate": True, "notes": "备注" * 200}
                )
        assert "磁盘已满" in str(refused.value) and "没有保存" in str(refused.value)
    finally:
        db.close()
    assert digest(office) == before
    roster = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "所属联络站", "备注"])
    for i in range(300):
        wb.active.append([f"代表{i}", "乔庄镇联络站", "备注" * 200])
    wb.save(roster)
    r = run_cli(FULL_DISK_CLI, "import", "roster", str(roster), "--db", str(office))
    assert r.returncode == 1, r.stderr
    assert "磁盘已满" in r.stderr and "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert digest(office) == before
