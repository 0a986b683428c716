"""Station management assessment (联络站考评): a checklist per year, the scores entered per
station and item, and the rectification ledger (整改台账) of the problems found."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class StationCheckItem(IdMixin, VersionMixin, Base):
    """One item of a year's checklist: points and how the suggestion is measured."""

    __tablename__ = "station_check_item"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    year: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    points: Mapped[float] = mapped_column(Float)
    measure: Mapped[str] = mapped_column(String(24))  # core.station_assessment.Measure
    param: Mapped[float] = mapped_column(Float, default=0.0)
    notes: Mapped[str] = mapped_column(Text, default="")


class StationCheckScore(IdMixin, VersionMixin, Base):
    """The score entered for a station on an item (the suggestion stands where none is)."""

    __tablename__ = "station_check_score"
    __table_args__ = (UniqueConstraint("item_id", "station_id"),)

    item_id: Mapped[str] = mapped_column(ForeignKey("station_check_item.id"), index=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class Rectification(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A problem found at a station, its follow-up and when it was put right."""

    __tablename__ = "rectification"
    __table_args__ = (Index("ix_rectification_station_closed", "station_id", "closed_on"),)

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    item: Mapped[str] = mapped_column(String(100), default="")  # the checklist item concerned
    description: Mapped[str] = mapped_column(Text)
    found_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    responsible: Mapped[str] = mapped_column(String(50), default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")  # dated lines, newest last
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    closing_note: Mapped[str] = mapped_column(Text, default="")
