"""Stations (联络站): the tree, add, edit, retire. One transaction per call, owned by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.core.vocab import StationKind
from twdesk.db.models import (
    GroupMembership,
    Person,
    SpecialGroup,
    Station,
    StationMembership,
)
from twdesk.db.versions import check_version
from twdesk.services import recycle_bin
from twdesk.services.limits import refuse_long

EDITABLE_FIELDS = (
    "name",
    "kind",
    "parent_id",
    "address",
    "hours",
    "leader_name",
    "leader_phone",
    "contact_phone",
    "duties",
    "rules",
    "pledges",
    "yearly_plan",
    "notes",
)


LABELS = {
    "name": "联络站名称",
    "address": "地址",
    "hours": "开放时间",
    "leader_name": "负责人",
    "leader_phone": "负责人电话",
    "contact_phone": "联系电话",
    "duties": "工作职责",
    "rules": "工作制度",
    "pledges": "服务承诺",
    "yearly_plan": "年度计划",
    "notes": "备注",
}


class StationError(UserError, ValueError):
    """A station change that cannot be made; the message is for the user."""


@dataclass(frozen=True)
class StationRef:
    """A saved or looked-up station."""

    id: str
    name: str
    kind: str
    parent_id: str | None


def station_ref(station: Station) -> StationRef:
    return StationRef(station.id, station.name, station.kind, station.parent_id)


@dataclass(frozen=True)
class StationNode:
    id: str
    name: str
    kind: str
    parent_id: str | None
    retired: bool
    delegates: int


def station_tree(session: Session, *, include_retired: bool = False) -> list[StationNode]:
    """All stations with their number of current delegates, parents before children."""
    counts = dict(
        session.execute(
            select(StationMembership.station_id, func.count())
            .join(Person, Person.id == StationMembership.person_id)
            .where(
                StationMembership.end_date.is_(None),
                Person.deleted_at.is_(None),
                Person.status == "在任",
            )
            .group_by(StationMembership.station_id)
        ).all()
    )
    query = (
        select(Station)
        .where(Station.deleted_at.is_(None))
        .order_by(Station.sort_order, Station.name)
    )
    if not include_retired:
        query = query.where(Station.retired_on.is_(None))
    stations = list(session.scalars(query))
    kind_rank = {
        str(StationKind.COUNTY): 0,
        str(StationKind.TOWNSHIP): 1,
        str(StationKind.SECTOR): 2,
    }
    stations.sort(
        key=lambda s: (s.parent_id is not None, kind_rank.get(s.kind, 3), s.sort_order, s.name)
    )
    return [
        StationNode(
            s.id, s.name, s.kind, s.parent_id, s.retired_on is not None, counts.get(s.id, 0)
        )
        for s in stations
    ]


def save_station(
    session: Session,
    values: dict[str, object],
    station_id: str | None = None,
    *,
    expected_version: int | None = None,
) -> StationRef:
    """Create or update a station. `expected_version`: the `row_version` an editor loaded
    (load_station's "row_version"); StaleRecordError when someone else saved it since."""
    name = str(values.get("name") or "").strip()
    if not name:
        raise StationError("联络站名称不能为空。")
    refuse_long({**values, "name": name}, Station, LABELS, StationError)
    clash = session.scalar(
        select(Station.id).where(
            Station.name == name, Station.deleted_at.is_(None), Station.id != (station_id or "")
        )
    )
    if clash:
        raise StationError(f"已经有名为「{name}」的联络站，请换一个名称。")
    if values.get("kind") not in {str(k) for k in StationKind}:
        raise StationError("请选择联络站类型：县级联络站、乡镇街道联络站或行业分站。")
    station = session.get(Station, station_id) if station_id else Station()
    if station is None:
        raise StationError("这个联络站已不存在。")
    if station_id:
        check_version(station, expected_version)
    if station_id and values.get("parent_id") == station_id:
        raise StationError("联络站不能以自己为上级。")
    for key in EDITABLE_FIELDS:
        if key in values:
            setattr(station, key, values[key] if key != "name" else name)
    if not station_id:
        session.add(station)
    session.flush()
    return station_ref(station)


def retire_station(session: Session, station_id: str, on: date | None = None) -> None:
    """撤销: the station leaves the tree; its history stays."""
    station = session.get(Station, station_id)
    if station is None:
        raise StationError("这个联络站已不存在。")
    active_children = session.scalar(
        select(func.count())
        .select_from(Station)
        .where(
            Station.parent_id == station_id,
            Station.retired_on.is_(None),
            Station.deleted_at.is_(None),
        )
    )
    if active_children:
        raise StationError(
            f"「{station.name}」下还有 {active_children} 个联络站，请先撤销或调整它们。"
        )
    station.retired_on = on or date.today()


def load_station(session: Session, station_id: str) -> dict[str, object]:
    station = session.get(Station, station_id)
    if station is None or station.deleted_at is not None:
        raise StationError("这个联络站已不存在。")
    return {key: getattr(station, key) for key in EDITABLE_FIELDS} | {
        "row_version": station.row_version
    }


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    kind: str
    members: int


def station_groups(session: Session, station_id: str) -> list[GroupRow]:
    counts = dict(
        session.execute(
            select(GroupMembership.group_id, func.count())
            .join(Person, Person.id == GroupMembership.person_id)
            .where(GroupMembership.end_date.is_(None), Person.deleted_at.is_(None))
            .group_by(GroupMembership.group_id)
        ).all()
    )
    return [
        GroupRow(g.id, g.name, g.kind, counts.get(g.id, 0))
        for g in session.scalars(
            select(SpecialGroup)
            .where(SpecialGroup.station_id == station_id, SpecialGroup.deleted_at.is_(None))
            .order_by(SpecialGroup.name)
        )
    ]


def save_group(
    session: Session, station_id: str, name: str, kind: str = "", group_id: str | None = None
) -> GroupRow:
    """Add or rename a special group (专项小组) of a station."""
    name = name.strip()
    if not name:
        raise StationError("专项小组名称不能为空。")
    refuse_long(
        {"name": name, "kind": kind.strip()},
        SpecialGroup,
        {"name": "专项小组名称", "kind": "小组类别"},
        StationError,
    )
    clash = session.scalar(
        select(SpecialGroup.id).where(
            SpecialGroup.station_id == station_id,
            SpecialGroup.name == name,
            SpecialGroup.deleted_at.is_(None),
            SpecialGroup.id != (group_id or ""),
        )
    )
    if clash:
        raise StationError(f"这个联络站已有「{name}」，请换一个名称。")
    group = session.get(SpecialGroup, group_id) if group_id else SpecialGroup(station_id=station_id)
    if group is None:
        raise StationError("这个专项小组已不存在。")
    group.name = name
    group.kind = kind.strip() or name.removesuffix("小组")
    session.add(group)
    session.flush()
    members = session.scalar(
        select(func.count())
        .select_from(GroupMembership)
        .where(GroupMembership.group_id == group.id, GroupMembership.end_date.is_(None))
    )
    return GroupRow(group.id, group.name, group.kind, members or 0)


def remove_group(session: Session, group_id: str, on: date | None = None) -> None:
    """The group goes to the recycle bin; its memberships are hidden with it and come back
    unchanged when it is restored (`on` is kept for callers of the former behaviour)."""
    group = session.get(SpecialGroup, group_id)
    if group is None or group.deleted_at is not None:
        raise StationError("这个专项小组已不存在。")
    recycle_bin.delete_group(session, group_id)
