"""`twdesk …`: the command line, a thin layer over the same services the GUI calls.

Every error goes to stderr in Chinese with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from twdesk import APP_TITLE, __version__

EXIT_OK = 0
EXIT_ERROR = 1  # the command ran and found a problem (unhealthy file, invalid input)
EXIT_USAGE = 2  # wrong arguments
EXIT_INTERNAL = 70  # a bug: details in the log

_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid int value: '(.*)'", r"参数 \1 需要整数，收到的是「\2」"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"参数 \1 的取值 \2 无效，可选：\3",
    ),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
)


_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}
_english_gettext = argparse._  # type: ignore[attr-defined]
argparse._ = lambda text: _ARGPARSE_WORDS.get(text, _english_gettext(text))  # type: ignore[attr-defined]


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, repl in _ARGPARSE_ZH:
            message = re.sub(pattern, repl, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：参数错误：{message}\n")


class CliError(Exception):
    """A problem to report to the user (Chinese message) with an exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"需要正整数，收到的是「{value}」") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"需要正整数，收到的是「{value}」")
    return number


# --- subcommands -------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from twdesk.db.dbfile import create_database

    create_database(Path(args.db), office_name=args.office or "")
    _print(f"已创建新数据库：{Path(args.db).resolve()}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from twdesk.db.demo_file import create_demo_database

    started = time.perf_counter()
    counts = create_demo_database(
        Path(args.db),
        stations=args.stations,
        delegates=args.delegates,
        years=args.years,
        seed=args.seed,
        visits=args.visits,
    )
    seconds = time.perf_counter() - started
    _print(
        f"已生成演示数据库：{Path(args.db).resolve()}（{seconds:.1f} 秒）\n"
        f"联络站 {counts.get('station', 0)} 个，人员 {counts.get('person', 0)} 人，"
        f"来访 {counts.get('visit', 0)} 次，意见建议 {counts.get('opinion_item', 0)} 条，"
        f"履职记录 {counts.get('activity', 0)} 条"
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from twdesk.db.check import check_file

    report = check_file(Path(args.db))
    for line in report.lines:
        _print(line)
    if not report.healthy:
        raise CliError(report.problem)
    return EXIT_OK


def cmd_import_roster(args: argparse.Namespace) -> int:
    from twdesk.roster_cli import cmd_import_roster as run

    return run(Path(args.db), Path(args.file), args.on_duplicate)


def cmd_export_roster(args: argparse.Namespace) -> int:
    from twdesk.roster_cli import cmd_export_roster as run

    return run(Path(args.db), Path(args.out), args.station, args.mask)


def _run_gui(args: argparse.Namespace) -> int:
    from twdesk.ui.app import run_gui

    return run_gui(Path(args.db) if args.db else None, demo=args.demo)


# --- parser ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="twdesk",
        description=f"{APP_TITLE}。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"twdesk {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--db", metavar="PATH", help="数据库文件（默认：数据文件夹中的 twdesk.sqlite）"
    )
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动生成）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)

    p = sub.add_parser("init", help="新建一个空数据库（不会覆盖已有文件）")
    p.add_argument("--db", metavar="PATH", required=True, help="新数据库文件的路径")
    p.add_argument("--office", metavar="NAME", help="单位名称，如“某某县团委”")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据库")
    p.add_argument(
        "--db", metavar="PATH", required=True, help="演示数据库文件的路径（不会覆盖已有文件）"
    )
    p.add_argument("--stations", type=_positive, default=12, help="联络站数量（默认 12）")
    p.add_argument("--delegates", type=_positive, default=150, help="团代表人数（默认 150）")
    p.add_argument("--years", type=_positive, default=2, help="覆盖的年数（默认 2）")
    p.add_argument("--visits", type=_positive, default=None, help="来访登记条数（默认按人数估算）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，同一种子生成相同数据（默认 1）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="检查数据库：完整性、数据结构版本、各表记录数")
    p.add_argument("--db", metavar="PATH", required=True, help="要检查的数据库文件")
    p.set_defaults(func=cmd_check)

    imp = sub.add_parser("import", help="从 Excel/CSV 导入（全部校验通过才写入）")
    imp_sub = imp.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=ChineseArgumentParser
    )
    p = imp_sub.add_parser("roster", help="导入团代表名册（.xlsx / .xls / .csv）")
    p.add_argument("file", metavar="FILE", help="名册文件")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument(
        "--on-duplicate",
        choices=["fail", "skip", "update"],
        default="fail",
        help="身份证号与数据库中已有人员重复时：fail 报错（默认）、skip 跳过、update 用文件更新",
    )
    p.set_defaults(func=cmd_import_roster)

    exp = sub.add_parser("export", help="导出为 Excel")
    exp_sub = exp.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=ChineseArgumentParser
    )
    p = exp_sub.add_parser("roster", help="导出团代表名册 .xlsx（可再导入）")
    p.add_argument("--db", metavar="PATH", required=True, help="数据库文件")
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help="输出文件")
    p.add_argument("--station", metavar="NAME", help="只导出这个联络站的代表")
    p.add_argument("--mask", action="store_true", help="身份证号、手机号脱敏，用于对外提供")
    p.set_defaults(func=cmd_export_roster)

    from twdesk.duty_cli import add_parsers as add_duty_parsers

    add_duty_parsers(sub, exp_sub, ChineseArgumentParser)
    from twdesk.visits_cli import add_parsers as add_visit_parsers

    add_visit_parsers(sub, imp_sub, exp_sub)
    from twdesk.ledger_cli import add_parsers as add_ledger_parsers

    add_ledger_parsers(sub, imp_sub, exp_sub)
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    return func(args) if func else _run_gui(args)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from twdesk.core.errors import UserError
    from twdesk.crashlog import log_exception, setup_logging

    try:
        if os.environ.get("TWDESK_TEST_CRASH"):  # lets tests prove crashes are logged, masked
            raise RuntimeError(f"forced crash: {os.environ['TWDESK_TEST_CRASH']}")
        return _dispatch(args)
    except (UserError, CliError) as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return getattr(exc, "code", getattr(exc, "exit_code", EXIT_ERROR))
    except KeyboardInterrupt:
        sys.stderr.write("已取消。\n")
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        log_path = setup_logging()
        log_exception(type(exc), exc, exc.__traceback__)
        logging.shutdown()
        sys.stderr.write(f"内部错误：{type(exc).__name__}。详细信息已写入日志：{log_path}\n")
        return EXIT_INTERNAL


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
