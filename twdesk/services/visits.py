"""The visitor register (来访登记) and opinion handling (交办 → 办结 → 反馈).

Every workflow step is stamped (date, who, note) in `opinion_step`; an item can be reopened.
Callers own the transaction (`with db.transaction() as s:`). Queries page with keysets so a
list over 200,000 visits never loads them all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from twdesk.core.holidays import WorkCalendar
from twdesk.core.normalize import clean_name, clean_prose, clean_text
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.core.visit_stats import Stats
from twdesk.core.vocab import (
    AgeGroup,
    Attendance,
    Channel,
    LookupKind,
    OpinionStatus,
    Satisfaction,
    VisitorIdentity,
)
from twdesk.db.base import now
from twdesk.db.models import (
    DutyAssignment,
    DutyDay,
    LookupValue,
    OpinionItem,
    OpinionStep,
    Person,
    Setting,
    Station,
    StationMembership,
    Visit,
)
from twdesk.db.versions import check_version, save_over
from twdesk.services.duty import ensure_holidays, work_calendar
from twdesk.services.errors import FieldProblems
from twdesk.services.limits import check_lengths, max_length, too_long

DEFAULT_DEADLINE_WORKDAYS = 7
OPEN = (str(OpinionStatus.ASSIGNED), str(OpinionStatus.IN_PROGRESS))
RANK = {str(s): i for i, s in enumerate(OpinionStatus)}
FIELD_LABELS = {
    "visit_date": "日期",
    "station_id": "联络站",
    "received_by_id": "接待代表",
    "visitor_name": "来访人",
    "gender": "性别",
    "age_group": "年龄段",
    "identity": "身份",
    "phone": "联系电话",
    "channel": "渠道",
    "category": "类别",
    "content": "来访事由",
    "people_count": "人数",
    "unit_or_village": "单位或村",
    "items": "意见建议",
    "department": "交办部门",
    "responsible": "责任人",
    "deadline": "办理期限",
    "result": "办理结果",
    "handled_on": "办结日期",
    "fed_back_on": "反馈日期",
    "feedback_method": "反馈方式",
    "satisfaction": "满意度",
    "reason": "原因",
    "note": "说明",
}


class VisitError(FieldProblems):
    """A change that cannot be made; `problems` maps field → message (all shown at once)."""

    labels = FIELD_LABELS


# --- lists the office edits -------------------------------------------------------------------


def categories(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(LookupValue.name)
            .where(LookupValue.kind == str(LookupKind.VISIT_CATEGORY), LookupValue.active.is_(True))
            .order_by(LookupValue.sort_order, LookupValue.name)
        )
    )


def set_categories(session: Session, names: list[str]) -> None:
    """The category list in this order; names dropped are deactivated (old records keep them)."""
    wanted = [clean_text(n) for n in names if clean_text(n)]
    if not wanted:
        raise VisitError("类别列表不能为空。")
    rows = {
        r.name: r
        for r in session.scalars(
            select(LookupValue).where(LookupValue.kind == str(LookupKind.VISIT_CATEGORY))
        )
    }
    for order, name in enumerate(wanted):
        row = rows.get(name)
        if row is None:
            row = LookupValue(kind=str(LookupKind.VISIT_CATEGORY), name=name)
            session.add(row)
        row.sort_order, row.active = order, True
    for name, row in rows.items():
        if name not in wanted:
            row.active = False
    session.flush()


# --- intake -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeDefaults:
    visit_date: date
    station_id: str | None
    received_by_id: str | None
    duty_day_id: str | None


def intake_defaults(
    session: Session, today: date | None = None, station_id: str | None = None
) -> IntakeDefaults:
    """Today's duty day (of `station_id`, or of any station) and who sits on it."""
    today = today or date.today()
    query = select(DutyDay).where(DutyDay.day == today, DutyDay.cancelled.is_(False))
    if station_id:
        query = query.where(DutyDay.station_id == station_id)
    day = session.scalars(query.order_by(DutyDay.station_id)).first()
    if day is None:
        return IntakeDefaults(today, station_id, None, None)
    seat = session.scalars(
        select(DutyAssignment)
        .where(DutyAssignment.duty_day_id == day.id)
        .order_by(DutyAssignment.created_at)
    ).first()
    person = None
    if seat is not None:
        person = (
            seat.substitute_id
            if seat.attendance == Attendance.SUBSTITUTED and seat.substitute_id
            else seat.person_id
        )
    return IntakeDefaults(today, day.station_id, person, day.id)


