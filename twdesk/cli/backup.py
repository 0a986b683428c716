"""`twdesk backup`, `twdesk restore`, `twdesk backups`, `twdesk package`: copies of the file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from twdesk.cli.common import DB, EXIT_OK, CliError, db_location, file_db, out, pad


def cmd_backup(args: argparse.Namespace) -> int:
    from twdesk.services.backups import REASON_MANUAL, take_backup

    info = take_backup(
        file_db(args, "twdesk backup"), REASON_MANUAL, out=Path(args.out) if args.out else None
    )
    out(f"已备份并校验：{info.path}（{info.size_text()}）")
    out(f"  {info.counts_text()}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from twdesk.services.backups import restore_backup

    path = file_db(args, "twdesk restore")
    before = restore_backup(path, Path(args.source), take_over_lock=args.take_over)
    out(f"已用备份「{Path(args.source).name}」恢复数据库：{path.resolve()}")
    out(f"恢复前的文件已备份为：{before.path}")
    out("（要撤销这次恢复，用这个备份再恢复一次。）")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from twdesk.services.backups import backups_folder, list_backups

    path = file_db(args, "twdesk backups")
    items = list_backups(path)
    if args.format == "json":
        out(
            json.dumps(
                [
                    {
                        "path": str(b.path),
                        "taken_at": b.taken_at.isoformat(timespec="seconds"),
                        "reason": b.reason,
                        "size": b.size,
                        "schema_version": b.schema_version,
                        "office_name": b.office_name,
                        "counts": dict(b.counts),
                    }
                    for b in items
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return EXIT_OK
    out(f"备份文件夹：{backups_folder(path)}")
    if not items:
        out("还没有备份。")
        return EXIT_OK
    for b in items:
        out(
            f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {pad(b.reason, 14)}  {b.size_text():>9}  "
            f"{b.counts_text()}  {b.path.name}"
        )
    return EXIT_OK


def read_password(name: str | None, if_empty: str) -> str | None:
    """The first line of a password file (--password-file), None without one."""
    if not name:
        return None
    file = Path(name)
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
        password = lines[0] if lines else ""  # the first line, as typed in the GUI
    except OSError as exc:
        raise CliError(f"无法读取密码文件「{file}」：{exc.strerror or exc}。") from exc
    if not password:
        raise CliError(f"密码文件「{file}」是空的。{if_empty}")
    return password


def cmd_package(args: argparse.Namespace) -> int:
    from twdesk.services.packages import write_package_of

    password = read_password(args.password_file, "不要加密就去掉 --password-file。")
    # a server database is copied to a temporary file first, then packaged
    info = write_package_of(db_location(args), Path(args.out), password)
    lock = "已加密" if info.encrypted else "未加密"
    out(f"已导出交换包（{lock}）：{info.path}（{info.size / 1024 / 1024:.1f} MB）")
    out(f"  {info.manifest.summary()}")
    out(f"  SHA-256：{info.manifest.sha256}")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", parents=[DB], help="立即备份（校验后保存在数据文件夹，或 --out）")
    p.add_argument("--out", metavar="FILE", help="备份保存到这个文件（不会覆盖已有的数据库）")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[DB], help="用备份恢复数据库（先备份当前文件，恢复可以撤销）"
    )
    p.add_argument("--from", dest="source", metavar="BACKUP", required=True, help="备份文件")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("backups", parents=[DB], help="列出数据库的备份")
    p.add_argument("--format", choices=["table", "json"], default="table", help="输出格式")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser(
        "package", parents=[DB], help="导出交换包（.twpkg：压缩、带清单，可用密码加密）"
    )
    p.add_argument("--out", metavar="FILE.twpkg", required=True, help="交换包文件")
    p.add_argument("--password-file", metavar="F", help="密码文件（第一行是密码）；不给则不加密")
    p.set_defaults(func=cmd_package)
