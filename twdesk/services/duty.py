"""Duty days (驻站坐班): holidays per year, the station's rule, plan generation, swaps,
substitutes, attendance, and the views the calendar, exports and posters read.

Callers own the transaction (`with db.transaction() as s:`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from twdesk.core.duty_rules import (
    WEEKDAY_SHORT_ZH,
    DutyRuleSpec,
    candidate_days,
    place_days,
)
from twdesk.core.errors import UserError
from twdesk.core.holidays import WorkCalendar, library_holidays
from twdesk.core.normalize import clean_prose, clean_text
from twdesk.core.rotation import Candidate, plan_rotation
from twdesk.core.vocab import Attendance, DutyRuleKind, HolidayKind, OnHoliday, PersonStatus
from twdesk.db.base import now
from twdesk.db.models import (
    DutyAssignment,
    DutyDay,
    DutyRule,
    DutySwap,
    Holiday,
    HolidayYear,
    Person,
    Station,
    StationMembership,
    StatusChange,
    Unavailability,
)
from twdesk.db.versions import check_version
from twdesk.services.limits import check_lengths, refuse_long

NOT_YET = "待坐班"  # shown for a future day with nothing recorded (stored as 未登记)


class DutyError(UserError, ValueError):
    """A duty change that cannot be made; the message is for the user."""


class HolidayDataMissing(DutyError):
    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的法定节假日和调休安排还没有数据：程序自带的节假日数据没有这一年"
            "（国务院办公厅一般在每年11月前后公布下一年的安排）。"
            f"请先在“坐班日历 → 节假日”中录入{year}年的放假日期和调休上班日期并点“确认”，"
            "再生成坐班计划。"
        )


# --- holidays -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HolidayEntry:
    """One day off (休) or make-up workday (班) of the calendar."""

    day: date
    kind: str
    name: str
    source: str


@dataclass(frozen=True)
class HolidayYearInfo:
    """Where a year's holidays came from: 'chinesecalendar' or 'manual' (confirmed by staff)."""

    year: int
    source: str
    confirmed_by: str


def _holiday_entry(row: Holiday) -> HolidayEntry:
    return HolidayEntry(row.day, row.kind, row.name or "", row.source or "")


def holiday_year_source(session: Session, year: int) -> str | None:
    """'chinesecalendar' or 'manual' when the year's holidays are known, else None."""
    return session.scalar(select(HolidayYear.source).where(HolidayYear.year == year))


def ensure_holidays(session: Session, year: int) -> bool:
    """True when the year's holidays are in the file (loading them from the library if it can)."""
    if holiday_year_source(session, year):
        return True
    entries = library_holidays(year)
    if entries is None:
        return False
    have = set(
        session.scalars(
            select(Holiday.day).where(
                Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31)
            )
        )
    )
    for e in entries:
        if e.day not in have:
            session.add(Holiday(day=e.day, kind=str(e.kind), name=e.name, source="chinesecalendar"))
    session.add(HolidayYear(year=year, source="chinesecalendar", confirmed_by="节假日数据"))
    session.flush()
    return True


def year_holidays(session: Session, year: int) -> list[HolidayEntry]:
    return [
        _holiday_entry(h)
        for h in session.scalars(
            select(Holiday)
            .where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
            .order_by(Holiday.day)
        )
    ]


def set_holiday(session: Session, day: date, kind: str, name: str = "") -> HolidayEntry:
    """Enter or correct one day: 休 (day off) or 班 (make-up workday)."""
    if kind not in {str(k) for k in HolidayKind}:
        raise DutyError("请选择“休”（放假）或“班”（调休上班）。")
    if kind == HolidayKind.WORKDAY and day.weekday() < 5:
        raise DutyError(
            f"{day:%Y-%m-%d} 是{WEEKDAY_SHORT_ZH[day.weekday()]}，本来就上班，不需要登记为调休上班日。"
        )
    refuse_long({"name": clean_text(name)}, Holiday, {"name": "节日名称"}, DutyError)
    holiday = session.scalar(select(Holiday).where(Holiday.day == day))
    if holiday is None:
        holiday = Holiday(day=day)
        session.add(holiday)
    holiday.kind = kind
    holiday.name = clean_text(name)
    holiday.source = "manual"
    session.flush()
    return _holiday_entry(holiday)


