"""What an import reports: every problem with its row and column, and the two ways it stops."""

from __future__ import annotations

from dataclasses import dataclass

from twdesk.core.errors import Cancelled, UserError


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet shows it; 0 for the whole file
    column: str  # the header as written in the file
    value: str
    message: str
    hint: str

    def text(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        column = f"［{self.column}］" if self.column else ""
        value = f"「{self.value}」" if self.value else ""
        return f"{where}{column}{value}：{self.message} —— {self.hint}"


class ImportProblems(UserError):
    """Nothing was imported; `problems` lists everything to fix."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p.text()}" for p in problems[:50])
        more = f"\n  ……另有 {len(problems) - 50} 处" if len(problems) > 50 else ""
        super().__init__(f"发现 {len(problems)} 处问题，未导入任何数据：\n{lines}{more}")


class ImportCancelled(Cancelled):
    """The user pressed Cancel; the caller's transaction rolls everything back."""
