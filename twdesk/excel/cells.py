"""Writing a cell with openpyxl so that user text stays text.

openpyxl turns any string that starts with `=` into a live formula (`=HYPERLINK(…)`,
`=cmd|' /C calc'!A0`): every value the app writes goes through `put`, which marks strings as
text. (The streaming writer, fast_xlsx, writes inline strings and is immune.)
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """`ws.cell(row, column, value)`, a string always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
