"""Reading real spreadsheet files: row numbers as shown, header detection, encodings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from twdesk.core.normalize import clean_name, clean_text, excel_rounded_id, parse_date, to_halfwidth
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.excel.reader import SpreadsheetError, data_rows, find_header, read_rows

DATA = Path(__file__).parent / "data"
ALIASES = {
    "name": ("姓名", "名字"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码"),
    "phone": ("手机", "手机号码", "联系电话"),
    "birth_date": ("出生年月", "出生日期"),
}


def test_xlsx_with_title_rows_keeps_excel_row_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "青川县团代表名册"
    ws.merge_cells("B2:E2")
    ws["B3"] = "填报单位：县团委"
    ws["B4"], ws["C4"], ws["D4"] = "姓 名", "身份证号码（必填）", "手机号码"
    ws["B5"], ws["D5"] = "张三", 13812345678
    ws["B7"], ws["C7"] = "李四", "511825199503072011"
    ws["B8"], ws["C8"] = "合计", "2人"
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    sheet = read_rows(path)
    header = find_header(sheet.rows, ALIASES)
    assert header is not None and sheet.row_number(header.row_index) == 4
    assert header.columns == {"name": 1, "id_number": 2, "phone": 3}
    assert header.headers[2] == "身份证号码（必填）"
    rows = list(data_rows(sheet, header))
    assert [r for r, _ in rows] == [5, 7]
    assert clean_text(rows[0][1][3]) == "13812345678"


def test_two_row_header_under_merged_group_titles(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "联系方式", None, "备注"])
    ws.merge_cells("B1:C1")
    ws.append([None, "手机号码", "微信", None])
    ws.append(["王芳", "13900001111", "wf01", ""])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    sheet = read_rows(path)
    header = find_header(sheet.rows, ALIASES)
    assert header is not None and header.height == 2
    assert header.columns == {"name": 0, "phone": 1}
    assert [r for r, _ in data_rows(sheet, header)] == [3]


def test_xls_97_2003() -> None:
    sheet = read_rows(DATA / "roster_97.xls")
    header = find_header(sheet.rows, ALIASES)
    assert header is not None and sheet.row_number(header.row_index) == 3
    rows = list(data_rows(sheet, header))
    assert [(r, cells[0]) for r, cells in rows] == [(4, "区可"), (5, "仇明")]
    assert parse_date(rows[0][1][2]) == date(1999, 6, 1)
    assert clean_text(rows[1][1][4]) == "13600001111"


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("gbk", ","), ("utf-8-sig", ","), ("utf-8", ";"), ("gb18030", "\t")]
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    name = "曾雪" if encoding == "gbk" else "曾䶮"
    text = (
        delimiter.join(["姓名", "身份证号", "手机"])
        + "\n"
        + delimiter.join([name, "511825199503072011", "13812345678"])
        + "\n"
    )
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    sheet = read_rows(path)
    header = find_header(sheet.rows, ALIASES)
    assert header is not None and header.columns == {"name": 0, "id_number": 1, "phone": 2}
    [(row, cells)] = list(data_rows(sheet, header))
    assert row == 2 and cells[1] == "511825199503072011" and cells[0] == name


def test_unreadable_files_get_a_chinese_message(tmp_path: Path) -> None:
    fake = tmp_path / "名册.xlsx"
    fake.write_text("这其实是一个文本文件", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="无法读取"):
        read_rows(fake)
    doc = tmp_path / "名册.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(SpreadsheetError, match=r"另存为 \.xlsx"):
        read_rows(doc)


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E)))
def test_halfwidth_of_fullwidth_is_ascii(s: str) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in s)
    assert to_halfwidth(full) == s


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1995.03", date(1995, 3, 1)),
        ("1995-3", date(1995, 3, 1)),
        ("1995年3月", date(1995, 3, 1)),
        ("1995年3月12日", date(1995, 3, 12)),
        ("1995/03/12", date(1995, 3, 12)),
        ("19950312", date(1995, 3, 12)),
        ("１９９５．０３", date(1995, 3, 1)),
        (34770, date(1995, 3, 12)),
        (date(1995, 3, 12), date(1995, 3, 12)),
        ("", None),
    ],
)
def test_dates_as_people_write_them(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_bad_dates_name_the_value() -> None:
    with pytest.raises(ValueError, match="1995-13-01"):
        parse_date("1995-13-01")
    with pytest.raises(ValueError, match="去年"):
        parse_date("去年")


def test_names_numbers_and_the_rounded_id_trap() -> None:
    assert clean_name("张　三") == clean_name(" 张 三 ") == "张三"
    assert clean_name("Anna  Li") == "Anna Li"
    assert clean_text(13602677354.0) == "13602677354"
    assert excel_rounded_id(5.11825199503071e17) and excel_rounded_id(511825199503071000)
    assert excel_rounded_id("5.11825E+17")
    assert not excel_rounded_id("511825199503072011")


@pytest.mark.parametrize(
    ("raw", "stored", "ok"),
    [
        ("138 1234 5678", "13812345678", True),
        ("+86 138-1234-5678", "13812345678", True),
        ("１３８１２３４５６７８", "13812345678", True),
        ("08397202201", "0839-7202201", True),
        ("010 8765 4321", "010-87654321", True),
        ("1381234", "1381234", False),
        ("7202201", "7202201", False),
    ],
)
def test_phones(raw: str, stored: str, ok: bool) -> None:
    assert normalize_phone(raw) == stored
    assert (validate_phone(raw) == []) is ok
