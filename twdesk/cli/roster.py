"""`twdesk import roster` and `twdesk export roster`."""

from __future__ import annotations

import argparse
from pathlib import Path

from twdesk.cli.common import DB, EXIT_OK, add_out, opened, out, run_import


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.services.roster_import import import_roster

    return run_import(
        args, lambda session, path: import_roster(session, path, on_duplicate=args.on_duplicate)
    )


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.services.roster_export import export_roster

    with opened(args) as db, db.session() as session:
        count = export_roster(
            session, Path(args.out), station=args.station, mask=args.mask, overwrite=args.force
        )
    note = "（身份证号、手机号已脱敏）" if args.mask else ""
    out(f"已导出 {count} 名团代表到 {args.out}{note}")
    return EXIT_OK


def add_parsers(imp_sub: argparse._SubParsersAction, exp_sub: argparse._SubParsersAction) -> None:
    p = imp_sub.add_parser("roster", parents=[DB], help="导入团代表名册（.xlsx / .xls / .csv）")
    p.add_argument("file", metavar="FILE", help="名册文件")
    p.add_argument(
        "--on-duplicate",
        choices=["fail", "skip", "update"],
        default="fail",
        help="身份证号与数据库中已有人员重复时：fail 报错（默认）、skip 跳过、update 用文件更新",
    )
    p.set_defaults(func=cmd_import, noun="名册")

    p = exp_sub.add_parser("roster", parents=[DB], help="导出团代表名册 .xlsx（可再导入）")
    add_out(p)
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站的代表")
    p.add_argument(
        "--mask",
        action="store_true",
        help="身份证号、手机号脱敏（备注、工作单位等文字里的号码也脱敏），用于对外提供",
    )
    p.set_defaults(func=cmd_export)
