"""`twdesk backup`, `restore`, `backups`, `package`, run as a user runs them."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from tests.helpers import digest, run_twdesk
from twdesk.services.packages import opened_package


def people(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]


def make_db(tmp_path: Path) -> Path:
    path = tmp_path / "县.sqlite"
    assert (
        run_twdesk("demo", "--db", str(path), "--delegates", "20", "--stations", "3").returncode
        == 0
    )
    return path


def test_backup_list_restore_and_undo(tmp_path: Path, private_data_dir: Path) -> None:
    path = make_db(tmp_path)
    result = run_twdesk("backup", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "已备份并校验" in result.stdout and "人员" in result.stdout
    listed = run_twdesk("backups", "--db", str(path), "--format", "json")
    items = json.loads(listed.stdout)
    assert [i["reason"] for i in items] == ["手动备份"]
    backup = Path(items[0]["path"])
    assert backup.is_relative_to(private_data_dir)
    count = people(path)

    sheet = tmp_path / "名册.xlsx"
    from benchmarks.bench_roster import write_sheet

    write_sheet(sheet, 3)
    imported = run_twdesk("import", "roster", str(sheet), "--db", str(path))
    assert imported.returncode == 0, imported.stderr
    assert people(path) == count + 3
    table = run_twdesk("backups", "--db", str(path))
    assert (
        "导入前" in table.stdout and "每日首次打开" in table.stdout and "手动备份" in table.stdout
    )

    restored = run_twdesk("restore", "--db", str(path), "--from", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "恢复前的文件已备份为" in restored.stdout
    assert people(path) == count
    assert run_twdesk("check", "--db", str(path)).returncode == 0
    before = json.loads(run_twdesk("backups", "--db", str(path), "--format", "json").stdout)[0]
    assert before["reason"] == "恢复前" and before["counts"]["person"] == count + 3
    undo = run_twdesk("restore", "--db", str(path), "--from", before["path"])
    assert undo.returncode == 0, undo.stderr
    assert people(path) == count + 3


def test_restore_refusals_are_chinese(tmp_path: Path) -> None:
    path = make_db(tmp_path)
    before = digest(path)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"no")
    result = run_twdesk("restore", "--db", str(path), "--from", str(bogus))
    assert result.returncode == 1 and "错误：" in result.stderr and "Traceback" not in result.stderr
    missing = run_twdesk("restore", "--db", str(path), "--from", str(tmp_path / "nope.sqlite"))
    assert missing.returncode == 1 and "找不到" in missing.stderr
    out = tmp_path / "x.twpkg"
    assert run_twdesk("package", "--db", str(path), "--out", str(out)).returncode == 0
    package = run_twdesk("restore", "--db", str(path), "--from", str(out))
    assert package.returncode == 1 and "是交换包，不是备份" in package.stderr
    opened = run_twdesk("check", "--db", str(out))
    assert opened.returncode == 1 and "合并其他文件" in opened.stderr
    assert digest(path) == before


def test_package_with_password_file(tmp_path: Path) -> None:
    path = make_db(tmp_path)
    secret = tmp_path / "pw.txt"
    secret.write_text("县团委的密码\n", encoding="utf-8")
    out = tmp_path / "站.twpkg"
    result = run_twdesk(
        "package", "--db", str(path), "--out", str(out), "--password-file", str(secret)
    )
    assert result.returncode == 0, result.stderr
    assert "已加密" in result.stdout and "SHA-256" in result.stdout
    with opened_package(out, "县团委的密码") as copy:
        assert people(copy) == people(path)
    again = run_twdesk("package", "--db", str(path), "--out", str(out))
    assert again.returncode == 1 and "交换包" in again.stderr
    over_db = run_twdesk("package", "--db", str(path), "--out", str(path))
    assert over_db.returncode == 1 and "数据库文件" in over_db.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    refused = run_twdesk(
        "package",
        "--db",
        str(path),
        "--out",
        str(tmp_path / "b.twpkg"),
        "--password-file",
        str(empty),
    )
    assert refused.returncode == 1 and "密码文件" in refused.stderr
    assert not (tmp_path / "b.twpkg").exists()
