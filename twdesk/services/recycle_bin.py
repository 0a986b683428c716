"""The recycle bin (回收站): delete, restore, purge and list, for every table with deleted_at.

Deleting is a soft delete. What goes with a record is decided here, in one place:

- rows that can be soft-deleted themselves and make no sense without the record are deleted
  *with* it: a visit takes its opinion items, a station its special groups, a person the
  activities of their own book (分账本) that they recorded and nobody else took part in. They get
  the very same `deleted_at` and `deleted_by` as the record: that stamp is the deletion marker, so
  restoring the record brings back exactly those rows and not one deleted separately before
  (`_unique_stamp` makes sure no earlier separate delete shares the stamp);
- rows without a `deleted_at` of their own (memberships, links, duty assignments, commendations,
  status history, a visit's handling steps) are left as they are and hidden because every list
  joins their parent and skips deleted ones; a restore shows them again unchanged;
- rows that only *refer* to the record (a visit received by a deleted delegate, an activity of a
  deleted project) stay where they are; lists show them without the deleted name.

A station with history (child stations, visits, activities, projects, branches) is not deleted but
retired (撤销); a retired station is listed in the bin too and can be brought back from there.

Purging removes the record, the rows deleted with it and every row that cannot exist without it,
and clears optional references to it; it refuses while a live record still needs it.
Every call is one transaction owned by the caller; the session hooks audit the soft deletes and
restores, and purges write their own audit rows (action 彻底删除).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, and_, delete, exists, func, select, update
from sqlalchemy.orm import Session, aliased, object_session

from twdesk.core.errors import UserError
from twdesk.core.merge_rules import table_label
from twdesk.core.vocab import ActivitySource
from twdesk.db.base import Base, SoftDeleteMixin, now
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    AuditEntry,
    BranchContact,
    CommitteeLink,
    ContactBookEntry,
    ContactLogEntry,
    DutyAssignment,
    DutyDay,
    GrassrootsDay,
    GroupMembership,
    Mentorship,
    OpenDay,
    OpinionItem,
    Person,
    Project,
    Rectification,
    SatisfactionBallot,
    SpecialGroup,
    Station,
    StationMembership,
    Visit,
    YoungPerson,
    YouthBranch,
)

_CHUNK = 500  # ids per IN (…), well below every database's parameter limit


class BinError(UserError, ValueError):
    """A delete, restore or purge that cannot be done; the message says why and what to do."""

    title = "不能删除"  # restore and purge name their own title in the GUI


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
    (ContactBookEntry, "联系青年名册", "young_person_id"),
    (ContactLogEntry, "联系青年日志", "discussed"),
    (GrassrootsDay, "下基层记录", "place"),
    (OpenDay, "专题开放日", "theme"),
    (Rectification, "整改问题", "description"),
)
_BY_TABLE: dict[str, tuple[type[Any], str, str]] = {
    m.__tablename__: (m, label, col)  # type: ignore[attr-defined]
    for m, label, col in BIN_TABLES
}
LABELS: dict[str, str] = {table: label for table, (_m, label, _c) in _BY_TABLE.items()}
RETIRED_LABEL = "联络站（已撤销）"


@dataclass(frozen=True)
class _Cascade:
    """Soft-deletable rows deleted together with a record of another table."""

    child: type[Any]
    parent_column: str
    unit: str  # "条意见建议"
    # further conditions choosing which live children go (the stamp decides on restore)
    extra: Callable[[str], list[Any]] = field(default=lambda _id: [])


def _own_book_only(person_id: str) -> list[Any]:
    """Activities of the person's own book that nobody else took part in."""
    other = aliased(ActivityParticipant)
    return [
        Activity.source == str(ActivitySource.SELF),
        ~exists().where(other.activity_id == Activity.id, other.person_id != person_id),
    ]


