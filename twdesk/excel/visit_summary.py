"""The statistics as .xlsx: the figures, by category and by month, with bar charts."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill

from twdesk.core.visit_stats import Stats
from twdesk.excel.cells import put

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def write_summary(stats: Stats, out_path: Path, *, title: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "统计"
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    put(ws, 2, 1, stats.sentence())
    rows = stats.figures()
    for col, text in enumerate(("项目", "数量"), 1):
        cell = put(ws, 4, col, text)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for r, (label, value) in enumerate(rows, 5):
        put(ws, r, 1, label)
        put(ws, r, 2, value)
    ws["B12"].number_format = "0.0%"
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 12

    cat = wb.create_sheet("按类别")
    month = wb.create_sheet("按月份")
    for sheet, table in (
        (cat, [("类别", "意见建议（条）"), *stats.by_category.items()]),
        (
            month,
            [("月份", "来访登记（次）")]
            + [(f"{m}月", stats.by_month.get(m, 0)) for m in range(1, 13)],
        ),
    ):
        for r, (label, value) in enumerate(table, 1):
            put(sheet, r, 1, label)
            put(sheet, r, 2, value)
    for sheet, title_text, anchor in ((cat, "意见建议按类别", "D2"), (month, "各月来访登记", "D2")):
        for cell in sheet[1]:
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 16
        chart = BarChart()
        chart.title = title_text
        chart.legend = None
        data = Reference(sheet, min_col=2, min_row=1, max_row=max(sheet.max_row, 2))
        names = Reference(sheet, min_col=1, min_row=2, max_row=max(sheet.max_row, 2))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(names)
        sheet.add_chart(chart, anchor)
    wb.save(out_path)
