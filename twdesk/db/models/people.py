"""People (delegates, committee members, past delegates, cadres), memberships and relations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class Person(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_name_pinyin", "name_pinyin"),
        Index("ix_person_id_number", "id_number"),
    )

    name: Mapped[str] = mapped_column(String(50), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")  # "zhang san"
    name_initials: Mapped[str] = mapped_column(String(50), default="")  # "zs"
    gender: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    ethnicity: Mapped[str] = mapped_column(String(20), default="")  # 民族
    political_status: Mapped[str] = mapped_column(String(20), default="")  # 政治面貌
    education: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")  # text, never a number
    phone: Mapped[str] = mapped_column(String(30), default="")
    wechat: Mapped[str] = mapped_column(String(50), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")  # 工作单位
    position: Mapped[str] = mapped_column(String(100), default="")  # 职务
    address: Mapped[str] = mapped_column(String(200), default="")
    # roles: one person may hold several
    is_delegate: Mapped[bool] = mapped_column(Boolean, default=True)  # 团代表
    is_committee: Mapped[bool] = mapped_column(Boolean, default=False)  # 委员
    is_past_delegate: Mapped[bool] = mapped_column(Boolean, default=False)  # 往届团代表
    is_cadre: Mapped[bool] = mapped_column(Boolean, default=False)  # 团干部
    # delegate facts
    level: Mapped[str] = mapped_column(String(8), default="")  # vocab.DelegateLevel
    sector: Mapped[str] = mapped_column(String(32), default="")  # 界别/领域
    term: Mapped[str] = mapped_column(String(32), default="")  # 届次
    # Current status, always the latest row of status_history (kept in step by the service).
    status: Mapped[str] = mapped_column(String(8), default="在任", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    photo: Mapped[PersonPhoto | None] = relationship(back_populates="person", uselist=False)
    status_history: Mapped[list[StatusChange]] = relationship(
        back_populates="person", order_by="StatusChange.changed_on"
    )


class PersonPhoto(IdMixin, VersionMixin, Base):
    """A downscaled 3:4 photo kept apart so person rows stay small."""

    __tablename__ = "person_photo"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), unique=True)
    mime: Mapped[str] = mapped_column(String(20), default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)

    person: Mapped[Person] = relationship(back_populates="photo")


class StatusChange(IdMixin, Base):
    """Append-only status history: 在任 / 免职 / 辞职 / 届满, with date and reason."""

    __tablename__ = "status_change"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    changed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    person: Mapped[Person] = relationship(back_populates="status_history")


class StationMembership(IdMixin, VersionMixin, Base):
    """A person assigned to a station (进站团代表), with dates; role e.g. 站长, 联络员, 进站代表."""

    __tablename__ = "station_membership"
    __table_args__ = (Index("ix_station_membership_station_person", "station_id", "person_id"),)

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="进站代表")
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)


class GroupMembership(IdMixin, VersionMixin, Base):
    __tablename__ = "group_membership"

    group_id: Mapped[str] = mapped_column(ForeignKey("special_group.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="成员")
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)


class CommitteeLink(IdMixin, VersionMixin, Base):
    """两联: a committee member contacts a delegate."""

    __tablename__ = "committee_link"

    committee_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    delegate_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)


class Mentorship(IdMixin, VersionMixin, Base):
    """往届团代表联系指导: a past delegate mentors a current one."""

    __tablename__ = "mentorship"

    mentor_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    mentee_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)


class YouthBranch(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A Youth League branch (团支部) that delegates contact."""

    __tablename__ = "youth_branch"

    name: Mapped[str] = mapped_column(String(100), index=True)
    unit: Mapped[str] = mapped_column(String(100), default="")
    station_id: Mapped[str | None] = mapped_column(ForeignKey("station.id"), default=None)
    secretary: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    member_count: Mapped[int | None] = mapped_column(default=None)


class BranchContact(IdMixin, VersionMixin, Base):
    """A delegate's link to a branch they contact (1+100 … +1 branch)."""

    __tablename__ = "branch_contact"

    delegate_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    branch_id: Mapped[str] = mapped_column(ForeignKey("youth_branch.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class Commendation(IdMixin, VersionMixin, Base):
    """表彰: counted as evaluation bonus (县 +2, 市 +4, 省 +6, 国家 +8 by default)."""

    __tablename__ = "commendation"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    level: Mapped[str] = mapped_column(String(8))  # vocab.CommendationLevel
    title: Mapped[str] = mapped_column(String(200))
    awarded_on: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(100), default="")
