"""The quarterly bulletin of 联系青年 as .xlsx: the table, then the summary, open days and the
contactors behind. Every string written as text (never a live formula)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from twdesk.core.youth_contacts import Bulletin
from twdesk.excel.cells import put

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BEHIND_FILL = PatternFill("solid", fgColor="FFF2C2")
HEADERS = (
    ("序号", 6),
    ("姓名", 12),
    ("身份", 8),
    ("本季度联系青年（人）", 12),
    ("年度累计（人）", 10),
    ("本季度新增（人）", 10),
    ("覆盖领域（个）", 10),
    ("本季度联系记录（次）", 12),
    ("重复联系（人）", 10),
    ("下基层（周）", 10),
    ("开放日（次）", 10),
    ("满意度", 9),
    ("进度", 10),
)


def write_bulletin_xlsx(data: Bulletin, out_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{data.year}年第{data.quarter}季度"
    put(ws, 1, 1, data.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{data.office}　统计期间：{data.period}".strip("　"))
    for col, (text, width) in enumerate(HEADERS, 1):
        cell = put(ws, 4, col, text)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    row = 5
    for number, r in enumerate(data.rows, 1):
        values = (
            number,
            r.name,
            r.role,
            r.distinct_quarter,
            r.distinct_year,
            r.new_quarter,
            r.fields_year,
            r.log_entries_quarter,
            r.repeated_year,
            r.grassroots,
            r.open_days,
            r.satisfaction,
            "达到进度" if r.met else "滞后",
        )
        for col, value in enumerate(values, 1):
            put(ws, row, col, value)
        if not r.met:
            ws.cell(row, len(values)).fill = BEHIND_FILL
        row += 1
    ws.freeze_panes = "C5"
    row += 1
    put(ws, row, 1, data.sentence())
    row += 1
    put(
        ws,
        row,
        1,
        f"年度目标 {data.target} 人；截至本季度末的进度目标 {data.progress_target} 人。",
    )
    row += 2
    put(ws, row, 1, "专题开放日").font = Font(bold=True)
    for q, ok in sorted(data.open_days.items()):
        if q <= data.quarter:
            row += 1
            put(ws, row, 1, f"第{q}季度：{'已达标' if ok else '未达标'}")
    for line in data.open_day_lines:
        row += 1
        put(ws, row, 1, line)
    row += 2
    put(ws, row, 1, "进度滞后的联系人").font = Font(bold=True)
    put(ws, row + 1, 1, "、".join(data.behind) or "无")
    wb.save(out_path)
