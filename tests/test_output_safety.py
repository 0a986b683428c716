"""Defect 2: an export never overwrites the database, another SQLite file or a folder, replaces
an ordinary file only with --force, and a full disk leaves neither a truncated nor a temp file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import ROOT, digest, run_twdesk
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import create_database, open_database
from twdesk.services import duty, people, stations
from twdesk.services.duty import RuleSettings


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
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


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


EXPORTS = {
    "roster": ["export", "roster"],
    "visits": ["export", "visits"],
    "activities": ["export", "activities"],
    "duty": ["export", "duty", "--year", "2026"],
    "poster": ["duty", "poster", "--station", "乔庄镇联络站", "--year", "2026"],
}


@pytest.mark.parametrize("command", list(EXPORTS))
def test_export_over_the_open_database_is_refused(office: Path, command: str) -> None:
    before, names = digest(office), files_in(office.parent)
    r = run_twdesk(*EXPORTS[command], "--db", str(office), "--out", str(office), "--force")
    assert r.returncode == 1, r.stderr
    assert "数据库文件" in r.stderr and "不会覆盖" in r.stderr and "Traceback" not in r.stderr
    assert digest(office) == before
    assert files_in(office.parent) == names  # no temporary file left behind


def test_export_over_another_database_a_lock_or_a_folder_is_refused(
    office: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    create_database(other)
    before = digest(other)
    r = run_twdesk("export", "roster", "--db", str(office), "--out", str(other), "--force")
    assert r.returncode == 1 and "数据库文件" in r.stderr
    assert digest(other) == before
    folder = tmp_path / "导出"
    folder.mkdir()
    r = run_twdesk("export", "roster", "--db", str(office), "--out", str(folder), "--force")
    assert r.returncode == 1 and "是一个文件夹" in r.stderr and "Traceback" not in r.stderr
    assert folder.is_dir() and not any(folder.iterdir())
    journal = Path(str(office) + "-journal")
    r = run_twdesk("export", "roster", "--db", str(office), "--out", str(journal))
    assert r.returncode == 1 and "工作文件" in r.stderr and not journal.exists()


def test_existing_file_is_replaced_only_with_force(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "名册.xlsx"
    out.write_bytes(b"last week's roster")
    r = run_twdesk("export", "roster", "--db", str(office), "--out", str(out))
    assert r.returncode == 1 and "已经存在" in r.stderr and "--force" in r.stderr
    assert out.read_bytes() == b"last week's roster"
    r = run_twdesk("export", "roster", "--db", str(office), "--out", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"PK" and "已导出 2 名团代表" in r.stdout


# reportlab's canvas writes the PDF when saved: this one writes half of it and finds the disk full
FULL_DISK = """
import errno, sys
from reportlab.pdfgen import canvas

def save(self):
    with open(self._filename, "wb") as fh:
        fh.write(b"%PDF-1.4 half a poster")
    raise OSError(errno.ENOSPC, "No space left on device")

canvas.Canvas.save = save
from twdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_poster_on_a_full_disk_leaves_the_old_file_and_no_temp_file(
    office: Path, tmp_path: Path
) -> None:
    out = tmp_path / "公示.pdf"
    out.write_bytes(b"%PDF last year's poster")
    names = files_in(tmp_path)
    args = [*EXPORTS["poster"], "--db", str(office), "--out", str(out), "--force"]
    r = subprocess.run(
        [sys.executable, "-c", FULL_DISK, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 1, r.stderr
    assert "磁盘已满" in r.stderr and "Traceback" not in r.stderr
    assert out.read_bytes() == b"%PDF last year's poster"
    assert files_in(tmp_path) == names
    # and without the fault the same command replaces it
    r = run_twdesk(*args)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF-") and "52 个坐班安排" in r.stdout


@pytest.mark.parametrize("content", [b"", b"this is not a spreadsheet\n" * 5])
def test_an_empty_or_junk_spreadsheet_is_a_message_not_an_internal_error(
    office: Path, tmp_path: Path, content: bytes
) -> None:
    before = digest(office)
    for what in ("roster", "visits", "activities"):
        sheet = tmp_path / f"{what}.xlsx"
        sheet.write_bytes(content)
        r = run_twdesk("import", what, str(sheet), "--db", str(office))
        assert r.returncode == 1, r.stderr
        assert r.stderr.startswith("错误：") and "内部错误" not in r.stderr
        assert "Traceback" not in r.stderr
    assert digest(office) == before
