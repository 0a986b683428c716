"""Liaison stations (联络站), their special groups (专项小组) and public boards (五公开)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class Station(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    __tablename__ = "station"

    name: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # vocab.StationKind
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("station.id"), default=None, index=True
    )
    address: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(100), default="")  # 开放时间, e.g. 每周三 9:00-12:00
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    established_on: Mapped[date | None] = mapped_column(Date, default=None)
    retired_on: Mapped[date | None] = mapped_column(Date, default=None)  # 撤销
    # 五公开 public board
    leader_name: Mapped[str] = mapped_column(String(50), default="")  # 负责人
    leader_phone: Mapped[str] = mapped_column(String(30), default="")
    leader_photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    duties: Mapped[str] = mapped_column(Text, default="")  # 工作职责
    rules: Mapped[str] = mapped_column(Text, default="")  # 工作制度
    pledges: Mapped[str] = mapped_column(Text, default="")  # 服务承诺
    yearly_plan: Mapped[str] = mapped_column(Text, default="")  # 年度/季度计划
    notes: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Station | None] = relationship(
        remote_side="Station.id", back_populates="children"
    )
    children: Mapped[list[Station]] = relationship(back_populates="parent")
    groups: Mapped[list[SpecialGroup]] = relationship(back_populates="station")


class SpecialGroup(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    __tablename__ = "special_group"

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32), default="")  # 志愿服务, 创新创业, …
    leader_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    description: Mapped[str] = mapped_column(Text, default="")

    station: Mapped[Station] = relationship(back_populates="groups")
