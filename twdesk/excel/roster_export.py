"""Roster → .xlsx, in the columns the importer reads, so an export imports back unchanged."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.idcard import mask_id_number, mask_phone
from twdesk.db.models import GroupMembership, Person, SpecialGroup, Station, StationMembership
from twdesk.excel.roster_columns import ROSTER_COLUMNS

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def roster_records(session: Session, *, station: str | None = None) -> list[dict[str, object]]:
    """One dict per delegate (recycle bin excluded), keyed by roster field."""
    stations: dict[str, list[str]] = defaultdict(list)
    for person_id, name in session.execute(
        select(StationMembership.person_id, Station.name)
        .join(Station, Station.id == StationMembership.station_id)
        .where(StationMembership.end_date.is_(None), Station.deleted_at.is_(None))
        .order_by(Station.sort_order, Station.name)
    ):
        stations[person_id].append(name)
    groups: dict[str, list[str]] = defaultdict(list)
    for person_id, name in session.execute(
        select(GroupMembership.person_id, SpecialGroup.name)
        .join(SpecialGroup, SpecialGroup.id == GroupMembership.group_id)
        .where(GroupMembership.end_date.is_(None), SpecialGroup.deleted_at.is_(None))
        .order_by(SpecialGroup.name)
    ):
        groups[person_id].append(name)
    people = session.scalars(
        select(Person)
        .where(Person.deleted_at.is_(None), Person.is_delegate.is_(True))
        .order_by(Person.name_pinyin, Person.name)
    )
    records = []
    for p in people:
        where = stations.get(p.id, [])
        if station and station not in where:
            continue
        record: dict[str, object] = {
            c.field: getattr(p, c.field, "") for c in ROSTER_COLUMNS if hasattr(p, c.field)
        }
        record["station"] = "、".join(where)
        record["groups"] = "、".join(groups.get(p.id, []))
        record["status"] = p.status
        records.append(record)
    return records


def export_roster(
    session: Session, out_path: Path, *, station: str | None = None, mask: bool = False
) -> int:
    """Write the roster; returns the number of people written."""
    records = roster_records(session, station=station)
    wb = Workbook()
    ws = wb.active
    ws.title = "团代表名册"
    first = 1
    if mask:
        ws.cell(
            row=1, column=1, value="团代表名册（身份证号、手机号已脱敏，可对外提供）"
        ).font = Font(bold=True)
        first = 2
    for col, column in enumerate(ROSTER_COLUMNS, 1):
        cell = ws.cell(row=first, column=col, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = column.width
    for r, record in enumerate(records, first + 1):
        for col, column in enumerate(ROSTER_COLUMNS, 1):
            value = record.get(column.field)
            if mask and column.field == "id_number" and value:
                value = mask_id_number(str(value))
            if mask and column.field == "phone" and value:
                value = mask_phone(str(value))
            cell = ws.cell(row=r, column=col, value=value if value not in (None, "") else None)
            if column.text:
                cell.number_format = "@"
                if cell.value is not None:
                    cell.value = str(cell.value)
            elif column.field == "birth_date" and value:
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = ws.cell(row=first + 1, column=2)
    ws.auto_filter.ref = (
        f"A{first}:{get_column_letter(len(ROSTER_COLUMNS))}{max(first, first + len(records))}"
    )
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(out_path)
    return len(records)
