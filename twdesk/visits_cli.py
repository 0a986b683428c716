"""`twdesk import visits`, `twdesk export visits` and `twdesk stats`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


def _station_id(session, name: str | None) -> str | None:
    if not name:
        return None
    from twdesk.services.duty_outputs import station_by_name

    return station_by_name(session, name).id


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.roster_cli import run_import
    from twdesk.services.visit_import import import_visits

    return run_import(Path(args.db), Path(args.file), import_visits)


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.db.dbfile import open_database
    from twdesk.services.duty import DutyError
    from twdesk.services.visit_export import export_visits

    db = open_database(Path(args.db))
    try:
        with db.session() as s:
            station_id = _station_id(s, args.station)
            start = date(args.year, 1, 1) if args.year else None
            end = date(args.year, 12, 31) if args.year else None
            count = export_visits(
                s, Path(args.out), start=start, end=end, station_id=station_id, mask=args.mask
            )
    except DutyError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    finally:
        db.close()
    note = "（来访人姓名、电话已脱敏）" if args.mask else ""
    sys.stdout.write(f"已导出 {count} 行到 {args.out}{note}\n")
    return 0


def _pad(text: str, width: int) -> str:
    """Left-justify counting Chinese characters as two columns, as a terminal shows them."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def cmd_stats(args: argparse.Namespace) -> int:
    from twdesk.db.dbfile import open_database
    from twdesk.services.duty import DutyError
    from twdesk.services.visits import visit_stats, year_range

    db = open_database(Path(args.db))
    try:
        with db.session() as s:
            station_id = _station_id(s, args.station)
            start, end = year_range(args.year)
            stats = visit_stats(s, start=start, end=end, station_id=station_id)
    except DutyError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    finally:
        db.close()
    if args.format == "json":
        sys.stdout.write(json.dumps(stats.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    out = sys.stdout
    scope = args.station or "全部联络站"
    out.write(f"{args.year}年 {scope} 来访与意见建议统计\n")
    rate = stats.satisfaction_rate
    for label, value in (
        ("来访登记（次）", stats.visits),
        ("接待人次", stats.visitors),
        ("意见建议（条）", stats.items),
        ("交办（件）", stats.assigned),
        ("办结（件）", stats.handled),
        ("反馈（件）", stats.fed_back),
        ("超期未办结（件）", stats.overdue),
        ("满意率", f"{rate * 100:.1f}%" if rate is not None else "—"),
    ):
        out.write(f"  {_pad(label, 18)}{value:>8}\n")
    out.write("按类别（意见建议条数）：\n")
    for name, n in stats.by_category.items():
        out.write(f"  {_pad(name, 18)}{n:>8}\n")
    out.write("按月份（来访次数）：\n")
    out.write("  " + "  ".join(f"{m}月 {n}" for m, n in stats.by_month.items()) + "\n")
    out.write(stats.sentence() + "\n")
    return 0


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    p = imp_sub.add_parser(
        "visits", help="导入来访登记表（.xlsx / .xls / .csv，全部校验通过才写入）"
    )
    p.add_argument("file", metavar="FILE", help="来访登记表")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.set_defaults(func=cmd_import)

    p = exp_sub.add_parser("visits", help="导出来访登记 .xlsx（每条意见建议一行，可再导入）")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument("--year", type=int, help="只导出这一年")
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站")
    p.add_argument("--mask", action="store_true", help="来访人姓名、电话脱敏，用于对外提供")
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help="输出文件")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="来访与意见建议统计（接待人次、意见建议、交办、办结、反馈…）")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--station", metavar="NAME", help="只统计这个联络站")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_stats)
