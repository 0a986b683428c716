"""`twdesk evaluate …` (open, lock, unlock, decide, list), `twdesk import evaluation` and
`twdesk export evaluation`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from twdesk.cli.common import (
    DB,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    add_out,
    opened,
    out,
    pad,
    run_import,
    shown_width,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from twdesk.core.evaluation_view import DelegateResult

ACTIONS = ("open", "lock", "unlock", "decide")
STAGE_NAMES = ("自评", "组织评价", "复核")


def _station(session: Session, name: str | None) -> str | None:
    if not name:
        return None
    from twdesk.services.evaluation import find_station

    return find_station(session, name.strip())


def _need(args: argparse.Namespace, *names: str) -> None:
    """The options an action cannot do without (argparse cannot say it per action)."""
    missing = [f"--{n}" for n in names if not (getattr(args, n) or "").strip()]
    if missing:
        raise CliError(f"twdesk evaluate {args.action} 需要参数：{'、'.join(missing)}", EXIT_USAGE)


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.action is None:
        return _list(args)
    return {"open": _open, "lock": _lock, "unlock": _unlock, "decide": _decide}[args.action](args)


def _open(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation import open_year

    with opened(args) as db, db.transaction() as s:
        summary = open_year(s, args.year, station_id=_station(s, args.station))
    out(summary.message())
    return EXIT_OK


def _lock(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation import lock_year

    _need(args, "station")
    if args.reason:
        raise CliError("锁定不需要理由（--reason 用于 unlock 和 decide）。", EXIT_USAGE)
    with opened(args) as db, db.transaction() as s:
        count = lock_year(s, args.year, _station(s, args.station) or "")
    out(f"已锁定 {args.station} {args.year} 年考核：{count} 位代表的分数、等次和处理结果已冻结。")
    return EXIT_OK


def _unlock(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation import unlock_year

    _need(args, "station", "reason")
    with opened(args) as db, db.transaction() as s:
        count = unlock_year(s, args.year, _station(s, args.station) or "", args.reason.strip())
    out(f"已解锁 {args.station} {args.year} 年考核（{count} 位代表），理由：{args.reason.strip()}")
    return EXIT_OK


def _decide(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation import decide_tie, find_delegate

    _need(args, "delegate", "grade", "reason")
    with opened(args) as db, db.transaction() as s:
        person = find_delegate(s, args.year, args.delegate.strip(), args.station)
        decide_tie(s, args.year, person, args.grade, args.reason.strip())
    out(
        f"已决定：{args.delegate.strip()} {args.year} 年等次为{args.grade}（理由：{args.reason.strip()}）"
    )
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation import results

    for name in ("delegate", "grade", "reason"):
        if getattr(args, name):
            raise CliError(f"--{name} 只用于 twdesk evaluate decide/unlock", EXIT_USAGE)
    with opened(args) as db, db.session() as s:
        rows = results(s, args.year, station_id=_station(s, args.station))
    if args.format == "json":
        out(json.dumps([d.as_json() for d in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    scope = args.station or "全部联络站"
    if not rows:
        out(
            f"{args.year}年 {scope} 还没有考核。打开：twdesk evaluate open --db … --year {args.year}"
        )
        return EXIT_OK
    out(f"{args.year}年团代表履职考核（{scope}）")
    for line in table(rows):
        out(line)
    return EXIT_OK


def _score(d: DelegateResult, seq: int) -> str:
    from twdesk.core.evaluation_view import text

    for ind in d.indicators:
        if ind.seq == seq:
            if ind.final is not None:
                return text(ind.final)
            return f"({text(ind.suggested)})" if ind.suggested is not None else "—"
    return ""


def table(rows: Sequence[DelegateResult]) -> list[str]:
    """The results as aligned text lines: 名次 姓名 联络站 1..N 加分 总分 等次 后续处理 阶段."""
    from twdesk.core.evaluation_view import text

    seqs = sorted({ind.seq for d in rows for ind in d.indicators})
    header = [
        "名次",
        "姓名",
        "联络站",
        *(str(n) for n in seqs),
        "加分",
        "总分",
        "等次",
        "后续处理",
        "阶段",
    ]
    body = []
    for d in rows:
        grade = "并列待定" if d.quota_tie else (d.grade or "—")
        stage = f"{d.stage}·已锁定" if d.locked else d.stage
        body.append(
            [
                str(d.rank or "—"),
                d.name,
                d.station,
                *(_score(d, n) for n in seqs),
                text(d.bonus, "0"),
                text(d.total, "—"),
                grade,
                d.consequence or "",
                stage,
            ]
        )
    widths = [max(shown_width(r[c]) for r in [header, *body]) for c in range(len(header))]
    lines = [
        "  ".join(pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *body]
    ]
    if any(_score(d, n).startswith("(") for d in rows for n in seqs):
        lines.append("括号内为建议分（还没有完成任何评价阶段）。")
    tied = [d.name for d in rows if d.quota_tie]
    if tied:
        lines.append(
            f"优秀名额线上并列、尚待决定：{'、'.join(tied)}。"
            "决定：twdesk evaluate decide --db … --year … --delegate 姓名 --grade 优秀|称职 --reason 理由"
        )
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.services.evaluation_import import import_evaluation

    return run_import(
        args, lambda s, file: import_evaluation(s, file, year=args.year, stage=args.stage)
    )


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as db, db.session() as s:
        station_id = _station(s, args.station)
        if args.form:
            from twdesk.services.evaluation_import import export_form

            count = export_form(
                s, args.year, Path(args.out), station_id=station_id, overwrite=args.force
            )
            what = "空白评分表"
        else:
            from twdesk.services.evaluation_outputs import export_results

            count = export_results(
                s, args.year, Path(args.out), station_id=station_id, overwrite=args.force
            )
            what = "考核结果"
    out(f"已导出{args.year}年{what}（{count} 位代表）到 {args.out}")
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    p = sub.add_parser(
        "evaluate",
        parents=[DB],
        help="团代表年度履职考核：打开一年、锁定/解锁、决定并列、查看结果",
        description="不带动作时列出考核结果；open 打开一年（生成建议分），lock/unlock 锁定或解锁"
        "一个联络站的一年（解锁须填理由），decide 决定优秀名额线上的并列。",
    )
    p.add_argument(
        "action", nargs="?", choices=ACTIONS, metavar="动作", help="open|lock|unlock|decide"
    )
    p.add_argument("--year", type=int, required=True, help="考核年份")
    p.add_argument("--station", metavar="NAME", help="联络站（lock/unlock 必填）")
    p.add_argument("--reason", metavar="TEXT", help="理由（unlock、decide 必填，记入操作日志）")
    p.add_argument("--delegate", metavar="NAME", help="代表姓名（decide）")
    p.add_argument("--grade", choices=["优秀", "称职"], help="决定的等次（decide）")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_evaluate)

    p = imp_sub.add_parser(
        "evaluation",
        parents=[DB],
        help="导入考核评分表（每位代表一行、每项指标一列；往年可只填总分、等次）",
    )
    p.add_argument("file", metavar="FILE", help="考核评分表")
    p.add_argument("--year", type=int, required=True, help="考核年份")
    p.add_argument("--stage", choices=STAGE_NAMES, required=True, help="评价阶段")
    p.set_defaults(func=cmd_import, noun="考核评分表")

    p = exp_sub.add_parser(
        "evaluation", parents=[DB], help="导出考核结果 .xlsx；--form 导出可再导入的空白评分表"
    )
    p.add_argument("--year", type=int, required=True, help="考核年份")
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站")
    p.add_argument(
        "--form", action="store_true", help="导出空白评分表（填好后用 import evaluation 导入）"
    )
    add_out(p)
    p.set_defaults(func=cmd_export)