@dataclass
class ItemInput:
    content: str
    category: str = ""


def check_visit(
    values: dict[str, Any],
    items: list[ItemInput],
    known_categories: list[str],
    *,
    today: date | None = None,
) -> dict[str, Any]:
    """Clean a visit's values and check them together (the intake form and the register import
    both come here); raise VisitError naming every field."""
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    day = values.get("visit_date")
    if not isinstance(day, date):
        problems["visit_date"] = "请填写来访日期"
    elif day > (today or date.today()) + timedelta(days=1):
        problems["visit_date"] = f"{day:%Y-%m-%d} 在今天之后，还没到，请核对日期"
    clean["visit_date"] = day
    clean["visit_time"] = (
        values.get("visit_time") if isinstance(values.get("visit_time"), time) else None
    )
    if not values.get("station_id"):
        problems["station_id"] = "请选择联络站"
    clean["station_id"] = values.get("station_id")
    clean["received_by_id"] = values.get("received_by_id") or None
    clean["anonymous"] = bool(values.get("anonymous"))
    clean["visitor_name"] = "" if clean["anonymous"] else clean_name(values.get("visitor_name"))
    if not clean["anonymous"] and not clean["visitor_name"]:
        problems["visitor_name"] = "请填写来访人姓名，或勾选“匿名”"
    for key, allowed in (
        ("gender", ("", "男", "女")),
        ("age_group", ("", *(str(a) for a in AgeGroup))),
        ("identity", ("", *(str(i) for i in VisitorIdentity))),
        ("channel", tuple(str(c) for c in Channel)),
    ):
        value = clean_text(values.get(key)) or ("来访" if key == "channel" else "")
        if value not in allowed:
            problems[key] = (
                f"“{value}”无法识别，请从列表中选择（{'、'.join(a for a in allowed if a)}）"
            )
        clean[key] = value
    phone = normalize_phone(clean_text(values.get("phone")))
    if phone and validate_phone(phone):
        problems["phone"] = "；".join(validate_phone(phone)) + "。可以不填"
    clean["phone"] = phone
    clean["unit_or_village"] = clean_text(values.get("unit_or_village"))
    category = clean_text(values.get("category"))
    if not category:
        problems["category"] = "请选择类别"
    elif known_categories and category not in known_categories:
        problems["category"] = (
            f"类别不在类别列表中：“{category}”。请从列表选择"
            f"（{'、'.join(known_categories)}），或先在设置中增加这个类别"
        )
    clean["category"] = category
    clean["content"] = clean_prose(values.get("content"))
    if not clean["content"] and not items:
        problems["content"] = "来访事由和意见建议都为空，请至少写下其中一项"
    count = _whole_number(values.get("people_count"), default=1)
    if count is None or count < 1:
        problems["people_count"] = "人数应为 1 或以上的整数"
    clean["people_count"] = max(count or 1, 1)
    item_limit = max_length(OpinionItem, "content")
    for i, item in enumerate(items, 1):
        if item.category and known_categories and item.category not in known_categories:
            problems["items"] = f"第{i}条意见的类别“{item.category}”不在类别列表中"
        elif too_long(item.content, item_limit):
            problems["items"] = f"第{i}条意见{too_long(item.content, item_limit)}"
    check_lengths(problems, clean, Visit)
    if problems:
        raise VisitError(problems)
    return clean


def _whole_number(value: object, *, default: int) -> int | None:
    """2, 2.0, "2" → 2; blank → default; anything else (2.5, "两") → None."""
    text = clean_text(value)
    if not text:
        return default
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


SATISFACTIONS = tuple(str(s) for s in Satisfaction)


