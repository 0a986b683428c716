"""联系青年 rules (1+100 for delegates, 团干部直接联系青年 for cadres), as pure functions.

- People, not visits: a young person contacted eight times in a year counts once; contacted
  more than ``repeat_limit`` times (default 6) they are flagged as a repeated contact.
- The target is met at ``target`` (default 100) distinct people in the year.
- Grassroots days: at least one working day a week among young people. A week (Monday to
  Sunday) is due when it has a working day inside the period (and not after today); it is met
  when a grassroots day falls in it. Shown as weeks met / weeks due.
- Open days: every quarter at least one themed open day with at least 50 young people.
- Satisfaction: rate = (满意 + 基本满意) ÷ ballots; the evaluation's 10th indicator suggestion is
  points (10) × rate, rounded half up to one decimal with Decimal.
- The same young person in two books: the same phone, or else the same name and organisation;
  a match short of that (same phone but another name, same name without an organisation) is
  `UNSURE` and the user confirms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from twdesk.core.evaluation_rules import round_half_up
from twdesk.core.holidays import WorkCalendar

CONTACT_WAYS: tuple[str, ...] = ("走访", "电话", "微信", "QQ", "活动", "来访")
AGE_GROUPS: tuple[str, ...] = ("14岁以下", "14-18岁", "18-24岁", "25-28岁", "29-35岁", "35岁以上")
GENDERS: tuple[str, ...] = ("男", "女")
DEFAULT_TARGET = 100
DEFAULT_REPEAT_LIMIT = 6
OPEN_DAY_MINIMUM = 50


class CountMethod(StrEnum):
    """How the ledger and the evaluation count 联系青年 for a delegate."""

    ACTIVITIES = "activities"  # 人次 on activities of the counted types (the default)
    BOOK = "book"  # distinct young people from the contact book


COUNT_METHOD_LABELS: dict[CountMethod, str] = {
    CountMethod.ACTIVITIES: "按活动覆盖人次",
    CountMethod.BOOK: "按联系青年名册中的不同人数",
}


class BallotResult(StrEnum):
    SATISFIED = "满意"
    BASIC = "基本满意"
    DISSATISFIED = "不满意"


BALLOT_SYNONYMS: dict[str, BallotResult] = {
    "满意": BallotResult.SATISFIED,
    "非常满意": BallotResult.SATISFIED,
    "基本满意": BallotResult.BASIC,
    "比较满意": BallotResult.BASIC,
    "一般": BallotResult.BASIC,
    "不满意": BallotResult.DISSATISFIED,
}


def ballot_result(text: str) -> BallotResult | None:
    """满意 / 基本满意 / 不满意 (and the usual other words for them), or None."""
    return BALLOT_SYNONYMS.get("".join(str(text or "").split()))


# --- distinct counting ---------------------------------------------------------------------


@dataclass(frozen=True)
class YearTally:
    """One contactor's period: distinct people in touch, new ones, fields, log entries and the
    people contacted more often than the limit."""

    distinct: int = 0
    new: int = 0
    fields: dict[str, int] = field(default_factory=dict)  # field → distinct people
    log_entries: int = 0
    repeated: tuple[str, ...] = ()  # young person ids over the limit

    def target_met(self, target: int = DEFAULT_TARGET) -> bool:
        return self.distinct >= target


def is_repeated(times: int, limit: int = DEFAULT_REPEAT_LIMIT) -> bool:
    """More than ``limit`` contacts with the same young person in the period."""
    return times > limit


def tally(
    contacts: Mapping[str, int],
    fields: Mapping[str, str],
    *,
    new: int = 0,
    repeat_limit: int = DEFAULT_REPEAT_LIMIT,
) -> YearTally:
    """``contacts`` maps young person id → contacts in the period; ``fields`` their field."""
    by_field: dict[str, int] = {}
    for yid in contacts:
        name = fields.get(yid) or "未填写"
        by_field[name] = by_field.get(name, 0) + 1
    return YearTally(
        distinct=len(contacts),
        new=new,
        fields=dict(sorted(by_field.items(), key=lambda kv: (-kv[1], kv[0]))),
        log_entries=sum(contacts.values()),
        repeated=tuple(sorted(y for y, n in contacts.items() if is_repeated(n, repeat_limit))),
    )


def progress_target(target: int, quarter: int) -> int:
    """The share of the year's target due by the end of ``quarter`` (rounded up)."""
    return math.ceil(target * quarter / 4)


# --- periods and the weekly grassroots rule --------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("季度应为 1 到 4")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end - timedelta(days=1)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class WeekRule:
    met: int
    due: int

    @property
    def ok(self) -> bool:
        return self.met >= self.due

    def text(self) -> str:
        return f"{self.met}/{self.due}"


def due_weeks(start: date, end: date, calendar: WorkCalendar) -> list[date]:
    """The Mondays of the weeks that have a working day between ``start`` and ``end``."""
    weeks: list[date] = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if start <= day <= end and calendar.is_workday(day):
                weeks.append(monday)
                break
        monday += timedelta(days=7)
    return weeks


