"""The scoring sheet's columns (考核评分表): the headers the blank form writes and the import reads
back, with the other ways offices head them, so form → fill → import round-trips.

Indicator columns depend on the scheme: indicator 3 “驻站坐班” (15 points) is written
“3.驻站坐班（满分15）” and also read as “3”, “指标3”, “第3项”, “3.驻站坐班”, “3、驻站坐班”,
“驻站坐班” … (a header typed as the number 3 in Excel reads back as 3.0: that matches too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from twdesk.core.evaluation_rules import Indicator, fmt
from twdesk.excel.reader import header_key

# field, header written, width, other names accepted on import
FIXED: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("name", "姓名", 10, ("代表姓名", "团代表姓名", "团代表")),
    ("station", "联络站", 20, ("所属联络站", "联络站名称")),
    ("bonus", "加分", 8, ("加分项", "加分合计", "加分分值")),
    ("veto", "否决", 12, ("否决项", "一票否决", "否决情形")),
    ("notes", "备注", 30, ("说明", "理由", "调整理由", "评分说明")),
    # a past year's result from paper (no indicator columns): just 总分 and 等次
    ("total", "总分", 8, ("考核总分", "考核得分", "最终得分")),
    ("grade", "等次", 8, ("考核等次", "评定等次", "等级")),
    # columns paper forms often have, read and ignored
    ("row_no", "序号", 6, ()),
    ("rank", "名次", 6, ("排名",)),
)
HEADER_OF = {f: h for f, h, _w, _m in FIXED}
WIDTH_OF = {f: w for f, _h, w, _m in FIXED}
FORM_FIELDS = ("name", "station")  # before the indicators
FORM_TAIL = ("bonus", "veto", "notes")  # after them
INDICATOR_WIDTH = 12

_PREFIX = "indicator:"
_SEPARATORS = ("", ".", "、", "：", ":", "-", "_")
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]$")
_LOOKS_LIKE = re.compile(r"^(?:指标|第)?\d{1,2}(?!\d)")  # “11”, “指标12”, “3.5”; not “2026年”


def indicator_field(seq: int) -> str:
    """The field an indicator's column maps to."""
    return f"{_PREFIX}{seq}"


def indicator_seq(field: str) -> int | None:
    """The indicator a field stands for, or None for the fixed columns."""
    return int(field[len(_PREFIX) :]) if field.startswith(_PREFIX) else None


def indicator_header(ind: Indicator) -> str:
    """The header the blank form writes: “3.驻站坐班（满分15）”."""
    return f"{ind.seq}.{ind.name}（满分{fmt(ind.points)}）"


def _names(name: str) -> list[str]:
    """The ways an indicator's name is written: as given, without a trailing note in brackets
    (“联系青年（1+100）” → “联系青年”), and each part of a name joined by “/”."""
    found = [name.strip()]
    bare = _TRAILING_NOTE.sub("", found[0]).strip()
    found.append(bare)
    parts = [p.strip() for p in re.split(r"[/／]", bare)]
    if len(parts) > 1:
        found += [p for p in parts if p]
    return list(dict.fromkeys(n for n in found if n))


def indicator_aliases(ind: Indicator) -> tuple[str, ...]:
    """Every header that means this indicator; the form's header first."""
    n = ind.seq
    numbers = (str(n), f"{n}.0", f"指标{n}", f"第{n}项", f"第{n}项指标")
    aliases = [indicator_header(ind), *numbers]
    for name in _names(ind.name):
        aliases.append(name)
        aliases.append(f"{name}（满分{fmt(ind.points)}）")
        for number in (str(n), f"指标{n}", f"第{n}项"):
            aliases += [f"{number}{sep}{name}" for sep in _SEPARATORS]
    return tuple(dict.fromkeys(aliases))


def aliases(indicators: Iterable[Indicator]) -> dict[str, tuple[str, ...]]:
    """field → the headers that mean it, for the import engine's Spec. A header that could mean
    two columns (two indicators sharing a name part, an indicator called “备注”) means neither
    of the indicators: the fixed columns keep their names."""
    fixed = {f: (h, *more) for f, h, _w, more in FIXED}
    taken = {header_key(a) for names in fixed.values() for a in names}
    per_indicator = {indicator_field(ind.seq): indicator_aliases(ind) for ind in indicators}
    owners: dict[str, set[str]] = {}
    for field, names in per_indicator.items():
        for alias in names:
            owners.setdefault(header_key(alias), set()).add(field)
    result = dict(fixed)
    for field, names in per_indicator.items():
        result[field] = tuple(
            a for a in names if header_key(a) not in taken and len(owners[header_key(a)]) == 1
        )
    return result


def column_fields(headers: list[str], names: Mapping[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """field → every column (0-based) whose header means it; more than one is a problem."""
    lookup = {header_key(a): f for f, all_names in names.items() for a in all_names}
    found: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        field = lookup.get(header_key(header))
        if field:
            found.setdefault(field, []).append(index)
    return found


def looks_like_indicator(header: str, indicators: Iterable[Indicator]) -> bool:
    """An unknown header that was meant as an indicator column (“11”, “指标12”, “3.学习培训”,
    “驻站坐班（满分20）”…) rather than a column of the office's own (“性别”)."""
    key = header_key(header)
    if not key:
        return False
    if "满分" in header or _LOOKS_LIKE.match(key):
        return True
    return any(name and name in key for ind in indicators for name in _names(ind.name))