CASCADES: dict[str, tuple[_Cascade, ...]] = {
    "visit": (_Cascade(OpinionItem, "visit_id", "条意见建议"),),
    "station": (
        _Cascade(SpecialGroup, "station_id", "个专项小组"),
        _Cascade(Rectification, "station_id", "个整改问题"),
    ),
    "contact_book_entry": (_Cascade(ContactLogEntry, "book_entry_id", "条联系记录"),),
    "person": (
        _Cascade(Activity, "recorded_by_id", "条本人记的履职记录", _own_book_only),
        # the 联系青年 records of the person as a contactor or a rated person: the young people
        # themselves stay (they may be in other books)
        _Cascade(ContactBookEntry, "contactor_id", "条联系青年名册记录"),
        _Cascade(ContactLogEntry, "contactor_id", "条联系青年日志"),
        _Cascade(GrassrootsDay, "cadre_id", "个基层工作日"),
        _Cascade(SatisfactionBallot, "person_id", "张满意度测评票"),
    ),
}


@dataclass(frozen=True)
class BinEntry:
    table: str
    label: str
    row_id: str
    title: str
    deleted_at: datetime
    deleted_by: str
    with_count: int = 0  # rows deleted together with it
    with_text: str = ""  # "3 条意见建议"
    retired: bool = False  # a 撤销 station, not a deleted one


@dataclass(frozen=True)
class DeletePreview:
    """What a delete will do, for the confirmation."""

    table: str
    label: str
    title: str
    goes_with: tuple[str, ...]  # deleted with it: "3 条意见建议"
    hidden_with: tuple[str, ...]  # rows without their own bin entry, hidden and restored with it

    @property
    def text(self) -> str:
        lines = [f"删除{self.label}「{self.title}」？"]
        if self.goes_with:
            lines.append("同时删除：" + "、".join(self.goes_with) + "。")
        if self.hidden_with:
            lines.append("随之隐藏：" + "、".join(self.hidden_with) + "。")
        lines.append("删除后可在 编辑 → 回收站… 中恢复。")
        return "\n".join(lines)


_MEASURES = {
    "person": "位",
    "station": "个",
    "special_group": "个",
    "youth_branch": "个",
    "project": "个",
}


def describe_many(previews: list[DeletePreview]) -> str:
    """One confirmation for several selected records of one kind."""
    names = "、".join(p.title for p in previews[:5]) + ("等" if len(previews) > 5 else "")
    measure = _MEASURES.get(previews[0].table, "条")
    lines = [f"删除选中的 {len(previews)} {measure}{previews[0].label}（{names}）？"]
    goes = _sum_parts(p.goes_with for p in previews)
    hidden = _sum_parts(p.hidden_with for p in previews)
    if goes:
        lines.append("同时删除：" + "、".join(goes) + "。")
    if hidden:
        lines.append("随之隐藏：" + "、".join(hidden) + "。")
    lines.append("删除后可在 编辑 → 回收站… 中恢复。")
    return "\n".join(lines)


def _sum_parts(groups: Iterable[tuple[str, ...]]) -> list[str]:
    """("3 条意见建议",), ("2 条意见建议",) → ["5 条意见建议"], units in first-seen order."""
    totals: dict[str, int] = {}
    for parts in groups:
        for part in parts:
            n, unit = part.split(" ", 1)
            totals[unit] = totals.get(unit, 0) + int(n)
    return [f"{n} {unit}" for unit, n in totals.items()]


# --- helpers ------------------------------------------------------------------------------


def _spec(table: str) -> tuple[type[Any], str, str]:
    try:
        return _BY_TABLE[table]
    except KeyError:
        raise BinError(f"回收站不处理「{table}」这类记录。") from None


def _row(session: Session, table: str, row_id: str) -> Any:
    model, label, _col = _spec(table)
    obj = session.get(model, row_id)
    if obj is None:
        raise BinError(f"这条{label}已不存在（可能已被彻底删除），请刷新后再试。")
    return obj


def _title(table: str, obj: Any) -> str:
    _model, _label, col = _spec(table)
    if table == "visit":
        who = "匿名" if obj.anonymous else (obj.visitor_name or "（未留姓名）")
        return f"{obj.visit_date:%Y-%m-%d} {who}"
    if table == "opinion_item":
        return f"{obj.number} {(obj.content or '')[:20]}".strip()
    if table == "activity":
        return f"{obj.activity_date:%Y-%m-%d} {obj.title}"
    if table == "contact_book_entry":
        young = object_session(obj).get(YoungPerson, obj.young_person_id)  # type: ignore[union-attr]
        return young.name if young is not None else "（无名称）"
    if table == "contact_log_entry":
        return f"{obj.contact_date:%Y-%m-%d} {obj.way} {(obj.discussed or '')[:20]}".strip()
    if table in ("grassroots_day", "open_day"):
        return f"{obj.day:%Y-%m-%d} {getattr(obj, col) or ''}".strip()
    if table == "rectification":
        return f"{obj.found_on:%Y-%m-%d} {(obj.description or '')[:20]}".strip()
    return str(getattr(obj, col) or "（无名称）")


