"""What every `twdesk …` command shares: exit codes, the Chinese argument parser, the one parent
parser for `--db`, the one way to open the database, and the one place that turns a user-facing
error into `错误：…` on stderr with its exit code.

The heavy modules (SQLAlchemy, openpyxl, reportlab) load inside each command, so `twdesk`
without a command starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twdesk.core.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from twdesk.db.dbfile import Database
    from twdesk.db.location import ServerLocation

EXIT_OK = 0
EXIT_ERROR = 1  # the command ran and found a problem (unhealthy file, invalid input)
EXIT_USAGE = 2  # wrong arguments
EXIT_NO_HOLIDAYS = 3  # `duty plan` for a year without holiday data
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


class CliError(UserError):
    """A problem found by a command itself (Chinese message) with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = code


DB_HELP = (
    "数据库文件，或服务器数据库 postgresql://用户名@服务器[:端口]/数据库名"
    "（密码用环境变量 PGPASSWORD 或 .pgpass 文件提供，不能写在地址里）"
)


def db_location(args: argparse.Namespace) -> Path | ServerLocation:
    """What --db names: a file path, or a server database (refused with a password in it)."""
    from twdesk.db.location import parse_location

    return parse_location(args.db)


def file_db(args: argparse.Namespace, what: str) -> Path:
    """--db of a command that works on the file itself (backups, packages): a server database
    is refused, saying whose job that is there."""
    from twdesk.db.dbfile import SERVER_BACKUP_MESSAGE
    from twdesk.db.location import ServerLocation

    location = db_location(args)
    if isinstance(location, ServerLocation):
        raise CliError(f"{what}只适用于数据库文件。{SERVER_BACKUP_MESSAGE}")
    return location


def _db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH|URL", required=True, help=DB_HELP)
    parent.add_argument(
        "--take-over",
        action="store_true",
        help="接管一个已失效的锁（打开它的 twdesk 已异常退出或 U 盘被拔出；仍在运行的不会被接管）",
    )
    return parent


DB = _db_parent()  # every command that opens a database: parents=[DB]


def add_out(parser: argparse.ArgumentParser, metavar: str = "FILE.xlsx") -> None:
    """`--out` and `--force` of every command that writes a file."""
    parser.add_argument("--out", metavar=metavar, required=True, help="输出文件")
    parser.add_argument(
        "--force", action="store_true", help="输出文件已存在时替换它（数据库文件永远不会被替换）"
    )


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"需要正整数，收到的是「{value}」") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"需要正整数，收到的是「{value}」")
    return number


def shown_width(text: str) -> int:
    """The columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-justify counting Chinese characters as two columns, as a terminal shows them."""
    return text + " " * max(width - shown_width(text), 0)


def day(text: str) -> date | None:
    from twdesk.core.normalize import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise CliError(str(exc)) from None


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[Database]:
    """THE way a command opens its database: checked, locked (`--take-over` replaces a stale
    lock), read-only when the file cannot be written (writes are then refused), backed up on
    the first open of the day, closed after. A server database (postgresql://…) has no lock
    and no backup file: the server and its administrator do those jobs."""
    from twdesk.db.dbfile import open_database

    db = open_database(db_location(args), take_over_lock=args.take_over)
    try:
        if not db.read_only and db.path is not None:
            _daily_backup(db.path)
        yield db
    finally:
        db.close()


def _daily_backup(path: Path) -> None:
    """The first open of the day backs the file up (one stat on later opens); a failure is a
    warning, never a reason not to run the command."""
    from twdesk.services.backups import daily_backup_quietly

    result = daily_backup_quietly(path)
    if isinstance(result, str):
        sys.stderr.write(f"警告：{result}\n")


def station_id(session: Session, name: str | None) -> str | None:
    if not name:
        return None
    from twdesk.services.duty_outputs import station_by_name

    return station_by_name(session, name).id


def run_import(args: argparse.Namespace, importer: Callable[[Session, Path], Any]) -> int:
    """Every `twdesk import …`: one transaction, all or nothing; prints the summary line."""
    file = Path(args.file)
    if not file.exists():
        raise CliError(f"找不到{args.noun}文件「{file}」。")
    with opened(args) as db, db.transaction() as session:
        summary = importer(session, file)
    out(summary.one_line())
    return EXIT_OK


def report(exc: UserError, args: argparse.Namespace) -> int:
    """THE place a user-facing error becomes text on stderr and an exit code."""
    from twdesk.importing.problems import ImportProblems

    if isinstance(exc, ImportProblems):
        name = Path(getattr(args, "file", "")).name
        sys.stderr.write(
            f"{getattr(args, 'noun', '')}「{name}」有 {len(exc.problems)} 处问题，没有导入任何数据：\n"
        )
        for problem in exc.problems:
            sys.stderr.write(f"  {problem.text()}\n")
    else:
        sys.stderr.write(f"错误：{exc}\n")
    return exc.exit_code