def remove_holiday(session: Session, day: date) -> None:
    session.execute(delete(Holiday).where(Holiday.day == day))


def confirm_holiday_year(session: Session, year: int) -> HolidayYearInfo:
    """Staff say the year's entered holidays are complete; plans may now be generated."""
    if not any(h.kind == HolidayKind.HOLIDAY for h in year_holidays(session, year)):
        raise DutyError(f"{year}年还没有录入任何放假日期，请先录入元旦、春节、国庆等放假安排。")
    row = session.scalar(select(HolidayYear).where(HolidayYear.year == year))
    if row is None:
        row = HolidayYear(year=year)
        session.add(row)
    row.source = "manual"
    row.confirmed_by = session.info.get("user", "")
    session.flush()
    return HolidayYearInfo(year, row.source, row.confirmed_by or "")


def work_calendar(session: Session, start: date, end: date) -> WorkCalendar:
    return WorkCalendar(
        session.execute(
            select(Holiday.day, Holiday.kind).where(Holiday.day >= start, Holiday.day <= end)
        ).all()
    )


# --- rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSettings:
    spec: DutyRuleSpec
    start_time: time | None = time(9, 0)
    end_time: time | None = time(12, 0)
    per_day: int = 1
    mix_levels: bool = False
    on_holiday: str = str(OnHoliday.NEXT)


def _rule_row(session: Session, station_id: str) -> DutyRule | None:
    return session.scalar(
        select(DutyRule)
        .where(DutyRule.station_id == station_id)
        .order_by(DutyRule.created_at.desc())
        .limit(1)
    )


def _settings(rule: DutyRule) -> RuleSettings:
    return RuleSettings(
        DutyRuleSpec(DutyRuleKind(rule.kind), rule.weekday, rule.month_day, rule.nth),
        rule.start_time,
        rule.end_time,
        rule.per_day,
        rule.mix_levels,
        rule.on_holiday,
    )


def current_rule(session: Session, station_id: str) -> RuleSettings | None:
    """The station's duty rule (its latest), or None before its first plan."""
    rule = _rule_row(session, station_id)
    return _settings(rule) if rule is not None else None


def save_rule(session: Session, station_id: str, settings: RuleSettings) -> RuleSettings:
    if not 1 <= settings.per_day <= 10:
        raise DutyError("每次坐班人数应为 1 到 10 人。")
    if settings.on_holiday not in {str(o) for o in OnHoliday}:
        raise DutyError("遇节假日的处理方式应为顺延、提前或取消。")
    if settings.start_time and settings.end_time and settings.start_time >= settings.end_time:
        raise DutyError("坐班结束时间应晚于开始时间。")
    rule = _rule_row(session, station_id)
    if rule is None:
        rule = DutyRule(station_id=station_id)
        session.add(rule)
    spec = settings.spec
    rule.kind = str(spec.kind)
    rule.weekday, rule.month_day, rule.nth = spec.weekday, spec.month_day, spec.nth
    rule.start_time, rule.end_time = settings.start_time, settings.end_time
    rule.per_day, rule.mix_levels = settings.per_day, settings.mix_levels
    rule.on_holiday = settings.on_holiday
    session.flush()
    return _settings(rule)


# --- who can sit ------------------------------------------------------------------------------


