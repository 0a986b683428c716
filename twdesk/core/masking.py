"""Masking personal numbers inside free text (工作单位, 备注, 来访事由, 意见建议, log lines …).

`mask_text` finds ID numbers and phone numbers however people type them — full-width digits,
spaces or hyphens between the groups, `+86` / `86` / `0086` before a mobile, an area code in
brackets — and masks each exactly as the field maskers do (`mask_id_number`, `mask_phone`):
511825********2011, 138****5678, 0839-*****01.
"""

from __future__ import annotations

import re

from twdesk.core.idcard import mask_id_number, mask_phone

_D = "[0-9０-９]"  # a digit, half- or full-width
_S = "[ \u3000\\-－]?"  # at most one separator between groups
_NO_DIGIT_BEFORE = "(?<![0-9０-９])"
_NO_DIGIT_AFTER = "(?![0-9０-９])"
_SEVEN_DIGITS = re.compile("(?:[0-9０-９][^0-9０-９]{0,3}){7}")  # nothing shorter is masked

_ID = re.compile(
    _NO_DIGIT_BEFORE
    + "(?:"
    + f"{_D}{{6}}{_S}{_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{3}}[0-9０-９XxＸｘ]"  # 18: 6 8 4
    + "|"
    + f"{_D}{{6}}{_S}{_D}{{6}}{_S}{_D}{{3}}"  # 15: 6 6 3
    + ")"
    + "(?![0-9０-９A-Za-z])"
)
_MOBILE = re.compile(
    _NO_DIGIT_BEFORE
    + "(?P<prefix>[(（]?(?:[+＋]|00|００)?[8８][6６][)）]?[ \u3000\\-－]?)?"
    + f"(?P<number>[1１][3-9３-９]{_D}{_S}{_D}{{4}}{_S}{_D}{{4}})"
    + _NO_DIGIT_AFTER
)
_LANDLINE = re.compile(
    _NO_DIGIT_BEFORE
    + f"(?:[(（][0０]{_D}{{2,3}}[)）]|[0０]{_D}{{2,3}})"
    + f"{_S}{_D}{{3,4}}{_S}{_D}{{4}}"
    + _NO_DIGIT_AFTER
)


def _mobile(match: re.Match[str]) -> str:
    return (match.group("prefix") or "") + mask_phone(match.group("number"))


def _landline(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))  # \d also matches full-width digits
    # a 0-led run too short for area code + number is not a landline (a date, an amount)
    return mask_phone(digits) if 10 <= len(digits) <= 12 else match.group(0)


def mask_text(text: str) -> str:
    """`text` with every ID number and phone number in it masked; other text unchanged."""
    if not text or not _SEVEN_DIGITS.search(text):
        return text
    text = _ID.sub(lambda m: mask_id_number(re.sub(r"[\s\-－]", "", m.group(0))), text)
    text = _MOBILE.sub(_mobile, text)
    return _LANDLINE.sub(_landline, text)
