"""The annual evaluation's rules (履职考核): suggested scores, totals, grades, the 优秀 quota.

Pure functions over plain data: no Qt, no database. A scheme's indicators carry their rule as
data (`Rule`: a kind over a record source), so an office edits its scheme without code.

Rule kinds (`RuleKind`):
- per_item: ``per_item`` points per counted item (plus ``lead_points`` once for leading a
  project), capped at ``cap`` (the indicator's points when None), minus ``penalty`` per
  negative item (a recorded unexcused absence), never below 0;
- ratio: points × min(1, numerator ÷ denominator), minus ``penalty`` per negative item, never
  below 0;
- threshold: the indicator's points when the count reaches the target, else 0;
- manual: no suggestion (entered by hand).

Every score is rounded half up to one decimal with `Decimal` (never float ``round()``).
Consequences across years are in `twdesk.core.evaluation_consequences`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from twdesk.core.errors import UserError
from twdesk.core.vocab import Grade

Number = Decimal | int | float | str

ONE_DECIMAL = Decimal("0.1")
ZERO = Decimal(0)


class RuleKind(StrEnum):
    PER_ITEM = "per_item"
    RATIO = "ratio"
    THRESHOLD = "threshold"
    MANUAL = "manual"


class Source(StrEnum):
    """Which records a rule counts."""

    NONE = "none"  # manual rules
    ACTIVITIES = "activities"  # confirmed activities of the rule's types
    DUTY = "duty"  # duty attendance: 到岗 ÷ (排班 − 请假)
    OPINIONS = "opinions"  # opinion items from visits the delegate received
    YOUTH = "youth"  # youth 人次 against the ledger's target
    BRANCHES = "branches"  # branches contacted against the ledger's target
    PROJECTS = "projects"  # projects led / joined


SOURCE_LABELS: dict[Source, str] = {
    Source.NONE: "手工评定",
    Source.ACTIVITIES: "活动",
    Source.DUTY: "驻站坐班",
    Source.OPINIONS: "意见建议",
    Source.YOUTH: "联系青年人次",
    Source.BRANCHES: "联系团支部",
    Source.PROJECTS: "项目",
}

SOURCE_UNITS: dict[Source, str] = {
    Source.NONE: "",
    Source.ACTIVITIES: "次",
    Source.DUTY: "天",
    Source.OPINIONS: "条",
    Source.YOUTH: "人次",
    Source.BRANCHES: "个",
    Source.PROJECTS: "个",
}

# which kinds make sense over which source (the scheme editor offers only these)
ALLOWED_KINDS: dict[Source, frozenset[RuleKind]] = {
    Source.NONE: frozenset({RuleKind.MANUAL}),
    Source.ACTIVITIES: frozenset({RuleKind.PER_ITEM, RuleKind.THRESHOLD, RuleKind.RATIO}),
    Source.DUTY: frozenset({RuleKind.RATIO}),
    Source.OPINIONS: frozenset({RuleKind.PER_ITEM, RuleKind.THRESHOLD, RuleKind.RATIO}),
    Source.YOUTH: frozenset({RuleKind.RATIO, RuleKind.THRESHOLD, RuleKind.PER_ITEM}),
    Source.BRANCHES: frozenset({RuleKind.THRESHOLD, RuleKind.RATIO, RuleKind.PER_ITEM}),
    Source.PROJECTS: frozenset({RuleKind.PER_ITEM}),
}


def dec(value: Number) -> Decimal:
    """A Decimal from an int, str, Decimal or float (a float goes through its shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Number) -> Decimal:
    """Round to one decimal, halves away from zero: 0.25 → 0.3, 2.45 → 2.5, 0.15 → 0.2."""
    return dec(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def fmt(value: Number) -> str:
    """A number as people write it: 6, 2.5, 7.5 (no trailing zeros, no exponent)."""
    d = dec(value)
    if d == d.to_integral_value():
        return str(d.to_integral_value())
    return format(d.normalize(), "f")


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class SchemeError(UserError):
    """A scheme that cannot be used; the message lists every problem."""

    title = "考核方案有误"


@dataclass(frozen=True)
class Rule:
    """How an indicator's suggestion is computed: a kind over a record source."""

    kind: RuleKind
    source: Source = Source.NONE
    activity_types: tuple[str, ...] = ()  # Source.ACTIVITIES: the types counted
    per_item: Decimal = ZERO  # per_item: points per counted item
    cap: Decimal | None = None  # per_item: the cap (None = the indicator's points)
    penalty: Decimal = ZERO  # per_item / ratio: points off per negative item
    lead_points: Decimal = ZERO  # Source.PROJECTS: points for leading (once)
    target: int | None = None  # threshold / ratio: None = the ledger's own target

    def to_params(self) -> dict[str, Any]:
        """The JSON-able parameters stored beside the kind (``rule_key``) in the database."""
        params: dict[str, Any] = {"source": str(self.source)}
        if self.activity_types:
            params["activity_types"] = list(self.activity_types)
        for name in ("per_item", "penalty", "lead_points"):
            value: Decimal = getattr(self, name)
            if value:
                params[name] = _json_number(value)
        if self.cap is not None:
            params["cap"] = _json_number(self.cap)
        if self.target is not None:
            params["target"] = self.target
        return params

    @classmethod
    def from_params(cls, kind: str, params: Mapping[str, Any]) -> Rule:
        """The rule stored as ``rule_key`` + parameters (the inverse of `to_params`)."""
        try:
            cap = params.get("cap")
            target = params.get("target")
            return cls(
                kind=RuleKind(kind),
                source=Source(params.get("source", "none")),
                activity_types=tuple(str(t) for t in params.get("activity_types", ())),
                per_item=dec(params.get("per_item", 0)),
                cap=None if cap is None else dec(cap),
                penalty=dec(params.get("penalty", 0)),
                lead_points=dec(params.get("lead_points", 0)),
                target=None if target is None else int(target),
            )
        except (ValueError, ArithmeticError, TypeError) as exc:
            raise SchemeError(f"无法识别的计分规则：{kind} {dict(params)}（{exc}）") from exc

    def describe(self, points: Number) -> str:
        """The rule in one Chinese sentence, for the scheme editor and the printouts."""
        what = _source_label(self)
        if self.kind == RuleKind.MANUAL:
            return "手工评定"
        penalty = f"；每次无故缺席扣 {fmt(self.penalty)} 分" if self.penalty else ""
        if self.kind == RuleKind.PER_ITEM:
            cap = fmt(points if self.cap is None else self.cap)
            lead = f"领办 {fmt(self.lead_points)} 分，参与" if self.lead_points else ""
            each = f"每{SOURCE_UNITS[self.source]}"
            return f"{lead}{what}{each} {fmt(self.per_item)} 分，最高 {cap} 分{penalty}"
        target = "目标" if self.target is None else str(self.target)
        if self.kind == RuleKind.THRESHOLD:
            return f"{what}达到{target}得 {fmt(points)} 分"
        if self.source == Source.DUTY:
            return f"{fmt(points)} × 到岗 ÷ (排班 − 请假){penalty}，不低于 0 分"
        return f"{fmt(points)} × min(1, {what} ÷ {target}){penalty}，不低于 0 分"


def _source_label(rule: Rule) -> str:
    if rule.source == Source.ACTIVITIES and rule.activity_types:
        return "、".join(rule.activity_types)
    return SOURCE_LABELS[rule.source]


@dataclass(frozen=True)
class Indicator:
    seq: int
    name: str
    points: Decimal
    rule: Rule
    description: str = ""

    @property
    def rule_key(self) -> str:
        """The rule's kind, as stored in ``eval_indicator.rule_key``."""
        return str(self.rule.kind)

    @property
    def params(self) -> dict[str, Any]:
        """The rule's parameters, as stored (JSON) in ``eval_indicator.rule_params``."""
        return self.rule.to_params()


@dataclass(frozen=True)
class GradeBands:
    """Lower bounds of the grades; below ``basic`` is 不称职."""

    excellent: Decimal = Decimal(90)
    competent: Decimal = Decimal(75)
    basic: Decimal = Decimal(60)


@dataclass(frozen=True)
class Scheme:
    name: str
    indicators: tuple[Indicator, ...]
    bonus_items: tuple[tuple[str, Decimal], ...] = ()
    bonus_cap: Decimal = Decimal(10)
    veto_items: tuple[str, ...] = ()
    bands: GradeBands = field(default_factory=GradeBands)
    excellent_quota: Decimal = Decimal("0.2")  # share of a station's delegates


def scheme_to_dict(scheme: Scheme) -> dict[str, Any]:
    """The scheme as JSON-able data, the same for the same scheme (a locked year's snapshot)."""
    return {
        "name": scheme.name,
        "indicators": [
            {
                "seq": ind.seq,
                "name": ind.name,
                "points": _json_number(ind.points),
                "rule": str(ind.rule.kind),
                "params": ind.rule.to_params(),
                "description": ind.description,
            }
            for ind in scheme.indicators
        ],
        "bonus_items": [[name, _json_number(points)] for name, points in scheme.bonus_items],
        "bonus_cap": _json_number(scheme.bonus_cap),
        "veto_items": list(scheme.veto_items),
        "bands": {
            "excellent": _json_number(scheme.bands.excellent),
            "competent": _json_number(scheme.bands.competent),
            "basic": _json_number(scheme.bands.basic),
        },
        "excellent_quota": _json_number(scheme.excellent_quota),
    }


def scheme_from_dict(data: Mapping[str, Any]) -> Scheme:
    """The scheme `scheme_to_dict` wrote (a locked year's snapshot read back)."""
    try:
        bands = data["bands"]
        return Scheme(
            name=str(data["name"]),
            indicators=tuple(
                Indicator(
                    int(i["seq"]),
                    str(i["name"]),
                    dec(i["points"]),
                    Rule.from_params(i["rule"], i["params"]),
                    str(i.get("description", "")),
                )
                for i in data["indicators"]
            ),
            bonus_items=tuple((str(name), dec(points)) for name, points in data["bonus_items"]),
            bonus_cap=dec(data["bonus_cap"]),
            veto_items=tuple(str(v) for v in data["veto_items"]),
            bands=GradeBands(dec(bands["excellent"]), dec(bands["competent"]), dec(bands["basic"])),
            excellent_quota=dec(data["excellent_quota"]),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise SchemeError(f"考核方案快照无法读取（{exc!r}），文件可能已损坏。") from exc


def scheme_problems(scheme: Scheme) -> tuple[str, ...]:
    """Every problem of a scheme, one Chinese sentence each; empty when it can be used."""
    problems: list[str] = []
    total = sum((ind.points for ind in scheme.indicators), ZERO)
    if total != 100:
        problems.append(f"各项指标分值合计为 {fmt(total)} 分，应为 100 分。")
    seqs = [ind.seq for ind in scheme.indicators]
    for seq in sorted({s for s in seqs if seqs.count(s) > 1}):
        problems.append(f"指标序号 {seq} 重复。")
    for ind in scheme.indicators:
        label = f"指标{ind.seq}“{ind.name}”" if ind.name.strip() else f"指标{ind.seq}"
        rule = ind.rule
        if not ind.name.strip():
            problems.append(f"{label}没有名称。")
        if ind.points <= 0:
            problems.append(f"{label}的分值为 {fmt(ind.points)}，应大于 0。")
        if rule.kind not in ALLOWED_KINDS[rule.source]:
            problems.append(f"{label}：{SOURCE_LABELS[rule.source]}不能按“{rule.kind}”计分。")
        if rule.cap is not None and not ZERO <= rule.cap <= ind.points:
            problems.append(
                f"{label}的封顶分为 {fmt(rule.cap)}，应在 0 到 {fmt(ind.points)} 分之间。"
            )
        if rule.per_item < 0 or rule.penalty < 0 or rule.lead_points < 0:
            problems.append(f"{label}的每项得分、扣分和领办分不能为负数。")
        if rule.kind == RuleKind.PER_ITEM and rule.per_item == 0 and rule.lead_points == 0:
            problems.append(f"{label}按项计分，但每项得分为 0。")
        if rule.source == Source.ACTIVITIES and not rule.activity_types:
            problems.append(f"{label}没有选择计入的活动类型。")
        needs_target = rule.source in (Source.ACTIVITIES, Source.OPINIONS)
        counted = rule.kind in (RuleKind.RATIO, RuleKind.THRESHOLD) and needs_target
        if counted and (rule.target is None or rule.target <= 0):
            problems.append(f"{label}需要一个大于 0 的目标数。")
    bands = scheme.bands
    if not (Decimal(100) >= bands.excellent > bands.competent > bands.basic >= 0):
        problems.append(
            f"等次分数线应从高到低：优秀 {fmt(bands.excellent)} > 称职 {fmt(bands.competent)}"
            f" > 基本称职 {fmt(bands.basic)}，且在 0 到 100 分之间。"
        )
    if not ZERO < scheme.excellent_quota <= 1:
        problems.append(
            f"优秀比例为 {fmt(scheme.excellent_quota * 100)}%，应大于 0% 且不超过 100%。"
        )
    if scheme.bonus_cap < 0:
        problems.append(f"加分上限为 {fmt(scheme.bonus_cap)}，不能为负数。")
    for name, points in scheme.bonus_items:
        if points < 0:
            problems.append(f"加分项“{name}”的分值为 {fmt(points)}，不能为负数。")
    return tuple(problems)


def check_scheme(scheme: Scheme) -> None:
    """Raise `SchemeError` listing every problem, or return when the scheme can be used."""
    problems = scheme_problems(scheme)
    if problems:
        raise SchemeError("考核方案不能使用：\n" + "\n".join(problems))


@dataclass(frozen=True)
class RecordSummary:
    """One delegate's year of records, already filtered by the caller (confirmed entries only).

    Duty: ``duty_assigned`` days planned for the delegate, of which ``duty_attended`` 到岗,
    ``duty_leave`` 请假, ``duty_absent`` 缺席 and ``duty_substituted`` sat by someone else with
    a recorded 替班 (counts as 请假); ``duty_sat_for_others`` days they sat for someone else
    (counts as 到岗).
    """

    activities: Mapping[str, int] = field(default_factory=dict)  # type → confirmed count
    unexcused_absences: Mapping[str, int] = field(default_factory=dict)  # type → recorded count
    duty_assigned: int = 0
    duty_attended: int = 0
    duty_leave: int = 0
    duty_absent: int = 0
    duty_substituted: int = 0
    duty_sat_for_others: int = 0
    opinion_items: int = 0
    youth_count: int = 0  # 人次
    youth_target: int = 100
    branches: int = 0
    branch_target: int = 1
    projects_led: int = 0
    projects_joined: int = 0
    # satisfaction ballots about the delegate (满意度测评, rounds covering delegates): the
    # manual 满意度 indicator offers points × (满意 + 基本满意) ÷ ballots when there are any
    satisfaction_positive: int = 0
    satisfaction_ballots: int = 0
    # youth_count is distinct young people from the contact book (the office's choice), not 人次
    youth_by_people: bool = False


@dataclass(frozen=True)
class Suggestion:
    """An indicator's suggested score (None = none: manual, or nothing to compute from)."""

    seq: int
    name: str
    points: Decimal
    score: Decimal | None
    explanation: str
    no_duty: bool = False  # 无排班: the delegate had no assigned duty day


def _activity_count(rule: Rule, records: RecordSummary) -> tuple[int, int]:
    count = sum(records.activities.get(t, 0) for t in rule.activity_types)
    absent = sum(records.unexcused_absences.get(t, 0) for t in rule.activity_types)
    return count, absent


def _penalised(
    score: Decimal, rule: Rule, negatives: int, text: str, what: str = "无故缺席"
) -> tuple[Decimal, str]:
    """``score`` minus the rule's penalty per negative item, never below 0, and the text."""
    if not rule.penalty or not negatives:
        return score, text
    off = rule.penalty * negatives
    after = max(ZERO, score - off)
    floor = "（不低于 0）" if score - off < 0 else ""
    return after, (
        f"{text}；{what} {negatives} 次 × {fmt(rule.penalty)} = −{fmt(off)}，"
        f"得 {round_half_up(after)}{floor}"
    )


def _per_item(ind: Indicator, records: RecordSummary) -> tuple[Decimal, str]:
    rule = ind.rule
    cap = min(ind.points, ind.points if rule.cap is None else rule.cap)
    negatives = 0
    if rule.source == Source.PROJECTS:
        lead = rule.lead_points if records.projects_led > 0 else ZERO
        joined = records.projects_joined
        raw = lead + rule.per_item * joined
        parts = []
        if lead:
            parts.append(f"领办 {fmt(lead)}")
        parts.append(f"参与 {joined} 个 × {fmt(rule.per_item)}")
        text = " + ".join(parts) + f" = {fmt(raw)}"
    else:
        if rule.source == Source.ACTIVITIES:
            count, negatives = _activity_count(rule, records)
        else:
            count = _count(rule.source, records)
        raw = rule.per_item * count
        unit = SOURCE_UNITS[rule.source]
        text = f"{_source_label(rule)} {count} {unit} × {fmt(rule.per_item)} = {fmt(raw)}"
    if raw > cap:
        text += f"，封顶 {fmt(cap)}"
    return _penalised(min(raw, cap), rule, negatives, text)


def _count(source: Source, records: RecordSummary) -> int:
    return {
        Source.DUTY: records.duty_attended + records.duty_sat_for_others,
        Source.OPINIONS: records.opinion_items,
        Source.YOUTH: records.youth_count,
        Source.BRANCHES: records.branches,
        Source.PROJECTS: records.projects_led + records.projects_joined,
    }[source]


def _target(rule: Rule, records: RecordSummary) -> int:
    if rule.target is not None:
        return rule.target
    if rule.source == Source.YOUTH:
        return records.youth_target
    if rule.source == Source.BRANCHES:
        return records.branch_target
    return 0


def relevant_inputs(ind: Indicator, r: RecordSummary) -> tuple[int, ...]:
    """Every number of ``r`` that ``ind``'s suggestion depends on (its memo key)."""
    source = ind.rule.source
    if source == Source.ACTIVITIES:
        return _activity_count(ind.rule, r)
    if source == Source.DUTY:
        return (
            r.duty_assigned,
            r.duty_attended,
            r.duty_leave,
            r.duty_absent,
            r.duty_substituted,
            r.duty_sat_for_others,
        )
    if source == Source.YOUTH:
        return (r.youth_count, r.youth_target, int(r.youth_by_people))
    if source == Source.BRANCHES:
        return (r.branches, r.branch_target)
    if source == Source.OPINIONS:
        return (r.opinion_items,)
    if source == Source.PROJECTS:
        return (r.projects_led, r.projects_joined)
    if _from_ballots(ind):
        return (r.satisfaction_positive, r.satisfaction_ballots)
    return ()


def _from_ballots(ind: Indicator) -> bool:
    """A hand-scored satisfaction indicator (组织评价 / 青年满意度): the ballots suggest it."""
    return ind.rule.kind == RuleKind.MANUAL and "满意" in ind.name


def suggest_one(ind: Indicator, records: RecordSummary) -> Suggestion:
    """One indicator's suggestion from the delegate's records, with what was counted.

    It depends only on `relevant_inputs`: callers scoring thousands of delegates may remember
    suggestions by those numbers."""
    rule = ind.rule

    def result(score: Decimal | None, text: str, *, no_duty: bool = False) -> Suggestion:
        rounded = None if score is None else round_half_up(min(ind.points, max(ZERO, score)))
        if rule.source == Source.YOUTH and records.youth_by_people:
            text = text.replace("联系青年人次", "联系青年人数").replace(" 人次", " 人")
        return Suggestion(ind.seq, ind.name, ind.points, rounded, text, no_duty)

    if rule.kind == RuleKind.MANUAL:
        if _from_ballots(ind) and records.satisfaction_ballots > 0:
            positive, ballots = records.satisfaction_positive, records.satisfaction_ballots
            score = round_half_up(ind.points * Decimal(positive) / Decimal(ballots))
            return result(
                score,
                f"满意度测评：满意与基本满意 {positive} ÷ 测评票 {ballots}"
                f" × {fmt(ind.points)} = {score}（可按联络站评价调整）",
            )
        return result(None, "手工评定")
    if rule.kind == RuleKind.PER_ITEM:
        return result(*_per_item(ind, records))
    if rule.source == Source.DUTY:
        if records.duty_assigned <= 0:
            return result(None, "无排班", no_duty=True)
        excused = records.duty_leave + records.duty_substituted
        present = records.duty_attended + records.duty_sat_for_others
        due = records.duty_assigned - excused
        if due <= 0:
            return result(None, f"排班 {records.duty_assigned} 天、请假 {excused} 天，无应到天数")
        ratio = min(Decimal(1), Decimal(present) / Decimal(due))
        score = round_half_up(ind.points * ratio)
        text = (
            f"到岗 {present} ÷ (排班 {records.duty_assigned} − 请假 {excused})"
            f" × {fmt(ind.points)} = {score}"
        )
        return result(*_penalised(score, rule, records.duty_absent, text, "缺席"))
    if rule.source == Source.ACTIVITIES:
        count, negatives = _activity_count(rule, records)
    else:
        count, negatives = _count(rule.source, records), 0
    target = _target(rule, records)
    label = _source_label(rule)
    if rule.kind == RuleKind.THRESHOLD:
        reached = count >= target
        verdict = "达到" if reached else "未达到"
        score = ind.points if reached else ZERO
        unit = SOURCE_UNITS[rule.source]
        return result(score, f"{label} {count} {unit}，{verdict}目标 {target}，得 {fmt(score)}")
    if target <= 0:
        return result(None, f"{label}未设目标")
    ratio = min(Decimal(1), Decimal(count) / Decimal(target))
    score = round_half_up(ind.points * ratio)
    text = f"{fmt(ind.points)} × min(1, {label} {count} ÷ 目标 {target}) = {score}"
    return result(*_penalised(score, rule, negatives, text))


def suggest(scheme: Scheme, records: RecordSummary) -> tuple[Suggestion, ...]:
    """Every indicator's suggestion, in the scheme's order."""
    return tuple(suggest_one(ind, records) for ind in scheme.indicators)


def total_score(
    indicator_scores: Iterable[Number | None], bonus: Number = 0, bonus_cap: Number = 10
) -> Decimal:
    """Indicator sum (missing scores count 0) + bonus capped at ``bonus_cap``, rounded half up."""
    total = sum((dec(s) for s in indicator_scores if s is not None), ZERO)
    return round_half_up(total + min(max(ZERO, dec(bonus)), dec(bonus_cap)))


def grade_for(total: Number, bands: GradeBands, *, vetoed: bool = False) -> Grade:
    """The grade a total earns by the bands; a veto makes it 不称职 whatever the score."""
    t = dec(total)
    if vetoed or t < bands.basic:
        return Grade.INCOMPETENT
    if t >= bands.excellent:
        return Grade.EXCELLENT
    if t >= bands.competent:
        return Grade.COMPETENT
    return Grade.BASIC


# ---- the 优秀 quota per station -----------------------------------------------------------


class QuotaError(UserError):
    title = "无法确定优秀名额"


@dataclass(frozen=True)
class QuotaEntry:
    """One evaluated delegate of a station: the final total and whether a veto applies."""

    delegate_id: str
    total: Decimal
    vetoed: bool = False


@dataclass(frozen=True)
class Decision:
    """A recorded decision settling a tie at the quota: 优秀 or 称职, and why."""

    grade: Grade
    reason: str


@dataclass(frozen=True)
class QuotaResult:
    delegate_id: str
    total: Decimal
    rank: int  # 1 = highest total; equal totals share a rank (1, 2, 2, 4)
    grade: Grade | None  # None while tied at the quota and undecided
    quota_tie: bool  # tied across the quota line and not yet decided
    decided: bool = False  # the grade comes from a recorded decision


def excellent_slots(evaluated: int, qualifying: int, quota: Number = Decimal("0.2")) -> int:
    """How many may be 优秀: ⌊evaluated × quota⌋, at least 1 where anyone qualifies."""
    if qualifying <= 0:
        return 0
    return max(1, math.floor(Decimal(evaluated) * dec(quota)))


def apply_quota(
    entries: Iterable[QuotaEntry],
    bands: GradeBands,
    quota: Number = Decimal("0.2"),
    decisions: Mapping[str, Decision] | None = None,
) -> tuple[QuotaResult, ...]:
    """Grades of one station's delegates under the 优秀 quota, ranked by total (highest first).

    Qualifiers above the quota line are 称职; delegates tied across the line get no grade and
    ``quota_tie`` until ``decisions`` (by delegate id) settle them. Decisions for anyone not
    tied are ignored. Once decisions fill the remaining places, the other tied delegates are
    称职; once decisions leave exactly enough places for the undecided, those are 优秀.
    """
    decisions = decisions or {}
    rows = sorted(entries, key=lambda e: (-e.total, e.delegate_id))
    band = {e.delegate_id: grade_for(e.total, bands, vetoed=e.vetoed) for e in rows}
    qualifiers = [e for e in rows if band[e.delegate_id] == Grade.EXCELLENT]
    slots = excellent_slots(len(rows), len(qualifiers), quota)
    grades: dict[str, Grade | None] = dict(band)
    tied: list[str] = []
    decided: set[str] = set()
    if len(qualifiers) > slots:
        line = qualifiers[slots - 1].total
        above = [e for e in qualifiers if e.total > line]
        at_line = [e.delegate_id for e in qualifiers if e.total == line]
        for e in qualifiers[slots:]:
            if e.total < line:
                grades[e.delegate_id] = Grade.COMPETENT
        places = slots - len(above)
        if len(at_line) > places:  # a tie across the line: nobody silently in or out
            tied = _settle(at_line, places, decisions, grades, decided)
    ranks = _ranks(rows)
    return tuple(
        QuotaResult(
            e.delegate_id,
            e.total,
            ranks[e.delegate_id],
            grades[e.delegate_id],
            e.delegate_id in tied,
            e.delegate_id in decided,
        )
        for e in rows
    )


def _settle(
    at_line: list[str],
    places: int,
    decisions: Mapping[str, Decision],
    grades: dict[str, Grade | None],
    decided: set[str],
) -> list[str]:
    """Apply decisions to the delegates tied at the line; returns those still undecided."""
    chosen = 0
    for delegate_id in at_line:
        decision = decisions.get(delegate_id)
        if decision is None:
            continue
        if decision.grade not in (Grade.EXCELLENT, Grade.COMPETENT):
            raise QuotaError(f"并列决定只能定为优秀或称职，不能定为{decision.grade}。")
        if not decision.reason.strip():
            raise QuotaError("并列决定需要填写理由。")
        grades[delegate_id] = decision.grade
        decided.add(delegate_id)
        chosen += decision.grade == Grade.EXCELLENT
    if chosen > places:
        raise QuotaError(
            f"并列者中只剩 {places} 个优秀名额，但决定了 {chosen} 人为优秀，请重新决定。"
        )
    undecided = [d for d in at_line if d not in decided]
    if chosen == places:
        settled: Grade | None = Grade.COMPETENT
    elif len(undecided) <= places - chosen:
        settled = Grade.EXCELLENT
    else:
        settled = None
    for delegate_id in undecided:
        grades[delegate_id] = settled
    return [] if settled is not None else undecided


def _ranks(rows: list[QuotaEntry]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for i, e in enumerate(rows):
        same = i > 0 and rows[i - 1].total == e.total
        ranks[e.delegate_id] = ranks[rows[i - 1].delegate_id] if same else i + 1
    return ranks
