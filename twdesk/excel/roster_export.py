"""Roster → .xlsx, in the columns the importer reads, so an export imports back unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from twdesk.excel.cells import put
from twdesk.excel.roster_columns import ROSTER_COLUMNS

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def write_roster(
    records: Sequence[Mapping[str, object]], out_path: Path, *, masked: bool = False
) -> int:
    """Write one row per record (keyed by roster field); returns the number of rows written.

    `masked` only adds the title line saying so: the caller has already masked the values.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "团代表名册"
    first = 1
    if masked:
        ws.cell(
            row=1, column=1, value="团代表名册（身份证号、手机号已脱敏，可对外提供）"
        ).font = Font(bold=True)
        first = 2
    for col, column in enumerate(ROSTER_COLUMNS, 1):
        cell = ws.cell(row=first, column=col, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = column.width
    for r, record in enumerate(records, first + 1):
        for col, column in enumerate(ROSTER_COLUMNS, 1):
            value = record.get(column.field)
            if value in (None, ""):
                value = None
            elif column.text:
                value = str(value)
            cell = put(ws, r, col, value)
            if column.text:
                cell.number_format = "@"
            elif column.field == "birth_date" and value:
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = ws.cell(row=first + 1, column=2)
    ws.auto_filter.ref = (
        f"A{first}:{get_column_letter(len(ROSTER_COLUMNS))}{max(first, first + len(records))}"
    )
    wb.save(out_path)
    return len(records)