def _count(session: Session, model: type[Any], *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _live_children(session: Session, table: str, row_id: str) -> list[tuple[_Cascade, list[Any]]]:
    found = []
    for cascade in CASCADES.get(table, ()):
        child = cascade.child
        rows = list(
            session.scalars(
                select(child).where(
                    getattr(child, cascade.parent_column) == row_id,
                    child.deleted_at.is_(None),
                    *cascade.extra(row_id),
                )
            )
        )
        found.append((cascade, rows))
    return found


def _cascaded(session: Session, table: str, obj: Any) -> list[Any]:
    """The rows deleted together with `obj` (same stamp)."""
    rows: list[Any] = []
    for cascade in CASCADES.get(table, ()):
        child = cascade.child
        rows += session.scalars(
            select(child).where(
                getattr(child, cascade.parent_column) == obj.id,
                child.deleted_at == obj.deleted_at,
                child.deleted_by == obj.deleted_by,
            )
        )
    return rows


def _unique_stamp(session: Session, table: str, row_id: str) -> datetime:
    """Now, or a second later if a child deleted separately already carries that stamp."""
    stamp = now()
    while any(
        _count(
            session,
            c.child,
            getattr(c.child, c.parent_column) == row_id,
            c.child.deleted_at == stamp,
        )
        for c in CASCADES.get(table, ())
    ):
        stamp += timedelta(seconds=1)
    return stamp


def _hidden_with(session: Session, table: str, row_id: str) -> list[str]:
    parts: list[tuple[int, str]] = []
    if table == "person":
        parts = [
            (
                _count(
                    session,
                    StationMembership,
                    StationMembership.person_id == row_id,
                    StationMembership.end_date.is_(None),
                ),
                "个进站记录",
            ),
            (
                _count(
                    session,
                    GroupMembership,
                    GroupMembership.person_id == row_id,
                    GroupMembership.end_date.is_(None),
                ),
                "个小组成员记录",
            ),
            (
                _count(
                    session,
                    CommitteeLink,
                    (CommitteeLink.committee_id == row_id) | (CommitteeLink.delegate_id == row_id),
                )
                + _count(
                    session,
                    Mentorship,
                    (Mentorship.mentor_id == row_id) | (Mentorship.mentee_id == row_id),
                )
                + _count(session, BranchContact, BranchContact.delegate_id == row_id),
                "条联系关系",
            ),
            (_count(session, DutyAssignment, DutyAssignment.person_id == row_id), "次坐班安排"),
        ]
    elif table == "special_group":
        parts = [
            (
                _count(
                    session,
                    GroupMembership,
                    GroupMembership.group_id == row_id,
                    GroupMembership.end_date.is_(None),
                ),
                "个小组成员记录",
            )
        ]
    elif table == "station":
        parts = [
            (
                _count(
                    session,
                    StationMembership,
                    StationMembership.station_id == row_id,
                    StationMembership.end_date.is_(None),
                ),
                "个进站记录",
            ),
            (_count(session, DutyDay, DutyDay.station_id == row_id), "个坐班日"),
        ]
    elif table == "youth_branch":
        parts = [(_count(session, BranchContact, BranchContact.branch_id == row_id), "条联系关系")]
    return [f"{n} {unit}" for n, unit in parts if n]


def _refuse_station(session: Session, station: Station) -> None:
    """A station with history is retired, not deleted: its records would lose their station."""
    history = [
        (
            _count(session, Station, Station.parent_id == station.id, Station.deleted_at.is_(None)),
            "个下级联络站",
        ),
        (
            _count(session, Visit, Visit.station_id == station.id, Visit.deleted_at.is_(None)),
            "条来访登记",
        ),
        (
            _count(
                session, Activity, Activity.station_id == station.id, Activity.deleted_at.is_(None)
            ),
            "条履职记录",
        ),
        (
            _count(
                session, Project, Project.station_id == station.id, Project.deleted_at.is_(None)
            ),
            "个项目",
        ),
        (
            _count(
                session,
                YouthBranch,
                YouthBranch.station_id == station.id,
                YouthBranch.deleted_at.is_(None),
            ),
            "个团支部",
        ),
    ]
    found = [f"{n} {unit}" for n, unit in history if n]
    if found:
        raise BinError(
            f"「{station.name}」已有{'、'.join(found)}，删除会让这些记录失去所属联络站，"
            "没有删除。不再使用的联络站请用「撤销」（历史记录保留，可在回收站中恢复）。"
        )


# --- use cases ----------------------------------------------------------------------------


def describe_delete(session: Session, table: str, row_id: str) -> DeletePreview:
    """What deleting this record takes with it, for the confirmation message."""
    obj = _row(session, table, row_id)
    _model, label, _col = _spec(table)
    if obj.deleted_at is not None:
        raise BinError(f"这条{label}已经在回收站中。")
    if table == "station":
        _refuse_station(session, obj)  # before the confirmation, not after it
    goes = [
        f"{len(rows)} {cascade.unit}"
        for cascade, rows in _live_children(session, table, row_id)
        if rows
    ]
    return DeletePreview(
        table, label, _title(table, obj), tuple(goes), tuple(_hidden_with(session, table, row_id))
    )


def delete_record(session: Session, table: str, row_id: str, user: str = "") -> DeletePreview:
    """Soft-delete a record and what goes with it, all with one stamp. Returns what was done."""
    preview = describe_delete(session, table, row_id)
    obj = _row(session, table, row_id)
    stamp = _unique_stamp(session, table, row_id)
    who = user or session.info.get("user", "") or ""
    for _cascade, rows in _live_children(session, table, row_id):
        for child in rows:
            child.deleted_at, child.deleted_by = stamp, who
    obj.deleted_at, obj.deleted_by = stamp, who
    session.flush()
    return preview


def delete_visit(session: Session, visit_id: str) -> DeletePreview:
    """A visit and its opinion items."""
    return delete_record(session, "visit", visit_id)


def delete_item(session: Session, item_id: str) -> DeletePreview:
    return delete_record(session, "opinion_item", item_id)


def delete_person(session: Session, person_id: str) -> DeletePreview:
    """A person and the activities only they recorded in their own book."""
    return delete_record(session, "person", person_id)


def delete_activity(session: Session, activity_id: str) -> DeletePreview:
    return delete_record(session, "activity", activity_id)


def delete_project(session: Session, project_id: str) -> DeletePreview:
    return delete_record(session, "project", project_id)


def delete_branch(session: Session, branch_id: str) -> DeletePreview:
    return delete_record(session, "youth_branch", branch_id)


def delete_group(session: Session, group_id: str) -> DeletePreview:
    return delete_record(session, "special_group", group_id)


def delete_station(session: Session, station_id: str) -> DeletePreview:
    """Only a station without history; one with history is retired (stations.retire_station)."""
    return delete_record(session, "station", station_id)


def move_to_bin(session: Session, obj: SoftDeleteMixin, user: str = "") -> None:
    """Hide a row everywhere; the audit log records it (action 移入回收站)."""
    delete_record(session, obj.__tablename__, obj.id, user)  # type: ignore[attr-defined]


def _refuse_restore(session: Session, table: str, obj: Any) -> None:
    parent: tuple[type[Any], str, str] | None = {
        "opinion_item": (Visit, "visit_id", "来访登记"),
        "special_group": (Station, "station_id", "联络站"),
        "rectification": (Station, "station_id", "联络站"),
    }.get(table)
    if parent is not None:
        model, column, label = parent
        owner = session.get(model, getattr(obj, column))
        if owner is not None and owner.deleted_at is not None:
            raise BinError(
                f"它所属的{label}「{_title(model.__tablename__, owner)}」也在回收站中，"
                f"请先恢复那条{label}。"
            )
    clash = None
    if table == "station":
        clash = session.scalar(
            select(Station.id).where(
                Station.name == obj.name, Station.deleted_at.is_(None), Station.id != obj.id
            )
        )
    elif table == "special_group":
        clash = session.scalar(
            select(SpecialGroup.id).where(
                SpecialGroup.station_id == obj.station_id,
                SpecialGroup.name == obj.name,
                SpecialGroup.deleted_at.is_(None),
                SpecialGroup.id != obj.id,
            )
        )
    if clash:
        raise BinError(
            f"现在已经有名为「{obj.name}」的{LABELS[table]}，没有恢复。请先给其中一个改名。"
        )
    if table == "person" and obj.id_number:
        twin = session.scalar(
            select(Person.name).where(
                Person.id_number == obj.id_number,
                Person.deleted_at.is_(None),
                Person.id != obj.id,
            )
        )
        if twin:
            raise BinError(
                f"已有人员「{twin}」使用「{obj.name}」的身份证号，同一个人只能登记一次，没有恢复。"
                "如是重复登记，请保留现有的那位；确需恢复，请先修改或删除现有人员。"
            )


def restore_record(session: Session, table: str, row_id: str, *, retired: bool = False) -> int:
    """Bring a record back with exactly what was deleted with it; returns how many rows.

    `retired=True` brings back a 撤销 station (the bin lists those too)."""
    obj = _row(session, table, row_id)
    if retired:
        if table != "station" or obj.retired_on is None:
            raise BinError("这个联络站没有被撤销。")
        obj.retired_on = None
        session.flush()
        return 1
    if obj.deleted_at is None:
        raise BinError(f"这条{LABELS[table]}不在回收站中（可能已被恢复），请刷新后再试。")
    _refuse_restore(session, table, obj)
    rows = [*_cascaded(session, table, obj), obj]
    if table == "contact_book_entry":  # the young person left with their last book entry
        young = session.get(YoungPerson, obj.young_person_id)
        if young is not None and young.deleted_at == obj.deleted_at:
            rows.append(young)
    for row in rows:
        row.deleted_at = None
        row.deleted_by = None
    session.flush()
    return len(rows)


def restore(session: Session, obj: SoftDeleteMixin) -> None:
    restore_record(session, obj.__tablename__, obj.id)  # type: ignore[attr-defined]


# --- purge --------------------------------------------------------------------------------


def _tables() -> dict[str, Table]:
    return {t.name: t for t in Base.metadata.sorted_tables}


def _audit_purge(session: Session, table: str, ids: list[str]) -> None:
    at, user = now(), session.info.get("user", "")
    office = session.info.get("office_id", "")
    for row_id in ids:
        session.add(
            AuditEntry(
                at=at,
                user=user,
                action="彻底删除",
                table_name=table,
                row_id=row_id,
                origin_office_id=office,
            )
        )


def _purge_rows(session: Session, table: Table, ids: list[str], seen: set[tuple[str, str]]) -> None:
    """Delete rows of `table` and, first, every row that cannot exist without them."""
    ids = [i for i in ids if (table.name, i) not in seen]
    if not ids:
        return
    seen.update((table.name, i) for i in ids)
    for other in _tables().values():
        for fk in other.foreign_keys:
            if fk.column.table is not table or fk.parent.table is not other:
                continue
            column = fk.parent
            soft = "deleted_at" in other.c
            for start in range(0, len(ids), _CHUNK):
                part = ids[start : start + _CHUNK]
                refers = column.in_(part)
                if other is table:  # a station's children: they stay, without a parent
                    refers = and_(refers, other.c.id.not_in(part))
                if soft:
                    live = _count_table(session, other, refers, other.c.deleted_at.is_(None))
                    if live and not column.nullable:
                        label = LABELS.get(other.name) or table_label(other.name)
                        raise BinError(
                            f"还有 {live} 条{label}属于这条记录，不能彻底删除。"
                            f"请先删除或调整那些{label}。"
                        )
                if column.nullable:
                    values: dict[str, Any] = {column.key: None}
                    if "updated_at" in other.c:  # a change like any other: a merge carries it
                        values["updated_at"] = now()
                    session.execute(update(other).where(refers).values(values))
                else:
                    dependants = list(session.scalars(select(other.c.id).where(refers)))
                    _purge_rows(session, other, dependants, seen)
    for start in range(0, len(ids), _CHUNK):
        session.execute(delete(table).where(table.c.id.in_(ids[start : start + _CHUNK])))
    _audit_purge(session, table.name, ids)


def _count_table(session: Session, table: Table, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(table).where(*where)) or 0)


