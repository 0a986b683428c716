"""Duty records (履职记录): activities in both books, projects (领办项目), attachments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class Project(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """青微项目 / 领办项目."""

    __tablename__ = "project"

    name: Mapped[str] = mapped_column(String(200), index=True)
    station_id: Mapped[str | None] = mapped_column(ForeignKey("station.id"), default=None)
    leader_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    youth_served: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")


class ProjectMember(IdMixin, VersionMixin, Base):
    __tablename__ = "project_member"
    __table_args__ = (UniqueConstraint("project_id", "person_id"),)

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="参与")  # 领办 | 参与


class Activity(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_station_date", "station_id", "activity_date"),
        # the home page's 待确认 count per station (issue 16)
        Index("ix_activity_confirmation", "confirmation", "station_id"),
    )

    station_id: Mapped[str | None] = mapped_column(ForeignKey("station.id"), default=None)
    activity_type: Mapped[str] = mapped_column(String(32))
    activity_date: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    youth_count: Mapped[int] = mapped_column(Integer, default=0)  # 覆盖人次
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"), default=None)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("special_group.id"), default=None)
    branch_id: Mapped[str | None] = mapped_column(ForeignKey("youth_branch.id"), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(4), default="总账本")  # vocab.ActivitySource
    recorded_by_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    confirmation: Mapped[str] = mapped_column(String(4), default="已确认")  # vocab.Confirmation
    confirmation_note: Mapped[str] = mapped_column(Text, default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    participants: Mapped[list[ActivityParticipant]] = relationship(back_populates="activity")


class ActivityParticipant(IdMixin, VersionMixin, Base):
    __tablename__ = "activity_participant"
    __table_args__ = (
        UniqueConstraint("activity_id", "person_id"),
        Index("ix_activity_participant_person", "person_id"),
    )

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    # expected but absent without leave (无故缺席): listed, never counted as taking part
    absent: Mapped[bool] = mapped_column(Boolean, default=False)

    activity: Mapped[Activity] = relationship(back_populates="participants")


class Attachment(IdMixin, VersionMixin, Base):
    """A downscaled photo or scan stored inside the file, so the database stays self-contained."""

    __tablename__ = "attachment"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(50))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
