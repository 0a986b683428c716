"""Station management assessment (联络站考评): the year's checklist, each station's suggested
scores counted from the records (with the records behind each number), the scores entered by
the county, grades and the ranked county table (PDF / .xlsx for the 通报).

All stations' facts come from a handful of grouped queries (portable SQL).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from twdesk.core.errors import StaleRecordError, UserError
from twdesk.core.station_assessment import (
    DEFAULT_CHECKLIST,
    FIVE_PUBLIC_FIELDS,
    MEASURE_LABELS,
    CheckItemSpec,
    GradeRule,
    Measure,
    StationFacts,
    check_score,
    checklist_problems,
    ranks,
    suggest,
)
from twdesk.core.vocab import Attendance, Confirmation, OpinionStatus
from twdesk.db.models import (
    Activity,
    DutyAssignment,
    DutyDay,
    OpinionItem,
    Setting,
    Station,
    StationCheckItem,
    StationCheckScore,
    Visit,
)
from twdesk.db.versions import last_change, when_text
from twdesk.output import OutputError, write_output
from twdesk.services.overview import office_name

OPENED = (str(Attendance.PRESENT), str(Attendance.SUBSTITUTED))
OPEN_ITEMS = (str(OpinionStatus.ASSIGNED), str(OpinionStatus.IN_PROGRESS))
GRADE_KEY = "station_grade_rule"


class AssessmentError(UserError, ValueError):
    title = "联络站考评"


# --- the checklist --------------------------------------------------------------------------


def _spec(row: StationCheckItem) -> CheckItemSpec:
    return CheckItemSpec(
        row.seq, row.name, Decimal(str(row.points)), row.measure, Decimal(str(row.param))
    )


def checklist(session: Session, year: int) -> list[CheckItemSpec]:
    """The year's checklist: as saved, else the latest earlier year's, else the default."""
    rows = session.scalars(
        select(StationCheckItem).where(StationCheckItem.year == year).order_by(StationCheckItem.seq)
    ).all()
    if rows:
        return [_spec(r) for r in rows]
    earlier = session.scalar(
        select(StationCheckItem.year)
        .where(StationCheckItem.year < year)
        .order_by(StationCheckItem.year.desc())
        .limit(1)
    )
    if earlier is not None:
        return checklist(session, earlier)
    return list(DEFAULT_CHECKLIST)


def _stored_items(session: Session, year: int) -> dict[int, StationCheckItem]:
    rows = session.scalars(select(StationCheckItem).where(StationCheckItem.year == year)).all()
    if not rows:  # the first write of a year keeps the list it was shown
        for spec in checklist(session, year):
            row = StationCheckItem(
                year=year,
                seq=spec.seq,
                name=spec.name,
                points=float(spec.points),
                measure=str(spec.measure),
                param=float(spec.param),
                notes="",
            )
            session.add(row)
        session.flush()
        rows = session.scalars(select(StationCheckItem).where(StationCheckItem.year == year)).all()
    return {r.seq: r for r in rows}


def save_checklist(session: Session, year: int, items: list[CheckItemSpec]) -> list[CheckItemSpec]:
    """Replace the year's checklist; scores entered on items kept stay with them (an item is
    matched on the name it had when loaded, `was`, else on its name: a renamed item keeps its
    scores), scores of removed items go with them."""
    items = [
        CheckItemSpec(n, i.name.strip(), i.points, str(i.measure), i.param, i.was or i.name.strip())
        for n, i in enumerate(items, 1)
    ]
    problems = checklist_problems(items)
    if problems:
        raise AssessmentError("考评细则没有保存：\n" + "\n".join(problems))
    # an item keeps its row (and the scores entered on it) wherever it moves
    by_name = {row.name: row for row in _stored_items(session, year).values()}
    kept = {item.was for item in items}
    for row in by_name.values():
        if row.name not in kept:
            session.execute(delete(StationCheckScore).where(StationCheckScore.item_id == row.id))
            session.delete(row)
        else:
            row.seq = -row.seq  # out of the way of the new numbers (unique per year)
    session.flush()
    claimed: set[str] = set()
    for item in items:
        row = by_name.get(item.was) if item.was not in claimed else None
        claimed.add(item.was)
        if row is None:
            row = StationCheckItem(year=year, notes="")
            session.add(row)
        row.seq, row.name, row.points = item.seq, item.name, float(item.points)
        row.measure, row.param = item.measure, float(item.param)
    session.flush()
    return checklist(session, year)


def save_checklist_and_grades(
    session: Session, year: int, items: list[CheckItemSpec], rule: GradeRule
) -> list[CheckItemSpec]:
    """考评细则's 保存: the grades' lines and the year's checklist, in the caller's one
    transaction (either refusal saves neither)."""
    set_grade_rule(session, rule)
    return save_checklist(session, year, items)


def grade_rule(session: Session) -> GradeRule:
    setting = session.get(Setting, GRADE_KEY)
    if setting is None or not setting.value:
        return GradeRule()
    data = json.loads(setting.value)
    return GradeRule(tuple((str(n), Decimal(str(m))) for n, m in data))


def set_grade_rule(session: Session, rule: GradeRule) -> None:
    """Save the grades' lines (checked: named, distinct, from high to low, the last at 0)."""
    names = [n.strip() for n, _m in rule.grades]
    for i, name in enumerate(names, start=1):
        if not name:
            raise AssessmentError(f"等次分数线第 {i} 行没有填写等次名称，请填写（如“优秀”）。")
        if len(name) > 20:
            raise AssessmentError(f"等次分数线第 {i} 行的等次名称「{name}」太长，最多 20 个字。")
        if names.index(name) != i - 1:
            raise AssessmentError(f"等次分数线第 {i} 行的等次「{name}」与前面重复，请改名或删除。")
    minimums = [m for _n, m in rule.grades]
    if not rule.grades or minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
        raise AssessmentError("等次分数线应从高到低排列，最后一档为 0 分。")
    if len(set(minimums)) != len(minimums):
        raise AssessmentError("等次分数线中有两档分数相同，请让每一档的分数线各不相同。")
    rule = GradeRule(tuple((n, m) for n, (_old, m) in zip(names, rule.grades, strict=True)))
    value = json.dumps([[n, str(m)] for n, m in rule.grades], ensure_ascii=False)
    setting = session.get(Setting, GRADE_KEY)
    if setting is None:
        session.add(Setting(key=GRADE_KEY, value=value))
    else:
        setting.value = value
    session.flush()


