"""The blank scoring sheet (考核评分表) the evaluation import reads back: one row per delegate,
one column per indicator, 加分, 否决, 备注; a second sheet 说明 lists the indicators with their
rules, the bonus items and the veto situations by number."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from twdesk.core.evaluation_rules import Scheme, fmt
from twdesk.excel.cells import put
from twdesk.excel.evaluation_columns import (
    FORM_FIELDS,
    FORM_TAIL,
    HEADER_OF,
    INDICATOR_WIDTH,
    WIDTH_OF,
    indicator_header,
)

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="C00000")
_WRAP = Alignment(wrap_text=True, vertical="top")
DEFAULT_REASON = "按纸质评分表录入"


def instructions(scheme: Scheme) -> list[str]:
    """How to fill the sheet, one sentence each (the 说明 sheet; the tab can show them too)."""
    return [
        "每位代表一行；同名代表靠“联络站”列区分，请勿修改姓名和联络站。",
        "指标列留空表示采用系统建议分（本阶段已录入过的，保留原来的分数）。",
        "分数填数字，最多一位小数，不超过该项满分，不能为负数。",
        "与建议分不同的分数需要理由：写在“备注”列，作为这一行所有调整的理由；"
        f"备注为空时，理由记为“{DEFAULT_REASON}”。",
        f"加分填合计分值，计入总分时最多 {fmt(scheme.bonus_cap)} 分；留空表示不变。",
        "否决：填写下表中否决情形的序号（如 3）或原文；没有否决的留空。",
        "导入：在“履职考核”页选择“导入评分表”，或运行 "
        "twdesk import evaluation 文件 --db 数据库 --year 年份 --stage 自评|组织评价|复核。",
        "往年的纸质结果也可只填“姓名、联络站、总分、等次”四列导入（不要指标列）。",
    ]


def _head(ws: Worksheet, row: int, headers: Sequence[tuple[str, int]]) -> None:
    for col, (text, width) in enumerate(headers, 1):
        cell = put(ws, row, col, text)
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)


def _scores_sheet(
    ws: Worksheet, title: str, scheme: Scheme, rows: Sequence[tuple[str, str]]
) -> None:
    ws.title = "评分表"
    headers = [(HEADER_OF[f], WIDTH_OF[f]) for f in FORM_FIELDS]
    headers += [(indicator_header(ind), INDICATOR_WIDTH) for ind in scheme.indicators]
    headers += [(HEADER_OF[f], WIDTH_OF[f]) for f in FORM_TAIL]
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    _head(ws, 2, headers)
    ws.row_dimensions[2].height = 42
    last = len(rows) + 2
    for r, (name, station) in enumerate(rows, 3):
        put(ws, r, 1, name)
        put(ws, r, 2, station)
    first_indicator = len(FORM_FIELDS) + 1
    for offset, ind in enumerate(scheme.indicators):
        letter = get_column_letter(first_indicator + offset)
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=fmt(ind.points),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="分数超出范围",
            error=f"“{ind.name}”的分数应在 0 到 {fmt(ind.points)} 分之间",
        )
        check.add(f"{letter}3:{letter}{max(last, 3)}")
        ws.add_data_validation(check)
    bonus = get_column_letter(first_indicator + len(scheme.indicators))
    check = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="加分有误",
        error="加分不能为负数",
    )
    check.add(f"{bonus}3:{bonus}{max(last, 3)}")
    ws.add_data_validation(check)
    ws.freeze_panes = "C3"


def _notes_sheet(ws: Worksheet, scheme: Scheme) -> None:
    ws.title = "说明"
    for letter, width in zip("ABCDE", (6, 24, 8, 40, 50), strict=True):
        ws.column_dimensions[letter].width = width
    row = 1
    put(ws, row, 1, f"考核方案：{scheme.name}").font = Font(bold=True, size=13)
    row += 2
    put(ws, row, 1, "填写说明").font = Font(bold=True)
    for number, line in enumerate(instructions(scheme), 1):
        row += 1
        put(ws, row, 1, number)
        put(ws, row, 2, line)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
    row += 2
    _head(ws, row, [("序号", 6), ("指标", 24), ("满分", 8), ("计分规则", 40), ("说明", 50)])
    for ind in scheme.indicators:
        row += 1
        put(ws, row, 1, ind.seq)
        put(ws, row, 2, ind.name)
        put(ws, row, 3, fmt(ind.points))
        put(ws, row, 4, ind.rule.describe(ind.points)).alignment = _WRAP
        put(ws, row, 5, ind.description).alignment = _WRAP
    row += 2
    _head(ws, row, [("序号", 6), ("否决情形（任一项即为不称职）", 24)])
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    for number, text in enumerate(scheme.veto_items, 1):
        row += 1
        put(ws, row, 1, number)
        put(ws, row, 2, text)
    row += 2
    _head(ws, row, [("", 6), (f"加分项（合计最多 {fmt(scheme.bonus_cap)} 分）", 24), ("分值", 8)])
    for number, (text, points) in enumerate(scheme.bonus_items, 1):
        row += 1
        put(ws, row, 1, number)
        put(ws, row, 2, text)
        put(ws, row, 3, fmt(points))


def write_form(path: Path, *, title: str, scheme: Scheme, rows: Sequence[tuple[str, str]]) -> int:
    """The scoring sheet for ``rows`` of (name, station); returns how many rows."""
    wb = Workbook()
    _scores_sheet(wb.active, title, scheme, rows)
    _notes_sheet(wb.create_sheet(), scheme)
    wb.save(path)
    return len(rows)
