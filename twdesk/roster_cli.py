"""`twdesk import roster` and `twdesk export roster`: the command-line side of the roster."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.db.dbfile import open_database
from twdesk.excel.roster_export import export_roster
from twdesk.services.roster_import import ImportProblems, OnDuplicate, import_roster


def run_import(
    db_path: Path, file: Path, importer: Callable[[Session, Path], Any], *, noun: str = ""
) -> int:
    """Every `twdesk import …`: one transaction; any problem → all listed on stderr, exit 1."""
    if not file.exists():
        sys.stderr.write(f"错误：找不到{noun}文件「{file}」。\n")
        return 1
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            summary = importer(session, file)
    except ImportProblems as exc:
        sys.stderr.write(
            f"{noun}「{file.name}」有 {len(exc.problems)} 处问题，没有导入任何数据：\n"
        )
        for problem in exc.problems:
            sys.stderr.write(f"  {problem.text()}\n")
        return 1
    except UserError as exc:  # a file that is not a table, a text too long …: nothing written
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    finally:
        db.close()
    sys.stdout.write(summary.one_line() + "\n")
    return 0


def cmd_import_roster(db_path: Path, file: Path, on_duplicate: OnDuplicate) -> int:
    return run_import(
        db_path,
        file,
        lambda session, path: import_roster(session, path, on_duplicate=on_duplicate),
        noun="名册",
    )


def cmd_export_roster(db_path: Path, out: Path, station: str | None, mask: bool) -> int:
    db = open_database(db_path)
    try:
        with db.session() as session:
            count = export_roster(session, out, station=station, mask=mask)
    finally:
        db.close()
    note = "（身份证号、手机号已脱敏）" if mask else ""
    sys.stdout.write(f"已导出 {count} 名团代表到 {out}{note}\n")
    return 0
