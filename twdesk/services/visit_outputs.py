"""What the 交办单 prints, read from the file (visitors' names and phones masked)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from twdesk.core.idcard import mask_phone
from twdesk.db.models import OpinionItem, Person, Station, Visit
from twdesk.reports.referral_slip import SlipData
from twdesk.services.visit_export import mask_name


def slip_data(session: Session, item_ids: list[str]) -> list[SlipData]:
    receiver = aliased(Person)
    rows = session.execute(
        select(OpinionItem, Visit, Station.name, receiver.name)
        .join(Visit, Visit.id == OpinionItem.visit_id)
        .join(Station, Station.id == Visit.station_id)
        .outerjoin(receiver, receiver.id == Visit.received_by_id)
        .where(OpinionItem.id.in_(item_ids))
        .order_by(OpinionItem.number)
    ).all()
    return [
        SlipData(
            number=item.number,
            station=station,
            visit_date=visit.visit_date,
            receiver=receiver_name or "",
            visitor="匿名" if visit.anonymous else mask_name(visit.visitor_name),
            phone=mask_phone(visit.phone),
            category=item.category,
            content=item.content,
            department=item.department,
            responsible=item.responsible,
            assigned_on=item.assigned_on,
            deadline=item.deadline,
        )
        for item, visit, station, receiver_name in rows
    ]
