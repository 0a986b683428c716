"""`twdesk duty …`, `twdesk holidays …`, `twdesk export duty` and `twdesk import duty`."""

from __future__ import annotations

import argparse
from datetime import time
from pathlib import Path

from twdesk.cli.common import (
    DB,
    EXIT_NO_HOLIDAYS,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    add_out,
    day,
    opened,
    out,
    run_import,
    station_id,
)


def _hours(text: str | None) -> tuple[time | None, time | None]:
    if not text:
        return time(9, 0), time(12, 0)
    try:
        start, end = text.replace("－", "-").replace("—", "-").split("-")
        return time.fromisoformat(start.strip().zfill(5)), time.fromisoformat(end.strip().zfill(5))
    except ValueError:
        raise CliError(f"坐班时间写法不对：{text}。请写成 9:00-12:00") from None


def cmd_plan(args: argparse.Namespace) -> int:
    from twdesk.core.duty_rules import RuleError, parse_rule
    from twdesk.services import duty
    from twdesk.services.duty import HolidayDataMissing, RuleSettings
    from twdesk.services.duty_outputs import station_by_name

    try:
        spec = parse_rule(args.rule)
    except RuleError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    with opened(args) as db:
        start, end = _hours(args.hours)
        settings = RuleSettings(
            spec,
            start,
            end,
            per_day=args.per_day,
            mix_levels=args.mix_levels,
            on_holiday=args.on_holiday,
        )
        from_date = day(args.from_date) if args.from_date else None
        try:
            with db.transaction() as s:
                sid = station_by_name(s, args.station).id
                result = duty.generate_plan(s, sid, args.year, settings, from_date=from_date)
        except HolidayDataMissing as exc:
            raise CliError(
                f"{exc}\n命令行录入：twdesk holidays add --db … --date {args.year}-01-01 --kind 休 "
                f"--name 元旦；录完后 twdesk holidays confirm --db … --year {args.year}",
                EXIT_NO_HOLIDAYS,
            ) from None
    out(result.one_line())
    for d in result.days:
        moved = f"（原{d.moved_from:%m-%d}，遇节假日调整）" if d.moved_from else ""
        names = "、".join(f"{s.name} {s.phone}".strip() for s in d.seats)
        out(
            f"{d.day:%Y-%m-%d} {d.weekday} {d.hours}  {names}  {'/'.join(s.shown for s in d.seats)}{moved}"
        )
    return EXIT_OK