def check_item_record(values: dict[str, Any], visit_date: date | None) -> dict[str, Any]:
    """An opinion item recorded together with how far it has been handled (a register kept in
    Excel): the state must be complete for its status — 交办 needs a department, 办结 a date,
    反馈 how the young person was told. Raise VisitError naming every field."""
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {"content": clean_prose(values.get("content"))}
    if not clean["content"]:
        problems["content"] = "请写下意见建议"
    status = clean_text(values.get("status")) or str(OpinionStatus.REGISTERED)
    if status not in RANK:
        problems["status"] = f"办理状态无法识别，请填写{'、'.join(RANK)}之一"
        status = str(OpinionStatus.REGISTERED)
    clean["status"] = status
    rank = RANK[status]
    for key in ("number", "department", "responsible", "feedback_method", "satisfaction"):
        clean[key] = clean_text(values.get(key))
    clean["result"] = clean_prose(values.get("result"))
    for key in ("deadline", "handled_on"):
        clean[key] = values.get(key) if isinstance(values.get(key), date) else None
    if rank >= RANK[str(OpinionStatus.ASSIGNED)] and not clean["department"]:
        problems["department"] = f"状态为“{status}”但没有交办部门，请填写交办部门"
    if rank >= RANK[str(OpinionStatus.HANDLED)] and clean["handled_on"] is None:
        problems["handled_on"] = f"状态为“{status}”但没有办结日期，请填写办结日期"
    if clean["handled_on"] and visit_date and clean["handled_on"] < visit_date:
        problems["handled_on"] = "办结日期早于来访日期，请核对日期"
    if clean["satisfaction"] and clean["satisfaction"] not in SATISFACTIONS:
        problems["satisfaction"] = "满意度无法识别，请填写满意、基本满意或不满意"
    if rank >= RANK[str(OpinionStatus.FED_BACK)] and not clean["feedback_method"]:
        problems["feedback_method"] = (
            "状态为“已反馈”但没有反馈情况，请填写如何告知青年（如：电话告知）"
        )
    check_lengths(problems, clean, OpinionItem)
    if problems:
        raise VisitError(problems)
    return clean


# The setting row every numbering locks first; its value remembers the last number given per
# year ({"2026": 43}), so a number is never given twice, even after its item was purged.
ITEM_NUMBER_COUNTER = "opinion_item_numbers"