def station_candidates(session: Session, station_id: str, year: int) -> list[Candidate]:
    """Delegates who belong to the station at some point of the year, with their dates."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = session.execute(
        select(
            Person.id,
            Person.level,
            Person.status,
            StationMembership.start_date,
            StationMembership.end_date,
            Person.name_pinyin,
        )
        .join(StationMembership, StationMembership.person_id == Person.id)
        .where(
            StationMembership.station_id == station_id,
            Person.deleted_at.is_(None),
            Person.is_delegate.is_(True),
        )
        .order_by(Person.name_pinyin, Person.id)
    ).all()
    left_on: dict[str, date] = {}
    for pid, status, changed in session.execute(
        select(StatusChange.person_id, StatusChange.status, StatusChange.changed_on).order_by(
            StatusChange.changed_on, StatusChange.created_at
        )
    ):
        if status == PersonStatus.ACTIVE:
            left_on.pop(pid, None)
        else:
            left_on[pid] = changed
    away: dict[str, set[date]] = defaultdict(set)
    for pid, start, end in session.execute(
        select(Unavailability.person_id, Unavailability.start_date, Unavailability.end_date).where(
            Unavailability.end_date >= first, Unavailability.start_date <= last
        )
    ):
        day = max(start, first)
        while day <= min(end, last):
            away[pid].add(day)
            day = date.fromordinal(day.toordinal() + 1)
    seen: set[str] = set()
    out = []
    for pid, level, status, start, end, _pinyin in rows:
        if pid in seen:
            continue
        until = end
        if status != PersonStatus.ACTIVE:
            stop = left_on.get(pid)
            until = min(d for d in (end, stop) if d) if (end or stop) else first
        if (until and until < first) or (start and start > last):
            continue
        seen.add(pid)
        out.append(Candidate(pid, level or "", start, until, frozenset(away.get(pid, ()))))
    return out


@dataclass(frozen=True)
class AwayPeriod:
    """Dates a delegate declared they cannot sit (出差, 产假 …); plans avoid them."""

    id: str
    person_id: str
    start_date: date
    end_date: date
    reason: str


def _away(row: Unavailability) -> AwayPeriod:
    return AwayPeriod(row.id, row.person_id, row.start_date, row.end_date, row.reason or "")


def add_unavailability(
    session: Session, person_id: str, start: date, end: date, reason: str = ""
) -> AwayPeriod:
    if end < start:
        raise DutyError("结束日期不能早于开始日期。")
    refuse_long({"reason": clean_prose(reason)}, Unavailability, {"reason": "原因"}, DutyError)
    row = Unavailability(
        person_id=person_id, start_date=start, end_date=end, reason=clean_prose(reason)
    )
    session.add(row)
    session.flush()
    return _away(row)


def unavailability(session: Session, person_id: str) -> list[AwayPeriod]:
    return [
        _away(row)
        for row in session.scalars(
            select(Unavailability)
            .where(Unavailability.person_id == person_id)
            .order_by(Unavailability.start_date)
        )
    ]


def remove_unavailability(session: Session, row_id: str) -> None:
    session.execute(delete(Unavailability).where(Unavailability.id == row_id))


# --- plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanResult:
    station: str
    year: int
    rule: str
    created: int = 0
    kept: int = 0
    removed: int = 0
    days: list[DutyDayView] = field(default_factory=list)

    def one_line(self) -> str:
        return (
            f"{self.station} {self.year}年坐班计划（{self.rule}）：共 {len(self.days)} 个坐班日，"
            f"新排 {self.created} 天，保留已发生或已登记的 {self.kept} 天"
            + (f"，重排替换 {self.removed} 天" if self.removed else "")
            + "。"
        )


def _is_locked(day: DutyDay, swapped: set[str], before: date) -> bool:
    """A day the generator must not touch: already past, attendance recorded, or swapped."""
    if day.day < before:
        return True
    return any(a.attendance != Attendance.UNRECORDED or a.id in swapped for a in day.assignments)


def generate_plan(
    session: Session,
    station_id: str,
    year: int,
    settings: RuleSettings,
    *,
    from_date: date | None = None,
    today: date | None = None,
) -> PlanResult:
    """Create the year's plan, or regenerate it from `from_date` on (default: today when the
    year already has a plan, else 1 January — a first plan covers the whole year)."""
    station = session.get(Station, station_id)
    if station is None or station.deleted_at is not None:
        raise DutyError("这个联络站已不存在。")
    if not ensure_holidays(session, year):
        raise HolidayDataMissing(year)
    today = today or date.today()
    save_rule(session, station_id, settings)
    rule = _rule_row(session, station_id)
    assert rule is not None
    existing = list(
        session.scalars(
            select(DutyDay).where(
                DutyDay.station_id == station_id,
                DutyDay.day >= date(year, 1, 1),
                DutyDay.day <= date(year, 12, 31),
            )
        )
    )
    if from_date is None:
        from_date = max(today, date(year, 1, 1)) if existing else date(year, 1, 1)
    swapped = set(
        session.scalars(
            select(DutySwap.assignment_id)
            .join(DutyAssignment, DutyAssignment.id == DutySwap.assignment_id)
            .join(DutyDay, DutyDay.id == DutyAssignment.duty_day_id)
            .where(DutyDay.station_id == station_id)
        )
    ) | set(
        session.scalars(
            select(DutySwap.other_assignment_id).where(DutySwap.other_assignment_id.is_not(None))
        )
    )
    kept = [d for d in existing if _is_locked(d, swapped, from_date)]
    replaced = [d for d in existing if not _is_locked(d, swapped, from_date)]
    people = station_candidates(session, station_id, year)
    if not people:
        raise DutyError(
            f"「{station.name}」{year}年没有进站的团代表，无法排班。请先在“联络站与代表”中为它分配代表。"
        )
    calendar = work_calendar(session, date(year - 1, 12, 1), date(year + 1, 1, 31))
    placed = place_days(candidate_days(settings.spec, year), calendar, settings.on_holiday, year)
    kept_days = {d.day for d in kept}
    new_days = [p for p in placed if p.day >= from_date and p.day not in kept_days]
    fixed = {d.day: [a.person_id for a in d.assignments] for d in kept}
    plan = plan_rotation(
        sorted(set(fixed) | {p.day for p in new_days}),
        people,
        settings.per_day,
        mix_levels=settings.mix_levels,
        fixed=fixed,
    )
    for d in replaced:
        for a in d.assignments:
            session.delete(a)
        session.flush()
        session.delete(d)
    session.flush()
    for p in new_days:
        duty_day = DutyDay(
            station_id=station_id,
            day=p.day,
            rule_id=rule.id,
            start_time=settings.start_time,
            end_time=settings.end_time,
            moved_from=p.moved_from,
        )
        session.add(duty_day)
        session.flush()
        for pid in plan.get(p.day, []):
            session.add(DutyAssignment(duty_day_id=duty_day.id, person_id=pid))
    session.flush()
    result = PlanResult(
        station.name,
        year,
        settings.spec.describe(),
        created=len(new_days),
        kept=len(kept),
        removed=len(replaced),
        days=duty_days(session, station_id=station_id, year=year, today=today),
    )
    return result


# --- changes to a plan -----------------------------------------------------------------------


def _assignment(session: Session, assignment_id: str) -> DutyAssignment:
    a = session.get(DutyAssignment, assignment_id)
    if a is None:
        raise DutyError("这条坐班安排已不存在，请刷新后重试。")
    return a


def swap_assignments(session: Session, first_id: str, second_id: str, reason: str) -> None:
    """换班: two delegates exchange their days; recorded with the reason."""
    reason = clean_prose(reason)
    if not reason:
        raise DutyError("请写明换班原因。")
    refuse_long({"reason": reason}, DutySwap, {"reason": "换班原因"}, DutyError)
    a, b = _assignment(session, first_id), _assignment(session, second_id)
    if a.duty_day_id == b.duty_day_id or a.person_id == b.person_id:
        raise DutyError("请选择两位不同代表在不同日期的坐班安排。")
    for x in (a, b):
        if x.attendance != Attendance.UNRECORDED:
            raise DutyError(
                f"{x.duty_day.day:%Y-%m-%d} 已登记为“{x.attendance}”，已发生的坐班不能换班。"
            )
    for x, other in ((a, b), (b, a)):
        clash = session.scalar(
            select(DutyAssignment.id).where(
                DutyAssignment.duty_day_id == x.duty_day_id,
                DutyAssignment.person_id == other.person_id,
            )
        )
        if clash:
            raise DutyError(f"{x.duty_day.day:%Y-%m-%d} 这位代表已经在坐班名单中，不能换到这一天。")
    a_person, b_person = a.person_id, b.person_id
    # the two seats change days (no temporary value, so every constraint holds at each step)
    a_day, b_day = a.duty_day_id, b.duty_day_id
    a.duty_day_id = b_day
    session.flush()
    b.duty_day_id = a_day
    session.flush()
    session.expire(a, ["duty_day"])
    session.expire(b, ["duty_day"])
    session.add(
        DutySwap(
            kind="换班",
            assignment_id=a.id,
            other_assignment_id=b.id,
            from_person_id=a_person,
            to_person_id=b_person,
            reason=reason,
            done_at=now(),
            done_by=session.info.get("user", ""),
        )
    )
    session.flush()


# what may be recorded before the day: arrangements, not what happened (the sign-in sheet
# import allows only 请假: a sheet records what happened)
IN_ADVANCE = frozenset(
    {str(Attendance.UNRECORDED), str(Attendance.LEAVE), str(Attendance.SUBSTITUTED)}
)


class AttendanceError(DutyError):
    """An attendance that cannot be recorded; `problems` maps the field (`attendance`,
    `substitute_id`, `attendance_note`) → message, so an import can name the column."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("".join(problems.values()))


