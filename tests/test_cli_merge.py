"""`twdesk merge` as a user runs it: the dry run writes nothing, JSON keys, table, refusals."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import digest, run_twdesk
from tests.merge_files import build_base, diverge


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-merge-base") / "base.sqlite"
    build_base(path)
    return path


def test_dry_run_then_merge_as_json(base: Path, tmp_path: Path) -> None:
    files = diverge(base, tmp_path)
    before = digest(files.county)
    db, src = str(files.county), str(files.station)
    dry = run_twdesk("merge", "--db", db, "--from", src, "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    assert digest(files.county) == before
    preview = json.loads(dry.stdout)
    assert {"inserted", "updated", "deleted", "conflicts", "unchanged", "conflict_list"} <= set(
        preview
    )
    assert preview["conflicts"] == {"person": 2}
    assert preview["inserted"]["person"] == 1 and preview["deleted"] == {"project_member": 1}
    fields = {(c["table"], c["id"], c["field"]) for c in preview["conflict_list"]}
    assert ("person", files.both_edited, "notes") in fields
    assert all(
        set(c) == {"table", "id", "field", "kept", "other"} for c in preview["conflict_list"]
    )
    done = run_twdesk("merge", "--db", db, "--from", src, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["conflicts"] == preview["conflicts"]
    assert digest(files.county) != before
    again = run_twdesk("merge", "--db", db, "--from", src)
    assert again.returncode == 0, again.stderr
    assert "没有需要合并的内容" in again.stdout


def test_table_format_is_readable_chinese(base: Path, tmp_path: Path) -> None:
    files = diverge(base, tmp_path)
    result = run_twdesk("merge", "--db", str(files.county), "--from", str(files.station))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "已合并" in text and "新增" in text and "冲突" in text
    assert "人员" in text and "备注" in text and "乡镇站改的备注" in text
    assert "13800001111" not in text  # phones masked in the listing


def test_refusals_use_the_one_error_path(base: Path, tmp_path: Path) -> None:
    files = diverge(base, tmp_path)
    db = str(files.county)
    missing = run_twdesk("merge", "--db", db, "--from", str(tmp_path / "nope.sqlite"))
    assert missing.returncode == 1 and missing.stderr.startswith("错误：找不到要合并的文件")
    itself = run_twdesk("merge", "--db", db, "--from", db)
    assert itself.returncode == 1 and "合并到它自己" in itself.stderr
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not a database" * 10)
    wrong = run_twdesk("merge", "--db", db, "--from", str(sheet))
    assert wrong.returncode == 1 and "不是 twdesk 数据库" in wrong.stderr


def people(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]


def test_merge_from_an_encrypted_package_backs_up_first(base: Path, tmp_path: Path) -> None:
    from twdesk.services.backups import list_backups
    from twdesk.services.packages import write_package

    files = diverge(base, tmp_path)
    package = tmp_path / "乡镇站.twpkg"
    write_package(files.station, package, "站点密码-2026")
    db = str(files.county)
    refused = run_twdesk("merge", "--db", db, "--from", str(package))
    assert refused.returncode != 0 and "--password-file" in refused.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不对\n", encoding="utf-8")
    before = digest(files.county)
    people_before = people(files.county)
    bad = run_twdesk("merge", "--db", db, "--from", str(package), "--password-file", str(wrong))
    assert bad.returncode != 0 and "密码不正确" in bad.stderr
    assert digest(files.county) == before
    good = tmp_path / "pw.txt"
    good.write_text("站点密码-2026\n", encoding="utf-8")
    dry = run_twdesk(
        "merge", "--db", db, "--from", str(files.station), "--dry-run", "--format", "json"
    )
    done = run_twdesk(
        "merge",
        "--db",
        db,
        "--from",
        str(package),
        "--password-file",
        str(good),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    merged = json.loads(done.stdout)
    expected = json.loads(dry.stdout)
    for key in ("inserted", "updated", "deleted", "conflicts"):
        assert merged[key] == expected[key]  # the package holds the station's file exactly
    reasons = [b.reason for b in list_backups(files.county)]
    assert "合并前" in reasons
    merged_backup = next(b for b in list_backups(files.county) if b.reason == "合并前")
    # the backup is the file as it was (the merge brought people in)
    assert people(files.county) > people_before
    assert people(merged_backup.path) == people_before
