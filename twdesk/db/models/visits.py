"""The visitor register (来访登记) and opinion items (意见建议) tracked to closure."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class Visit(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    __tablename__ = "visit"
    __table_args__ = (
        # per-delegate counts by period (GUIDE: 21 ms → 0.2 ms)
        Index("ix_visit_receiver_date", "received_by_id", "visit_date"),
        Index("ix_visit_station_date", "station_id", "visit_date"),
        # the register list: live visits newest first, and their count, from the index alone
        Index("ix_visit_live_date", "deleted_at", "visit_date", "id"),
        # opinion items per receiver for a year (the evaluation): visits read from the index
        Index("ix_visit_live_receiver", "deleted_at", "visit_date", "received_by_id", "id"),
    )

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    duty_day_id: Mapped[str | None] = mapped_column(ForeignKey("duty_day.id"), default=None)
    received_by_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    visit_date: Mapped[date] = mapped_column(Date)
    visit_time: Mapped[time | None] = mapped_column(Time, default=None)
    visitor_name: Mapped[str] = mapped_column(String(50), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    gender: Mapped[str] = mapped_column(String(2), default="")
    age_group: Mapped[str] = mapped_column(String(16), default="")
    identity: Mapped[str] = mapped_column(String(8), default="")  # vocab.VisitorIdentity
    phone: Mapped[str] = mapped_column(String(30), default="")  # masked outside the editor
    unit_or_village: Mapped[str] = mapped_column(String(100), default="")
    channel: Mapped[str] = mapped_column(String(8), default="来访")  # vocab.Channel
    category: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    items: Mapped[list[OpinionItem]] = relationship(
        back_populates="visit", order_by="OpinionItem.number"
    )


class OpinionItem(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """One 意见建议 with its current handling state; every step is in opinion_step."""

    __tablename__ = "opinion_item"
    __table_args__ = (
        Index("ix_opinion_item_status_deadline", "status", "deadline"),
        # a visit's live items from the index alone (replaces the plain visit_id index)
        Index("ix_opinion_item_visit_live", "visit_id", "deleted_at", "id"),
    )

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"))
    number: Mapped[str] = mapped_column(
        String(32), index=True
    )  # printed on the 交办单, e.g. 2026-0042
    category: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="已登记")  # vocab.OpinionStatus
    department: Mapped[str] = mapped_column(String(100), default="")  # 交办部门
    responsible: Mapped[str] = mapped_column(String(50), default="")
    assigned_on: Mapped[date | None] = mapped_column(Date, default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    handled_on: Mapped[date | None] = mapped_column(Date, default=None)
    result: Mapped[str] = mapped_column(Text, default="")
    fed_back_on: Mapped[date | None] = mapped_column(Date, default=None)
    feedback_method: Mapped[str] = mapped_column(String(50), default="")
    satisfaction: Mapped[str] = mapped_column(String(8), default="")  # vocab.Satisfaction
    adopted: Mapped[bool] = mapped_column(Boolean, default=False)  # adopted by a department: bonus

    visit: Mapped[Visit] = relationship(back_populates="items")
    steps: Mapped[list[OpinionStep]] = relationship(
        back_populates="item", order_by="OpinionStep.done_at"
    )


class OpinionStep(IdMixin, Base):
    """A stamped handling step (including reopening): who, when, from which state to which."""

    __tablename__ = "opinion_step"

    item_id: Mapped[str] = mapped_column(ForeignKey("opinion_item.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(8), default="")
    to_status: Mapped[str] = mapped_column(String(8))
    done_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime] = mapped_column(DateTime)
    done_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[OpinionItem] = relationship(back_populates="steps")