# --- facts from the records ------------------------------------------------------------------


def _cut(year: int, today: date) -> date:
    """The last day counted: yesterday in the year in progress, 31 Dec for a past year."""
    return min(today - timedelta(days=1), date(year, 12, 31))


def _months_due(year: int, today: date) -> int:
    if today.year > year:
        return 12
    if today.year < year:
        return 0
    return today.month - 1  # completed months


def _stations(session: Session, year: int, station_id: str | None) -> list[tuple[str, str]]:
    query = (
        select(Station.id, Station.name)
        .where(
            Station.deleted_at.is_(None),
            (Station.retired_on.is_(None)) | (Station.retired_on >= date(year, 1, 1)),
        )
        .order_by(Station.sort_order, Station.name)
    )
    if station_id:
        query = query.where(Station.id == station_id)
    return [(sid, name) for sid, name in session.execute(query)]


@dataclass
class _Raw:
    """Per station: the duty days due (day → opened), visit dates, overdue items, months."""

    days: dict[str, dict[date, bool]]
    visit_days: dict[str, set[date]]
    overdue: Counter[str]
    activities: dict[str, Counter[int]]
    five_public: dict[str, frozenset[str]]


def _raw(session: Session, year: int, today: date, station_ids: list[str]) -> _Raw:
    start, cut = date(year, 1, 1), _cut(year, today)
    wanted = set(station_ids)
    days: dict[str, dict[date, bool]] = defaultdict(dict)
    opened_ids = select(DutyAssignment.duty_day_id).where(DutyAssignment.attendance.in_(OPENED))
    for sid, day, opened in session.execute(
        select(DutyDay.station_id, DutyDay.day, DutyDay.id.in_(opened_ids)).where(
            DutyDay.cancelled.is_(False), DutyDay.day >= start, DutyDay.day <= cut
        )
    ):
        if sid in wanted:
            days[sid][day] = bool(opened) or days[sid].get(day, False)
    visit_days: dict[str, set[date]] = defaultdict(set)
    for sid, day in session.execute(
        select(Visit.station_id, Visit.visit_date)
        .where(Visit.deleted_at.is_(None), Visit.visit_date >= start, Visit.visit_date <= cut)
        .distinct()
    ):
        visit_days[sid].add(day)
    overdue: Counter[str] = Counter(
        {
            sid: n
            for sid, n in session.execute(
                select(Visit.station_id, func.count())
                .join(OpinionItem, OpinionItem.visit_id == Visit.id)
                .where(
                    OpinionItem.deleted_at.is_(None),
                    Visit.deleted_at.is_(None),
                    OpinionItem.status.in_(OPEN_ITEMS),
                    OpinionItem.deadline < today,
                    Visit.visit_date >= start,
                    Visit.visit_date <= date(year, 12, 31),
                )
                .group_by(Visit.station_id)
            )
        }
    )
    activities: dict[str, Counter[int]] = defaultdict(Counter)
    for sid, day in session.execute(
        select(Activity.station_id, Activity.activity_date).where(
            Activity.deleted_at.is_(None),
            Activity.confirmation == str(Confirmation.CONFIRMED),
            Activity.activity_date >= start,
            Activity.activity_date <= date(year, 12, 31),
        )
    ):
        if sid:
            activities[sid][day.month] += 1
    five: dict[str, frozenset[str]] = {}
    for row in session.execute(
        select(
            Station.id,
            Station.leader_name,
            Station.leader_phone,
            Station.contact_phone,
            Station.duties,
            Station.rules,
            Station.pledges,
            Station.yearly_plan,
        ).where(Station.id.in_(station_ids))
    ):
        sid, leader, leader_phone, contact_phone, duties, rules, pledges, plan = row
        filled = {
            "leader": bool(leader.strip() and (leader_phone.strip() or contact_phone.strip())),
            "duties": bool(duties.strip()),
            "rules": bool(rules.strip()),
            "pledges": bool(pledges.strip()),
            "yearly_plan": bool(plan.strip()),
        }
        five[sid] = frozenset(k for k, ok in filled.items() if ok)
    return _Raw(days, visit_days, overdue, activities, five)