def cmd_poster(args: argparse.Namespace) -> int:
    from twdesk.services.duty import duty_days
    from twdesk.services.duty_outputs import print_poster, station_by_name

    with opened(args) as db, db.session() as s:
        sid = station_by_name(s, args.station).id
        pages = print_poster(
            s, Path(args.out), sid, args.year, size=args.size, overwrite=args.force
        )
        seats = sum(len(d.seats) for d in duty_days(s, station_id=sid, year=args.year))
    out(f"已生成坐班公示 {args.out}（{args.size.upper()} 横向，{pages} 页，{seats} 个坐班安排）")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from twdesk.services.duty_outputs import export_duty

    with opened(args) as db, db.session() as s:
        count = export_duty(
            s,
            Path(args.out),
            args.year,
            station_id=station_id(s, args.station),
            overwrite=args.force,
        )
    out(f"已导出 {count} 条坐班安排到 {args.out}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from twdesk.services.duty_import import import_duty

    return run_import(args, import_duty)


def cmd_holidays(args: argparse.Namespace) -> int:
    from twdesk.services import duty

    with opened(args) as db, db.transaction() as s:
        if args.action == "add":
            when = day(args.date)
            if when is None:
                raise CliError("请用 --date 给出日期，如 2027-01-01")
            duty.set_holiday(s, when, args.kind, args.name or "")
            out(f"已登记 {when:%Y-%m-%d}（{args.kind}）{args.name or ''}")
        elif args.action == "confirm":
            duty.confirm_holiday_year(s, args.year)
            out(f"{args.year}年节假日已确认，可以生成坐班计划。")
        else:
            known = duty.ensure_holidays(s, args.year)
            source = duty.holiday_year_source(s, args.year)
            for h in duty.year_holidays(s, args.year):
                out(f"{h.day:%Y-%m-%d} {h.kind} {h.name}")
            if known:
                kind = "节假日数据" if source == "chinesecalendar" else "手工录入"
                out(f"{args.year}年：已确认（{kind}）")
            else:
                out(f"{args.year}年：还没有节假日数据，请录入后确认。")
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction,
    imp_sub: argparse._SubParsersAction,
    exp_sub: argparse._SubParsersAction,
) -> None:
    duty_parser = sub.add_parser("duty", help="坐班：生成计划、打印公示")
    duty_sub = duty_parser.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=type(duty_parser)
    )
    p = duty_sub.add_parser(
        "plan", parents=[DB], help="生成或重新生成一个联络站全年的坐班计划并显示"
    )
    p.add_argument("--station", metavar="NAME", required=True, help="联络站名称")
    p.add_argument("--year", type=int, required=True, help="年份，如 2026")
    p.add_argument(
        "--rule",
        required=True,
        help="weekly:wed | monthly:15 | monthly:first-wed | monthly:last-fri",
    )
    p.add_argument("--per-day", type=int, default=1, help="每次坐班人数（默认 1）")
    p.add_argument(
        "--mix-levels", action="store_true", help="三级混合编组：同一天尽量安排不同层级的代表"
    )
    p.add_argument(
        "--on-holiday",
        choices=["next", "prev", "skip"],
        default="next",
        help="遇节假日：next 顺延（默认）、prev 提前、skip 取消",
    )
    p.add_argument("--hours", metavar="9:00-12:00", help="坐班时间（默认 9:00-12:00）")
    p.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        help="从这一天起重新排（默认：已有计划时从今天起，没有时全年）",
    )
    p.set_defaults(func=cmd_plan)
    p = duty_sub.add_parser(
        "poster", parents=[DB], help="打印坐班公示海报 PDF（含照片、电话、微信，不含身份证号）"
    )
    p.add_argument("--station", metavar="NAME", required=True, help="联络站名称")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument(
        "--size", choices=["A4", "A3", "a4", "a3"], default="A4", help="纸张（横向），默认 A4"
    )
    add_out(p, "FILE.pdf")
    p.set_defaults(func=cmd_poster)

    p = exp_sub.add_parser(
        "duty", parents=[DB], help="导出坐班安排 .xlsx（每位代表每个坐班日一行）"
    )
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站")
    add_out(p)
    p.set_defaults(func=cmd_export)
    p = imp_sub.add_parser(
        "duty",
        parents=[DB],
        help="导入坐班签到情况：导出的坐班安排按签到表填好“状态”“替班代表”后导入（全部校验通过才写入）",
    )
    p.add_argument("file", metavar="FILE", help="填好的坐班安排表")
    p.set_defaults(func=cmd_import, noun="坐班安排")

    hol = sub.add_parser("holidays", help="法定节假日与调休：查看、录入、确认")
    hol_sub = hol.add_subparsers(
        dest="action", metavar="操作", required=True, parser_class=type(hol)
    )
    p = hol_sub.add_parser("list", parents=[DB], help="显示某年的放假和调休上班日期")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.set_defaults(func=cmd_holidays)
    p = hol_sub.add_parser("add", parents=[DB], help="录入一天：休（放假）或 班（调休上班）")
    p.add_argument("--date", required=True, help="日期，如 2027-01-01")
    p.add_argument("--kind", choices=["休", "班"], required=True, help="休 = 放假，班 = 调休上班")
    p.add_argument("--name", help="节日名称，如 元旦")
    p.set_defaults(func=cmd_holidays)
    p = hol_sub.add_parser("confirm", parents=[DB], help="确认某年的节假日已录入完整")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.set_defaults(func=cmd_holidays)
