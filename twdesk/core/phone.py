"""Phone numbers: mainland mobiles and landlines with area code."""

from __future__ import annotations

import re

from twdesk.core.normalize import to_halfwidth

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3})-?(\d{7,8})(?:(?:转|-|ext\.?)(\d{1,6}))?")


def normalize_phone(s: str) -> str:
    """Mobiles as 11 digits; landlines as 0839-7202201 (with 转123 for an extension)."""
    text = re.sub(r"[\s.()（）]", "", to_halfwidth(str(s or "")))
    digits = re.sub(r"^(\+?0{0,2}86)(?=1[3-9]\d{9}$)", "", text.replace("-", ""))
    if _MOBILE.fullmatch(digits):
        return digits
    if digits.isdigit() and digits.startswith("0") and "-" not in text:
        # area codes are 010 and 02x, or four digits elsewhere
        area = 3 if digits[1] in "12" else 4
        text = f"{digits[:area]}-{digits[area:]}"
    m = _LANDLINE.fullmatch(text)
    if m:
        area, number, ext = m.groups()
        if len(area) + len(number) in (10, 11, 12):
            return f"{area}-{number}" + (f"转{ext}" if ext else "")
    return text


def validate_phone(s: str) -> list[str]:
    """Chinese problems (empty when valid or empty)."""
    text = normalize_phone(s)
    if not text:
        return []
    if _MOBILE.fullmatch(text):
        return []
    m = _LANDLINE.fullmatch(text)
    if m and len(m.group(1)) + len(m.group(2)) in (10, 11, 12):
        return []
    if text.isdigit() and text.startswith("1"):
        return [f"手机号应为 11 位，实际为 {len(text)} 位"]
    if text.isdigit() and len(text) in (7, 8):
        return ["固定电话缺少区号"]
    return ["不是有效的手机号或固定电话"]
