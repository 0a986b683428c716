"""Normalising what people type into spreadsheets: widths, spaces, numbers, dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f·]")
_EXCEL_EPOCH = date(1899, 12, 30)

ROUNDED_ID_MESSAGE = (
    "Excel 把这个身份证号当作数字保存，只保留了 15 位有效数字，后面几位已经丢失，无法恢复。"
    "请在 Excel 中把整列的单元格格式设为“文本”，再从原始资料重新输入或粘贴这些号码"
)


def to_halfwidth(s: str) -> str:
    """Full-width digits, letters, punctuation and the ideographic space → ASCII."""
    return s.translate(_FULLWIDTH_TABLE)


def clean_text(value: object) -> str:
    """A cell as text: None → "", 13602677354.0 → "13602677354", trimmed, half-width."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():  # the common case, fast
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    return to_halfwidth(str(value)).replace("\u00a0", " ").strip()


def clean_prose(value: object) -> str:
    """Free text (notes, reasons): trimmed, Chinese punctuation kept as typed (，。、)."""
    if not isinstance(value, str):
        return clean_text(value)
    return value.replace("\u00a0", " ").strip(" \t\r\n\u3000")


def clean_name(value: object) -> str:
    """Names: 张　三 / "张 三" → 张三; Latin names keep single spaces."""
    text = clean_text(value)
    if _CJK.search(text):
        return _SPACES.sub("", text)
    return _SPACES.sub(" ", text)


def parse_date(value: object) -> date | None:
    """A date from a cell: date objects, Excel serial numbers, and the ways people write them.

    Month-only forms (1995.03, 1995年3月) give the first of the month. Raises ValueError with a
    Chinese message naming the value when it cannot be read.
    """
    return parse_date_precision(value)[0]


def parse_date_precision(value: object) -> tuple[date | None, bool]:
    """`parse_date`, and whether the cell gave the day (False for 1995.03 or 1995年3月)."""
    if value is None or value == "":
        return None, True
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial number (1954–2119)
            return _EXCEL_EPOCH + timedelta(days=int(value)), True
        value = clean_text(value)
    text = re.sub(r"\s", "", clean_text(value))
    if not text:
        return None, True
    patterns = (
        r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?",
        r"(\d{4})[.\-/年](\d{1,2})月?",
        r"(\d{4})(\d{2})(\d{2})",
        r"(\d{4})(\d{2})",
    )
    for pattern in patterns:
        m = re.fullmatch(pattern, text)
        if m:
            parts = [int(g) for g in m.groups()]
            year, month, day = parts[0], parts[1], parts[2] if len(parts) > 2 else 1
            try:
                return date(year, month, day), len(parts) > 2
            except ValueError:
                raise ValueError(f"“{text}”不是有效日期") from None
    raise ValueError(f"无法识别日期“{text}”")


def excel_rounded_id(value: object) -> bool:
    """True when an ID-number cell reached us as a number: its last digits are already gone."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return abs(value) >= 1e14
    text = clean_text(value)
    return bool(re.fullmatch(r"\d(\.\d+)?[eE]\+?1[4-8]", text))