def purge(session: Session, table: str, row_id: str) -> int:
    """Remove a deleted record for good, with what was deleted with it and every row that
    cannot exist without it (links, steps, assignments …). Returns the records purged."""
    obj = _row(session, table, row_id)
    if obj.deleted_at is None:
        if table == "station" and obj.retired_on is not None:
            raise BinError(
                f"「{obj.name}」是撤销的联络站，它的历史记录还在使用，不能彻底删除；可以恢复它。"
            )
        raise BinError(f"这条{LABELS[table]}不在回收站中，不能彻底删除。")
    children = _cascaded(session, table, obj)
    session.flush()
    session.expunge_all()  # rows go by SQL below; no stale object may be flushed afterwards
    tables = _tables()
    seen: set[tuple[str, str]] = set()
    for child in children:
        _purge_rows(session, tables[child.__tablename__], [child.id], seen)
    _purge_rows(session, tables[table], [row_id], seen)
    session.flush()
    return len(children) + 1


# --- listing ------------------------------------------------------------------------------


def _retired_stations(session: Session) -> list[BinEntry]:
    rows = session.execute(
        select(Station.id, Station.name, Station.retired_on).where(
            Station.retired_on.is_not(None), Station.deleted_at.is_(None)
        )
    ).all()
    entries = []
    for sid, name, retired_on in rows:
        last = session.execute(
            select(AuditEntry.at, AuditEntry.user)
            .where(
                AuditEntry.table_name == "station",
                AuditEntry.row_id == sid,
                AuditEntry.field == "retired_on",
            )
            .order_by(AuditEntry.at.desc())
            .limit(1)
        ).first()
        at, who = (last[0], last[1]) if last else (datetime.combine(retired_on, time()), "")
        entries.append(BinEntry("station", RETIRED_LABEL, sid, name, at, who or "", retired=True))
    return entries


