"""The duty poster, the reminder list and the Excel export: read from the file, written through
the one output writer (temporary file, rename; never over a database)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.vocab import Attendance
from twdesk.db.models import PersonPhoto, Station
from twdesk.excel import duty_export
from twdesk.output import write_output
from twdesk.reports.duty_poster import PosterData, PosterSeat, draw_poster
from twdesk.reports.duty_reminders import draw_reminders
from twdesk.services.duty import DutyDayView, DutyError, current_rule, duty_days
from twdesk.services.stations import StationRef, station_ref


def station_by_name(session: Session, name: str) -> StationRef:
    station = session.scalar(
        select(Station).where(Station.name == name.strip(), Station.deleted_at.is_(None))
    )
    if station is None:
        known = "、".join(
            session.scalars(
                select(Station.name).where(Station.deleted_at.is_(None)).order_by(Station.name)
            )
        )
        raise DutyError(f"找不到联络站「{name}」。现有联络站：{known or '（还没有）'}")
    return station_ref(station)


def poster_data(session: Session, station_id: str, year: int) -> PosterData:
    station = session.get(Station, station_id)
    if station is None:
        raise DutyError("这个联络站已不存在。")
    days = duty_days(session, station_id=station_id, year=year)
    if not days:
        raise DutyError(f"「{station.name}」{year}年还没有坐班计划，请先生成计划。")
    people = {seat.person_id for d in days for seat in d.seats}
    photos = dict(
        session.execute(
            select(PersonPhoto.person_id, PersonPhoto.data).where(PersonPhoto.person_id.in_(people))
        ).all()
    )
    rule = current_rule(session, station_id)
    hours = days[0].hours
    seats = [
        PosterSeat(d.day, d.moved_from, s.name, s.phone, s.wechat, photos.get(s.person_id))
        for d in days
        for s in d.seats
    ]
    return PosterData(
        station.name,
        year,
        station.address,
        hours,
        station.contact_phone or station.leader_phone,
        rule.spec.describe() if rule else "",
        seats,
    )


NOTE_SEPARATOR = "；"


def moved_note(day: DutyDayView) -> str:
    """What the list's 备注 says of a day moved off a holiday (`import duty` takes it out again,
    so only the seat's own note is recorded)."""
    return f"原定{day.moved_from:%Y-%m-%d}，遇节假日调整" if day.moved_from else ""


def export_rows(
    session: Session, year: int, *, station_id: str | None = None, today: date | None = None
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for d in duty_days(session, station_id=station_id, year=year, today=today):
        for s in d.seats:
            extra = NOTE_SEPARATOR.join(x for x in (moved_note(d), s.note) if x)
            rows.append(
                (
                    d.day.isoformat(),
                    d.weekday,
                    d.hours,
                    d.station,
                    s.name,
                    s.phone,
                    s.wechat,
                    s.shown,
                    s.substitute if s.attendance == Attendance.SUBSTITUTED else "",
                    extra,
                )
            )
    return rows


def reminder_rows(
    session: Session, start: date, days: int = 14, *, station_id: str | None = None
) -> list[tuple[str, ...]]:
    end = start + timedelta(days=days - 1)
    rows = []
    for d in duty_days(session, station_id=station_id, start=start, end=end, today=start):
        for s in d.seats:
            who = (
                s.substitute if s.attendance == Attendance.SUBSTITUTED and s.substitute else s.name
            )
            rows.append(
                (f"{d.day:%m-%d}", d.weekday, d.hours, d.station, who, s.phone, s.wechat, s.shown)
            )
    return rows


def export_duty(
    session: Session,
    out: Path,
    year: int,
    *,
    station_id: str | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> int:
    """The year's duty plan as .xlsx (one row per delegate per duty day); returns the rows."""
    rows = export_rows(session, year, station_id=station_id, today=today)
    return write_output(
        Path(out),
        lambda tmp: duty_export.export_duty(rows, tmp, title=f"{year}年坐班安排"),
        overwrite=overwrite,
    )


def print_poster(
    session: Session,
    out: Path,
    station_id: str,
    year: int,
    *,
    size: str = "A4",
    overwrite: bool = False,
) -> int:
    """The station's duty poster PDF for `year`; returns the number of pages."""
    data = poster_data(session, station_id, year)
    return write_output(
        Path(out), lambda tmp: draw_poster(data, tmp, size=size), overwrite=overwrite
    )


def print_reminders(
    session: Session,
    out: Path,
    start: date,
    days: int = 14,
    *,
    station_id: str | None = None,
    overwrite: bool = False,
) -> int:
    """The reminder list PDF of the `days` days from `start`; returns the number of rows."""
    rows = reminder_rows(session, start, days, station_id=station_id)
    end = start + timedelta(days=days - 1)
    return write_output(
        Path(out),
        lambda tmp: draw_reminders(rows, tmp, start=start, end=end),
        overwrite=overwrite,
    )
