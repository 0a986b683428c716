"""`twdesk copy --from PATH|URL --to PATH|URL`: move an office's database to a new place (a file
to a PostgreSQL server and back, file to file, server to server), verified table by table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from twdesk.cli.common import DB_HELP, EXIT_OK, out


def _progress_printer() -> Callable[[int, int], None]:
    """Progress on stderr, one line per tenth (nothing when stderr is not a terminal)."""
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total <= 0:
            return
        tenth = done * 10 // total
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            half = total // 2
            stage = "复制" if done <= half else "校验"
            sys.stderr.write(f"\r{stage}中… {done * 100 // total:3d}%")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return progress


def cmd_copy(args: argparse.Namespace) -> int:
    from twdesk.services.db_copy import copy_database

    report = copy_database(args.source, args.target, progress=_progress_printer())
    if report.upgraded_from is not None:
        out(
            f"来源是旧版本的数据结构（{report.upgraded_from}），已在临时副本中升级后复制，"
            "来源本身没有改动。"
        )
    width = max(len(t.name) for t in report.tables)
    for table in report.tables:
        if table.rows:
            out(f"  {table.name:<{width}}  {table.rows:>9,}  {table.sha256[:16]}")
    out(
        f"已复制 {report.rows:,} 条记录（{len(report.tables)} 个表，{report.seconds:.1f} 秒）："
        f"{report.source} → {report.target}"
    )
    out("校验：两边各表的记录数和校验和一致。")
    if report.target.startswith("postgresql://"):
        out(
            "各台电脑用 文件 → 连接服务器数据库…（或命令行 --db 加这个地址）使用它；"
            "它的备份由服务器管理员负责（pg_dump）。"
        )
    if not report.source.startswith("postgresql://"):
        out("来源文件没有改动。之后请只在新位置录入：两边不会自动同步。")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "copy",
        help="把整个数据库复制到新位置（文件 ⇄ 服务器数据库），复制后逐表校验",
        description="复制全部数据（含照片、附件、操作日志、设置、合并记录）到一个新文件或空的服务器"
        "数据库，复制后逐表核对记录数和校验和；目标已有数据时拒绝，失败时不留下半成品。",
    )
    p.add_argument(
        "--from", dest="source", metavar="PATH|URL", required=True, help="来源：" + DB_HELP
    )
    p.add_argument(
        "--to",
        dest="target",
        metavar="PATH|URL",
        required=True,
        help="目标：还不存在的文件，或空的（或还不存在的）服务器数据库",
    )
    p.set_defaults(func=cmd_copy)
