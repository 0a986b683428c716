"""Counts shown in the status bar. Portable SQL only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.vocab import OpinionStatus
from twdesk.db.models import Activity, OpinionItem, Person, Setting, Station, Visit

OPEN_STATUSES = (OpinionStatus.ASSIGNED, OpinionStatus.IN_PROGRESS)


def record_counts(session: Session, *, today: date | None = None) -> dict[str, int]:
    """Live records (recycle bin excluded): stations, delegates, visits, opinions, activities, overdue."""
    today = today or date.today()

    def count(model, *where) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    return {
        "stations": count(Station, Station.deleted_at.is_(None), Station.retired_on.is_(None)),
        "delegates": count(
            Person,
            Person.deleted_at.is_(None),
            Person.is_delegate.is_(True),
            Person.status == "在任",
        ),
        "visits": count(Visit, Visit.deleted_at.is_(None)),
        "opinions": count(OpinionItem, OpinionItem.deleted_at.is_(None)),
        "activities": count(Activity, Activity.deleted_at.is_(None)),
        "overdue": count(
            OpinionItem,
            OpinionItem.deleted_at.is_(None),
            OpinionItem.status.in_([str(s) for s in OPEN_STATUSES]),
            OpinionItem.deadline < today,
        ),
    }


def office_name(session: Session) -> str:
    """The office's name as printed on every sheet ("" when not set)."""
    setting = session.get(Setting, "office_name")
    return setting.value if setting is not None else ""
