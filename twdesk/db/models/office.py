"""The file's own facts (office id, versions) and the editable lists."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from twdesk.db.base import Base, IdMixin, VersionMixin


class Setting(Base):
    """Key/value facts of this database file: office_id, office_name, created_with, …"""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class LookupValue(IdMixin, VersionMixin, Base):
    """An entry of an office-editable list (visit categories, activity types, group kinds, sectors)."""

    __tablename__ = "lookup_value"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
