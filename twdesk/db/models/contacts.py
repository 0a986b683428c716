"""联系青年: the contact books of delegates and League cadres (1+100), their contact logs,
cadres' grassroots days, the committee's open days and satisfaction ballots.

A young person is one row however many contactors have them in their book (matched on phone,
else name + organisation); a book entry links a contactor to a young person, and every contact
is a log entry carrying both ids, so the year's distinct counts are one grouped query.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from twdesk.db.base import Base, IdMixin, SoftDeleteMixin, VersionMixin


class YoungPerson(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A young person someone is in touch with (never a delegate row: no ID number here)."""

    __tablename__ = "young_person"
    __table_args__ = (
        Index("ix_young_person_phone", "phone"),
        Index("ix_young_person_name_org", "name", "organisation"),
    )

    name: Mapped[str] = mapped_column(String(50))
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    name_initials: Mapped[str] = mapped_column(String(50), default="")
    gender: Mapped[str] = mapped_column(String(2), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None)
    age_group: Mapped[str] = mapped_column(String(20), default="")  # 18-24 … when no year
    field: Mapped[str] = mapped_column(String(32), default="")  # 领域 (lookup youth_field)
    organisation: Mapped[str] = mapped_column(String(100), default="")  # 单位或村
    phone: Mapped[str] = mapped_column(String(30), default="")
    wechat: Mapped[str] = mapped_column(String(50), default="")  # 微信 / QQ
    notes: Mapped[str] = mapped_column(Text, default="")


class ContactBookEntry(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A young person in a contactor's book (联系青年名册), with the first contact."""

    __tablename__ = "contact_book_entry"
    __table_args__ = (
        Index("ix_contact_book_entry_contactor", "contactor_id", "young_person_id"),
        Index("ix_contact_book_entry_young", "young_person_id"),
    )

    contactor_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    young_person_id: Mapped[str] = mapped_column(ForeignKey("young_person.id"))
    first_contact_date: Mapped[date] = mapped_column(Date)
    first_contact_way: Mapped[str] = mapped_column(String(8), default="")


class ContactLogEntry(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """One contact: date, way, what was discussed, help given, follow-up."""

    __tablename__ = "contact_log_entry"
    __table_args__ = (
        Index(
            "ix_contact_log_entry_date",
            "contact_date",
            "contactor_id",
            "young_person_id",
            "deleted_at",
        ),
        Index("ix_contact_log_entry_book", "book_entry_id", "contact_date"),
        Index("ix_contact_log_entry_contactor", "contactor_id", "contact_date"),
    )

    book_entry_id: Mapped[str] = mapped_column(ForeignKey("contact_book_entry.id"))
    contactor_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    young_person_id: Mapped[str] = mapped_column(ForeignKey("young_person.id"))
    contact_date: Mapped[date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(String(8), default="")
    discussed: Mapped[str] = mapped_column(Text, default="")
    help_given: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")


class GrassrootsDay(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A cadre's working day among young people at the grassroots (每周至少一天)."""

    __tablename__ = "grassroots_day"
    __table_args__ = (Index("ix_grassroots_day_cadre_day", "cadre_id", "day"),)

    cadre_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    day: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    what: Mapped[str] = mapped_column(Text, default="")


class OpenDay(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """The committee's themed open day (专题开放日), at least one a quarter with ≥ 50 youth."""

    __tablename__ = "open_day"

    day: Mapped[date] = mapped_column(Date, index=True)
    theme: Mapped[str] = mapped_column(String(200))
    youth_count: Mapped[int] = mapped_column(Integer, default=0)
    fields: Mapped[str] = mapped_column(String(300), default="")  # 领域, joined by 、
    host_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)


class SatisfactionRound(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """A satisfaction survey (满意度测评) and whom it covers."""

    __tablename__ = "satisfaction_round"

    name: Mapped[str] = mapped_column(String(100))
    held_on: Mapped[date] = mapped_column(Date)
    covers_contactors: Mapped[bool] = mapped_column(Boolean, default=True)
    covers_delegates: Mapped[bool] = mapped_column(Boolean, default=True)


class SatisfactionBallot(IdMixin, VersionMixin, SoftDeleteMixin, Base):
    """One anonymous ballot about one person: 满意 / 基本满意 / 不满意."""

    __tablename__ = "satisfaction_ballot"
    __table_args__ = (
        Index("ix_satisfaction_ballot_round_person", "round_id", "person_id"),
        Index("ix_satisfaction_ballot_person", "person_id"),
    )

    round_id: Mapped[str] = mapped_column(ForeignKey("satisfaction_round.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    result: Mapped[str] = mapped_column(String(6))