def list_bin(session: Session, *, table: str | None = None, text: str = "") -> list[BinEntry]:
    """Everything in the bin, newest first: each record deleted on its own, with the count of
    rows deleted with it (those are restored and purged with it, not listed apart), and the
    retired stations. `table` keeps one kind; `text` searches the names."""
    # children deleted with a parent: (child table, id) → counted on the parent instead
    carried: set[tuple[str, str]] = set()
    counts: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for parent_table, cascades in CASCADES.items():
        parent_model = _BY_TABLE[parent_table][0]
        for cascade in cascades:
            child = cascade.child
            link = getattr(child, cascade.parent_column)
            rows = session.execute(
                select(child.id, link)
                .join(parent_model, parent_model.id == link)
                .where(
                    child.deleted_at.is_not(None),
                    child.deleted_at == parent_model.deleted_at,
                    child.deleted_by == parent_model.deleted_by,
                )
            ).all()
            per_parent: dict[str, int] = {}
            for child_id, parent_id in rows:
                carried.add((child.__tablename__, child_id))
                per_parent[parent_id] = per_parent.get(parent_id, 0) + 1
            for parent_id, n in per_parent.items():
                counts.setdefault((parent_table, parent_id), []).append((n, cascade.unit))
    entries: list[BinEntry] = []
    needle = text.strip()
    for model, label, _col in BIN_TABLES:
        name = model.__tablename__  # type: ignore[attr-defined]
        if table and table != name:
            continue
        for obj in session.scalars(select(model).where(model.deleted_at.is_not(None))):
            if (name, obj.id) in carried:
                continue
            title = _title(name, obj)
            if needle and needle not in title:
                continue
            with_parts = counts.get((name, obj.id), [])
            entries.append(
                BinEntry(
                    name,
                    label,
                    obj.id,
                    title,
                    obj.deleted_at,
                    obj.deleted_by or "",
                    sum(n for n, _unit in with_parts),
                    "、".join(f"{n} {unit}" for n, unit in with_parts),
                )
            )
    if table in (None, "station"):
        entries += [e for e in _retired_stations(session) if not needle or needle in e.title]
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)
