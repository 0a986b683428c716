"""`twdesk import visits`, `twdesk export visits` and `twdesk stats`."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from twdesk.cli.common import DB, EXIT_OK, add_out, opened, out, pad, run_import, station_id


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.services.visit_import import import_visits

    return run_import(args, import_visits)


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.services.visit_export import export_visits

    start = date(args.year, 1, 1) if args.year else None
    end = date(args.year, 12, 31) if args.year else None
    with opened(args) as db, db.session() as s:
        count = export_visits(
            s,
            Path(args.out),
            start=start,
            end=end,
            station_id=station_id(s, args.station),
            mask=args.mask,
            overwrite=args.force,
        )
    note = "（来访人姓名、电话已脱敏）" if args.mask else ""
    out(f"已导出 {count} 行到 {args.out}{note}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from twdesk.services.visits import visit_stats, year_range

    with opened(args) as db, db.session() as s:
        start, end = year_range(args.year)
        stats = visit_stats(s, start=start, end=end, station_id=station_id(s, args.station))
    if args.format == "json":
        out(json.dumps(stats.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    scope = args.station or "全部联络站"
    out(f"{args.year}年 {scope} 来访与意见建议统计")
    for label, value in stats.figures():
        if label == "满意率":
            value = f"{value * 100:.1f}%" if value is not None else "—"
        out(f"  {pad(label, 18)}{value:>8}")
    out("按类别（意见建议条数）：")
    for name, n in stats.by_category.items():
        out(f"  {pad(name, 18)}{n:>8}")
    out("按月份（来访次数）：")
    out("  " + "  ".join(f"{m}月 {n}" for m, n in stats.by_month.items()))
    out(stats.sentence())
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    p = imp_sub.add_parser(
        "visits", parents=[DB], help="导入来访登记表（.xlsx / .xls / .csv，全部校验通过才写入）"
    )
    p.add_argument("file", metavar="FILE", help="来访登记表")
    p.set_defaults(func=cmd_import, noun="")

    p = exp_sub.add_parser(
        "visits", parents=[DB], help="导出来访登记 .xlsx（每条意见建议一行，可再导入）"
    )
    p.add_argument("--year", type=int, help="只导出这一年")
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站")
    p.add_argument(
        "--mask",
        action="store_true",
        help="来访人姓名、电话脱敏（来访事由、意见建议等文字里的号码也脱敏），用于对外提供",
    )
    add_out(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "stats",
        parents=[DB],
        help="来访与意见建议统计（接待人次、意见建议、交办、办结、反馈…）",
    )
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--station", metavar="NAME", help="只统计这个联络站")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_stats)
