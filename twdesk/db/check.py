"""`twdesk check`: a read-only health report of a database file or a server database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from twdesk.db.dbfile import (
    HOT_JOURNAL_WARNING,
    SCHEMA_VERSION,
    DbFileError,
    check_integrity,
    read_header,
    roll_back_journal,
)
from twdesk.db.engine import make_engine
from twdesk.db.location import ServerLocation
from twdesk.db.models import Base


@dataclass
class CheckReport:
    healthy: bool
    problem: str = ""
    lines: list[str] = field(default_factory=list)


def check_file(path: Path, *, take_over_lock: bool = False) -> CheckReport:
    """Reads through a read-only connection; the one change it may make is rolling back an
    interrupted write (hot journal) under the lock, as opening the file would, before checking."""
    path = Path(path)
    report = CheckReport(healthy=True, lines=[f"文件：{path.resolve()}"])
    try:
        header = read_header(path)
        journal = Path(str(path) + "-journal")
        if journal.exists() and journal.stat().st_size > 0:
            report.lines.append(HOT_JOURNAL_WARNING)
            roll_back_journal(path, take_over_lock=take_over_lock)
            report.lines.append(
                "已回滚中断的写入：数据库恢复到最后一次保存的状态，现在这个 .sqlite 文件是完整的。"
            )
            header = read_header(path)
    except DbFileError as exc:
        return CheckReport(False, str(exc), report.lines)
    report.lines.append(f"大小：{header.size / 1024 / 1024:.1f} MB")
    version_note = "当前版本"
    if header.user_version > SCHEMA_VERSION:
        report.healthy = False
        report.problem = f"数据结构版本 {header.user_version} 比本程序支持的版本 {SCHEMA_VERSION} 新，请升级 twdesk。"
        version_note = "比本程序新"
    elif header.user_version < SCHEMA_VERSION:
        version_note = "较旧，打开时会先备份再自动升级"
    report.lines.append(
        f"数据结构版本：{header.user_version}（本程序：{SCHEMA_VERSION}，{version_note}）"
    )
    problems = check_integrity(path)
    if problems:
        report.healthy = False
        report.problem = "完整性检查未通过：" + "；".join(problems[:5])
        report.lines.append(report.problem)
        return report
    report.lines.append("完整性检查：正常")
    if report.healthy:
        engine = make_engine(path, readonly=True)
        try:
            with Session(engine) as session:
                counts = table_counts(session)
        finally:
            engine.dispose()
        report.lines.append("各表记录数：")
        width = max(len(name) for name in counts)
        report.lines += [f"  {name:<{width}}  {n:>9,}" for name, n in counts.items()]
    return report


def check_server(location: ServerLocation) -> CheckReport:
    """Server version, account, schema version and rows per table; changes nothing (the
    server's own checks of its pages are the administrator's: amcheck, pg_dump)."""
    from sqlalchemy.exc import DBAPIError

    from twdesk.db.engine import make_server_engine
    from twdesk.db.server import server_failure, server_info

    report = CheckReport(healthy=True, lines=[f"数据库：{location.describe()}"])
    engine = make_server_engine(location, readonly=True)
    try:
        with engine.connect() as conn:
            info = server_info(conn)
            report.lines.append(f"服务器：PostgreSQL {info.server_version}（账号 {info.user}）")
            order = (
                "与数据库文件相同"
                if info.sorts_like_a_file
                else "与数据库文件不同，名单和报表的排列顺序可能与文件不一样"
            )
            report.lines.append(f"排序规则：{info.collation}（{order}）")
            if info.schema_version is None:
                report.healthy = False
                report.problem = (
                    f"{location.describe()}里没有 twdesk 的数据。"
                    f"新建请运行 twdesk init --db {location.url}。"
                )
                return report
            version_note = "当前版本"
            if info.schema_version > SCHEMA_VERSION:
                report.healthy = False
                report.problem = f"数据结构版本 {info.schema_version} 比本程序支持的版本 {SCHEMA_VERSION} 新，请升级 twdesk。"
                version_note = "比本程序新"
            elif info.schema_version < SCHEMA_VERSION:
                version_note = "较旧，第一次用有写权限的账号打开时会自动升级"
            report.lines.append(
                f"数据结构版本：{info.schema_version}（本程序：{SCHEMA_VERSION}，{version_note}）"
            )
            if report.healthy:
                with Session(bind=conn) as session:
                    counts = table_counts(session)
                report.lines.append("各表记录数：")
                width = max(len(name) for name in counts)
                report.lines += [f"  {name:<{width}}  {n:>9,}" for name, n in counts.items()]
    except DBAPIError as exc:
        error = server_failure(location, exc)
        return CheckReport(False, str(error) if error else str(exc), report.lines)
    finally:
        engine.dispose()
    return report


def table_counts(session: Session) -> dict[str, int]:
    """Rows per table of the model that exists in the file (for `twdesk check`)."""
    present = set(inspect(session.get_bind()).get_table_names())
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in sorted(Base.metadata.tables.items())
        if name in present
    }
