"""The duty plan as .xlsx: one row per delegate per duty day."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from twdesk.excel.cells import put

COLUMNS = (
    ("日期", 12),
    ("星期", 6),
    ("时间", 12),
    ("联络站", 22),
    ("坐班代表", 10),
    ("联系电话", 14),
    ("微信号", 16),
    ("状态", 8),
    ("替班代表", 10),
    ("备注", 30),
)


def export_duty(
    rows: Iterable[tuple[object, ...]], out_path: Path, *, title: str = "坐班安排"
) -> int:
    """rows in COLUMNS order; dates as YYYY-MM-DD text so every Excel shows them the same."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for col, (name, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    count = 0
    for count, row in enumerate(rows, 1):
        for col, value in enumerate(row, 1):
            cell = put(ws, count + 1, col, value)
            if col in (1, 6, 7):
                cell.number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(COLUMNS)).column_letter}{count + 1}"
    wb.save(out_path)
    return count
