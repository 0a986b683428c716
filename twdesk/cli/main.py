"""`twdesk …`: the parser and the one entry point that runs a command and reports its errors."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from twdesk import APP_TITLE, __version__
from twdesk.cli import (
    backup,
    contacts,
    copy_db,
    dossier,
    duty,
    evaluation,
    exchange,
    files,
    ledger,
    roster,
    stations_assess,
    visits,
)
from twdesk.cli.common import EXIT_INTERNAL, EXIT_OK, ChineseArgumentParser, report
from twdesk.core.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="twdesk",
        description=f"{APP_TITLE}。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"twdesk {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="数据库文件（默认：数据文件夹中的 twdesk.twdb），"
        "或服务器数据库 postgresql://用户名@服务器/数据库名（密码用 PGPASSWORD 或 .pgpass）",
    )
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动生成）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    files.add_parsers(sub)
    imp = sub.add_parser("import", help="从 Excel/CSV 导入（全部校验通过才写入）")
    imp_sub = imp.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=ChineseArgumentParser
    )
    exp = sub.add_parser("export", help="导出为 Excel")
    exp_sub = exp.add_subparsers(
        dest="what", metavar="内容", required=True, parser_class=ChineseArgumentParser
    )
    roster.add_parsers(imp_sub, exp_sub)
    duty.add_parsers(sub, imp_sub, exp_sub)
    visits.add_parsers(sub, imp_sub, exp_sub)
    ledger.add_parsers(sub, imp_sub, exp_sub)
    evaluation.add_parsers(sub, imp_sub, exp_sub)
    dossier.add_parsers(sub)
    backup.add_parsers(sub)
    contacts.add_parsers(sub, imp_sub)
    exchange.add_parsers(sub)
    stations_assess.add_parsers(sub, exp_sub)
    copy_db.add_parsers(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from twdesk.ui.app import run_gui

    return run_gui(args.db or None, demo=args.demo)


DB_SUFFIXES = (".twdb", ".sqlite", ".db")


def file_argument(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """`twdesk FILE` means `twdesk --db FILE`: Explorer opens a double-clicked `.twdb` (or a
    file dropped on the icon) that way. A command name always wins over a file of that name."""
    argv = list(argv)
    if not argv or argv[0].startswith("-"):
        return argv
    commands: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
    first = argv[0]
    if first in commands:
        return argv
    if first.lower().endswith(DB_SUFFIXES) or os.path.isfile(first):
        return ["--db", first, *argv[1:]]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(file_argument(parser, sys.argv[1:] if argv is None else argv))
    from twdesk.crashlog import log_exception, setup_logging

    try:
        if os.environ.get("TWDESK_TEST_CRASH"):  # lets tests prove crashes are logged, masked
            raise RuntimeError(f"forced crash: {os.environ['TWDESK_TEST_CRASH']}")
        func = getattr(args, "func", None)
        return func(args) if func else _run_gui(args)
    except UserError as exc:
        return report(exc, args)
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
    """Entry point of the windowed launcher (no console on Windows). A windowed program has no
    stdout/stderr (None): output goes nowhere instead of failing, and an error that ends it
    before the window could show it (a wrong option, say) is shown in a message box."""
    import io

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    captured = None
    if sys.stderr is None:
        captured = sys.stderr = io.StringIO()
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:  # argparse: --help, --version, a wrong option
        code = exc.code if isinstance(exc.code, int) else 1
    if code and captured is not None and captured.getvalue().strip():
        from twdesk.ui.app import show_startup_error

        show_startup_error(captured.getvalue().strip())
    return code
