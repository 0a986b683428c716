"""The one way twdesk writes a file the user asked for (exports, PDFs, templates, problem lists).

Every output is written to a temporary file beside the target and renamed over it only once it
is complete, so a full disk or a crash never leaves a truncated file, and a failure leaves
whatever was there before. It never writes over a SQLite file (the open database or any other),
a twdesk transfer package, a database's journal or lock, or a folder; it replaces another
existing file only when the caller says the user agreed (GUI: asked; CLI: `--force`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from twdesk.core.errors import Cancelled, UserError

__all__ = ["Cancelled", "OutputError", "OutputExists", "check_target", "write_output"]

T = TypeVar("T")

SQLITE_MAGIC = b"SQLite format 3\x00"
# A twdesk transfer package (USB exchange) starts with these bytes.
PACKAGE_MAGIC = b"TWDESKPKG"
PACKAGE_SUFFIXES = (".twpkg",)
# Files that belong to a database beside them: overwriting one loses data.
_DATABASE_COMPANIONS = ("-journal", "-wal", "-shm", ".lock")


class OutputError(UserError):
    """The output cannot be written where asked; nothing was changed."""

    title = "无法保存文件"


class OutputExists(OutputError):
    """The target exists and is an ordinary file: replace it only if the user agrees."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"文件「{path}」已经存在。要替换它，请确认（命令行加 --force），或换一个文件名。"
        )


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


def check_target(path: Path, *, overwrite: bool = False) -> Path:
    """Refuse a target that must never be written; return it resolved.

    Raises OutputExists for an ordinary existing file unless `overwrite`, and OutputError for a
    folder, a database, a package, a database's journal or lock, or a missing folder.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise OutputError(
            f"「{path}」是一个文件夹。请在文件夹里给出一个文件名，如 {path / '名册.xlsx'}。"
        )
    for suffix in _DATABASE_COMPANIONS:
        if path.name.endswith(suffix) and Path(str(path)[: -len(suffix)]).exists():
            raise OutputError(
                f"「{path.name}」是数据库「{path.name[: -len(suffix)]}」的工作文件，不能用来保存导出内容。"
                "请换一个文件名。"
            )
    if path.exists():
        if _starts_with(path, SQLITE_MAGIC):
            raise OutputError(
                f"「{path.name}」是一个数据库文件，导出不会覆盖它（那样会毁掉其中的数据）。请换一个文件名。"
            )
        if path.suffix.lower() in PACKAGE_SUFFIXES or _starts_with(path, PACKAGE_MAGIC):
            raise OutputError(f"「{path.name}」是 twdesk 交换包，导出不会覆盖它。请换一个文件名。")
        if not overwrite:
            raise OutputExists(path)
    if not path.parent.exists():
        raise OutputError(f"文件夹「{path.parent}」不存在。请先建立它，或选择别的位置。")
    return path


def _os_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"「{path.parent}」所在的磁盘已满，文件没有保存。请腾出空间或换一个位置后重试。"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"没有权限写入「{path}」（文件夹只读、U 盘写保护，或文件正在 Excel / WPS 中打开）。"
            "请关闭文件或换一个位置后重试。"
        )
    return f"无法写入「{path}」：{exc.strerror or exc}。请换一个位置后重试。"


def write_output(path: Path, write: Callable[[Path], T], *, overwrite: bool = False) -> T:
    """Check `path`, let `write(tmp)` fill a temporary file beside it, then rename it into place.

    `write` gets a path ending like the target (so libraries that look at the suffix behave) and
    returns whatever the caller wants back (a row or page count). On any failure the temporary
    file is removed and the target is left as it was.
    """
    path = check_target(path, overwrite=overwrite)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.part{path.suffix}")
    try:
        result = write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # checked again: the target may have appeared while we were writing
        check_target(path, overwrite=overwrite)
        os.replace(tmp, path)
    except Cancelled:
        raise
    except OSError as exc:
        raise OutputError(_os_message(path, exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return result
