"""Chinese resident ID numbers (GB 11643-1999) and masking of personal numbers."""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"ｘ": "X", "Ｘ": "X"})


def normalize_id_number(s: str) -> str:
    """Strip spaces (also full-width), full-width digits to ASCII, lower-case x to X."""
    return re.sub(r"[\s\u3000]", "", str(s)).translate(_FULLWIDTH).upper()


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def validate_id_number(s: str, *, today: date | None = None) -> list[str]:
    """Problems with an ID number, in Chinese; an empty list means it is valid."""
    s = normalize_id_number(s)
    if len(s) != 18:
        return [f"身份证号应为 18 位，实际为 {len(s)} 位"]
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return ["身份证号前 17 位应为数字，最后一位为数字或 X"]
    try:
        born = birth_date_from_id(s)
    except ValueError:
        return [f"身份证号中的出生日期 {s[6:14]} 不是有效日期"]
    if born > (today or date.today()):
        return [f"身份证号中的出生日期 {born:%Y-%m-%d} 在今天之后"]
    expected = check_digit(s[:17])
    if s[17] != expected:
        return [f"校验位应为 {expected}，实际为 {s[17]}，请核对号码是否抄错"]
    return []


def birth_date_from_id(s: str) -> date:
    s = normalize_id_number(s)
    return date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def gender_from_id(s: str) -> str:
    """男 when the 17th digit is odd, 女 when even."""
    return "男" if int(normalize_id_number(s)[16]) % 2 else "女"


def make_id_number(region: str, birth: date, seq: int, gender: str) -> str:
    """A valid number for `region` (6 digits), birth date, sequence (0-99) and gender."""
    order = (seq % 100) * 10 + (1 if gender == "男" else 0)
    order = order if gender == "男" or order % 2 == 0 else order - 1
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)


def mask_id_number(s: str) -> str:
    """511825********2011: first 6 and last 4 kept; short input keeps at most 2 characters."""
    s = normalize_id_number(s or "")
    if not s:
        return ""
    if len(s) >= 15:
        return f"{s[:6]}{'*' * (len(s) - 10)}{s[-4:]}"
    if len(s) <= 4:
        return "*" * len(s)
    return f"{s[:1]}{'*' * (len(s) - 2)}{s[-1:]}"


def mask_phone(s: str) -> str:
    """138****5678 for mobiles; landlines keep the area code and the last 2 digits."""
    digits = re.sub(r"\D", "", (s or "").translate(_FULLWIDTH))
    if not digits:
        return ""
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if digits.startswith("0") and len(digits) >= 10:
        area = 3 if digits[1] in "12" else 4
        return f"{digits[:area]}-{'*' * (len(digits) - area - 2)}{digits[-2:]}"
    if len(digits) <= 4:
        return "*" * len(digits)
    return f"{'*' * (len(digits) - 2)}{digits[-2:]}"
