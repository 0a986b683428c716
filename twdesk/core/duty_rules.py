"""When a station's duty days (驻站坐班 / 接待日) fall: rules, holidays, and the text form of a rule.

A rule gives candidate dates; a date that is not a working day (a statutory holiday, or a
weekend that is not a make-up workday) moves to the next working day, the previous one, or is
dropped, as the station chose. Make-up workdays (调休上班) count as working days.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from twdesk.core.holidays import WorkCalendar
from twdesk.core.vocab import DutyRuleKind, OnHoliday

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAY_SHORT_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
NTH_CODES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
NTH_ZH = {1: "第一个", 2: "第二个", 3: "第三个", 4: "第四个", -1: "最后一个"}


class RuleError(ValueError):
    """A rule that cannot be understood; the message says how to write it."""


@dataclass(frozen=True)
class DutyRuleSpec:
    kind: DutyRuleKind
    weekday: int | None = None  # 0 = Monday
    month_day: int | None = None  # 1..31 (a short month uses its last day)
    nth: int | None = None  # 1..4, -1 = last
    dates: tuple[date, ...] = field(default_factory=tuple)  # hand-picked (MANUAL)

    def describe(self) -> str:
        if self.kind == DutyRuleKind.WEEKLY and self.weekday is not None:
            return f"每周{WEEKDAY_ZH[self.weekday][2:]}"
        if self.kind == DutyRuleKind.MONTHLY_DAY:
            return f"每月{self.month_day}日"
        if self.kind == DutyRuleKind.MONTHLY_NTH_WEEKDAY and self.weekday is not None:
            return f"每月{NTH_ZH.get(self.nth or 1, '')}{WEEKDAY_ZH[self.weekday]}"
        return "按公布的日期"


RULE_HELP = (
    "坐班规则写作 weekly:wed（每周三）、monthly:15（每月15日）、"
    "monthly:first-wed（每月第一个星期三）或 monthly:last-fri（每月最后一个星期五）"
)


def parse_rule(text: str) -> DutyRuleSpec:
    """weekly:wed | monthly:15 | monthly:first-wed | monthly:last-fri | dates:2026-01-07,…"""
    value = re.sub(r"\s+", "", text or "").lower()
    kind, _, arg = value.partition(":")
    if kind == "weekly" and arg in WEEKDAY_CODES:
        return DutyRuleSpec(DutyRuleKind.WEEKLY, weekday=WEEKDAY_CODES.index(arg))
    if kind == "monthly" and arg.isdigit() and 1 <= int(arg) <= 31:
        return DutyRuleSpec(DutyRuleKind.MONTHLY_DAY, month_day=int(arg))
    if kind == "monthly" and "-" in arg:
        nth, _, day = arg.partition("-")
        if nth in NTH_CODES and day in WEEKDAY_CODES:
            return DutyRuleSpec(
                DutyRuleKind.MONTHLY_NTH_WEEKDAY,
                weekday=WEEKDAY_CODES.index(day),
                nth=NTH_CODES[nth],
            )
    if kind == "dates" and arg:
        try:
            days = tuple(sorted({date.fromisoformat(d) for d in arg.split(",") if d}))
        except ValueError as exc:
            raise RuleError(f"日期写法不对：{arg}。请写成 2026-01-07,2026-02-04") from exc
        return DutyRuleSpec(DutyRuleKind.MANUAL, dates=days)
    raise RuleError(f"无法识别的坐班规则「{text}」。{RULE_HELP}。")


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    days = [
        date(year, month, d)
        for d in range(1, _calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    if nth == -1:
        return days[-1]
    return days[nth - 1] if 1 <= nth <= len(days) else None


def candidate_days(spec: DutyRuleSpec, year: int) -> list[date]:
    """The rule's dates in `year`, before any holiday is considered."""
    if spec.kind == DutyRuleKind.WEEKLY:
        assert spec.weekday is not None
        day = date(year, 1, 1)
        day += timedelta(days=(spec.weekday - day.weekday()) % 7)
        out = []
        while day.year == year:
            out.append(day)
            day += timedelta(days=7)
        return out
    if spec.kind == DutyRuleKind.MONTHLY_DAY:
        assert spec.month_day is not None
        return [
            date(year, m, min(spec.month_day, _calendar.monthrange(year, m)[1]))
            for m in range(1, 13)
        ]
    if spec.kind == DutyRuleKind.MONTHLY_NTH_WEEKDAY:
        assert spec.weekday is not None
        found = (nth_weekday(year, m, spec.weekday, spec.nth or 1) for m in range(1, 13))
        return [d for d in found if d is not None]
    return [d for d in spec.dates if d.year == year]


@dataclass(frozen=True)
class PlacedDay:
    day: date
    moved_from: date | None  # the rule's date when it fell on a day off


def place_days(
    candidates: list[date], calendar: WorkCalendar, on_holiday: OnHoliday | str, year: int
) -> list[PlacedDay]:
    """Move or drop dates that are not working days; never leave the year; no date twice."""
    placed: dict[date, PlacedDay] = {}
    for wanted in sorted(candidates):
        day: date | None = wanted
        if not calendar.is_workday(wanted):
            if on_holiday == OnHoliday.NEXT:
                day = calendar.next_workday(wanted)
            elif on_holiday == OnHoliday.PREV:
                day = calendar.previous_workday(wanted)
            else:
                day = None
        if day is None or day.year != year or day in placed:
            continue
        placed[day] = PlacedDay(day, wanted if day != wanted else None)
    return sorted(placed.values(), key=lambda p: p.day)
