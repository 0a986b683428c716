"""The USB exchange between offices: conflicts a merge kept for review, and whom we last met.

Both tables are local to their file: a merge never copies them from the other file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from twdesk.db.base import Base, IdMixin


class MergeConflict(IdMixin, Base):
    """One field of a record changed in both files since they last met (or deleted in one and
    changed in the other, or an opinion item renumbered): the version kept and the other one."""

    __tablename__ = "merge_conflict"
    __table_args__ = (Index("ix_merge_conflict_row", "table_name", "row_id"),)

    merged_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    kind: Mapped[str] = mapped_column(String(12))  # 双方修改 / 删除与修改 / 重新编号
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40), default="")
    # values as JSON text (dates as ISO text, bytes as base64): written back by 采用另一版本
    kept_value: Mapped[str | None] = mapped_column(Text, default=None)
    other_value: Mapped[str | None] = mapped_column(Text, default=None)
    kept_time: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    other_time: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    kept_office: Mapped[str] = mapped_column(String(100), default="")
    other_office: Mapped[str] = mapped_column(String(100), default="")
    other_office_id: Mapped[str] = mapped_column(String(36), default="")
    resolved: Mapped[bool] = mapped_column(default=False, index=True)
    resolution: Mapped[str] = mapped_column(String(12), default="")  # 保留 / 采用另一版本
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    resolved_by: Mapped[str] = mapped_column(String(64), default="")


class SyncPeer(Base):
    """Another office's file this file has merged: when they last met (the newest change of
    that file seen here), so the next merge knows which side changed a record since."""

    __tablename__ = "sync_peer"

    peer_office_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_office_name: Mapped[str] = mapped_column(String(100), default="")
    last_met: Mapped[datetime] = mapped_column(DateTime)
    last_merged_at: Mapped[datetime] = mapped_column(DateTime)
    merges: Mapped[int] = mapped_column(Integer, default=0)
