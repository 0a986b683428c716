"""`twdesk init`, `twdesk demo`, `twdesk check`: the database file itself."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from twdesk.cli.common import DB, DB_HELP, EXIT_OK, CliError, db_location, out, positive


def cmd_init(args: argparse.Namespace) -> int:
    """A new file, or the schema and default lists in an empty (or missing) server database:
    the one step on a server that may need more rights than daily work (CREATE DATABASE)."""
    from twdesk.db.dbfile import create_database

    location = db_location(args)
    create_database(location, office_name=args.office or "")
    if isinstance(location, Path):
        out(f"已创建新数据库：{location.resolve()}")
    else:
        out(f"已在{location.describe()}中建好 twdesk 的数据表和基础数据。")
        out(
            "之后各台电脑用 --db 加同一地址（或 文件 → 连接服务器数据库…）使用它；"
            "日常使用的账号只需要这些表的读写权限。"
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.demo_evaluation import open_demo_year

    location = db_location(args)

    started = time.perf_counter()
    counts = create_demo_database(
        location,
        stations=args.stations,
        delegates=args.delegates,
        years=args.years,
        seed=args.seed,
        visits=args.visits,
        finish=open_demo_year,
    )
    seconds = time.perf_counter() - started
    out(
        f"已生成演示数据库：{location.resolve() if isinstance(location, Path) else location.describe()}"
        f"（{seconds:.1f} 秒）\n"
        f"联络站 {counts.get('station', 0)} 个，人员 {counts.get('person', 0)} 人，"
        f"来访 {counts.get('visit', 0)} 次，意见建议 {counts.get('opinion_item', 0)} 条，"
        f"履职记录 {counts.get('activity', 0)} 条"
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from twdesk.db.check import check_file, check_server

    location = db_location(args)
    if isinstance(location, Path):
        report = check_file(location, take_over_lock=args.take_over)
    else:
        report = check_server(location)
    for line in report.lines:
        out(line)
    if not report.healthy:
        raise CliError(report.problem)
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="新建一个空数据库（不会覆盖已有文件）")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="新数据库：" + DB_HELP)
    p.add_argument("--office", metavar="NAME", help="单位名称，如“某某县团委”")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据库")
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        required=True,
        help="演示数据库文件的路径（不会覆盖已有文件），或一个空的服务器数据库 postgresql://…",
    )
    p.add_argument("--stations", type=positive, default=12, help="联络站数量（默认 12）")
    p.add_argument("--delegates", type=positive, default=150, help="团代表人数（默认 150）")
    p.add_argument("--years", type=positive, default=2, help="覆盖的年数（默认 2）")
    p.add_argument("--visits", type=positive, default=None, help="来访登记条数（默认按人数估算）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，同一种子生成相同数据（默认 1）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "check",
        parents=[DB],
        help="检查数据库：完整性、数据结构版本、各表记录数（先回滚上次中断的写入）",
    )
    p.set_defaults(func=cmd_check)
