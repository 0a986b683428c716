"""The roster import template: the columns the importer reads, drop-down lists, ID as text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from twdesk.core.vocab import DelegateLevel
from twdesk.excel.cells import put
from twdesk.excel.roster_columns import ROSTER_COLUMNS
from twdesk.excel.roster_export import HEADER_FILL, HEADER_FONT

HEADER_ROW = 2
EXAMPLE = {
    "name": "张三",
    "gender": "男",
    "birth_date": "1995-03-07",
    "id_number": "（18 位，列已设为文本）",
    "phone": "13800000000",
    "station": "乔庄镇团代表联络站",
    "level": "乡镇",
    "groups": "志愿服务小组、思想引领小组",
    "status": "在任",
}
ROWS_WITH_LISTS = 2000


def write_roster_template(
    out_path: Path, *, stations: Sequence[str] = (), groups: Sequence[str] = ()
) -> None:
    """The template with drop-down lists of these stations and special groups."""
    wb = Workbook()
    ws = wb.active
    ws.title = "团代表名册"
    ws.cell(
        row=1,
        column=1,
        value="填写说明：一人一行；姓名必填；身份证号列已设为文本，请勿改成数字；"
        "灰色一行是示例，导入前请删除。",
    ).font = Font(color="808080")
    lists = wb.create_sheet("下拉选项")
    list_columns = {
        "gender": ["男", "女"],
        "level": [str(v) for v in DelegateLevel],
        "station": list(stations),
        "groups": list(groups),
        "status": ["在任", "免职", "辞职", "届满"],
    }
    for col, column in enumerate(ROSTER_COLUMNS, 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = column.width
        example = ws.cell(row=HEADER_ROW + 1, column=col, value=EXAMPLE.get(column.field))
        example.font = Font(color="999999", italic=True)
        if column.text or column.field == "birth_date":
            for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + ROWS_WITH_LISTS):
                ws.cell(row=row, column=col).number_format = "@"
        values = list_columns.get(column.field)
        if values:
            list_col = len(lists[1]) + 1 if lists.max_row > 1 or lists["A1"].value else 1
            for i, value in enumerate(values, 1):
                put(lists, i, list_col, value)
            letter = lists.cell(row=1, column=list_col).column_letter
            validation = DataValidation(
                type="list",
                formula1=f"'下拉选项'!${letter}$1:${letter}${len(values)}",
                allow_blank=True,
                showErrorMessage=column.field not in ("groups", "station"),
                errorTitle="请从列表中选择",
                error=f"“{column.header}”请从下拉列表中选择",
            )
            target = ws.cell(row=HEADER_ROW + 1, column=col).column_letter
            validation.add(f"{target}{HEADER_ROW + 1}:{target}{HEADER_ROW + ROWS_WITH_LISTS}")
            ws.add_data_validation(validation)
    lists.sheet_state = "hidden"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    wb.save(out_path)
