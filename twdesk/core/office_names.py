"""The county an office's name starts with (新建本单位数据库 proposes it)."""

from __future__ import annotations

OFFICE_SUFFIXES = ("团委", "委员会")


def county_from_office(office: str) -> str:
    """「青川县团委」 → 「青川县」: the county the office's name starts with, or ''."""
    name = office.strip().removeprefix("共青团")
    for suffix in OFFICE_SUFFIXES:
        name = name.removesuffix(suffix)
    return name if name.endswith(("县", "市", "区", "旗")) else ""
