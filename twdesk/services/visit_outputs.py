"""The 交办单 (visitors' names and phones masked) and the statistics summary (PDF and .xlsx):
read from the file, written through the one output writer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from twdesk.core.idcard import mask_phone
from twdesk.core.visit_stats import Stats
from twdesk.db.models import OpinionItem, Person, Station, Visit
from twdesk.excel.visit_summary import write_summary
from twdesk.output import write_output
from twdesk.reports.referral_slip import SlipData, draw_slips
from twdesk.reports.visit_summary import draw_summary
from twdesk.services.overview import office_name
from twdesk.services.visit_export import mask_name
from twdesk.services.visits import visit_stats


def slip_data(session: Session, item_ids: list[str]) -> list[SlipData]:
    receiver = aliased(Person)
    rows = session.execute(
        select(OpinionItem, Visit, Station.name, receiver.name)
        .join(Visit, Visit.id == OpinionItem.visit_id)
        .join(Station, Station.id == Visit.station_id)
        .outerjoin(receiver, (receiver.id == Visit.received_by_id) & receiver.deleted_at.is_(None))
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


def print_slips(
    session: Session, out: Path, item_ids: list[str], *, overwrite: bool = False
) -> int:
    """One 交办单 page per opinion item; returns the number of slips."""
    slips = slip_data(session, item_ids)
    office = office_name(session)
    write_output(Path(out), lambda tmp: draw_slips(slips, tmp, office=office), overwrite=overwrite)
    return len(slips)


def period_text(start: date, end: date) -> str:
    return f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"


def summary_title(session: Session, start: date, end: date, station_id: str | None) -> str:
    """`某某联络站来访接待情况统计（2026年01月01日至2026年12月31日）`."""
    scope = session.get(Station, station_id).name if station_id else "全部联络站"
    return f"{scope}来访接待情况统计（{period_text(start, end)}）"


def _summary(
    session: Session,
    start: date,
    end: date,
    station_id: str | None,
    title: str | None,
    today: date | None,
) -> tuple[Stats, str]:
    stats = visit_stats(session, start=start, end=end, station_id=station_id, today=today)
    return stats, title or summary_title(session, start, end, station_id)


def print_visit_summary(
    session: Session,
    out: Path,
    *,
    start: date,
    end: date,
    station_id: str | None = None,
    title: str | None = None,
    today: date | None = None,
    overwrite: bool = False,
) -> Path:
    """The one-page statistics PDF for upward reporting."""
    stats, title = _summary(session, start, end, station_id, title, today)
    out = Path(out).expanduser().absolute()
    write_output(
        out,
        lambda tmp: draw_summary(stats, tmp, title=title, period=period_text(start, end)),
        overwrite=overwrite,
    )
    return out


def export_visit_summary(
    session: Session,
    out: Path,
    *,
    start: date,
    end: date,
    station_id: str | None = None,
    title: str | None = None,
    today: date | None = None,
    overwrite: bool = False,
) -> Path:
    """The statistics as .xlsx: the figures, by category and by month, with bar charts."""
    stats, title = _summary(session, start, end, station_id, title, today)
    out = Path(out).expanduser().absolute()
    write_output(out, lambda tmp: write_summary(stats, tmp, title=title), overwrite=overwrite)
    return out
