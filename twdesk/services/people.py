"""One person: read for the editor, check, save, status changes, photo, station and groups.

Every check names the field and says how to fix it, in Chinese. Callers own the transaction
(`with db.transaction() as s:`), so a save either happens completely or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.core.idcard import (
    birth_date_from_id,
    gender_from_id,
    normalize_id_number,
    validate_id_number,
)
from twdesk.core.normalize import clean_name, clean_prose, clean_text
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.core.pinyin import name_keys
from twdesk.core.vocab import DelegateLevel, Gender, PersonStatus
from twdesk.db.models import (
    GroupMembership,
    Person,
    PersonPhoto,
    SpecialGroup,
    Station,
    StationMembership,
    StatusChange,
)
from twdesk.db.versions import save_over
from twdesk.services.limits import check_lengths, max_length, too_long

# Fields the editor shows, with the label the user sees (used in every message).
FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "ethnicity": "民族",
    "political_status": "政治面貌",
    "education": "学历",
    "phone": "手机号码",
    "wechat": "微信号",
    "unit": "工作单位",
    "position": "职务",
    "address": "通讯地址",
    "level": "代表层级",
    "sector": "界别",
    "term": "届次",
    "notes": "备注",
    "is_delegate": "团代表",
    "is_committee": "委员",
    "is_past_delegate": "往届团代表",
    "is_cadre": "团干部",
}
TEXT_FIELDS = (
    "ethnicity",
    "political_status",
    "education",
    "wechat",
    "unit",
    "position",
    "address",
    "sector",
    "term",
    "notes",
)
PROSE_FIELDS = ("notes", "address", "unit", "position")
ROLE_FIELDS = ("is_delegate", "is_committee", "is_past_delegate", "is_cadre")
MAX_PHOTO_BYTES = 400_000
_GENDERS = frozenset(str(g) for g in Gender)
_LEVELS = frozenset(str(v) for v in DelegateLevel)
# every field a PersonError may name: the editor's fields and those of the other person actions
_LABELS = {
    **FIELD_LABELS,
    "station": "联络站",
    "groups": "专项小组",
    "status": "状态",
    "reason": "原因",
    "changed_on": "日期",
    "photo": "照片",
}


class PersonError(UserError, ValueError):
    """A change that cannot be saved; `problems` maps field → message, all shown at once."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("；".join(f"{_LABELS.get(k, k)}：{v}" for k, v in problems.items()))


@dataclass(frozen=True)
class PersonDetail:
    """What the editor shows: the person's values, memberships and history."""

    id: str | None
    values: dict[str, Any]
    status: str = str(PersonStatus.ACTIVE)
    station_id: str | None = None
    group_ids: list[str] = field(default_factory=list)
    history: list[tuple[date, str, str]] = field(default_factory=list)  # (date, status, reason)
    photo: bytes | None = None
    row_version: int | None = None  # as loaded: hand it back to save_person(expected_version=)


@dataclass(frozen=True)
class PersonRef:
    """A saved person."""

    id: str
    name: str
    status: str


@dataclass(frozen=True)
class StatusEntry:
    """One line of a person's status history (在任 / 免职 / 辞职 / 届满)."""

    person_id: str
    status: str
    changed_on: date
    reason: str


def blank_values() -> dict[str, Any]:
    values: dict[str, Any] = {key: "" for key in FIELD_LABELS}
    values["birth_date"] = None
    values.update({key: False for key in ROLE_FIELDS})
    values["is_delegate"] = True
    return values


def load_person(session: Session, person_id: str) -> PersonDetail:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise PersonError({"name": "这个人员已不存在（可能已被删除）"})
    values = {key: getattr(person, key) for key in FIELD_LABELS}
    station_id = session.scalar(
        select(StationMembership.station_id)
        .where(StationMembership.person_id == person_id, StationMembership.end_date.is_(None))
        .order_by(StationMembership.created_at.desc())
        .limit(1)
    )
    group_ids = list(
        session.scalars(
            select(GroupMembership.group_id).where(
                GroupMembership.person_id == person_id, GroupMembership.end_date.is_(None)
            )
        )
    )
    history = [(h.changed_on, h.status, h.reason) for h in person.status_history]
    photo = person.photo.data if person.photo is not None else None
    return PersonDetail(
        person.id,
        values,
        person.status,
        station_id,
        group_ids,
        history,
        photo,
        person.row_version,
    )


