"""A year's evaluation results as plain data: what the tab, the command line, the Excel sheets
and the PDF printouts all show (the service builds it; nobody below it knows the database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from twdesk.core.evaluation_rules import Scheme, fmt


class Stage(StrEnum):
    """The three stages, in order; the final score is the latest completed one."""

    SELF = "自评"
    STATION = "组织评价"
    REVIEW = "复核"


STAGES: tuple[Stage, ...] = (Stage.SELF, Stage.STATION, Stage.REVIEW)
NOT_STARTED = "未评"  # no stage completed yet
PAST_RESULT = "往年结果"  # a past year given only as 总分 and 等次 (imported from paper)


def number(value: Decimal | None) -> int | float | None:
    """A score for JSON: 6 rather than 6.0, 7.5 as 7.5, None as null."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def text(value: Decimal | None, empty: str = "") -> str:
    """A score as people write it (``6``, ``7.5``), ``empty`` for none."""
    return empty if value is None else fmt(value)


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one delegate's year: the rule, what was counted, every stage's score."""

    seq: int
    name: str
    points: Decimal
    rule: str  # the rule in one sentence ("每次 2 分，最高 10 分")
    basis: str  # what the suggestion counted ("会议 3 次 × 2 = 6")
    suggested: Decimal | None
    self_score: Decimal | None = None
    station_score: Decimal | None = None
    review_score: Decimal | None = None
    final: Decimal | None = None
    no_duty: bool = False  # 无排班
    reasons: tuple[tuple[Stage, str], ...] = ()  # override reasons per stage

    def score(self, stage: Stage) -> Decimal | None:
        return {
            Stage.SELF: self.self_score,
            Stage.STATION: self.station_score,
            Stage.REVIEW: self.review_score,
        }[stage]

    def overridden(self, stage: Stage) -> bool:
        """The stage entered a score other than the suggestion (an indicator scored by hand
        has no suggestion, so its score is never an override)."""
        value = self.score(stage)
        return value is not None and self.suggested is not None and value != self.suggested

    def reason(self, stage: Stage) -> str:
        return dict(self.reasons).get(stage, "")

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "name": self.name,
            "points": number(self.points),
            "suggested": number(self.suggested),
            "self": number(self.self_score),
            "station": number(self.station_score),
            "review": number(self.review_score),
            "final": number(self.final),
        }


@dataclass(frozen=True)
class DelegateResult:
    """One delegate's evaluation for one year, ranked within the station, quota applied."""

    evaluation_id: str
    person_id: str
    name: str
    station: str
    year: int
    indicators: tuple[IndicatorResult, ...]
    bonus: Decimal = Decimal(0)
    veto: str | None = None  # the veto situation's text
    total: Decimal | None = None  # None until a stage is completed
    grade: str | None = None  # None until a stage is completed, or while tied at the quota
    rank: int | None = None
    quota_tie: bool = False  # tied across the 优秀 line and not yet decided
    decided: bool = False  # the grade comes from a recorded tie decision
    decision_reason: str = ""
    consequence: str | None = None  # "提醒谈话" / "劝辞" / "推荐为下届候选人、推优入党"
    consequence_reasons: tuple[str, ...] = ()
    stage: str = NOT_STARTED  # the latest completed stage, NOT_STARTED or PAST_RESULT
    stages_done: tuple[Stage, ...] = ()
    locked: bool = False
    notes: str = ""

    def as_json(self) -> dict[str, Any]:
        """Exactly the keys `twdesk evaluate --format json` promises."""
        return {
            "name": self.name,
            "station": self.station,
            "indicators": [i.as_json() for i in self.indicators],
            "bonus": number(self.bonus),
            "veto": self.veto,
            "total": number(self.total),
            "grade": self.grade,
            "quota_tie": self.quota_tie,
            "consequence": self.consequence,
            "stage": self.stage,
            "locked": self.locked,
        }


@dataclass(frozen=True)
class StationYear:
    """One station's evaluation year: the scheme it is scored with and every delegate, ranked."""

    station_id: str
    station: str
    year: int
    scheme: Scheme
    delegates: tuple[DelegateResult, ...]
    excellent_slots: int = 0
    locked: bool = False  # every evaluation of the station's year is locked
    office: str = ""  # the office name, for printouts

    @property
    def grade_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in self.delegates:
            if d.grade:
                counts[d.grade] = counts.get(d.grade, 0) + 1
        return counts


@dataclass(frozen=True)
class StageProgress:
    """Per station: who is missing which stage (the progress view)."""

    station_id: str
    station: str
    delegates: int
    missing: dict[Stage, tuple[str, ...]] = field(default_factory=dict)  # stage → names
    locked: bool = False
