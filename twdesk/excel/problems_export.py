"""The import problem list as .xlsx, for the person who has to fix the spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from twdesk.excel.cells import put


class ProblemLike(Protocol):
    row: int
    column: str
    value: str
    message: str
    hint: str


HEADERS = (("行号", 8), ("列", 16), ("内容", 24), ("问题", 44), ("修改建议", 52))


def write_problems(problems: Iterable[ProblemLike], out_path: Path) -> int:
    wb = Workbook()
    ws = wb.active
    ws.title = "导入问题"
    for col, (title, width) in enumerate(HEADERS, 1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000")
        ws.column_dimensions[cell.column_letter].width = width
    count = 0
    for count, p in enumerate(problems, 1):
        values = (f"第{p.row}行" if p.row else "整个文件", p.column, p.value, p.message, p.hint)
        for col, value in enumerate(values, 1):
            cell = put(ws, count + 1, col, value)
            cell.number_format = "@"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.save(out_path)
    return count