def check_person(
    values: dict[str, Any], *, today: date | None = None, birth_month_only: bool = False
) -> dict[str, Any]:
    """Clean the values and check them together; raise PersonError listing every problem.

    `birth_month_only`: the birth date was given to the month (a roster's 1995.03), so it must
    agree with the ID number to the month and the ID number gives the day.
    """
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    clean["name"] = clean_name(values.get("name"))
    if not clean["name"]:
        problems["name"] = "姓名为空，请填写姓名"
    for key in TEXT_FIELDS:
        clean[key] = (clean_prose if key in PROSE_FIELDS else clean_text)(values.get(key))
    for key in ROLE_FIELDS:
        clean[key] = bool(values.get(key))
    if not any(clean[key] for key in ROLE_FIELDS):
        problems["is_delegate"] = "至少勾选一个身份（团代表、委员、往届团代表或团干部）"

    gender = clean_text(values.get("gender"))
    if gender and gender not in _GENDERS:
        problems["gender"] = "性别无法识别，请选择“男”或“女”"
    clean["gender"] = gender
    level = clean_text(values.get("level"))
    if level and level not in _LEVELS:
        problems["level"] = "代表层级无法识别，请选择“市”“县”或“乡镇”"
    clean["level"] = level
    birth = values.get("birth_date")
    clean["birth_date"] = birth if isinstance(birth, date) else None

    number = normalize_id_number(clean_text(values.get("id_number")))
    clean["id_number"] = number
    if number:
        errors = validate_id_number(number, today=today)
        if errors:
            problems["id_number"] = "；".join(errors) + "。请对照身份证核对"
        else:
            born, sex = birth_date_from_id(number), gender_from_id(number)
            entered = clean["birth_date"]
            if birth_month_only and entered and entered.replace(day=1) == born.replace(day=1):
                clean["birth_date"] = born
            elif entered and entered != born:
                problems["birth_date"] = (
                    f"与身份证号不一致（身份证号中为 {born:%Y-%m-%d}），请核对出生日期或身份证号"
                )
            if gender and gender != sex:
                problems["gender"] = f"与身份证号不一致（身份证号表明为{sex}），请核对"
            clean["birth_date"] = clean["birth_date"] or born
            clean["gender"] = gender or sex

    phone = normalize_phone(clean_text(values.get("phone")))
    clean["phone"] = phone
    if phone:
        errors = validate_phone(phone)
        if errors:
            problems["phone"] = (
                "；".join(errors) + "。请填写 11 位手机号，或带区号的固定电话，如 0839-7202201"
            )
    check_lengths(problems, clean, Person)
    if problems:
        raise PersonError(problems)
    return clean


def save_person(
    session: Session,
    values: dict[str, Any],
    person_id: str | None = None,
    *,
    station_id: str | None = None,
    group_ids: list[str] | None = None,
    on: date | None = None,
    joined_on: date | None = None,
    expected_version: int | None = None,
) -> PersonRef:
    """Create or update a person with their station and special groups.

    `expected_version`: the `row_version` the editor loaded (PersonDetail.row_version). When
    someone else saved the person since, StaleRecordError (naming who and when) and nothing is
    saved; otherwise this save counts as one of the person even when only their station,
    groups or links change, so an editor of the same person elsewhere is refused in turn."""
    clean = check_person(values)
    if clean["id_number"]:
        clash = session.execute(
            select(Person.id, Person.name).where(
                Person.id_number == clean["id_number"],
                Person.deleted_at.is_(None),
                Person.id != (person_id or ""),
            )
        ).first()
        if clash:
            raise PersonError(
                {"id_number": f"已有人员「{clash.name}」使用这个身份证号，同一个人只能登记一次"}
            )
    today = on or date.today()
    if person_id:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise PersonError({"name": "这个人员已不存在（可能已被删除）"})
        save_over(person, expected_version)
    else:
        person = Person(status=str(PersonStatus.ACTIVE))
        session.add(person)
    for key, value in clean.items():
        if getattr(person, key, None) != value:
            setattr(person, key, value)
    person.name_pinyin, person.name_initials = name_keys(person.name)
    session.flush()
    if not person_id:
        session.add(
            StatusChange(
                person_id=person.id,
                status=str(PersonStatus.ACTIVE),
                changed_on=today,
                reason="新增登记",
                recorded_by=session.info.get("user", ""),
            )
        )
    set_station(session, person.id, station_id, on=today, joined_on=joined_on)
    if group_ids is not None:
        set_groups(session, person.id, group_ids, on=today)
    session.flush()
    return PersonRef(person.id, person.name, person.status)


