"""The visit register's figures for a period: what the statistics page, `twdesk stats` and the
summary reports show (plain data, filled in by services/visits.visit_stats)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stats:
    visits: int = 0
    visitors: int = 0
    items: int = 0
    assigned: int = 0
    handled: int = 0
    fed_back: int = 0
    overdue: int = 0
    satisfied: int = 0
    rated: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_month: dict[int, int] = field(default_factory=dict)

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) ÷ items with a satisfaction given; None when none was given."""
        return round(self.satisfied / self.rated, 4) if self.rated else None

    def figures(self) -> list[tuple[str, int | float | None]]:
        """The labelled figures every summary lists, in order (the rate as a fraction or None)."""
        return [
            ("来访登记（次）", self.visits),
            ("接待人次", self.visitors),
            ("意见建议（条）", self.items),
            ("交办（件）", self.assigned),
            ("办结（件）", self.handled),
            ("反馈（件）", self.fed_back),
            ("超期未办结（件）", self.overdue),
            ("满意率", self.satisfaction_rate),
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "visits": self.visits,
            "visitors": self.visitors,
            "items": self.items,
            "assigned": self.assigned,
            "handled": self.handled,
            "fed_back": self.fed_back,
            "overdue": self.overdue,
            "satisfaction_rate": self.satisfaction_rate,
            "by_category": dict(self.by_category),
            "by_month": {str(m): n for m, n in self.by_month.items()},
        }

    def sentence(self) -> str:
        """The way offices report upward."""
        text = (
            f"接待团员青年 {self.visitors} 人次（来访登记 {self.visits} 次），"
            f"收集意见建议 {self.items} 条，交办 {self.assigned} 件，办结 {self.handled} 件，"
            f"反馈 {self.fed_back} 件"
        )
        if self.satisfaction_rate is not None:
            text += f"，满意率 {self.satisfaction_rate * 100:.1f}%"
        if self.overdue:
            text += f"；超期未办结 {self.overdue} 件"
        return text + "。"