def check_attendance(
    day: date,
    person_id: str,
    state: str,
    *,
    substitute_id: str | None = None,
    note: str = "",
    today: date,
    in_advance: frozenset[str] = IN_ADVANCE,
) -> None:
    """The rules of recording `state` for `person_id`'s seat on `day` (the calendar's buttons and
    the sign-in sheet import both come here); raise AttendanceError naming every field."""
    problems: dict[str, str] = {}
    if state not in {str(a) for a in Attendance}:
        problems["attendance"] = "请选择到岗、缺席、请假或替班。"
    elif state not in in_advance and day > today:
        allowed = "或".join(
            s for s in (Attendance.LEAVE, Attendance.SUBSTITUTED) if s in in_advance
        )
        problems["attendance"] = (
            f"{day:%Y-%m-%d} 还没到，不能登记“{state}”；可以提前登记{allowed}。"
        )
    if state == Attendance.SUBSTITUTED and (not substitute_id or substitute_id == person_id):
        problems["substitute_id"] = "替班请选择由哪位代表替班。"
    check_lengths(problems, {"attendance_note": clean_prose(note)}, DutyAssignment)
    if "attendance_note" in problems:
        problems["attendance_note"] = f"说明{problems['attendance_note']}。"
    if problems:
        raise AttendanceError(problems)


