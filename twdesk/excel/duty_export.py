"""The duty plan as .xlsx: one row per delegate per duty day, in the columns `import duty`
reads back (excel/duty_columns.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from twdesk.excel.cells import put
from twdesk.excel.duty_columns import COLUMNS, STATE_CHOICES, TEXT_FIELDS

TEXT_COLUMNS = {i for i, (f, _h, _w, _a) in enumerate(COLUMNS, 1) if f in TEXT_FIELDS}


def export_duty(
    rows: Iterable[tuple[object, ...]], out_path: Path, *, title: str = "坐班安排"
) -> int:
    """rows in COLUMNS order; dates as YYYY-MM-DD text so every Excel shows them the same."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for col, (_field, name, width, _aliases) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    count = 0
    for count, row in enumerate(rows, 1):
        for col, value in enumerate(row, 1):
            cell = put(ws, count + 1, col, value)
            if col in TEXT_COLUMNS:
                cell.number_format = "@"
    # 状态 offers the states to pick when filling it in from the sign-in sheet (for import duty)
    state = next(i for i, (f, _h, _w, _a) in enumerate(COLUMNS, 1) if f == "state")
    letter = ws.cell(row=1, column=state).column_letter
    choices = DataValidation(type="list", formula1=f'"{",".join(STATE_CHOICES)}"', allow_blank=True)
    choices.showErrorMessage = False  # 未登记 / 待坐班 as exported stay as they are
    choices.add(f"{letter}2:{letter}{max(count, 1) + 1}")
    ws.add_data_validation(choices)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(COLUMNS)).column_letter}{count + 1}"
    wb.save(out_path)
    return count
