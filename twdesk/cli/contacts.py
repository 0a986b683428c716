"""`twdesk contacts`, `twdesk bulletin`, `twdesk import contacts` and `twdesk import ballots`."""

from __future__ import annotations

import argparse
import json
from functools import partial
from pathlib import Path

from twdesk.cli.common import DB, EXIT_OK, CliError, add_out, opened, out, pad, run_import


def cmd_import_contacts(args: argparse.Namespace) -> int:
    from twdesk.services.contact_import import import_contacts

    return run_import(args, import_contacts)


def cmd_import_ballots(args: argparse.Namespace) -> int:
    from twdesk.services.contact_import import import_ballots

    if not args.round.strip():
        raise CliError("请用 --round 给出测评名称，如 --round 2026年上半年满意度测评。")
    return run_import(args, partial(import_ballots, round_name=args.round))


def cmd_contacts(args: argparse.Namespace) -> int:
    from twdesk.services import contacts

    with opened(args) as db, db.session() as s:
        rows = contacts.year_counts(s, args.year)
        target = contacts.settings(s).target
    if args.contactor:
        rows = [r for r in rows if r.name == args.contactor.strip()]
        if not rows:
            raise CliError(f"找不到联系人「{args.contactor}」（团代表或团干部）。")
    if args.format == "json":
        out(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    out(f"{args.year}年直接联系青年情况（目标：不同青年 {target} 人）")
    out(
        pad("姓名", 10)
        + pad("身份", 8)
        + pad("人数", 6)
        + pad("新增", 6)
        + pad("记录", 6)
        + pad("重复", 6)
        + pad("下基层", 8)
        + pad("满意度", 8)
        + "领域"
    )
    for r in rows:
        rate = "—" if r.satisfaction is None else f"{r.satisfaction * 100:.1f}%"
        fields = "，".join(f"{k}{v}" for k, v in r.fields.items()) or "—"
        out(
            pad(r.name, 10)
            + pad(r.role, 8)
            + pad(str(r.distinct), 6)
            + pad(str(r.new), 6)
            + pad(str(r.log_entries), 6)
            + pad(str(r.repeated), 6)
            + pad(r.grassroots.text() if r.grassroots else "—", 8)
            + pad(rate, 8)
            + fields
            + ("" if r.target_met else "（未达标）")
        )
    return EXIT_OK


def cmd_bulletin(args: argparse.Namespace) -> int:
    from twdesk.services.contact_bulletin import write_bulletin

    with opened(args) as db, db.session() as s:
        path = write_bulletin(s, Path(args.out), args.year, args.quarter, overwrite=args.force)
    out(f"已生成{args.year}年第{args.quarter}季度联系青年通报：{path}")
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
) -> None:
    p = imp_sub.add_parser(
        "contacts", parents=[DB], help="导入联系青年花名册（每行一位青年，含“联系人”列）"
    )
    p.add_argument("file", metavar="FILE", help="联系青年花名册")
    p.set_defaults(func=cmd_import_contacts, noun="联系青年花名册")
    p = imp_sub.add_parser(
        "ballots", parents=[DB], help="导入满意度测评票（被测评人、测评结果，每行一票）"
    )
    p.add_argument("file", metavar="FILE", help="测评票汇总表")
    p.add_argument("--round", required=True, metavar="NAME", help="测评名称（没有时新建）")
    p.set_defaults(func=cmd_import_ballots, noun="测评票")
    p = sub.add_parser(
        "contacts",
        parents=[DB],
        help="直接联系青年：每位联系人的不同青年人数、新增、领域、联系记录、重复联系、下基层、满意度",
    )
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--contactor", metavar="NAME", help="只看这位联系人")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_contacts)
    p = sub.add_parser("bulletin", parents=[DB], help="联系青年季度通报（PDF 或 Excel）")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], required=True, help="季度 1-4")
    add_out(p, "FILE.pdf|FILE.xlsx")
    p.set_defaults(func=cmd_bulletin)
