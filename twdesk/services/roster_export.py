"""The roster export and the roster import template: read from the file, written through the
one output writer (temporary file, rename; never over a database)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.idcard import mask_id_number, mask_phone
from twdesk.core.masking import mask_text
from twdesk.core.vocab import DEFAULT_GROUP_KINDS
from twdesk.db.models import GroupMembership, Person, SpecialGroup, Station, StationMembership
from twdesk.excel.roster_columns import ROSTER_COLUMNS
from twdesk.excel.roster_export import write_roster
from twdesk.excel.roster_template import write_roster_template
from twdesk.output import write_output


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


def mask_record(record: dict[str, object]) -> dict[str, object]:
    """The record for sharing outside the office: ID number and phone masked, and every ID or
    phone number typed into any other text (工作单位, 备注, 微信号 …) masked too."""
    masked = {k: mask_text(v) if isinstance(v, str) else v for k, v in record.items()}
    if record.get("id_number"):
        masked["id_number"] = mask_id_number(str(record["id_number"]))
    if record.get("phone"):
        masked["phone"] = mask_phone(str(record["phone"]))
    return masked


def export_roster(
    session: Session,
    out: Path,
    *,
    station: str | None = None,
    mask: bool = False,
    overwrite: bool = False,
) -> int:
    """Write the roster (one station's delegates when `station` names it); returns the count.

    `mask` hides ID numbers and phones, for sharing outside the office.
    """
    records = roster_records(session, station=station)
    if mask:
        records = [mask_record(r) for r in records]
    return write_output(
        Path(out), lambda tmp: write_roster(records, tmp, masked=mask), overwrite=overwrite
    )


def save_roster_template(session: Session, out: Path, *, overwrite: bool = False) -> Path:
    """The import template with drop-down lists of this file's stations and special groups."""
    stations = list(
        session.scalars(
            select(Station.name).where(Station.deleted_at.is_(None)).order_by(Station.sort_order)
        )
    )
    groups = sorted(
        {f"{kind}小组" for kind in DEFAULT_GROUP_KINDS}
        | set(session.scalars(select(SpecialGroup.name)))
    )
    out = Path(out).expanduser().absolute()
    write_output(
        out,
        lambda tmp: write_roster_template(tmp, stations=stations, groups=groups),
        overwrite=overwrite,
    )
    return out
