"""The one hierarchy of errors a user can act on.

Everything raised for the user — a refused file, a field that cannot be saved, a spreadsheet
with problems, an output that would overwrite something — derives from `UserError`; its `str()`
is the whole Chinese message. The command line prints it and exits with `exit_code`; the GUI
shows it in one kind of message box. Anything else is a bug (logged, exit 70 / crash dialog).
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; `str(e)` says what is wrong and what to do, in Chinese."""

    exit_code = 1
    title = "无法完成"  # the GUI's message box title


class Cancelled(InterruptedError):
    """The user pressed Cancel during long work; nothing was saved or changed."""


class StaleRecordError(UserError):
    """A save refused because someone else saved the same record after it was loaded here
    (another PC on the server, another window): nothing of this save was written.

    `who` and `when` name the other save as far as the audit log knows it; the GUI offers to
    reload the record (重新载入) so the user sees the other change before editing again.
    """

    title = "记录已被他人修改"

    def __init__(
        self,
        *,
        what: str,
        record: str,
        who: str,
        when: str,
        table: str = "",
        row_id: str = "",
        deleted: bool = False,
    ) -> None:
        self.what, self.record, self.who, self.when = what, record, who, when
        self.table, self.row_id, self.deleted = table, row_id, deleted
        named = f"{what}「{record}」" if record else f"这条{what}"
        by = who or "另一位用户"
        at = f"于 {when} " if when else ""
        done = "删除了" if deleted else "修改了"
        super().__init__(
            f"{named}在您打开之后已被 {by} {at}{done}。为免覆盖对方的修改，"
            "这次没有保存任何内容。请重新载入这条记录，看过最新的内容后再修改。"
        )
