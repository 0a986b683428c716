"""`twdesk stations assess` (the county's station assessment table), `twdesk stations
rectification` (the ledger as PDF for a station) and `twdesk export rectification`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from twdesk.cli.common import (
    DB,
    EXIT_OK,
    ChineseArgumentParser,
    CliError,
    add_out,
    opened,
    out,
    pad,
    station_id,
)


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def cmd_assess(args: argparse.Namespace) -> int:
    from twdesk.services import station_assessment

    with opened(args) as db, db.session() as s:
        if args.out:
            path = station_assessment.write_assessment(
                s, Path(args.out), args.year, overwrite=args.force
            )
            out(f"已生成{args.year}年联络站考评结果：{path}")
            return EXIT_OK
        rows = station_assessment.assess(s, args.year, station_id=station_id(s, args.station))
    data = [r.as_json() for r in rows]
    if args.format == "json":
        out(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    out(f"{args.year}年联络站规范化建设考评（建议分 / 得分）")
    if not data:
        out("没有联络站。")
        return EXIT_OK
    names = [i["name"] for i in data[0]["items"]]
    out(
        pad("名次", 6) + pad("联络站", 26) + "".join(pad(n[:6], 14) for n in names) + "总分    等次"
    )
    for r in data:
        cells = "".join(pad(f"{_num(i['suggested'])}/{_num(i['score'])}", 14) for i in r["items"])
        out(
            pad(str(r["rank"]), 6)
            + pad(r["station"], 26)
            + cells
            + pad(_num(r["total"]), 8)
            + r["grade"]
        )
    return EXIT_OK


def parse_grades(text: str) -> list[tuple[str, str]]:
    """ "优秀=90,合格=60,不合格=0" → [("优秀", "90"), …] (Chinese commas too)."""
    pairs = []
    for i, part in enumerate(text.replace("，", ",").split(","), start=1):
        name, sep, line = part.partition("=")
        if not sep or not name.strip() or not line.strip():
            raise CliError(
                f"--set 第 {i} 段「{part.strip()}」应写成 等次=分数线，如 --set 优秀=90,合格=60,不合格=0"
            )
        pairs.append((name.strip(), line.strip()))
    return pairs


def cmd_grades(args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from twdesk.core.station_assessment import GradeRule
    from twdesk.services import station_assessment

    if args.set:
        grades = []
        for name, line in parse_grades(args.set):
            try:
                grades.append((name, Decimal(line)))
            except InvalidOperation:
                raise CliError(f"等次「{name}」的分数线「{line}」不是数字。") from None
        with opened(args) as db, db.transaction() as s:
            station_assessment.set_grade_rule(s, GradeRule(tuple(grades)))
            rule = station_assessment.grade_rule(s)
    else:
        with opened(args) as db, db.session() as s:
            rule = station_assessment.grade_rule(s)
    if args.format == "json":
        data = [{"grade": n, "minimum": float(m)} for n, m in rule.grades]
        out(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    out("联络站考评等次分数线（总分不低于）：" if not args.set else "已保存等次分数线：")
    for name, minimum in rule.grades:
        out(f"  {pad(name, 12)}{_num(float(minimum))}")
    return EXIT_OK


def cmd_export_rectification(args: argparse.Namespace) -> int:
    from twdesk.services.rectification import write_ledger

    with opened(args) as db, db.session() as s:
        path = write_ledger(
            s, Path(args.out), station_id=station_id(s, args.station), overwrite=args.force
        )
    out(f"已导出整改台账：{path}")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction, exp_sub: argparse._SubParsersAction) -> None:
    stations = sub.add_parser("stations", help="联络站考评：考评表、名次和等次")
    st_sub = stations.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=ChineseArgumentParser
    )
    p = st_sub.add_parser(
        "assess", parents=[DB], help="联络站规范化建设考评：每站各项建议分、得分、总分、等次、名次"
    )
    p.add_argument("--year", type=int, required=True, help="考评年度")
    p.add_argument("--station", metavar="NAME", help="只看这个联络站（名次仍是全县的）")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="保存全县考评结果表（PDF 或 Excel）")
    p.add_argument(
        "--force", action="store_true", help="输出文件已存在时替换它（数据库文件永远不会被替换）"
    )
    p.set_defaults(func=cmd_assess)
    p = st_sub.add_parser(
        "grades", parents=[DB], help="联络站考评等次分数线：查看，或用 --set 修改（各年度通用）"
    )
    p.add_argument(
        "--set", metavar="等次=分数,…", help="从高到低，最后一档为 0，如 优秀=90,合格=60,不合格=0"
    )
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_grades)
    p = exp_sub.add_parser(
        "rectification", parents=[DB], help="导出整改台账（.xlsx；.pdf 可按联络站打印）"
    )
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站")
    add_out(p, "FILE.xlsx|FILE.pdf")
    p.set_defaults(func=cmd_export_rectification)
