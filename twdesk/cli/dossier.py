"""`twdesk dossier`: every chosen delegate's dossier as one PDF each (worker processes), and
optionally one merged PDF with an outline entry per delegate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from twdesk.cli.common import DB, EXIT_ERROR, EXIT_OK, EXIT_USAGE, CliError, opened, out


def cmd_dossier(args: argparse.Namespace) -> int:
    from twdesk.services.dossier_batch import delegates_for, describe_failures, run_batch
    from twdesk.services.evaluation import find_station

    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise CliError(f"--out 需要一个文件夹，「{folder}」是一个文件。", EXIT_USAGE)
    if args.merged and Path(args.merged).suffix.lower() != ".pdf":
        raise CliError(f"--merged 需要一个 .pdf 文件名，收到的是「{args.merged}」。", EXIT_USAGE)
    with opened(args) as db:  # held (locked) while the workers read: nobody writes meanwhile
        with db.session() as s:
            stations = [find_station(s, name) for name in args.station or ()]
            chosen = delegates_for(s, args.year, station_ids=stations, names=args.delegate or ())
        if not chosen:
            raise CliError(f"{args.year} 年度没有可生成档案的团代表（所选范围内）。")
        folder.mkdir(parents=True, exist_ok=True)
        result = run_batch(
            db.location,
            [pid for pid, _name in chosen],
            args.year,
            folder,
            term=args.term,
            merged=Path(args.merged) if args.merged else None,
            workers=args.workers,
            overwrite=args.force,
        )
    out(result.one_line())
    for line in describe_failures(result):
        sys.stderr.write(f"失败：{line}\n")
    return EXIT_ERROR if result.failures else EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dossier",
        parents=[DB],
        help="生成团代表履职档案 PDF（每人一份，可另合并为一个 PDF）",
        description="为所选团代表各生成一份履职档案 PDF，文件名为 站名_姓名_年度.pdf"
        "（同站同名者加身份证号后四位）。不给 --station 和 --delegate 时生成该年度全部团代表的档案。",
    )
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--term", action="store_true", help="本届档案（逐年各部分与本届汇总）")
    p.add_argument(
        "--station", metavar="NAME", nargs="+", action="extend", help="联络站（可写多个）"
    )
    p.add_argument(
        "--delegate", metavar="NAME", nargs="+", action="extend", help="代表姓名（可写多个）"
    )
    p.add_argument("--out", metavar="DIR", required=True, help="输出文件夹（不存在时建立）")
    p.add_argument("--merged", metavar="FILE.pdf", help="另外合并为一个 PDF（每位代表一个书签）")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="工作进程数（默认每个处理器核心一个；0 = 在本进程中生成）",
    )
    p.add_argument(
        "--force", action="store_true", help="已有同名文件时替换（数据库文件永远不会被替换）"
    )
    p.set_defaults(func=cmd_dossier)
