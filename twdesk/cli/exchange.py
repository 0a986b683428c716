"""`twdesk merge`: bring another office's file into this one (dry run first with --dry-run)."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from twdesk.cli.common import DB, EXIT_OK, CliError, opened, out, pad, shown_width

if TYPE_CHECKING:
    from twdesk.services.merge import MergeReport

COLUMNS = (
    ("inserted", "新增"),
    ("updated", "修改"),
    ("deleted", "删除"),
    ("conflicts", "冲突"),
    ("unchanged", "不变"),
)


@contextlib.contextmanager
def merge_source(args: argparse.Namespace) -> Iterator[Path]:
    """The database file to merge from, as given by --from: the file itself, or a transfer
    package (.twpkg) unpacked into a verified temporary copy (--password-file when encrypted)."""
    from twdesk.cli.backup import read_password
    from twdesk.services.packages import is_package, opened_package, package_needs_password

    path = Path(args.source)
    if not path.exists():
        raise CliError(f"找不到要合并的文件「{path}」。请检查路径。")
    if path.is_dir():
        raise CliError(f"「{path}」是一个文件夹，请给出要合并的数据库文件。")
    if not is_package(path):
        yield path
        return
    password = read_password(args.password_file, "请在第一行写上导出交换包时设置的密码。")
    if password is None and package_needs_password(path):
        raise CliError(f"交换包「{path.name}」已加密：请用 --password-file 给出密码文件。")
    with opened_package(path, password) as unpacked:
        yield unpacked


def cmd_merge(args: argparse.Namespace) -> int:
    from twdesk.services.backups import backup_before_merge
    from twdesk.services.merge import apply_merge, plan_merge

    with opened(args) as db, merge_source(args) as source:
        if args.dry_run:
            report = plan_merge(db, source)
        else:
            path = db.path  # a server database: its backups are the administrator's job
            before = (lambda: backup_before_merge(path)) if path is not None else None
            report = apply_merge(db, source, before_apply=before)
    if args.format == "json":
        out(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for line in table_lines(report, db.name):
            out(line)
    return EXIT_OK


def _right(text: str, width: int = 10) -> str:
    return " " * max(width - shown_width(text), 0) + text


def table_lines(report: MergeReport, target: str) -> list[str]:
    """The readable summary: the tables with changes, the totals, every conflict."""
    from twdesk.core.merge_rules import field_label, table_label

    verb = "预览（没有写入任何内容）" if report.dry_run else "已合并"
    lines = [
        f"把「{Path(report.source).name}」（{report.source_office}）合并到「{target}」：{verb}",
        "",
    ]
    changed = [t for t in report.tables() if any(t in getattr(report, k) for k, _l in COLUMNS[:4])]
    width = max([8, *(shown_width(table_label(t)) for t in changed)]) + 2
    lines.append(pad("内容", width) + "".join(_right(label) for _k, label in COLUMNS))
    for table in changed:
        counts = "".join(_right(f"{getattr(report, key).get(table, 0):,}") for key, _l in COLUMNS)
        lines.append(pad(table_label(table), width) + counts)
    totals = "".join(_right(f"{report.total(key):,}") for key, _l in COLUMNS)
    lines.append(pad("合计", width) + totals)
    if report.total("skipped"):
        lines.append(
            f"另有 {report.total('skipped')} 条记录引用了本文件中已彻底删除的记录，没有合并。"
        )
    if report.conflict_list:
        lines += [
            "",
            "冲突（两边都改过；保留了后改的版本，另一版本已记下，可在“文件 → 合并其他文件…”的冲突列表中采用）：",
        ]
        for c in report.conflict_list:
            lines.append(
                f"  {table_label(c.table)} {c.row_id[:8]} {field_label(c.field)}："
                f"保留「{c.kept}」，另一版本「{c.other}」"
            )
    for other, given in report.renumbered:
        lines.append(f"意见建议编号 {other} 与本文件重复，合并进来的一条改为 {given}。")
    if report.dry_run and report.changes:
        lines += ["", "去掉 --dry-run 即可合并（合并前请先备份）。"]
    elif not report.changes:
        lines += ["", "两个文件的记录已经一致，没有需要合并的内容。"]
    return lines


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "merge",
        parents=[DB],
        help="合并其他联络站或县团委的数据库文件（新增、修改、删除都带过来，冲突记下待核对）",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        required=True,
        help="要合并进来的数据库文件或交换包（.twpkg）",
    )
    p.add_argument("--password-file", metavar="F", help="加密交换包的密码文件（第一行是密码）")
    p.add_argument("--dry-run", action="store_true", help="只预览各表的新增、修改、冲突，不写入")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_merge)
