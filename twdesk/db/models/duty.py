"""Duty days (驻站坐班/接待日): rules, holidays, days, assignments, attendance, swaps."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, VersionMixin


class DutyRule(IdMixin, VersionMixin, Base):
    """How a station's duty days fall: weekly, monthly on a day or nth weekday, or by hand."""

    __tablename__ = "duty_rule"

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # vocab.DutyRuleKind
    weekday: Mapped[int | None] = mapped_column(Integer, default=None)  # 0 = Monday
    month_day: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..31
    nth: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5, -1 = last
    start_time: Mapped[time | None] = mapped_column(Time, default=None)
    end_time: Mapped[time | None] = mapped_column(Time, default=None)
    per_day: Mapped[int] = mapped_column(Integer, default=1)
    mix_levels: Mapped[bool] = mapped_column(Boolean, default=False)  # 三级混合编组
    on_holiday: Mapped[str] = mapped_column(String(8), default="next")  # vocab.OnHoliday
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)


class Holiday(IdMixin, VersionMixin, Base):
    """A statutory day off (休) or a make-up workday (班, 调休)."""

    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(2))  # vocab.HolidayKind
    name: Mapped[str] = mapped_column(String(50), default="")
    source: Mapped[str] = mapped_column(String(20), default="manual")  # chinesecalendar | manual


class HolidayYear(IdMixin, VersionMixin, Base):
    """A year whose holidays are known (seeded or entered); generation refuses unknown years."""

    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    confirmed_by: Mapped[str] = mapped_column(String(64), default="")


class DutyDay(IdMixin, VersionMixin, Base):
    __tablename__ = "duty_day"
    __table_args__ = (UniqueConstraint("station_id", "day"),)

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    rule_id: Mapped[str | None] = mapped_column(ForeignKey("duty_rule.id"), default=None)
    start_time: Mapped[time | None] = mapped_column(Time, default=None)
    end_time: Mapped[time | None] = mapped_column(Time, default=None)
    moved_from: Mapped[date | None] = mapped_column(Date, default=None)  # moved off a holiday
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    assignments: Mapped[list[DutyAssignment]] = relationship(back_populates="duty_day")


class DutyAssignment(IdMixin, VersionMixin, Base):
    """One delegate on one duty day, with attendance."""

    __tablename__ = "duty_assignment"
    __table_args__ = (
        UniqueConstraint("duty_day_id", "person_id"),
        Index("ix_duty_assignment_person", "person_id"),
    )

    duty_day_id: Mapped[str] = mapped_column(ForeignKey("duty_day.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    attendance: Mapped[str] = mapped_column(String(4), default="未登记")  # vocab.Attendance
    substitute_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    attendance_note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    duty_day: Mapped[DutyDay] = relationship(back_populates="assignments")


class DutySwap(IdMixin, Base):
    """History of swaps (two delegates exchange days) and substitutions (替班)."""

    __tablename__ = "duty_swap"

    kind: Mapped[str] = mapped_column(String(8))  # 换班 | 替班
    assignment_id: Mapped[str] = mapped_column(ForeignKey("duty_assignment.id"), index=True)
    other_assignment_id: Mapped[str | None] = mapped_column(
        ForeignKey("duty_assignment.id"), default=None
    )
    from_person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    to_person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime] = mapped_column(DateTime)
    done_by: Mapped[str] = mapped_column(String(64), default="")


class Unavailability(IdMixin, VersionMixin, Base):
    """Dates a delegate declared they cannot sit (出差, 产假 …), respected by the rotation."""

    __tablename__ = "unavailability"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
