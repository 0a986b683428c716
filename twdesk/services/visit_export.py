"""The visit register to a spreadsheet: one row per opinion item (a visit without items is one
row), streamed, with the importer's column names so export → import round-trips. `mask` hides
visitors' phones and names for sharing outside the office."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from twdesk.core.idcard import mask_phone
from twdesk.db.models import OpinionItem, Person, Station, Visit

Progress = Callable[[int, int], None]


def mask_name(name: str) -> str:
    return f"{name[0]}某" if name and name != "匿名" else name


def export_rows(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    station_id: str | None = None,
    mask: bool = False,
) -> Iterator[tuple[object, ...]]:
    """Rows in COLUMNS order, streamed from the database in chunks."""
    receiver = aliased(Person)
    query = (
        select(
            Visit.visit_date,
            Visit.visit_time,
            Station.name,
            receiver.name,
            Visit.visitor_name,
            Visit.anonymous,
            Visit.gender,
            Visit.age_group,
            Visit.identity,
            Visit.phone,
            Visit.unit_or_village,
            Visit.channel,
            Visit.category,
            Visit.content,
            Visit.people_count,
            OpinionItem.number,
            OpinionItem.content,
            OpinionItem.status,
            OpinionItem.department,
            OpinionItem.responsible,
            OpinionItem.deadline,
            OpinionItem.handled_on,
            OpinionItem.result,
            OpinionItem.feedback_method,
            OpinionItem.satisfaction,
        )
        .join(Station, Station.id == Visit.station_id)
        .outerjoin(receiver, receiver.id == Visit.received_by_id)
        .outerjoin(
            OpinionItem, (OpinionItem.visit_id == Visit.id) & OpinionItem.deleted_at.is_(None)
        )
        .where(Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date, Visit.id, OpinionItem.number)
        .execution_options(yield_per=5000)
    )
    if start:
        query = query.where(Visit.visit_date >= start)
    if end:
        query = query.where(Visit.visit_date <= end)
    if station_id:
        query = query.where(Visit.station_id == station_id)
    for r in session.execute(query):
        name = "匿名" if r[5] else r[4]
        phone = r[9]
        if mask:
            name, phone = mask_name(name), mask_phone(phone)
        yield (
            r[0].isoformat(),
            r[1].strftime("%H:%M") if r[1] else "",
            r[2],
            r[3] or "",
            name,
            r[6],
            r[7],
            r[8],
            phone,
            r[10],
            r[11],
            r[12],
            r[13],
            r[14],
            r[15] or "",
            r[16] or "",
            r[17] or "",
            r[18] or "",
            r[19] or "",
            r[20].isoformat() if r[20] else "",
            r[21].isoformat() if r[21] else "",
            r[22] or "",
            r[23] or "",
            r[24] or "",
        )