def record_attendance(
    session: Session,
    assignment_id: str,
    state: str,
    *,
    substitute_id: str | None = None,
    note: str = "",
    today: date | None = None,
    expected_version: int | None = None,
) -> None:
    """到岗 / 缺席 / 请假 / 替班 (by whom) — or back to 未登记 to correct a mistake.
    `expected_version`: the seat's `row_version` as shown (DutySeat.row_version): another PC's
    record of the same seat since is never overwritten (StaleRecordError)."""
    a = _assignment(session, assignment_id)
    check_version(a, expected_version)
    check_attendance(
        a.duty_day.day,
        a.person_id,
        state,
        substitute_id=substitute_id,
        note=note,
        today=today or date.today(),
    )
    if state == Attendance.SUBSTITUTED:
        if session.get(Person, substitute_id) is None:
            raise DutyError("所选替班代表已不存在。")
        session.add(
            DutySwap(
                kind="替班",
                assignment_id=a.id,
                from_person_id=a.person_id,
                to_person_id=substitute_id,
                reason=clean_prose(note),
                done_at=now(),
                done_by=session.info.get("user", ""),
            )
        )
    a.attendance = state
    a.substitute_id = substitute_id if state == Attendance.SUBSTITUTED else None
    a.attendance_note = clean_prose(note)
    a.recorded_at = None if state == Attendance.UNRECORDED else now()
    a.recorded_by = "" if state == Attendance.UNRECORDED else session.info.get("user", "")
    session.flush()


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutySeat:
    assignment_id: str
    person_id: str
    name: str
    phone: str
    wechat: str
    level: str
    attendance: str  # as stored
    shown: str  # what the user sees: 待坐班 for a future day, 未登记 (a warning) for a past one
    substitute_id: str | None
    substitute: str
    note: str
    substitute_phone: str = ""
    row_version: int | None = None  # as loaded: record_attendance(expected_version=)