def _facts(raw: _Raw, sid: str, item: CheckItemSpec, months_due: int) -> StationFacts:
    days = raw.days.get(sid, {})
    opened = [d for d, ok in days.items() if ok]
    visited = raw.visit_days.get(sid, set())
    per_month = raw.activities.get(sid, Counter())
    need = max(item.param, Decimal(1)) if item.measure == Measure.ACTIVITIES else Decimal(1)
    return StationFacts(
        planned_days=len(days),
        opened_days=len(opened),
        registered_days=sum(1 for d in opened if d in visited),
        overdue_items=raw.overdue.get(sid, 0),
        months_due=months_due,
        months_active=sum(1 for m in range(1, months_due + 1) if per_month[m] >= need),
        five_public=raw.five_public.get(sid, frozenset()),
    )


# --- assessing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemScore:
    seq: int
    name: str
    points: Decimal
    measure: str
    suggested: Decimal | None  # None: by inspection
    basis: str  # how the suggestion was reached
    entered: Decimal | None  # the county's score, when entered
    note: str = ""
    row_version: int = 0  # of the entered score as read (0: none entered): set_score's check

    @property
    def score(self) -> Decimal:
        """The score that counts: the entered one, else the suggestion (0 when neither)."""
        if self.entered is not None:
            return self.entered
        return self.suggested if self.suggested is not None else Decimal(0)


@dataclass(frozen=True)
class StationAssessment:
    station_id: str
    station: str
    items: tuple[ItemScore, ...]
    total: Decimal
    grade: str
    rank: int

    def as_json(self) -> dict[str, Any]:
        def num(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "station": self.station,
            "items": [
                {
                    "name": i.name,
                    "points": float(i.points),
                    "suggested": num(i.suggested),
                    "score": float(i.score),
                }
                for i in self.items
            ],
            "total": float(self.total),
            "grade": self.grade,
            "rank": self.rank,
        }


def assess(
    session: Session, year: int, *, station_id: str | None = None, today: date | None = None
) -> list[StationAssessment]:
    """Every station's (or one station's) year: suggested and entered scores, total, grade and
    rank, best first. The rank is always the county's, even for one station."""
    today = today or date.today()
    items = checklist(session, year)
    stations = _stations(session, year, None)
    raw = _raw(session, year, today, [sid for sid, _n in stations])
    entered: dict[tuple[str, int], tuple[Decimal, str, int]] = {}
    for sid, seq, score, note, version in session.execute(
        select(
            StationCheckScore.station_id,
            StationCheckItem.seq,
            StationCheckScore.score,
            StationCheckScore.note,
            StationCheckScore.row_version,
        )
        .join(StationCheckItem, StationCheckItem.id == StationCheckScore.item_id)
        .where(StationCheckItem.year == year)
    ):
        entered[(sid, seq)] = (Decimal(str(score)), note, version)
    rule = grade_rule(session)
    months_due = _months_due(year, today)
    rows: list[tuple[str, str, tuple[ItemScore, ...], Decimal]] = []
    for sid, name in stations:
        scores = []
        for item in items:
            suggested, basis = suggest(item, _facts(raw, sid, item, months_due))
            got = entered.get((sid, item.seq))
            scores.append(
                ItemScore(
                    item.seq,
                    item.name,
                    item.points,
                    item.measure,
                    suggested,
                    basis,
                    got[0] if got else None,
                    got[1] if got else "",
                    got[2] if got else 0,
                )
            )
        rows.append((sid, name, tuple(scores), sum((s.score for s in scores), Decimal(0))))
    places = ranks([total for *_x, total in rows])
    result = [
        StationAssessment(sid, name, scores, total, rule.grade(total), rank)
        for (sid, name, scores, total), rank in zip(rows, places, strict=True)
    ]
    result.sort(key=lambda r: (r.rank, r.station))
    if station_id:
        result = [r for r in result if r.station_id == station_id]
    return result