def _locked_counter(session: Session) -> Setting:
    """The counter row, locked until the transaction ends (SELECT … FOR UPDATE on a server;
    SQLite's one writer at a time already holds the whole file), made the first time."""
    query = (
        select(Setting)
        .where(Setting.key == ITEM_NUMBER_COUNTER)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = session.scalars(query).first()
    if row is None:
        try:  # another PC may make it at the same moment: then take theirs
            with session.begin_nested():
                session.add(Setting(key=ITEM_NUMBER_COUNTER, value="{}"))
        except IntegrityError:
            pass
        row = session.scalars(query).one()
    return row


def next_numbers(session: Session, year: int, count: int) -> list[str]:
    """The next item numbers of the year: 2026-00043, … (printed on the 交办单).

    Unique under concurrent intake: the counter row stays locked until the caller's
    transaction ends, so the next PC to number items waits and then sees these items."""
    counter = _locked_counter(session)
    try:
        given: dict[str, int] = json.loads(counter.value or "{}")
    except ValueError:
        given = {}
    prefix = f"{year}-"
    last = session.scalar(
        select(func.max(OpinionItem.number)).where(OpinionItem.number.like(f"{prefix}%"))
    )
    start = max(int(last.split("-")[1]) if last else 0, int(given.get(str(year), 0))) + 1
    if count:
        given[str(year)] = start + count - 1
        counter.value = json.dumps(given, sort_keys=True)
    return [f"{prefix}{n:05d}" for n in range(start, start + count)]


@dataclass(frozen=True)
class ItemInfo:
    """One opinion item as stored (what the handling panel and the CLI read)."""

    id: str
    visit_id: str
    number: str
    category: str
    content: str
    status: str
    department: str
    responsible: str
    assigned_on: date | None
    deadline: date | None
    handled_on: date | None
    result: str
    fed_back_on: date | None
    feedback_method: str
    satisfaction: str
    row_version: int | None = None  # as loaded: a handling step's expected_version


@dataclass(frozen=True)
class StepInfo:
    """One stamped workflow step (交办, 办理中, 办结, 反馈, 重新办理)."""

    from_status: str
    to_status: str
    done_on: date
    done_at: datetime
    done_by: str
    note: str


@dataclass(frozen=True)
class VisitInfo:
    """A visit with its (not deleted) opinion items, for correcting it in the intake form."""

    id: str
    visit_date: date
    visit_time: time | None
    station_id: str
    received_by_id: str | None
    visitor_name: str
    anonymous: bool
    gender: str
    age_group: str
    identity: str
    phone: str
    unit_or_village: str
    channel: str
    category: str
    content: str
    people_count: int
    items: tuple[ItemInfo, ...]
    row_version: int | None = None  # as loaded: hand it back to save_visit(expected_version=)


def _item_info(item: OpinionItem) -> ItemInfo:
    return ItemInfo(
        item.id,
        item.visit_id,
        item.number,
        item.category,
        item.content,
        item.status,
        item.department,
        item.responsible,
        item.assigned_on,
        item.deadline,
        item.handled_on,
        item.result,
        item.fed_back_on,
        item.feedback_method,
        item.satisfaction,
        item.row_version,
    )


def _visit_info(session: Session, visit: Visit) -> VisitInfo:
    items = session.scalars(
        select(OpinionItem)
        .where(OpinionItem.visit_id == visit.id, OpinionItem.deleted_at.is_(None))
        .order_by(OpinionItem.number)
    )
    return VisitInfo(
        visit.id,
        visit.visit_date,
        visit.visit_time,
        visit.station_id,
        visit.received_by_id,
        visit.visitor_name,
        visit.anonymous,
        visit.gender,
        visit.age_group,
        visit.identity,
        visit.phone,
        visit.unit_or_village,
        visit.channel,
        visit.category,
        visit.content,
        visit.people_count,
        tuple(_item_info(i) for i in items),
        visit.row_version,
    )


def receiver_choices(session: Session, station_id: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the delegates who can receive visitors (of `station_id` when given)."""
    query = (
        select(Person.id, Person.name)
        .where(Person.deleted_at.is_(None), Person.is_delegate.is_(True))
        .order_by(Person.name_pinyin)
    )
    if station_id:
        query = query.join(StationMembership, StationMembership.person_id == Person.id).where(
            StationMembership.station_id == station_id, StationMembership.end_date.is_(None)
        )
    return [(pid, name) for pid, name in session.execute(query)]


def save_visit(
    session: Session,
    values: dict[str, Any],
    items: list[ItemInput] | None = None,
    visit_id: str | None = None,
    *,
    expected_version: int | None = None,
) -> VisitInfo:
    """Record (or correct) a visit and add its new opinion items, numbered for the year.

    `expected_version`: the `row_version` of the visit the form loaded (VisitInfo.row_version);
    StaleRecordError when someone else saved the visit since."""
    items = [ItemInput(clean_prose(i.content), clean_text(i.category)) for i in items or []]
    items = [i for i in items if i.content]
    clean = check_visit(values, items, categories(session))
    if visit_id:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted_at is not None:
            raise VisitError("这条来访登记已不存在。")
        save_over(visit, expected_version)
    else:
        visit = Visit(recorded_by=session.info.get("user", ""))
        session.add(visit)
    for key, value in clean.items():
        setattr(visit, key, value)
    if not visit_id and clean["station_id"]:
        visit.duty_day_id = session.scalar(
            select(DutyDay.id).where(
                DutyDay.station_id == clean["station_id"], DutyDay.day == clean["visit_date"]
            )
        )
    session.flush()
    for number, item in zip(
        next_numbers(session, clean["visit_date"].year, len(items)), items, strict=True
    ):
        session.add(
            OpinionItem(
                visit_id=visit.id,
                number=number,
                category=item.category or clean["category"],
                content=item.content,
                status=str(OpinionStatus.REGISTERED),
            )
        )
    session.flush()
    return _visit_info(session, visit)


# --- handling ---------------------------------------------------------------------------------


def _item(session: Session, item_id: str, expected_version: int | None = None) -> OpinionItem:
    """The item a handling step changes; `expected_version`: the `row_version` the panel showed
    (ItemInfo.row_version): StaleRecordError when someone else changed the item since."""
    item = session.get(OpinionItem, item_id)
    if item is None or item.deleted_at is not None:
        raise VisitError("这条意见建议已不存在，请刷新后重试。")
    check_version(item, expected_version)
    return item


def _step(session: Session, item: OpinionItem, to: OpinionStatus, on: date, note: str) -> None:
    session.add(
        OpinionStep(
            item_id=item.id,
            from_status=item.status,
            to_status=str(to),
            done_on=on,
            done_at=now(),
            done_by=session.info.get("user", ""),
            note=clean_prose(note),
        )
    )
    item.status = str(to)


def _calendar(session: Session, start: date) -> WorkCalendar:
    for year in (start.year, start.year + 1):
        ensure_holidays(session, year)
    return work_calendar(session, start - timedelta(days=7), start + timedelta(days=400))


def default_deadline(session: Session, assigned_on: date) -> date:
    """Seven working days after assignment; statutory holidays and make-up days respected."""
    return _calendar(session, assigned_on).add_workdays(assigned_on, DEFAULT_DEADLINE_WORKDAYS)


def _check_lengths(values: dict[str, object]) -> None:
    """A handling step's texts against the item's and the step's columns."""
    problems: dict[str, str] = {}
    check_lengths(problems, values, OpinionItem)
    check_lengths(problems, values, OpinionStep)
    if problems:
        raise VisitError(problems)


def _expect(item: OpinionItem, allowed: tuple[str, ...], action: str) -> None:
    if item.status not in allowed:
        raise VisitError(f"编号 {item.number} 目前是“{item.status}”，不能{action}。")


def assign(
    session: Session,
    item_id: str,
    department: str,
    responsible: str = "",
    *,
    on: date | None = None,
    deadline: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> ItemInfo:
    """交办: to a department, with a deadline (default 7 working days)."""
    item = _item(session, item_id, expected_version)
    _expect(item, (str(OpinionStatus.REGISTERED),), "交办")
    department, responsible = clean_text(department), clean_text(responsible)
    if not department:
        raise VisitError({"department": "请填写交办部门"})
    _check_lengths({"department": department, "responsible": responsible, "note": note})
    on = on or date.today()
    deadline = deadline or default_deadline(session, on)
    if deadline < on:
        raise VisitError({"deadline": "办理期限不能早于交办日期"})
    item.department, item.responsible = department, responsible
    item.assigned_on, item.deadline = on, deadline
    _step(
        session,
        item,
        OpinionStatus.ASSIGNED,
        on,
        note or f"交办{department}，期限{deadline:%Y-%m-%d}",
    )
    session.flush()
    return _item_info(item)


def start_handling(
    session: Session,
    item_id: str,
    *,
    on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> ItemInfo:
    item = _item(session, item_id, expected_version)
    _expect(item, (str(OpinionStatus.ASSIGNED),), "标记为办理中")
    _step(
        session, item, OpinionStatus.IN_PROGRESS, on or date.today(), note or "部门已接收，正在办理"
    )
    session.flush()
    return _item_info(item)


def handle(
    session: Session,
    item_id: str,
    result: str,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> ItemInfo:
    """办结, with the result."""
    item = _item(session, item_id, expected_version)
    _expect(item, OPEN, "办结（需先交办）")
    result = clean_prose(result)
    if not result:
        raise VisitError({"result": "请写明办理结果"})
    _check_lengths({"result": result})
    on = on or date.today()
    if item.assigned_on and on < item.assigned_on:
        raise VisitError({"handled_on": "办结日期不能早于交办日期"})
    item.handled_on, item.result = on, result
    _step(session, item, OpinionStatus.HANDLED, on, result)
    session.flush()
    return _item_info(item)


def feed_back(
    session: Session,
    item_id: str,
    method: str,
    satisfaction: str,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> ItemInfo:
    """反馈: how the young person was told, and how satisfied they are."""
    item = _item(session, item_id, expected_version)
    _expect(item, (str(OpinionStatus.HANDLED),), "反馈（需先办结）")
    method = clean_text(method)
    if not method:
        raise VisitError({"feedback_method": "请写明反馈方式（如：电话告知）"})
    _check_lengths({"feedback_method": method})
    if satisfaction not in SATISFACTIONS:
        raise VisitError({"satisfaction": "请选择满意、基本满意或不满意"})
    on = on or date.today()
    if item.handled_on and on < item.handled_on:
        raise VisitError({"fed_back_on": "反馈日期不能早于办结日期"})
    item.fed_back_on, item.feedback_method, item.satisfaction = on, method, satisfaction
    _step(session, item, OpinionStatus.FED_BACK, on, f"{method}，{satisfaction}")
    session.flush()
    return _item_info(item)


def reopen(
    session: Session,
    item_id: str,
    reason: str,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> ItemInfo:
    """An item closed too early goes back to 办理中 with a new deadline; its history stays."""
    item = _item(session, item_id, expected_version)
    _expect(item, (str(OpinionStatus.HANDLED), str(OpinionStatus.FED_BACK)), "重新打开")
    reason = clean_prose(reason)
    if not reason:
        raise VisitError({"reason": "请写明重新办理的原因（如：青年反映问题未解决）"})
    _check_lengths({"note": reason})
    on = on or date.today()
    item.handled_on = item.fed_back_on = None
    item.satisfaction = ""
    item.deadline = default_deadline(session, on)
    _step(session, item, OpinionStatus.IN_PROGRESS, on, f"重新办理：{reason}")
    session.flush()
    return _item_info(item)


def item_steps(session: Session, item_id: str) -> list[StepInfo]:
    return [
        StepInfo(st.from_status, st.to_status, st.done_on, st.done_at, st.done_by, st.note)
        for st in session.scalars(
            select(OpinionStep).where(OpinionStep.item_id == item_id).order_by(OpinionStep.done_at)
        )
    ]


def item_info(session: Session, item_id: str) -> ItemInfo:
    return _item_info(_item(session, item_id))


def departments_used(session: Session, limit: int = 50) -> list[str]:
    """Departments items were assigned to before, the most recently used first, then the most
    often used (what the 交办 dialog offers)."""
    return list(
        session.scalars(
            select(OpinionItem.department)
            .where(OpinionItem.department != "", OpinionItem.deleted_at.is_(None))
            .group_by(OpinionItem.department)
            .order_by(
                func.max(OpinionItem.assigned_on).desc(),
                func.count().desc(),
                OpinionItem.department,
            )
            .limit(limit)
        )
    )


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN and deadline is not None and deadline < today


# --- lists ------------------------------------------------------------------------------------


@dataclass
class VisitFilter:
    station_id: str | None = None
    person_id: str | None = None  # 接待代表
    category: str | None = None
    status: str | None = None  # of any of the visit's items
    start: date | None = None
    end: date | None = None
    overdue: bool = False
    text: str = ""

    def item_conditions(self, today: date) -> list[Any]:
        conditions: list[Any] = [OpinionItem.deleted_at.is_(None)]
        if self.status:
            conditions.append(OpinionItem.status == self.status)
        if self.overdue:
            conditions += [OpinionItem.status.in_(OPEN), OpinionItem.deadline < today]
        return conditions

    def visit_conditions(self, today: date, *, for_items: bool = False) -> list[Any]:
        """Conditions on visits; `for_items` leaves category, status and overdue to the items."""
        conditions: list[Any] = [Visit.deleted_at.is_(None)]
        if self.station_id:
            conditions.append(Visit.station_id == self.station_id)
        if self.person_id:
            conditions.append(Visit.received_by_id == self.person_id)
        if self.category and not for_items:
            conditions.append(Visit.category == self.category)
        if self.start:
            conditions.append(Visit.visit_date >= self.start)
        if self.end:
            conditions.append(Visit.visit_date <= self.end)
        text = self.text.strip()
        if text:
            # icontains: case-insensitive on every engine (SQLite's LIKE is for ASCII, PostgreSQL's
            # is not at all), and % _ \ typed by the user are plain characters on both
            def has(column: Any) -> Any:
                return column.icontains(text, autoescape=True)

            conditions.append(
                or_(
                    has(Visit.content),
                    has(Visit.visitor_name),
                    Visit.id.in_(select(OpinionItem.visit_id).where(has(OpinionItem.content))),
                )
            )
        if (self.status or self.overdue) and not for_items:
            # an uncorrelated IN: the planner runs it once on the status/deadline index
            # (a correlated EXISTS took 94 s at 200,000 visits)
            conditions.append(
                Visit.id.in_(select(OpinionItem.visit_id).where(*self.item_conditions(today)))
            )
        return conditions


@dataclass(frozen=True)
class VisitRow:
    id: str
    visit_date: date
    station: str
    receiver: str
    visitor: str
    phone: str  # as stored: the GUI masks it
    identity: str
    channel: str
    category: str
    content: str
    people: int
    items: int
    open_items: int
    overdue_items: int


def _visit_select(flt: VisitFilter, today: date) -> Select[Any]:
    return (
        select(
            Visit.id,
            Visit.visit_date,
            Station.name,
            Person.name,
            Visit.visitor_name,
            Visit.anonymous,
            Visit.phone,
            Visit.identity,
            Visit.channel,
            Visit.category,
            Visit.content,
            Visit.people_count,
        )
        .join(Station, Station.id == Visit.station_id)
        .outerjoin(Person, (Person.id == Visit.received_by_id) & Person.deleted_at.is_(None))
        .where(*flt.visit_conditions(today))
    )


def visit_page(
    session: Session,
    flt: VisitFilter,
    *,
    after: tuple[date, str] | None = None,
    limit: int = 200,
    today: date | None = None,
) -> list[VisitRow]:
    """Newest first; `after` is the (date, id) of the last row already shown (keyset paging)."""
    today = today or date.today()
    query = _visit_select(flt, today)
    if after is not None:
        day, vid = after
        query = query.where(
            or_(Visit.visit_date < day, and_(Visit.visit_date == day, Visit.id < vid))
        )
    rows = session.execute(
        query.order_by(Visit.visit_date.desc(), Visit.id.desc()).limit(limit)
    ).all()
    counts: dict[str, tuple[int, int, int]] = {}
    ids = [r[0] for r in rows]
    if ids:
        for vid, status, deadline in session.execute(
            select(OpinionItem.visit_id, OpinionItem.status, OpinionItem.deadline).where(
                OpinionItem.visit_id.in_(ids), OpinionItem.deleted_at.is_(None)
            )
        ):
            n, o, late = counts.get(vid, (0, 0, 0))
            counts[vid] = (
                n + 1,
                o + (status in OPEN),
                late + is_overdue(status, deadline, today),
            )
    return [
        VisitRow(
            r[0],
            r[1],
            r[2],
            r[3] or "",
            "匿名" if r[5] else r[4],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            *counts.get(r[0], (0, 0, 0)),
        )
        for r in rows
    ]


def visit_count(session: Session, flt: VisitFilter, *, today: date | None = None) -> int:
    today = today or date.today()
    return (
        session.scalar(select(func.count()).select_from(Visit).where(*flt.visit_conditions(today)))
        or 0
    )


@dataclass(frozen=True)
class ItemRow:
    id: str
    number: str
    visit_date: date
    station: str
    category: str
    content: str
    status: str
    department: str
    responsible: str
    deadline: date | None
    overdue: bool


def item_page(
    session: Session,
    flt: VisitFilter,
    *,
    after: str | None = None,
    limit: int = 200,
    today: date | None = None,
) -> list[ItemRow]:
    """Opinion items, newest number first (keyset paging on the number)."""
    today = today or date.today()
    conditions = flt.item_conditions(today)
    if flt.category:
        conditions.append(OpinionItem.category == flt.category)
    visit_conditions = flt.visit_conditions(today, for_items=True)
    if len(visit_conditions) > 1:  # more than "not deleted": filter through the visits
        conditions.append(OpinionItem.visit_id.in_(select(Visit.id).where(*visit_conditions)))
    else:  # items of visits in the recycle bin stay hidden (a small set)
        conditions.append(
            OpinionItem.visit_id.not_in(select(Visit.id).where(Visit.deleted_at.is_not(None)))
        )
    query = select(
        OpinionItem.id,
        OpinionItem.number,
        OpinionItem.visit_id,
        OpinionItem.category,
        OpinionItem.content,
        OpinionItem.status,
        OpinionItem.department,
        OpinionItem.responsible,
        OpinionItem.deadline,
    ).where(*conditions)
    if after is not None:
        query = query.where(OpinionItem.number < after)
    # the items table drives, newest number first along its index (numbers are given in
    # recording order); visits and stations are read for the page's rows only
    rows = session.execute(query.order_by(OpinionItem.number.desc()).limit(limit)).all()
    visit_info = {
        vid: (day, station)
        for vid, day, station in session.execute(
            select(Visit.id, Visit.visit_date, Station.name)
            .join(Station, Station.id == Visit.station_id)
            .where(Visit.id.in_({r[2] for r in rows}))
        )
    }
    return [
        ItemRow(
            r[0],
            r[1],
            visit_info[r[2]][0],
            visit_info[r[2]][1],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            overdue=is_overdue(r[5], r[8], today),
        )
        for r in rows
    ]


def visit_detail(session: Session, visit_id: str) -> VisitInfo:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise VisitError("这条来访登记已不存在。")
    return _visit_info(session, visit)


def visit_stats(
    session: Session,
    *,
    start: date,
    end: date,
    station_id: str | None = None,
    today: date | None = None,
) -> Stats:
    today = today or date.today()
    visit_where = [Visit.deleted_at.is_(None), Visit.visit_date >= start, Visit.visit_date <= end]
    if station_id:
        visit_where.append(Visit.station_id == station_id)
    stats = Stats()
    stats.visits, visitors = session.execute(
        select(func.count(), func.coalesce(func.sum(Visit.people_count), 0)).where(*visit_where)
    ).one()
    stats.visitors = int(visitors)
    stats.by_month = {m: 0 for m in range(1, 13)}
    for month_start, n in session.execute(
        select(Visit.visit_date, func.count()).where(*visit_where).group_by(Visit.visit_date)
    ):
        stats.by_month[month_start.month] = stats.by_month.get(month_start.month, 0) + n
    item_rows = session.execute(
        select(
            OpinionItem.status,
            OpinionItem.category,
            OpinionItem.satisfaction,
            OpinionItem.deadline,
            func.count(),
        )
        .join(Visit, Visit.id == OpinionItem.visit_id)
        .where(*visit_where, OpinionItem.deleted_at.is_(None))
        .group_by(
            OpinionItem.status, OpinionItem.category, OpinionItem.satisfaction, OpinionItem.deadline
        )
    ).all()
    by_category: dict[str, int] = {}
    for status, category, satisfaction, deadline, n in item_rows:
        rank = RANK.get(status, 0)
        stats.items += n
        stats.assigned += n if rank >= RANK[str(OpinionStatus.ASSIGNED)] else 0
        stats.handled += n if rank >= RANK[str(OpinionStatus.HANDLED)] else 0
        stats.fed_back += n if rank >= RANK[str(OpinionStatus.FED_BACK)] else 0
        stats.overdue += n if is_overdue(status, deadline, today) else 0
        if satisfaction:
            stats.rated += n
            stats.satisfied += n if satisfaction != Satisfaction.UNSATISFIED else 0
        by_category[category or "其他"] = by_category.get(category or "其他", 0) + n
    stats.by_category = dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])))
    return stats


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
