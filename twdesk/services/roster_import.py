"""Importing a delegate roster from the spreadsheets offices already keep.

The import engine (twdesk.importing) reads and checks everything before anything is written;
each row is checked by `check_person`, the person editor's own check. Any problem and nothing
is imported; every problem is named by the row the spreadsheet shows (第N行) and the column
header as written. The write is one transaction owned by the caller, with a bulk insert path
for new people (10,000 rows in about a second).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.idcard import normalize_id_number
from twdesk.core.normalize import (
    ROUNDED_ID_MESSAGE,
    clean_name,
    clean_text,
    excel_rounded_id,
    parse_date_precision,
)
from twdesk.core.pinyin import name_keys
from twdesk.core.vocab import StationKind
from twdesk.db.base import new_id, now
from twdesk.db.models import (
    AuditEntry,
    GroupMembership,
    Person,
    SpecialGroup,
    Station,
    StationMembership,
    StatusChange,
)
from twdesk.excel.roster_columns import (
    ALIASES,
    GENDER_WORDS,
    GROUP_SEPARATORS,
    LEVEL_WORDS,
    STATUS_WORDS,
)
from twdesk.importing.engine import Preview, Row, Spec, check_file, check_then_write
from twdesk.importing.problems import ImportCancelled, ImportProblems, Problem
from twdesk.services.backups import backup_before_import
from twdesk.services.limits import max_length, too_long
from twdesk.services.people import PersonError, check_person

__all__ = ["ImportCancelled", "ImportProblems", "Problem", "import_roster", "preview_roster"]

OnDuplicate = Literal["fail", "skip", "update"]
Progress = Callable[[int, int], None]

# Person fields a roster row may set, in the order the importer fills them.
PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "ethnicity",
    "political_status",
    "education",
    "unit",
    "position",
    "level",
    "sector",
    "term",
    "wechat",
    "notes",
)
HINTS = {
    "name": "填写代表姓名；如果这是多余的行，请删除它",
    "gender": "填写“男”或“女”",
    "birth_date": "写成 1995-03-12 或 1995.03 这样的日期，并与身份证号一致",
    "id_number": "核对原始证件，改正后重新导入",
    "phone": "填写 11 位手机号，或带区号的固定电话，如 0839-7202201",
    "level": "填写“市”“县”或“乡镇”",
    "status": "填写“在任”“免职”“辞职”或“届满”，或留空（默认在任）",
    "station": "填写联络站的全称",
    "groups": "填写专项小组名称，多个用顿号分隔",
}
SPEC = Spec(
    ALIASES,
    required=("name",),
    hints={**{f: "删减到限定字数以内" for f in ALIASES}, **HINTS},
    what="团代表名册",
    allow_mapping=True,
)


@dataclass
class RosterRow:
    row: int
    values: dict[str, Any]
    station: str
    groups: list[str]
    status: str
    existing_id: str | None = None


@dataclass
class RosterPreview(Preview[RosterRow]):
    new_stations: list[str] = field(default_factory=list)
    new_groups: list[tuple[str, str]] = field(default_factory=list)
    duplicates_in_db: list[RosterRow] = field(default_factory=list)


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    new_stations: list[str] = field(default_factory=list)
    new_groups: list[tuple[str, str]] = field(default_factory=list)

    def one_line(self) -> str:
        text = f"导入完成：新增 {self.added} 人，更新 {self.updated} 人，跳过 {self.skipped} 人"
        if self.new_stations:
            text += f"；新建联络站 {len(self.new_stations)} 个（{'、'.join(self.new_stations)}）"
        if self.new_groups:
            text += f"；新建专项小组 {len(self.new_groups)} 个"
        return text + "。"


def guess_station_kind(name: str) -> StationKind:
    if "分站" in name or "行业" in name:
        return StationKind.SECTOR
    if any(word in name for word in ("乡", "镇", "街道")):
        return StationKind.TOWNSHIP
    if "县" in name or "区" in name:
        return StationKind.COUNTY
    return StationKind.TOWNSHIP


def _split_groups(text: str) -> list[str]:
    parts = [text]
    for sep in GROUP_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


class _RowChecker:
    """One roster row → the values `check_person` (the editor's own check) accepts, with the
    file's words (男性, 乡镇级, 在职) read first; duplicates inside the file are found here."""

    def __init__(self) -> None:
        self.seen_ids: dict[str, tuple[int, str]] = {}  # ID number → (row, name) first seen
        self.station_limit = max_length(Station, "name")
        self.group_limit = max_length(SpecialGroup, "name")

    def __call__(self, row: Row) -> RosterRow | None:
        values: dict[str, Any] = {name: row.raw(name) for name in PERSON_FIELDS if row.has(name)}
        values["is_delegate"] = True
        gender, level = row.text("gender"), row.text("level")
        values["gender"] = GENDER_WORDS.get(gender, gender)
        values["level"] = LEVEL_WORDS.get(level, level)
        raw_id = row.raw("id_number")
        if raw_id not in (None, "") and excel_rounded_id(raw_id):
            row.problem(
                "id_number", "身份证号被 Excel 当成数字保存，末尾几位已经丢失", ROUNDED_ID_MESSAGE
            )
            values["id_number"] = ""
        month_only = False
        try:
            values["birth_date"], has_day = parse_date_precision(row.raw("birth_date"))
            month_only = not has_day
        except ValueError as exc:
            row.problem("birth_date", str(exc))
            values["birth_date"] = None
        try:
            clean: dict[str, Any] | None = check_person(values, birth_month_only=month_only)
        except PersonError as exc:
            row.report(exc)
            clean = None
        number = normalize_id_number(clean_text(values.get("id_number")))
        if number in self.seen_ids:
            other_row, other_name = self.seen_ids[number]
            row.problem(
                "id_number",
                f"与第{other_row}行的身份证号重复（{other_name}）",
                "同一个人只保留一行",
                value=number,
            )
        elif number:
            self.seen_ids[number] = (row.number, clean_name(values.get("name")))
        status = row.text("status") or "在任"
        if status not in STATUS_WORDS:
            row.problem("status", "状态无法识别", value=status)
        station = clean_name(row.raw("station"))
        if too_long(station, self.station_limit):
            row.problem("station", too_long(station, self.station_limit) or "")
        groups = _split_groups(row.text("groups"))
        for group in groups:
            if too_long(group, self.group_limit):
                row.problem("groups", f"专项小组名称{too_long(group, self.group_limit)}")
        if clean is None or not row.ok:
            return None
        person = {key: clean[key] for key in PERSON_FIELDS}
        return RosterRow(row.number, person, station, groups, STATUS_WORDS[status])


def preview_roster(
    session: Session,
    path: Path,
    *,
    on_duplicate: OnDuplicate = "fail",
    create_stations: bool = True,
    mapping: dict[str, int] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RosterPreview:
    """Read and check the whole file against the database; writes nothing."""
    preview = check_file(
        Path(path),
        SPEC,
        _RowChecker(),
        mapping=mapping,
        progress=progress,
        cancel=cancel,
        kind=RosterPreview,
    )
    rows = preview.rows
    # already in the database
    existing = dict(
        session.execute(
            select(Person.id_number, Person.id).where(
                Person.id_number != "", Person.deleted_at.is_(None)
            )
        ).all()
    )
    for r in rows:
        person_id = existing.get(r.values["id_number"]) if r.values["id_number"] else None
        if person_id:
            r.existing_id = person_id
            preview.duplicates_in_db.append(r)
            if on_duplicate == "fail":
                preview.add(
                    r.row,
                    "id_number",
                    r.values["id_number"],
                    f"数据库中已有此身份证号的人员（{r.values['name']}）",
                    "删除这一行，或导入时选择“跳过重复”或“用文件更新”",
                )

    stations = {
        name
        for (name,) in session.execute(select(Station.name).where(Station.deleted_at.is_(None)))
    }
    preview.new_stations = sorted(
        {r.station for r in rows if r.station and r.station not in stations}
    )
    if preview.new_stations and not create_stations:
        for r in rows:
            if r.station in preview.new_stations:
                preview.add(
                    r.row,
                    "station",
                    r.station,
                    "联络站不存在",
                    "先在“联络站与代表”中建立这个联络站，或允许导入时自动新建",
                )
    group_rows = session.execute(
        select(Station.name, SpecialGroup.name)
        .join(SpecialGroup, SpecialGroup.station_id == Station.id)
        .where(SpecialGroup.deleted_at.is_(None))
    ).all()
    known_groups = {(s, g) for s, g in group_rows}
    preview.new_groups = sorted(
        {
            (r.station, g)
            for r in rows
            for g in r.groups
            if r.station and (r.station, g) not in known_groups
        }
    )
    for r in rows:
        if r.groups and not r.station:
            preview.add(
                r.row,
                "groups",
                "、".join(r.groups),
                "填写了专项小组但没有所属联络站",
                "填写所属联络站，小组建在联络站下",
            )
    preview.sort_problems()
    return preview


def import_roster(
    session: Session,
    path: Path,
    *,
    on_duplicate: OnDuplicate = "fail",
    create_stations: bool = True,
    mapping: dict[str, int] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Check everything, then write everything in the caller's transaction; or raise."""
    checking, writing = check_then_write(progress)
    preview = preview_roster(
        session,
        path,
        on_duplicate=on_duplicate,
        create_stations=create_stations,
        mapping=mapping,
        progress=checking,
        cancel=cancel,
    )
    preview.raise_problems()
    backup_before_import(session)  # 导入前: the file as it was, kept in the backups
    return write_roster(
        session, preview, on_duplicate=on_duplicate, progress=writing, cancel=cancel
    )


def write_roster(
    session: Session,
    preview: RosterPreview,
    *,
    on_duplicate: OnDuplicate = "fail",
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportSummary:
    summary = ImportSummary(
        new_stations=list(preview.new_stations), new_groups=list(preview.new_groups)
    )
    office_id = session.info.get("office_id", "")
    user = session.info.get("user", "")
    stamp = now()
    common = {"origin_office_id": office_id, "created_at": stamp, "updated_at": stamp}

    station_ids = dict(
        session.execute(select(Station.name, Station.id).where(Station.deleted_at.is_(None))).all()
    )
    county = session.scalar(
        select(Station.id)
        .where(Station.kind == str(StationKind.COUNTY), Station.deleted_at.is_(None))
        .limit(1)
    )
    for name in preview.new_stations:
        kind = guess_station_kind(name)
        station = Station(
            name=name, kind=str(kind), parent_id=county if kind != StationKind.COUNTY else None
        )
        session.add(station)
        session.flush()
        station_ids[name] = station.id
        county = county or (station.id if kind == StationKind.COUNTY else None)
    group_ids = {
        (s, g): gid
        for s, g, gid in session.execute(
            select(Station.name, SpecialGroup.name, SpecialGroup.id).join(
                SpecialGroup, SpecialGroup.station_id == Station.id
            )
        ).all()
    }
    for station_name, group_name in preview.new_groups:
        group = SpecialGroup(
            station_id=station_ids[station_name],
            name=group_name,
            kind=group_name.removesuffix("小组"),
        )
        session.add(group)
        session.flush()
        group_ids[(station_name, group_name)] = group.id

    people: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    group_members: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    today = date.today()
    total = len(preview.rows)
    for i, r in enumerate(preview.rows):
        if cancel and i % 1000 == 0 and cancel():
            raise ImportCancelled
        if r.existing_id:
            if on_duplicate == "skip":
                summary.skipped += 1
                continue
            _update_person(session, r, station_ids, group_ids)
            summary.updated += 1
            continue
        person_id = new_id()
        pinyin, initials = name_keys(r.values["name"])
        people.append(
            {
                **common,
                **{k: v for k, v in r.values.items() if k in PERSON_FIELDS},
                "id": person_id,
                "name_pinyin": pinyin,
                "name_initials": initials,
                "status": r.status,
                "is_delegate": True,
            }
        )
        history.append(
            {
                **common,
                "id": new_id(),
                "person_id": person_id,
                "status": r.status,
                "changed_on": today,
                "reason": "名册导入",
                "recorded_by": user,
            }
        )
        if r.station:
            memberships.append(
                {
                    **common,
                    "id": new_id(),
                    "station_id": station_ids[r.station],
                    "person_id": person_id,
                }
            )
        for g in r.groups:
            group_members.append(
                {
                    **common,
                    "id": new_id(),
                    "group_id": group_ids[(r.station, g)],
                    "person_id": person_id,
                }
            )
        audit.append(
            {
                **common,
                "id": new_id(),
                "at": stamp,
                "user": user,
                "action": "导入新增",
                "table_name": "person",
                "row_id": person_id,
                "field": "",
            }
        )
        summary.added += 1
        if progress and i % 1000 == 0:
            progress(i, total)
    for model, rows in (
        (Person, people),
        (StatusChange, history),
        (StationMembership, memberships),
        (GroupMembership, group_members),
        (AuditEntry, audit),
    ):
        for start in range(0, len(rows), 5000):
            if cancel and cancel():
                raise ImportCancelled
            session.execute(model.__table__.insert(), rows[start : start + 5000])
    if progress:
        progress(total, total)
    return summary


def _update_person(
    session: Session,
    r: RosterRow,
    station_ids: dict[str, str],
    group_ids: dict[tuple[str, str], str],
) -> None:
    """Fill the existing person from the row (ORM, so every change is audited)."""
    person = session.get(Person, r.existing_id)
    assert person is not None
    for key in PERSON_FIELDS:
        value = r.values.get(key)
        if value not in (None, "") and getattr(person, key) != value:
            setattr(person, key, value)
    person.name_pinyin, person.name_initials = name_keys(person.name)
    if r.status != person.status:
        person.status = r.status
        session.add(
            StatusChange(
                person_id=person.id, status=r.status, changed_on=date.today(), reason="名册导入更新"
            )
        )
    current = set(
        session.scalars(
            select(StationMembership.station_id).where(
                StationMembership.person_id == person.id, StationMembership.end_date.is_(None)
            )
        )
    )
    if r.station and station_ids[r.station] not in current:
        session.add(StationMembership(station_id=station_ids[r.station], person_id=person.id))
    in_groups = set(
        session.scalars(
            select(GroupMembership.group_id).where(
                GroupMembership.person_id == person.id, GroupMembership.end_date.is_(None)
            )
        )
    )
    for g in r.groups:
        gid = group_ids[(r.station, g)]
        if gid not in in_groups:
            session.add(GroupMembership(group_id=gid, person_id=person.id))
