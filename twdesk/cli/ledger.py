"""`twdesk import activities`, `twdesk export activities` and `twdesk ledger`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from twdesk.cli.common import DB, EXIT_OK, CliError, add_out, opened, out, run_import


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.services.activity_import import import_activities

    return run_import(args, import_activities)


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.services.activity_export import export_activities

    with opened(args) as db, db.session() as s:
        count = export_activities(s, Path(args.out), year=args.year, overwrite=args.force)
    out(f"已导出 {count} 条履职记录到 {args.out}")
    return EXIT_OK


def cmd_ledger(args: argparse.Namespace) -> int:
    from twdesk.services.ledger import ledger, targets

    with opened(args) as db, db.session() as s:
        rows = ledger(s, args.year)
        goal = targets(s)
    if args.delegate:
        rows = [r for r in rows if r.name == args.delegate.strip()]
        if not rows:
            raise CliError(f"找不到团代表「{args.delegate}」。")
    if args.format == "json":
        out(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    out(
        f"{args.year}年团代表履职情况（目标：联系青年 {goal.youth} 人次、联系团支部 {goal.branches} 个）"
    )
    for r in rows:
        types = "，".join(f"{k}{v}" for k, v in r.by_type.items()) or "无记录"
        met = "达标" if all(r.targets_met.values()) else "未达标"
        out(
            f"{r.name}（{r.station or '未进站'}）：联系青年 {r.youth_contacts} 人次，团支部 {r.branches} 个，"
            f"坐班 {r.duty_attended}/{r.duty_assigned}；{types}；{met}"
        )
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    p = imp_sub.add_parser(
        "activities", parents=[DB], help="导入履职记录（活动登记簿，全部校验通过才写入）"
    )
    p.add_argument("file", metavar="FILE", help="履职记录表")
    p.set_defaults(func=cmd_import, noun="")
    p = exp_sub.add_parser("activities", parents=[DB], help="导出履职记录 .xlsx（可再导入）")
    p.add_argument("--year", type=int, help="只导出这一年")
    add_out(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "ledger",
        parents=[DB],
        help="团代表履职台账：各类活动、联系青年人次、团支部、坐班、是否达标",
    )
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--delegate", metavar="NAME", help="只看这位代表")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_ledger)
