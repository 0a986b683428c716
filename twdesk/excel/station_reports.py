"""Station assessment outputs as .xlsx: the ranked county table and the rectification ledger.
Plain data in; every string written as text through `put` (never a live formula)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from twdesk.excel.cells import put

if TYPE_CHECKING:
    from twdesk.services.rectification import RectLedger
    from twdesk.services.station_assessment import AssessmentTable

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")
OVERDUE_FONT = Font(color="B3261E", bold=True)


def _header(ws, row: int, headers: list[tuple[str, float]]) -> None:  # type: ignore[no-untyped-def]
    for col, (text, width) in enumerate(headers, 1):
        cell = put(ws, row, col, text)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width


def write_assessment_xlsx(data: AssessmentTable, out_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{data.year}年考评"
    put(ws, 1, 1, data.title).font = Font(bold=True, size=14)
    if data.office:
        put(ws, 2, 1, data.office)
    headers = [("名次", 6), ("联络站", 22)]
    headers += [(f"{name}（{points}分）", 12) for name, points in data.items]
    headers += [("总分", 8), ("等次", 8)]
    _header(ws, 4, headers)
    row = 5
    for values in data.rows:
        for col, value in enumerate(values, 1):
            number = col == 1 or 2 < col <= len(values) - 1
            put(ws, row, col, _as_number(value) if number else value)
        row += 1
    ws.freeze_panes = "C5"
    row += 1
    put(ws, row, 1, "计分方式").font = Font(bold=True)
    for line in data.measures:
        row += 1
        put(ws, row, 1, line)
    row += 2
    put(ws, row, 1, "等次：" + "；".join(f"{g} {rule}" for g, rule in data.grades))
    wb.save(out_path)


def _as_number(text: str) -> float | int | str:
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def write_rectification_xlsx(data: RectLedger, out_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    put(ws, 1, 1, data.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{data.office}　{data.printed_on:%Y年%m月%d日}".strip("　"))
    _header(
        ws,
        4,
        [
            ("序号", 6),
            ("联络站", 20),
            ("考评项目", 16),
            ("问题描述", 36),
            ("发现日期", 12),
            ("整改期限", 12),
            ("责任人", 10),
            ("跟进情况", 40),
            ("整改完成日期", 12),
            ("整改情况", 24),
            ("状态", 8),
        ],
    )
    for n, r in enumerate(data.rows, 1):
        row = 4 + n
        values = (
            n,
            r.station,
            r.item,
            r.description,
            r.found_on,
            r.deadline,
            r.responsible,
            r.follow_up,
            r.closed_on,
            r.closing_note,
            r.state,
        )
        for col, value in enumerate(values, 1):
            cell = put(ws, row, col, value)
            if hasattr(value, "year"):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(vertical="top", wrap_text=col in (4, 8, 10))
        if r.overdue:
            ws.cell(row, 11).font = OVERDUE_FONT
    ws.freeze_panes = "C5"
    wb.save(out_path)