@dataclass(frozen=True)
class DutyDayView:
    id: str
    station_id: str
    station: str
    address: str
    day: date
    start_time: time | None
    end_time: time | None
    moved_from: date | None
    seats: tuple[DutySeat, ...]

    @property
    def weekday(self) -> str:
        return WEEKDAY_SHORT_ZH[self.day.weekday()]

    @property
    def hours(self) -> str:
        if self.start_time and self.end_time:
            return f"{self.start_time:%H:%M}-{self.end_time:%H:%M}"
        return ""


def shown_state(attendance: str, day: date, today: date) -> str:
    if attendance == Attendance.UNRECORDED:
        return str(Attendance.UNRECORDED) if day < today else NOT_YET
    return attendance


def duty_days(
    session: Session,
    *,
    station_id: str | None = None,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    person_id: str | None = None,
    today: date | None = None,
) -> list[DutyDayView]:
    today = today or date.today()
    query = (
        select(DutyDay, Station.name, Station.address)
        .join(Station, Station.id == DutyDay.station_id)
        .where(DutyDay.cancelled.is_(False), Station.deleted_at.is_(None))
        .order_by(DutyDay.day, Station.name)
    )
    if station_id:
        query = query.where(DutyDay.station_id == station_id)
    if year:
        query = query.where(DutyDay.day >= date(year, 1, 1), DutyDay.day <= date(year, 12, 31))
    if start:
        query = query.where(DutyDay.day >= start)
    if end:
        query = query.where(DutyDay.day <= end)
    if person_id:
        query = query.where(
            DutyDay.id.in_(
                select(DutyAssignment.duty_day_id).where(
                    (DutyAssignment.person_id == person_id)
                    | (DutyAssignment.substitute_id == person_id)
                )
            )
        )
    days = session.execute(query).all()
    ids = [d.id for d, _, _ in days]
    seats: dict[str, list[DutySeat]] = defaultdict(list)
    names: dict[str, tuple[str, str, str, str]] = {}
    if ids:
        rows = []
        for chunk in range(0, len(ids), 900):
            rows += (
                session.execute(
                    select(DutyAssignment)
                    .where(DutyAssignment.duty_day_id.in_(ids[chunk : chunk + 900]))
                    .order_by(DutyAssignment.created_at)
                )
                .scalars()
                .all()
            )
        people = {a.person_id for a in rows} | {a.substitute_id for a in rows if a.substitute_id}
        for pid, name, phone, wechat, level in session.execute(
            select(Person.id, Person.name, Person.phone, Person.wechat, Person.level).where(
                Person.id.in_(people), Person.deleted_at.is_(None)
            )
        ):
            names[pid] = (name, phone, wechat, level)
        day_of = {d.id: d.day for d, _, _ in days}
        for a in rows:
            if a.person_id not in names:  # in the recycle bin: back when restored
                continue
            name, phone, wechat, level = names[a.person_id]
            seats[a.duty_day_id].append(
                DutySeat(
                    a.id,
                    a.person_id,
                    name,
                    phone,
                    wechat,
                    level,
                    a.attendance,
                    shown_state(a.attendance, day_of[a.duty_day_id], today),
                    a.substitute_id,
                    names.get(a.substitute_id, ("",))[0] if a.substitute_id else "",
                    a.attendance_note,
                    names.get(a.substitute_id, ("", ""))[1] if a.substitute_id else "",
                    a.row_version,
                )
            )
    return [
        DutyDayView(
            d.id,
            d.station_id,
            station,
            address or "",
            d.day,
            d.start_time,
            d.end_time,
            d.moved_from,
            tuple(seats.get(d.id, ())),
        )
        for d, station, address in days
    ]