def set_score(
    session: Session,
    year: int,
    station_id: str,
    seq: int,
    score: Decimal | None,
    note: str = "",
    *,
    expected_version: int | None = None,
) -> None:
    """Enter (or, with None, clear) a station's score on an item. `expected_version`: the
    entered score's `row_version` as shown (ItemScore.row_version, 0 when none was entered):
    StaleRecordError when someone else entered, changed or cleared it since."""
    station = session.get(Station, station_id)
    if station is None or station.deleted_at is not None:
        raise AssessmentError("这个联络站已不存在。")
    items = _stored_items(session, year)
    item = items.get(seq)
    if item is None:
        raise AssessmentError(f"{year} 年的考评细则中没有第 {seq} 项。")
    existing = session.scalar(
        select(StationCheckScore).where(
            StationCheckScore.item_id == item.id, StationCheckScore.station_id == station_id
        )
    )
    now_version = existing.row_version if existing is not None else 0
    if expected_version is not None and now_version != expected_version:
        ids = [existing.id] if existing is not None else []  # cleared: who is not known here
        who, when = last_change(session, StationCheckScore.__tablename__, ids)
        raise StaleRecordError(
            what="联络站考评得分",
            record=f"{station.name} {item.name}",
            who=who,
            when=when_text(when),
            table=StationCheckScore.__tablename__,
            row_id=existing.id if existing is not None else "",
            deleted=existing is None,
        )
    if score is None:
        if existing is not None:
            session.delete(existing)
        session.flush()
        return
    problem = check_score(Decimal(score), Decimal(str(item.points)))
    if problem:
        raise AssessmentError(f"{station.name}「{item.name}」：{problem}")
    if existing is None:
        session.add(
            StationCheckScore(
                item_id=item.id, station_id=station_id, score=float(score), note=note.strip()
            )
        )
    else:
        existing.score, existing.note = float(score), note.strip()
    session.flush()


# --- the records behind a suggestion -----------------------------------------------------------


@dataclass(frozen=True)
class StationRecords:
    title: str
    basis: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    tab: str = ""  # where the records live: duty, visits, ledger, people


def records_behind(
    session: Session, year: int, station_id: str, seq: int, *, today: date | None = None
) -> StationRecords:
    """The records one suggested number was counted from."""
    today = today or date.today()
    item = next((i for i in checklist(session, year) if i.seq == seq), None)
    station = session.get(Station, station_id)
    if item is None or station is None:
        raise AssessmentError(f"{year} 年的考评细则中没有第 {seq} 项。")
    raw = _raw(session, year, today, [station_id])
    months_due = _months_due(year, today)
    _value, basis = suggest(item, _facts(raw, station_id, item, months_due))
    title = f"{station.name} {year} 年“{item.name}”的记录"
    days = raw.days.get(station_id, {})
    visited = raw.visit_days.get(station_id, set())
    if item.measure == Measure.DUTY_RATE:
        rows = tuple(
            (f"{d:%Y-%m-%d}", "已开放" if ok else "未开放") for d, ok in sorted(days.items())
        )
        return StationRecords(title, basis, ("坐班日", "开放情况"), rows, "duty")
    if item.measure == Measure.VISIT_REGISTER:
        rows = tuple(
            (f"{d:%Y-%m-%d}", "有登记" if d in visited else "无登记")
            for d, ok in sorted(days.items())
            if ok
        )
        return StationRecords(title, basis, ("开放的坐班日", "来访登记"), rows, "visits")
    if item.measure == Measure.OVERDUE:
        found = session.execute(
            select(
                OpinionItem.number,
                OpinionItem.content,
                OpinionItem.department,
                OpinionItem.deadline,
            )
            .join(Visit, Visit.id == OpinionItem.visit_id)
            .where(
                Visit.station_id == station_id,
                OpinionItem.deleted_at.is_(None),
                Visit.deleted_at.is_(None),
                OpinionItem.status.in_(OPEN_ITEMS),
                OpinionItem.deadline < today,
                Visit.visit_date >= date(year, 1, 1),
                Visit.visit_date <= date(year, 12, 31),
            )
            .order_by(OpinionItem.number)
        ).all()
        rows = tuple((n, c[:40], dept, f"{dl:%Y-%m-%d}" if dl else "") for n, c, dept, dl in found)
        return StationRecords(
            title, basis, ("编号", "内容", "交办部门", "办理期限"), rows, "visits"
        )
    if item.measure == Measure.ACTIVITIES:
        per_month = raw.activities.get(station_id, Counter())
        need = max(item.param, Decimal(1))
        rows = tuple(
            (f"{m}月", str(per_month[m]), "达标" if per_month[m] >= need else "未达标")
            for m in range(1, months_due + 1)
        )
        return StationRecords(title, basis, ("月份", "已确认活动", "是否达标"), rows, "ledger")
    if item.measure == Measure.FIVE_PUBLIC:
        filled = raw.five_public.get(station_id, frozenset())
        rows = tuple(
            (label, "已填写" if key in filled else "未填写") for key, label in FIVE_PUBLIC_FIELDS
        )
        return StationRecords(title, basis, ("五公开项目", "情况"), rows, "people")
    return StationRecords(title, basis, ("说明",), (("现场检查，由考评组手工评分。",),))


