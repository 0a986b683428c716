"""A year's evaluation results as .xlsx: one sheet per station, every indicator by stage.

Two header rows: the indicator (“3.驻站坐班”, merged over its five columns) above 建议 / 自评 /
组织评价 / 复核 / 最终; the single columns are merged over both rows. Panes are frozen under the
header and right of 名次 / 姓名 / 联络站. Every text goes through `cells.put` (never a formula).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from twdesk.core.evaluation_view import STAGES, DelegateResult, StationYear, number
from twdesk.excel.cells import put

HEADER_FILL = PatternFill("solid", fgColor="C00000")
SUB_FILL = PatternFill("solid", fgColor="F3E5E3")
HEADER_FONT = Font(bold=True, color="FFFFFF")
OVERRIDE_FILL = PatternFill("solid", fgColor="FFF2C2")  # a stage score other than the suggestion
TIE_FILL = PatternFill("solid", fgColor="FFE0B2")
THIN = Side(style="thin", color="BBBBBB")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

LEAD = (("名次", 6), ("姓名", 10), ("联络站", 18))
SUB = ("建议", *(str(s) for s in STAGES), "最终")
TAIL = (
    ("加分", 6),
    ("否决", 22),
    ("总分", 7),
    ("等次", 9),
    ("并列待定", 9),
    ("后续处理", 24),
    ("阶段", 9),
    ("已锁定", 7),
)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

Progress = Callable[[int, int], None]


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "联络站"
    title, n = base[:31], 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _header(ws: Worksheet, station: StationYear) -> int:
    """Write the two header rows; return the number of columns."""

    def head(row: int, col: int, value: str, fill: PatternFill = HEADER_FILL) -> None:
        cell = put(ws, row, col, value)
        cell.fill, cell.alignment, cell.border = fill, CENTER, BOX
        cell.font = HEADER_FONT if fill is HEADER_FILL else Font(bold=True)

    col = 1
    for name, width in LEAD:
        head(1, col, name)
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        ws.column_dimensions[get_column_letter(col)].width = width
        col += 1
    for ind in station.scheme.indicators:
        head(1, col, f"{ind.seq}.{ind.name}")
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(SUB) - 1)
        for i, sub in enumerate(SUB):
            head(2, col + i, sub, SUB_FILL)
            ws.column_dimensions[get_column_letter(col + i)].width = 6 if i < 4 else 7
        col += len(SUB)
    for name, width in TAIL:
        head(1, col, name)
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        ws.column_dimensions[get_column_letter(col)].width = width
        col += 1
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "D3"
    return col - 1


def _row(ws: Worksheet, row: int, station: StationYear, d: DelegateResult) -> None:
    values: list[object] = [d.rank, d.name, d.station]
    by_seq = {i.seq: i for i in d.indicators}
    overridden: list[int] = []
    for ind in station.scheme.indicators:
        result = by_seq.get(ind.seq)
        if result is None:
            values.extend([None] * len(SUB))
            continue
        for stage in STAGES:
            if result.overridden(stage):
                overridden.append(len(values) + 2 + STAGES.index(stage))
        values.extend(
            [
                number(result.suggested),
                *(number(result.score(stage)) for stage in STAGES),
                number(result.final),
            ]
        )
    values.extend(
        [
            number(d.bonus),
            d.veto,
            number(d.total),
            d.grade,
            "是" if d.quota_tie else None,
            d.consequence,
            d.stage,
            "是" if d.locked else "否",
        ]
    )
    for col, value in enumerate(values, 1):
        cell = put(ws, row, col, value)
        if d.quota_tie:  # styles only where they say something: setting one is slow
            cell.fill = TIE_FILL
    for col in overridden:
        ws.cell(row=row, column=col).fill = OVERRIDE_FILL


def write_results(
    path: Path, stations: Sequence[StationYear], *, progress: Progress | None = None
) -> int:
    """One sheet per station (named after it), delegates by rank; returns the rows written."""
    wb = Workbook()
    wb.remove(wb.active)
    total = sum(len(s.delegates) for s in stations)
    taken: set[str] = set()
    done = 0
    if not stations:
        put(wb.create_sheet("考核结果"), 1, 1, "没有考核结果")
    for station in stations:
        ws = wb.create_sheet(_sheet_title(station.station, taken))
        columns = _header(ws, station)
        for r, d in enumerate(station.delegates, 3):
            _row(ws, r, station, d)
            done += 1
            if progress:
                progress(done, total)
        last = get_column_letter(columns)
        ws.auto_filter.ref = f"A2:{last}{len(station.delegates) + 2}"
    wb.save(path)
    return done
