"""`twdesk import activities`, `twdesk export activities` and `twdesk ledger`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.roster_cli import run_import
    from twdesk.services.activity_import import import_activities

    return run_import(Path(args.db), Path(args.file), import_activities)


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.db.dbfile import open_database
    from twdesk.services.activity_export import export_activities

    db = open_database(Path(args.db))
    try:
        with db.session() as s:
            count = export_activities(s, Path(args.out), year=args.year)
    finally:
        db.close()
    sys.stdout.write(f"已导出 {count} 条履职记录到 {args.out}\n")
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from twdesk.db.dbfile import open_database
    from twdesk.services.ledger import ledger, targets

    db = open_database(Path(args.db))
    try:
        with db.session() as s:
            rows = ledger(s, args.year)
            goal = targets(s)
    finally:
        db.close()
    if args.delegate:
        rows = [r for r in rows if r.name == args.delegate.strip()]
        if not rows:
            sys.stderr.write(f"错误：找不到团代表「{args.delegate}」。\n")
            return 1
    if args.format == "json":
        sys.stdout.write(
            json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2) + "\n"
        )
        return 0
    out = sys.stdout
    out.write(
        f"{args.year}年团代表履职情况（目标：联系青年 {goal.youth} 人次、联系团支部 {goal.branches} 个）\n"
    )
    for r in rows:
        types = "，".join(f"{k}{v}" for k, v in r.by_type.items()) or "无记录"
        met = "达标" if all(r.targets_met.values()) else "未达标"
        out.write(
            f"{r.name}（{r.station or '未进站'}）：联系青年 {r.youth_contacts} 人次，团支部 {r.branches} 个，"
            f"坐班 {r.duty_attended}/{r.duty_assigned}；{types}；{met}\n"
        )
    return 0


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    p = imp_sub.add_parser("activities", help="导入履职记录（活动登记簿，全部校验通过才写入）")
    p.add_argument("file", metavar="FILE", help="履职记录表")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.set_defaults(func=cmd_import)
    p = exp_sub.add_parser("activities", help="导出履职记录 .xlsx（可再导入）")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument("--year", type=int, help="只导出这一年")
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help="输出文件")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "ledger", help="团代表履职台账：各类活动、联系青年人次、团支部、坐班、是否达标"
    )
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--delegate", metavar="NAME", help="只看这位代表")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_ledger)
