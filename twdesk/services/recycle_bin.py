"""The recycle bin (回收站): soft delete, restore and list, for every table with deleted_at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.db.base import SoftDeleteMixin, now
from twdesk.db.models import (
    Activity,
    OpinionItem,
    Person,
    Project,
    SpecialGroup,
    Station,
    Visit,
    YouthBranch,
)

# What the bin shows, in this order, with a label and the column that names a row.
BIN_TABLES: tuple[tuple[type[SoftDeleteMixin], str, str], ...] = (
    (Station, "联络站", "name"),
    (SpecialGroup, "专项小组", "name"),
    (Person, "人员", "name"),
    (YouthBranch, "团支部", "name"),
    (Visit, "来访登记", "visitor_name"),
    (OpinionItem, "意见建议", "number"),
    (Activity, "履职记录", "title"),
    (Project, "项目", "name"),
)


@dataclass(frozen=True)
class BinEntry:
    table: str
    label: str
    row_id: str
    title: str
    deleted_at: datetime
    deleted_by: str


def move_to_bin(session: Session, obj: SoftDeleteMixin, user: str = "") -> None:
    """Hide a row everywhere; the audit log records it (action 移入回收站)."""
    if obj.deleted_at is None:
        obj.deleted_at = now()
        obj.deleted_by = user or session.info.get("user", "")


def restore(session: Session, obj: SoftDeleteMixin) -> None:
    obj.deleted_at = None
    obj.deleted_by = None


def list_bin(session: Session) -> list[BinEntry]:
    """Everything in the bin, newest first."""
    entries: list[BinEntry] = []
    for model, label, title_col in BIN_TABLES:
        title = getattr(model, title_col)
        rows = session.execute(
            select(model.id, title, model.deleted_at, model.deleted_by).where(
                model.deleted_at.is_not(None)
            )  # type: ignore[attr-defined]
        ).all()
        entries += [
            BinEntry(model.__tablename__, label, r[0], r[1] or "（无名称）", r[2], r[3] or "")  # type: ignore[attr-defined]
            for r in rows
        ]
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)
