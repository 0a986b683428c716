"""Station management assessment (联络站规范化建设考评): the checklist's measures, the suggested
score of each item from plain numbers, grades by thresholds and the county ranking.

Pure rules: the services count the records and hand the numbers here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Measure(StrEnum):
    """How an item's suggested score is measured."""

    DUTY_RATE = "duty_rate"  # duty days opened ÷ planned (days up to today)
    VISIT_REGISTER = "visit_register"  # opened duty days with the visitor register kept
    OVERDUE = "overdue"  # overdue opinion items: each costs `param` points
    ACTIVITIES = "activities"  # months with ≥ `param` confirmed activities ÷ months so far
    FIVE_PUBLIC = "five_public"  # 五公开 fields filled ÷ 5
    INSPECTION = "inspection"  # by inspection: entered by hand


MEASURE_LABELS: dict[str, str] = {
    Measure.DUTY_RATE: "坐班开放率（开放日 ÷ 计划日）",
    Measure.VISIT_REGISTER: "来访登记（开放日中有登记的比例）",
    Measure.OVERDUE: "超期意见（每条扣分）",
    Measure.ACTIVITIES: "每月活动（达标月份 ÷ 已过月份）",
    Measure.FIVE_PUBLIC: "五公开信息完整",
    Measure.INSPECTION: "现场检查（手工评分）",
}

FIVE_PUBLIC_FIELDS: tuple[tuple[str, str], ...] = (
    ("leader", "负责人及联系方式"),
    ("duties", "工作职责"),
    ("rules", "工作制度"),
    ("pledges", "服务承诺"),
    ("yearly_plan", "年度/季度计划"),
)


@dataclass(frozen=True)
class CheckItemSpec:
    """One item of a year's checklist."""

    seq: int
    name: str
    points: Decimal
    measure: str
    param: Decimal = Decimal(0)  # OVERDUE: points per item; ACTIVITIES: activities a month
    was: str = ""  # the name it had when the checklist was loaded (a rename keeps its scores)


DEFAULT_CHECKLIST: tuple[CheckItemSpec, ...] = (
    CheckItemSpec(1, "按时开放坐班", Decimal(30), Measure.DUTY_RATE),
    CheckItemSpec(2, "来访登记规范", Decimal(15), Measure.VISIT_REGISTER),
    CheckItemSpec(3, "意见建议按时办理", Decimal(15), Measure.OVERDUE, Decimal(2)),
    CheckItemSpec(4, "每月开展活动", Decimal(20), Measure.ACTIVITIES, Decimal(1)),
    CheckItemSpec(5, "五公开上墙", Decimal(10), Measure.FIVE_PUBLIC),
    CheckItemSpec(6, "阵地建设（现场检查）", Decimal(10), Measure.INSPECTION),
)


@dataclass(frozen=True)
class GradeRule:
    """Grades from the top: a total ≥ `minimum` earns `name` (the last has minimum 0)."""

    grades: tuple[tuple[str, Decimal], ...] = (
        ("优秀", Decimal(90)),
        ("合格", Decimal(60)),
        ("不合格", Decimal(0)),
    )

    def grade(self, total: Decimal) -> str:
        for name, minimum in self.grades:
            if total >= minimum:
                return name
        return self.grades[-1][0]


@dataclass(frozen=True)
class StationFacts:
    """What the records say about one station's year (counted by the service)."""

    planned_days: int = 0  # duty days due so far
    opened_days: int = 0  # of those, someone sat (到岗 or 替班)
    registered_days: int = 0  # opened days with at least one visit registered
    overdue_items: int = 0
    months_due: int = 0  # months of the year so far
    months_active: int = 0  # months with enough confirmed activities
    five_public: frozenset[str] = field(default_factory=frozenset)  # keys filled


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _share(points: Decimal, done: int, due: int) -> Decimal:
    if due <= 0:
        return Decimal(0)
    return _round(points * min(Decimal(done) / Decimal(due), Decimal(1)))


def suggest(item: CheckItemSpec, facts: StationFacts) -> tuple[Decimal | None, str]:
    """The suggested score and how it was reached (None: scored by inspection)."""
    p = item.points
    if item.measure == Measure.DUTY_RATE:
        value = _share(p, facts.opened_days, facts.planned_days)
        return value, f"开放 {facts.opened_days} 天 ÷ 计划 {facts.planned_days} 天 × {p}"
    if item.measure == Measure.VISIT_REGISTER:
        value = _share(p, facts.registered_days, facts.opened_days)
        return value, f"有来访登记 {facts.registered_days} 天 ÷ 开放 {facts.opened_days} 天 × {p}"
    if item.measure == Measure.OVERDUE:
        value = max(Decimal(0), p - item.param * facts.overdue_items)
        return _round(value), f"超期 {facts.overdue_items} 条，每条扣 {item.param} 分"
    if item.measure == Measure.ACTIVITIES:
        value = _share(p, facts.months_active, facts.months_due)
        return value, (
            f"每月至少 {item.param} 次活动：达标 {facts.months_active} 个月 ÷ "
            f"{facts.months_due} 个月 × {p}"
        )
    if item.measure == Measure.FIVE_PUBLIC:
        filled = len(facts.five_public)
        value = _share(p, filled, len(FIVE_PUBLIC_FIELDS))
        return value, f"五公开填写 {filled} / {len(FIVE_PUBLIC_FIELDS)} 项 × {p}"
    return None, "现场检查，手工评分"


def check_score(value: Decimal, points: Decimal) -> str | None:
    """Why an entered score is refused (None when it is fine)."""
    if value < 0 or value > points:
        return f"得分应在 0 到 {points} 之间。"
    return None


def ranks(totals: list[Decimal]) -> list[int]:
    """Competition ranking (1, 1, 3): equal totals share a rank."""
    ordered = sorted(totals, reverse=True)
    first = {}
    for i, total in enumerate(ordered, 1):
        first.setdefault(total, i)
    return [first[t] for t in totals]


def checklist_problems(items: list[CheckItemSpec]) -> list[str]:
    """What is wrong with an edited checklist (empty when it can be saved)."""
    problems = []
    if not items:
        problems.append("考评细则至少要有一项。")
    names = [i.name.strip() for i in items]
    for n, item in enumerate(items, 1):
        if not item.name.strip():
            problems.append(f"第{n}项没有名称。")
        if item.points <= 0:
            problems.append(f"第{n}项「{item.name}」的分值应大于 0。")
        if item.measure not in MEASURE_LABELS:
            problems.append(f"第{n}项「{item.name}」的计分方式「{item.measure}」无效。")
        if item.param < 0:
            problems.append(f"第{n}项「{item.name}」的参数不能为负数。")
    dupes = {n for n in names if n and names.count(n) > 1}
    for name in sorted(dupes):
        problems.append(f"考评项「{name}」重复。")
    return problems


# --- the rectification ledger (整改台账) ----------------------------------------------------


class RectState(StrEnum):
    OPEN = "整改中"
    OVERDUE = "已超期"
    CLOSED = "已整改"


def rect_state(closed_on: date | None, deadline: date | None, today: date) -> RectState:
    """Closed once a closing date is set; overdue when open past its deadline."""
    if closed_on is not None:
        return RectState.CLOSED
    if deadline is not None and deadline < today:
        return RectState.OVERDUE
    return RectState.OPEN