def unrecorded_days(
    session: Session,
    start: date,
    end: date,
    *,
    station_id: str | None = None,
) -> dict[str, tuple[int, date]]:
    """Per station id: the duty days between ``start`` and ``end`` with a seat still 未登记
    (what `duty_days` shows as 未登记 for a past day), and the first of them."""
    query = (
        select(DutyDay.station_id, func.count(func.distinct(DutyDay.id)), func.min(DutyDay.day))
        .join(DutyAssignment, DutyAssignment.duty_day_id == DutyDay.id)
        .join(Station, Station.id == DutyDay.station_id)
        .join(Person, Person.id == DutyAssignment.person_id)
        .where(
            DutyDay.cancelled.is_(False),
            Station.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            DutyAssignment.attendance == str(Attendance.UNRECORDED),
            DutyDay.day >= start,
            DutyDay.day <= end,
        )
        .group_by(DutyDay.station_id)
    )
    if station_id:
        query = query.where(DutyDay.station_id == station_id)
    return {sid: (n, first) for sid, n, first in session.execute(query)}


@dataclass(frozen=True)
class DutyCounts:
    person_id: str
    name: str
    station: str
    assigned: int = 0  # own seats in the period
    due: int = 0  # own seats up to today
    attended: int = 0  # 到岗
    absent: int = 0  # 缺席
    leave: int = 0  # 请假
    substituted: int = 0  # someone else sat (替班)
    unrecorded: int = 0  # past, nothing recorded
    sat_for_others: int = 0  # sat as somebody's substitute


def attendance_counts(
    session: Session,
    year: int,
    *,
    station_id: str | None = None,
    person_id: str | None = None,
    today: date | None = None,
) -> list[DutyCounts]:
    """Per delegate (or only ``person_id``): assigned / attended / missed … for the evaluation,
    the ledger and the dossier."""
    today = today or date.today()
    who: dict[str, tuple[str, str]] = {}  # person id → (name, station)
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    days = duty_days(session, station_id=station_id, year=year, person_id=person_id, today=today)
    for view in days:
        for seat in view.seats:
            who.setdefault(seat.person_id, (seat.name, view.station))
            tally = tallies[seat.person_id]
            tally["assigned"] += 1
            if view.day <= today:
                tally["due"] += 1
            if seat.attendance == Attendance.PRESENT:
                tally["attended"] += 1
            elif seat.attendance == Attendance.ABSENT:
                tally["absent"] += 1
            elif seat.attendance == Attendance.LEAVE:
                tally["leave"] += 1
            elif seat.attendance == Attendance.SUBSTITUTED:
                tally["substituted"] += 1
                if seat.substitute_id:
                    who.setdefault(seat.substitute_id, (seat.substitute, view.station))
                    tallies[seat.substitute_id]["sat_for_others"] += 1
            elif view.day < today:
                tally["unrecorded"] += 1
    counts = [
        DutyCounts(pid, name, station, **tallies[pid])
        for pid, (name, station) in who.items()
        if person_id is None or pid == person_id
    ]
    return sorted(counts, key=lambda c: (c.station, c.name))


def swap_history(
    session: Session, station_id: str, year: int
) -> list[tuple[datetime, str, str, str, str]]:
    """(when, kind, from name, to name, reason) for the station's year."""
    names = dict(session.execute(select(Person.id, Person.name)).all())
    rows = session.execute(
        select(DutySwap)
        .join(DutyAssignment, DutyAssignment.id == DutySwap.assignment_id)
        .join(DutyDay, DutyDay.id == DutyAssignment.duty_day_id)
        .where(
            DutyDay.station_id == station_id,
            DutyDay.day >= date(year, 1, 1),
            DutyDay.day <= date(year, 12, 31),
        )
        .order_by(DutySwap.done_at)
    ).scalars()
    return [
        (
            s.done_at,
            s.kind,
            names.get(s.from_person_id, "?"),
            names.get(s.to_person_id, "?"),
            s.reason,
        )
        for s in rows
    ]