def set_station(
    session: Session,
    person_id: str,
    station_id: str | None,
    *,
    on: date | None = None,
    joined_on: date | None = None,
) -> None:
    """进站: the person's current station; a move ends the old membership (history kept).

    A first station without `joined_on` has no start date: the person is taken to have been
    there all along (offices enter delegates who have served for years). A move to another
    station starts on `joined_on`, or today.
    """
    today = on or date.today()
    current = list(
        session.scalars(
            select(StationMembership).where(
                StationMembership.person_id == person_id, StationMembership.end_date.is_(None)
            )
        )
    )
    if station_id is not None and session.get(Station, station_id) is None:
        raise PersonError({"station": "所选联络站已不存在"})
    for membership in current:
        if membership.station_id != station_id:
            membership.end_date = today
    if station_id and all(m.station_id != station_id for m in current):
        moved = bool(current) or session.scalar(
            select(StationMembership.id).where(StationMembership.person_id == person_id).limit(1)
        )
        start = joined_on or (today if moved else None)
        session.add(StationMembership(station_id=station_id, person_id=person_id, start_date=start))


def set_groups(
    session: Session, person_id: str, group_ids: list[str], *, on: date | None = None
) -> None:
    today = on or date.today()
    wanted = set(group_ids)
    known = set(session.scalars(select(SpecialGroup.id).where(SpecialGroup.id.in_(wanted))))
    if known != wanted:
        raise PersonError({"groups": "所选专项小组有的已不存在，请重新选择"})
    current = list(
        session.scalars(
            select(GroupMembership).where(
                GroupMembership.person_id == person_id, GroupMembership.end_date.is_(None)
            )
        )
    )
    hidden = set(  # groups in the recycle bin keep their members until restored
        session.scalars(
            select(SpecialGroup.id).where(
                SpecialGroup.id.in_({m.group_id for m in current}),
                SpecialGroup.deleted_at.is_not(None),
            )
        )
    )
    for membership in current:
        if membership.group_id not in wanted and membership.group_id not in hidden:
            membership.end_date = today
    have = {m.group_id for m in current}
    for gid in sorted(wanted - have):
        session.add(GroupMembership(group_id=gid, person_id=person_id, start_date=today))


def change_status(
    session: Session, person_id: str, status: str, on: date, reason: str
) -> StatusEntry:
    """免职 / 辞职 / 届满 (or back to 在任): appended to the history, never overwritten."""
    if status not in {str(s) for s in PersonStatus}:
        raise PersonError({"status": "请选择在任、免职、辞职或届满"})
    person = session.get(Person, person_id)
    if person is None:
        raise PersonError({"name": "这个人员已不存在"})
    if status == person.status:
        raise PersonError({"status": f"当前状态已经是“{status}”"})
    reason = clean_prose(reason)
    if status != PersonStatus.ACTIVE and not reason:
        raise PersonError({"reason": f"请写明{status}的原因（如：工作调动、本人申请）"})
    long = too_long(reason, max_length(StatusChange, "reason"))
    if long:
        raise PersonError({"reason": long})
    last = person.status_history[-1].changed_on if person.status_history else None
    if last and on < last:
        raise PersonError({"changed_on": f"日期不能早于上一次状态变更（{last:%Y-%m-%d}）"})
    change = StatusChange(
        person_id=person_id,
        status=status,
        changed_on=on,
        reason=reason,
        recorded_by=session.info.get("user", ""),
    )
    session.add(change)
    person.status = status
    session.flush()
    session.refresh(person, ["status_history"])
    return StatusEntry(person_id, status, on, reason)


def set_photo(
    session: Session, person_id: str, data: bytes | None, mime: str = "image/jpeg"
) -> None:
    """Store an already cropped and downscaled photo (the GUI does the cropping)."""
    person = session.get(Person, person_id)
    if person is None:
        raise PersonError({"photo": "这个人员已不存在"})
    if data is None:
        if person.photo is not None:
            session.delete(person.photo)
        return
    if len(data) > MAX_PHOTO_BYTES:
        raise PersonError({"photo": "照片太大，请先裁剪缩小"})
    if person.photo is None:
        session.add(PersonPhoto(person_id=person_id, data=data, mime=mime))
    else:
        person.photo.data = data
        person.photo.mime = mime


def station_choices(session: Session) -> list[tuple[str, str]]:
    """(id, name) of stations that are not retired, for pickers."""
    return [
        (sid, name)
        for sid, name in session.execute(
            select(Station.id, Station.name)
            .where(Station.deleted_at.is_(None), Station.retired_on.is_(None))
            .order_by(Station.sort_order, Station.name)
        )
    ]


def group_choices(session: Session, station_id: str | None = None) -> list[tuple[str, str, str]]:
    """(id, group name, station name) of special groups, optionally of one station."""
    query = (
        select(SpecialGroup.id, SpecialGroup.name, Station.name)
        .join(Station, Station.id == SpecialGroup.station_id)
        .where(SpecialGroup.deleted_at.is_(None))
        .order_by(Station.name, SpecialGroup.name)
    )
    if station_id:
        query = query.where(SpecialGroup.station_id == station_id)
    return [(gid, name, station) for gid, name, station in session.execute(query)]