def grassroots_weeks(
    days: Iterable[date],
    start: date,
    end: date,
    calendar: WorkCalendar,
    *,
    today: date | None = None,
) -> WeekRule:
    """Weeks met / weeks due for one cadre's grassroots days in ``start``‥``end`` (a week still
    to come is not yet due)."""
    if today is not None:
        end = min(end, today)
    if end < start:
        return WeekRule(0, 0)
    due = due_weeks(start, end, calendar)
    met_weeks = {d - timedelta(days=d.weekday()) for d in days if start <= d <= end}
    return WeekRule(sum(1 for monday in due if monday in met_weeks), len(due))


# --- open days --------------------------------------------------------------------------------


def open_day_quarters(
    days: Iterable[tuple[date, int]],
    year: int,
    *,
    minimum: int = OPEN_DAY_MINIMUM,
    quarters: Iterable[int] = (1, 2, 3, 4),
) -> dict[int, bool]:
    """Per quarter of ``year``: whether an open day with at least ``minimum`` young people was
    held in it."""
    met = {q: False for q in quarters}
    for day, youth in days:
        if day.year == year and quarter_of(day) in met and youth >= minimum:
            met[quarter_of(day)] = True
    return met


# --- satisfaction ballots ---------------------------------------------------------------------


@dataclass(frozen=True)
class BallotTally:
    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0

    @property
    def total(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    @property
    def positive(self) -> int:
        return self.satisfied + self.basic

    @property
    def rate(self) -> Decimal | None:
        """(满意 + 基本满意) ÷ ballots; None without ballots."""
        if not self.total:
            return None
        return Decimal(self.positive) / Decimal(self.total)

    def __add__(self, other: BallotTally) -> BallotTally:
        return BallotTally(
            self.satisfied + other.satisfied,
            self.basic + other.basic,
            self.dissatisfied + other.dissatisfied,
        )

    def rate_text(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{round_half_up(rate * 100)}%"


def tally_ballots(results: Iterable[str]) -> BallotTally:
    counts = {r: 0 for r in BallotResult}
    for text in results:
        result = ballot_result(text)
        if result is not None:
            counts[result] += 1
    return BallotTally(
        counts[BallotResult.SATISFIED],
        counts[BallotResult.BASIC],
        counts[BallotResult.DISSATISFIED],
    )


def satisfaction_suggestion(
    positive: int, ballots: int, points: Decimal | int = 10
) -> Decimal | None:
    """The 10th indicator's suggestion: points × (满意 + 基本满意) ÷ ballots, half up to 0.1."""
    if ballots <= 0:
        return None
    return round_half_up(Decimal(points) * Decimal(positive) / Decimal(ballots))


# --- the same young person in two books -------------------------------------------------------


class Match(StrEnum):
    SAME = "same"
    UNSURE = "unsure"


def match(
    name: str, organisation: str, phone: str, other_name: str, other_org: str, other_phone: str
) -> Match | None:
    """Whether two records are the same young person (phones already normalised)."""
    if phone and other_phone:
        if phone == other_phone:
            return Match.SAME if name == other_name else Match.UNSURE
        return Match.UNSURE if name == other_name and organisation == other_org else None
    if name != other_name:
        return None
    if organisation and other_org:
        return Match.SAME if organisation == other_org else None
    return Match.UNSURE


# --- the quarterly bulletin (plain data for the PDF and the workbook) ------------------------


@dataclass(frozen=True)
class BulletinRow:
    """One contactor in the bulletin: counts only, nothing about the young people."""

    name: str
    role: str
    distinct_quarter: int
    distinct_year: int  # cumulative from 1 January to the end of the quarter
    new_quarter: int
    fields_year: int  # fields covered so far this year
    log_entries_quarter: int
    repeated_year: int
    grassroots: str  # "weeks met/weeks due" in the quarter, "—" for delegates
    open_days: int  # hosted in the quarter
    satisfaction: str  # "92.0%" or "—"
    met: bool  # cumulative distinct ≥ the share of the target due by the quarter's end


@dataclass(frozen=True)
class Bulletin:
    title: str
    office: str
    year: int
    quarter: int
    period: str
    target: int
    progress_target: int
    rows: tuple[BulletinRow, ...]
    open_days: dict[int, bool]  # quarter → an open day with ≥ 50 young people held
    open_day_lines: tuple[str, ...]  # "2026-03-05 青年议事 60人"

    @property
    def behind(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rows if not r.met)

    def sentence(self) -> str:
        met = sum(1 for r in self.rows if r.met)
        held = "已" if self.open_days.get(self.quarter) else "未"
        return (
            f"{self.year}年第{self.quarter}季度，纳入通报的联系人 {len(self.rows)} 人，"
            f"累计联系青年达到进度目标（{self.progress_target} 人）的 {met} 人，"
            f"未达到的 {len(self.rows) - met} 人；本季度{held}举办参加青年不少于"
            f"{OPEN_DAY_MINIMUM}人的专题开放日。"
        )
