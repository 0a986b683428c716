"""Reading the spreadsheets offices have: .xlsx/.xls/.ods (python-calamine), the ".xls" files web
systems export (HTML tables, Excel 2003 XML) and .csv — recognised by content, not extension.

Rows keep the numbers the spreadsheet shows, so every message can say 第N行. The header row
is found below title rows by matching cells against the column names offices use.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from twdesk.core.errors import UserError
from twdesk.core.normalize import clean_text, to_halfwidth

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


SAVE_AS_XLSX = (
    "请用 Excel 或 WPS 打开原来的表格，另存为 .xlsx"
    "（文件 → 另存为 → 保存类型选“Excel 工作簿”）后再导入。"
)
_SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_MAX_ROWS, _MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits
_ARCHIVE_MAGIC = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")


def unreadable(path: Path, what: str) -> SpreadsheetError:
    """The message for a file that is not a table: what it is and how to save it as .xlsx."""
    return SpreadsheetError(f"无法读取「{path.name}」：{what}，不是可以导入的表格。{SAVE_AS_XLSX}")


def read_rows(path: Path) -> SheetData:
    """The first sheet with data, whatever the file really is (its content decides, not its
    extension): .xlsx/.xls/.ods, HTML tables and Excel 2003 XML saved as .xls, CSV text."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(f"找不到文件「{path}」。")
    if path.is_dir():
        raise SpreadsheetError(f"「{path.name}」是一个文件夹，请选择其中的表格文件。")
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise SpreadsheetError(
            f"无法打开「{path.name}」：{exc.strerror or exc}。如果文件正在 Excel 或 WPS 中打开，"
            "请先关闭它再导入。"
        ) from exc
    if not head:
        raise unreadable(path, "这是一个空文件（0 字节）")
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return _read_workbook(path, head)
    if head.startswith(b"%PDF"):
        raise unreadable(path, "这是一个 PDF 文件")
    if head.startswith(_IMAGE_MAGIC):
        raise unreadable(path, "这是一张图片")
    if head.startswith(_ARCHIVE_MAGIC):
        raise unreadable(path, "这是一个压缩包")
    if head.startswith(b"{\\rtf"):
        raise unreadable(path, "这是一个 RTF（Word）文档")
    text = _decode(path.read_bytes(), path)
    start = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if 'progid="excel.sheet"' in start.replace("'", '"') or _SPREADSHEET_NS in text[:4096]:
        return _read_spreadsheet_xml(path, text)
    if re.search(r"<table[\s>]", text[:1_000_000], re.IGNORECASE):
        return _read_html(path, text)
    if start.startswith(("<html", "<!doctype", "<?xml")):
        raise unreadable(path, "这是一个网页或 XML 文件，里面没有表格")
    return _read_csv(path, text)


def _read_workbook(path: Path, head: bytes) -> SheetData:
    """A real workbook (zip or OLE container), read by calamine."""
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
    except Exception as exc:
        raise unreadable(path, _container_kind(path, head)) from exc
    if best is None or not best[0]:
        raise SpreadsheetError(f"「{path.name}」中没有任何数据。")
    return SheetData(rows=[list(r) for r in best[2]], sheet_name=best[1])


def _container_kind(path: Path, head: bytes) -> str:
    """What a zip or OLE file that calamine cannot read really is."""
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError):
            return "文件已损坏（可能没有下载或复制完整）"
        if any(n.startswith("word/") for n in names):
            return "这是一个 Word 文档"
        if any(n.startswith("ppt/") for n in names):
            return "这是一个 PowerPoint 演示文稿"
        if any(n.startswith("xl/") for n in names):
            return "这个 Excel 文件已损坏"
        return "这是一个压缩包"
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "这个 Excel 文件设置了打开密码（已加密），请先去掉密码"
    if "WordDocument".encode("utf-16-le") in data:
        return "这是一个 Word 文档"
    if "PowerPoint".encode("utf-16-le") in data:
        return "这是一个 PowerPoint 演示文稿"
    return "这个 Excel 文件已损坏，或不是 Excel 文件"


