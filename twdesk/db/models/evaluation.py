"""Annual evaluation (履职考核): schemes, yearly evaluations, per-stage scores, bonus and veto."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, VersionMixin


class EvalScheme(IdMixin, VersionMixin, Base):
    """A county's 考核办法. A locked year keeps the scheme it was scored with."""

    __tablename__ = "eval_scheme"

    name: Mapped[str] = mapped_column(String(100))
    year_from: Mapped[int | None] = mapped_column(Integer, default=None)
    excellent_cap: Mapped[float] = mapped_column(Float, default=0.2)  # 优秀 ≤ 20 %
    bonus_cap: Mapped[float] = mapped_column(Float, default=10.0)
    grade_excellent: Mapped[float] = mapped_column(Float, default=90.0)
    grade_competent: Mapped[float] = mapped_column(Float, default=75.0)
    grade_basic: Mapped[float] = mapped_column(Float, default=60.0)
    youth_target: Mapped[int] = mapped_column(Integer, default=100)  # 1+100
    branch_target: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str] = mapped_column(Text, default="")

    indicators: Mapped[list[EvalIndicator]] = relationship(
        back_populates="scheme", order_by="EvalIndicator.seq"
    )
    bonus_items: Mapped[list[EvalBonusItem]] = relationship(
        back_populates="scheme", order_by="EvalBonusItem.seq"
    )
    veto_items: Mapped[list[EvalVetoItem]] = relationship(
        back_populates="scheme", order_by="EvalVetoItem.seq"
    )


class EvalIndicator(IdMixin, VersionMixin, Base):
    __tablename__ = "eval_indicator"

    scheme_id: Mapped[str] = mapped_column(ForeignKey("eval_scheme.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    points: Mapped[float] = mapped_column(Float)
    rule_key: Mapped[str] = mapped_column(
        String(32), default="manual"
    )  # how the suggestion is computed
    rule_params: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    description: Mapped[str] = mapped_column(Text, default="")

    scheme: Mapped[EvalScheme] = relationship(back_populates="indicators")


class EvalBonusItem(IdMixin, VersionMixin, Base):
    __tablename__ = "eval_bonus_item"

    scheme_id: Mapped[str] = mapped_column(ForeignKey("eval_scheme.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    points: Mapped[float] = mapped_column(Float)

    scheme: Mapped[EvalScheme] = relationship(back_populates="bonus_items")


class EvalVetoItem(IdMixin, VersionMixin, Base):
    __tablename__ = "eval_veto_item"

    scheme_id: Mapped[str] = mapped_column(ForeignKey("eval_scheme.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)

    scheme: Mapped[EvalScheme] = relationship(back_populates="veto_items")


class Evaluation(IdMixin, VersionMixin, Base):
    """One delegate's evaluation for one year."""

    __tablename__ = "evaluation"
    __table_args__ = (
        UniqueConstraint("person_id", "year"),
        Index("ix_evaluation_station_year", "station_id", "year"),
    )

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    scheme_id: Mapped[str] = mapped_column(ForeignKey("eval_scheme.id"))
    station_id: Mapped[str | None] = mapped_column(ForeignKey("station.id"), default=None)
    self_total: Mapped[float | None] = mapped_column(Float, default=None)
    station_total: Mapped[float | None] = mapped_column(Float, default=None)
    review_total: Mapped[float | None] = mapped_column(Float, default=None)
    bonus: Mapped[float] = mapped_column(Float, default=0.0)
    vetoed: Mapped[bool] = mapped_column(Boolean, default=False)
    final_score: Mapped[float | None] = mapped_column(Float, default=None)
    grade: Mapped[str] = mapped_column(String(8), default="")  # vocab.Grade
    consequence: Mapped[str] = mapped_column(String(32), default="")  # 提醒谈话 / 劝辞 / 推荐
    stage: Mapped[str] = mapped_column(String(8), default="自评")  # 自评 / 组织评价 / 复核 / 完成
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    locked_by: Mapped[str] = mapped_column(String(64), default="")
    scheme_snapshot: Mapped[str] = mapped_column(Text, default="")  # JSON of the scheme when locked
    notes: Mapped[str] = mapped_column(Text, default="")
    decision_grade: Mapped[str] = mapped_column(String(8), default="")  # a quota tie settled
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    consequence_note: Mapped[str] = mapped_column(Text, default="")  # why (frozen when locked)
    # the suggestions from the records, JSON [[seq, "score" | null, basis, no_duty], …]:
    # derived data kept with the evaluation (recomputed when reopened, frozen when locked)
    suggestions: Mapped[str] = mapped_column(Text, default="")

    scores: Mapped[list[EvaluationScore]] = relationship(back_populates="evaluation")


class EvaluationScore(IdMixin, VersionMixin, Base):
    """One indicator of one evaluation: the suggestion from the records and each stage's score."""

    __tablename__ = "evaluation_score"
    __table_args__ = (UniqueConstraint("evaluation_id", "indicator_id"),)

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluation.id"))
    indicator_id: Mapped[str] = mapped_column(ForeignKey("eval_indicator.id"))
    suggested: Mapped[float | None] = mapped_column(Float, default=None)
    self_score: Mapped[float | None] = mapped_column(Float, default=None)
    self_reason: Mapped[str] = mapped_column(Text, default="")
    station_score: Mapped[float | None] = mapped_column(Float, default=None)
    station_reason: Mapped[str] = mapped_column(Text, default="")
    review_score: Mapped[float | None] = mapped_column(Float, default=None)
    review_reason: Mapped[str] = mapped_column(Text, default="")

    evaluation: Mapped[Evaluation] = relationship(back_populates="scores")


class EvaluationBonus(IdMixin, VersionMixin, Base):
    __tablename__ = "evaluation_bonus"

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluation.id"), index=True)
    bonus_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("eval_bonus_item.id"), default=None
    )
    description: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[float] = mapped_column(Float)


class EvaluationVeto(IdMixin, VersionMixin, Base):
    __tablename__ = "evaluation_veto"

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluation.id"), index=True)
    veto_item_id: Mapped[str | None] = mapped_column(ForeignKey("eval_veto_item.id"), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class EvaluationUnlock(IdMixin, Base):
    """Unlocking a finished year needs a reason and is kept."""

    __tablename__ = "evaluation_unlock"

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluation.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    done_at: Mapped[datetime] = mapped_column(DateTime)
    done_by: Mapped[str] = mapped_column(String(64), default="")