# --- outputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentTable:
    """Plain data for the ranked county table (PDF and .xlsx)."""

    title: str
    office: str
    year: int
    items: tuple[tuple[str, str], ...]  # (name, points)
    rows: tuple[tuple[str, ...], ...]  # rank, station, item scores…, total, grade
    grades: tuple[tuple[str, str], ...]  # (grade, "≥ 90")
    measures: tuple[str, ...]  # how each item is measured


def assessment_table(session: Session, year: int, *, today: date | None = None) -> AssessmentTable:
    results = assess(session, year, today=today)
    items = checklist(session, year)
    rule = grade_rule(session)
    return AssessmentTable(
        title=f"{year}年度团代表联络站规范化建设考评结果",
        office=office_name(session),
        year=year,
        items=tuple((i.name, _num(i.points)) for i in items),
        rows=tuple(
            (
                str(r.rank),
                r.station,
                *(_num(s.score) for s in r.items),
                _num(r.total),
                r.grade,
            )
            for r in results
        ),
        grades=tuple((n, f"≥ {_num(m)}" if m else "其余") for n, m in rule.grades),
        measures=tuple(
            f"{i.seq}. {i.name}（{_num(i.points)} 分）：{MEASURE_LABELS.get(i.measure, i.measure)}"
            for i in items
        ),
    )


def _num(value: Decimal) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def write_assessment(
    session: Session,
    out: Path,
    year: int,
    *,
    today: date | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """The ranked county table as .pdf or .xlsx, chosen by the file's suffix."""
    out = Path(out).expanduser().absolute()
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise OutputError(f"考评结果只能保存为 .pdf 或 .xlsx，收到的是「{out.name}」。")
    data = assessment_table(session, year, today=today)
    if progress:
        progress(1, 2)
    if suffix == ".pdf":
        from twdesk.reports.station_reports import draw_assessment

        write_output(out, lambda tmp: draw_assessment(data, tmp), overwrite=overwrite)
    else:
        from twdesk.excel.station_reports import write_assessment_xlsx

        write_output(out, lambda tmp: write_assessment_xlsx(data, tmp), overwrite=overwrite)
    if progress:
        progress(2, 2)
    return out


def duty_rates(
    session: Session, year: int, *, today: date | None = None
) -> dict[str, tuple[int, int]]:
    """Per station id, (duty days opened, duty days due) so far: the attendance rate."""
    today = today or date.today()
    start, cut = date(year, 1, 1), _cut(year, today)
    opened_ids = select(DutyAssignment.duty_day_id).where(DutyAssignment.attendance.in_(OPENED))
    days: dict[str, dict[date, bool]] = defaultdict(dict)
    for sid, day, opened in session.execute(
        select(DutyDay.station_id, DutyDay.day, DutyDay.id.in_(opened_ids)).where(
            DutyDay.cancelled.is_(False), DutyDay.day >= start, DutyDay.day <= cut
        )
    ):
        days[sid][day] = bool(opened) or days[sid].get(day, False)
    return {sid: (sum(v.values()), len(v)) for sid, v in days.items()}