def _decode(raw: bytes, path: Path) -> str:
    """Text files from web systems: BOMs, a declared charset (meta or XML), else UTF-8 or GBK."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    controls = sum(1 for b in raw[:4096] if b < 32 and b not in (9, 10, 13))
    if controls > len(raw[:4096]) // 100:  # binary, not text
        raise unreadable(path, "这个文件的内容无法识别（可能已损坏，或是其他程序的文件）")
    declared = re.search(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_\-]+)""", raw[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        if encoding in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
            encoding = "gb18030"
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise SpreadsheetError(
        f"无法识别「{path.name}」的文字编码，请另存为 .xlsx。"
    )  # pragma: no cover


def _read_html(path: Path, text: str) -> SheetData:
    """A web system's ".xls" that is an HTML table: the largest table, every cell as text (ID
    numbers stay whole), row and column spans laid out as Excel shows them."""
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        document = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises several kinds for broken markup
        raise unreadable(path, "这个网页格式的表格已损坏") from exc
    tables = document.xpath("//table")
    if not tables:
        raise unreadable(path, "这是一个网页文件，里面没有表格")

    def own_rows(table: object) -> list:
        return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")  # type: ignore[attr-defined]

    table = max(tables, key=lambda t: len(own_rows(t)))
    rows: list[list[object]] = []
    pending: dict[tuple[int, int], str] = {}  # cells covered by a rowspan from above
    for r, tr in enumerate(own_rows(table)):
        row: list[object] = []
        col = 0
        for cell in tr.xpath("./td|./th"):
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            value = " ".join(cell.text_content().split())
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for c in range(span):
                row.append(value if c == 0 else "")
                for d in range(1, down):
                    pending[(r + d, col + c)] = ""
            col += span
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        rows.append(row)
    if not any(any(c for c in row) for row in rows):
        raise SpreadsheetError(f"「{path.name}」中没有任何数据。")
    return SheetData(rows=rows, sheet_name=path.stem)


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 1000)
    except ValueError:
        return 1


def _read_spreadsheet_xml(path: Path, text: str) -> SheetData:
    """Excel 2003 XML Spreadsheet (ss:Workbook/Worksheet/Table/Row/Cell/Data), with ss:Index
    skips and merged cells; long numbers stay as written, so ID numbers stay whole."""
    from lxml import etree

    ns = {"ss": _SPREADSHEET_NS}
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise unreadable(path, "这个 Excel 2003 XML 表格已损坏") from exc
    for sheet in root.iterfind("ss:Worksheet", ns):
        rows: list[list[object]] = []
        for row_el in sheet.iterfind("ss:Table/ss:Row", ns):
            index = _index(row_el.get(_ss("Index")))
            while index and len(rows) < min(index - 1, _MAX_ROWS):
                rows.append([])
            row: list[object] = []
            for cell in row_el.iterfind("ss:Cell", ns):
                at = min(_index(cell.get(_ss("Index"))), _MAX_COLUMNS)
                row += [""] * max(at - 1 - len(row), 0)
                data = cell.find("ss:Data", ns)
                row.append(_xml_value(data) if data is not None else "")
                row += [""] * min(_index(cell.get(_ss("MergeAcross"))), _MAX_COLUMNS)
            rows.append(row)
        if any(any(c not in ("", None) for c in r) for r in rows):
            return SheetData(rows=rows, sheet_name=sheet.get(_ss("Name"), ""))
    raise SpreadsheetError(f"「{path.name}」中没有任何数据。")


def _ss(name: str) -> str:
    return f"{{{_SPREADSHEET_NS}}}{name}"


def _index(value: str | None) -> int:
    """An ss:Index or ss:MergeAcross number; 0 when absent or not a number."""
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _xml_value(data: object) -> object:
    text = "".join(data.itertext())  # type: ignore[attr-defined]
    kind = data.get(_ss("Type"), "String")  # type: ignore[attr-defined]
    if kind == "Number":
        if re.fullmatch(r"-?\d{1,15}", text.strip()):
            return int(text)
        if re.fullmatch(r"-?\d+", text.strip()):
            return text.strip()  # more digits than a number keeps: an ID number, kept whole
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            value = datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text
        return value.date() if value.time() == datetime.min.time() else value
    if kind == "Boolean":
        return text.strip() == "1"
    return text


def _read_csv(path: Path, text: str) -> SheetData:
    sample = text[:4096]
    if not any(sep in sample for sep in ",;\t，"):
        raise unreadable(path, "这是一个纯文本文件，里面没有表格")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if not any(any(c.strip() for c in r) for r in rows):
        raise SpreadsheetError(f"「{path.name}」中没有任何数据。")
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
    filled = [c for c in cells if c not in (None, "")][:3]
    return any(header_key(c).startswith(TOTAL_WORDS) for c in filled)


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
