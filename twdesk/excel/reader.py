"""Reading the spreadsheets offices have: .xlsx/.xls/.ods (python-calamine) and .csv.

Rows keep the numbers the spreadsheet shows, so every message can say 第N行. The header row
is found below title rows by matching cells against the column names offices use.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from twdesk.core.errors import UserError
from twdesk.core.normalize import clean_text, to_halfwidth

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
TOTAL_WORDS = ("合计", "总计", "小计", "共计")


class SpreadsheetError(UserError):
    """The file cannot be read as a table; the message says what to do."""


@dataclass
class SheetData:
    rows: list[list[object]]
    sheet_name: str = ""
    first_row_number: int = 1  # the spreadsheet's number of rows[0]

    def row_number(self, index: int) -> int:
        return self.first_row_number + index


@dataclass
class HeaderMatch:
    row_index: int
    columns: dict[str, int]  # field → column index
    headers: list[str]  # the header text of every column, as written
    unknown: list[str] = field(default_factory=list)
    height: int = 1  # rows the header takes (2 when split under merged group titles)


def header_key(text: object) -> str:
    """姓 名 / 身份证号码（必填） / *手机 → 姓名 / 身份证号码 / 手机."""
    key = re.sub(r"[\s\u3000]", "", to_halfwidth(clean_text(text)))
    key = re.sub(r"[(\[][^)\]]*[)\]]$", "", key)
    return key.strip("*:：")


def read_rows(path: Path) -> SheetData:
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(f"找不到文件「{path}」。")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
    if suffix not in SPREADSHEET_SUFFIXES:
        raise SpreadsheetError(
            f"「{path.name}」不是支持的表格格式。请用 Excel 或 WPS 另存为 .xlsx（或 .xls、.csv）后再导入。"
        )
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        best: tuple[int, str, list[list[object]]] | None = None
        for meta in workbook.sheets_metadata:
            if str(meta.visible).endswith("Visible") is False:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            filled = sum(1 for r in rows if any(c not in ("", None) for c in r))
            if best is None or (filled and not best[0]):
                best = (filled, meta.name, rows)
            if filled:
                break
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise SpreadsheetError(
            f"无法读取「{path.name}」：文件可能已损坏、已加密，或并不是表格文件（{type(exc).__name__}）。"
            "请用 Excel 或 WPS 打开确认，另存为 .xlsx 后再导入。"
        ) from exc
    if best is None or not best[0]:
        raise SpreadsheetError(f"「{path.name}」中没有任何数据。")
    return SheetData(rows=[list(r) for r in best[2]], sheet_name=best[1])


def _read_csv(path: Path) -> SheetData:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise SpreadsheetError(f"无法识别「{path.name}」的文字编码，请另存为 UTF-8 或 .xlsx。")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return SheetData(rows=rows, sheet_name=path.stem)


def _build_lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(name): field_name for field_name, names in aliases.items() for name in names}


def _display(cell: object) -> str:
    return re.sub(r"[\s\u3000]+", " ", str(cell)).strip() if cell not in (None, "") else ""


def find_header(
    rows: list[list[object]], aliases: dict[str, tuple[str, ...]], *, max_scan: int = 20
) -> HeaderMatch | None:
    """The row (among the first `max_scan`) whose cells match the most known column names.

    A header split over two rows (group titles in merged cells above the real names) is
    joined: where the upper cell matches nothing, the lower one is used.
    """
    lookup = _build_lookup(aliases)

    def score(headers: list[str]) -> int:
        return len({lookup[header_key(h)] for h in headers if header_key(h) in lookup})

    best: HeaderMatch | None = None
    best_score = 1
    for index, row in enumerate(rows[:max_scan]):
        headers = [_display(c) for c in row]
        height = 1
        own = score(headers)
        if own >= 1 and index + 1 < len(rows):
            below = [_display(c) for c in rows[index + 1]]
            below += [""] * (len(headers) - len(below))
            headers += [""] * (len(below) - len(headers))
            merged = [
                b if header_key(h) not in lookup and header_key(b) in lookup else h
                for h, b in zip(headers, below, strict=True)
            ]
            if score(merged) > own and score(merged) > score(below):
                headers, height = merged, 2
        found = score(headers)
        if found > best_score:
            columns: dict[str, int] = {}
            for col, text in enumerate(headers):
                field_name = lookup.get(header_key(text))
                if field_name and field_name not in columns:
                    columns[field_name] = col
            unknown = [h for h in headers if h and header_key(h) not in lookup]
            best, best_score = HeaderMatch(index, columns, headers, unknown, height), found
    return best


def guess_header(rows: list[list[object]], *, max_scan: int = 20) -> HeaderMatch | None:
    """When no column name is known: the first row of two or more text cells, mapped to nothing,
    so the user can say which column is which."""
    for index, row in enumerate(rows[:max_scan]):
        filled = [c for c in row if clean_text(c)]
        if len(filled) >= 2 and all(isinstance(c, str) for c in filled):
            headers = [_display(c) for c in row]
            return HeaderMatch(index, {}, headers, [h for h in headers if h])
    return None


def _is_total(cells: list[object]) -> bool:
    texts = [header_key(c) for c in cells if clean_text(c)][:3]
    return any(t.startswith(TOTAL_WORDS) for t in texts)


def data_rows(sheet: SheetData, header: HeaderMatch) -> Iterator[tuple[int, list[object]]]:
    """(spreadsheet row number, cells) below the header; blank and total rows skipped."""
    start = header.row_index + header.height
    for index in range(start, len(sheet.rows)):
        cells = sheet.rows[index]
        if not any(clean_text(c) for c in cells):
            continue
        if _is_total(cells):
            continue
        yield sheet.row_number(index), list(cells)
