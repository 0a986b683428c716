"""The home page (首页): what needs doing today across the county, and the county overview.

Every line is counted by the services the tabs use (duty calendar, visits, ledger, 联系青年,
evaluation, backups, the rectification ledger) and carries where a click leads: the tab and
the record or filter (`core.home_view.HomeLine`). Counts are per station; `station_id` keeps
one station.

`first_lines` are the cheap ones (indexed, grouped queries: shown right after the window);
`more_lines` and `overview` read more (run in a worker thread by the GUI).
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.home_view import (
    TAB_BACKUPS,
    TAB_CONTACTS,
    TAB_DUTY,
    TAB_EVALUATION,
    TAB_HOME,
    TAB_LEDGER,
    TAB_VISITS,
    Chart,
    CountySummary,
    HomeLine,
)
from twdesk.core.vocab import Confirmation, Grade, OpinionStatus
from twdesk.db.models import Activity, OpinionItem, Person, Station, StationMembership, Visit
from twdesk.output import OutputError, write_output
from twdesk.services import backups, contact_counts, duty, evaluation, ledger, rectification
from twdesk.services import station_assessment as assessment
from twdesk.services.overview import office_name
from twdesk.services.visits import VisitFilter

UPCOMING_DAYS = 14
DUE_SOON_DAYS = 7
BACKUP_MAX_AGE = 7
HOLIDAYS_FROM_MONTH = 10  # next year's holidays are asked for from October on
WEEKDAYS = "一二三四五六日"

G_DUTY = "坐班安排（今天起 14 天）"
G_UNRECORDED = "坐班日未登记到岗"
G_OVERDUE = "意见建议超期"
G_DUE = "意见建议本周到期"
G_PENDING = "履职记录待确认"
G_BEHIND = "1+100 进度滞后"
G_STAGES = "考核环节未完成"
G_HOLIDAYS = "节假日数据"
G_BACKUPS = "备份"
G_RECT = "整改超期"
GROUP_ORDER = (
    G_RECT,
    G_OVERDUE,
    G_DUE,
    G_UNRECORDED,
    G_PENDING,
    G_BEHIND,
    G_STAGES,
    G_HOLIDAYS,
    G_BACKUPS,
    G_DUTY,
)


def _day(day: date, today: date) -> str:
    """11-03 this year, 2025-11-03 another year."""
    return f"{day:%m-%d}" if day.year == today.year else f"{day:%Y-%m-%d}"


def _station_names(session: Session) -> dict[str, str]:
    return dict(((sid, name) for sid, name in session.execute(select(Station.id, Station.name))))


# --- the cheap lines ---------------------------------------------------------------------------


def duty_lines(session: Session, *, today: date, station_id: str | None = None) -> list[HomeLine]:
    """Who is on duty where, today and the next 14 days; past duty days of the year with a
    seat still 未登记 (per station, leading to the first such day)."""
    lines = []
    for view in duty.duty_days(
        session,
        station_id=station_id,
        start=today,
        end=today + timedelta(days=UPCOMING_DAYS),
        today=today,
    ):
        names = "、".join(s.substitute or s.name for s in view.seats) or "（未排班）"
        when = "今天" if view.day == today else f"{view.day:%m-%d} 周{WEEKDAYS[view.day.weekday()]}"
        lines.append(
            HomeLine(
                "duty_upcoming",
                G_DUTY,
                f"{when} {view.station}：{names}",
                len(view.seats),
                TAB_DUTY,
                {"station_id": view.station_id, "day": view.day},
                view.station_id,
                view.station,
            )
        )
    first_of_year = date(today.year, 1, 1)
    names = _station_names(session)
    unrecorded: Counter[str] = Counter()
    first: dict[str, date] = {}
    if today > first_of_year:
        found = duty.unrecorded_days(
            session, first_of_year, today - timedelta(days=1), station_id=station_id
        )
        for sid, (n, day) in found.items():
            unrecorded[sid], first[sid] = n, day
    for sid, n in sorted(unrecorded.items(), key=lambda kv: (-kv[1], names.get(kv[0], ""))):
        lines.append(
            HomeLine(
                "duty_unrecorded",
                G_UNRECORDED,
                f"{names.get(sid, '')}：{n} 个坐班日还未登记到岗（最早 {_day(first[sid], today)}）",
                n,
                TAB_DUTY,
                {"station_id": sid, "day": first[sid]},
                sid,
                names.get(sid, ""),
                urgent=True,
            )
        )
    return lines


def _items_by_station(
    session: Session, conditions: list[object], station_id: str | None
) -> list[tuple[str, int, str]]:
    """(station id, items, the first item's number) of live visits' items matching."""
    flt = VisitFilter(station_id=station_id)
    query = (
        select(Visit.station_id, func.count(), func.min(OpinionItem.number))
        .join(Visit, Visit.id == OpinionItem.visit_id)
        .where(*conditions, *flt.visit_conditions(date.today(), for_items=True))
        .group_by(Visit.station_id)
    )
    return [(sid, n, number) for sid, n, number in session.execute(query)]


def item_lines(session: Session, *, today: date, station_id: str | None = None) -> list[HomeLine]:
    """Opinion items overdue (the visits tab's own 超期 filter) and due within the week."""
    names = _station_names(session)
    lines = []
    overdue = VisitFilter(overdue=True).item_conditions(today)
    for sid, n, number in sorted(
        _items_by_station(session, overdue, station_id), key=lambda r: (-r[1], names.get(r[0], ""))
    ):
        lines.append(
            HomeLine(
                "items_overdue",
                G_OVERDUE,
                f"{names.get(sid, '')}：{n} 条意见建议已超过办理期限",
                n,
                TAB_VISITS,
                {"station_id": sid, "overdue": True, "item_number": number},
                sid,
                names.get(sid, ""),
                urgent=True,
            )
        )
    due = [
        OpinionItem.deleted_at.is_(None),
        OpinionItem.status.in_([str(OpinionStatus.ASSIGNED), str(OpinionStatus.IN_PROGRESS)]),
        OpinionItem.deadline >= today,
        OpinionItem.deadline <= today + timedelta(days=DUE_SOON_DAYS),
    ]
    for sid, n, number in sorted(
        _items_by_station(session, due, station_id), key=lambda r: (-r[1], names.get(r[0], ""))
    ):
        lines.append(
            HomeLine(
                "items_due",
                G_DUE,
                f"{names.get(sid, '')}：{n} 条意见建议 7 天内到期",
                n,
                TAB_VISITS,
                {"station_id": sid, "item_number": number},
                sid,
                names.get(sid, ""),
            )
        )
    return lines


def pending_lines(
    session: Session, *, today: date, station_id: str | None = None
) -> list[HomeLine]:
    """Self-reported ledger entries waiting for the station's confirmation."""
    names = _station_names(session)
    query = (
        select(Activity.station_id, func.count(), func.min(Activity.activity_date))
        .where(Activity.deleted_at.is_(None), Activity.confirmation == str(Confirmation.PENDING))
        .group_by(Activity.station_id)
    )
    if station_id:
        query = query.where(Activity.station_id == station_id)
    lines = []
    for sid, n, oldest in session.execute(query):
        name = names.get(sid, "") if sid else "未指定联络站"
        lines.append(
            HomeLine(
                "ledger_pending",
                G_PENDING,
                f"{name}：{n} 条自报履职记录待确认（最早 {_day(oldest, today)}）",
                n,
                TAB_LEDGER,
                {"station_id": sid, "confirmation": str(Confirmation.PENDING)},
                sid,
                name,
            )
        )
    return sorted(lines, key=lambda line: (-line.count, line.station))


def holiday_lines(session: Session, *, today: date) -> list[HomeLine]:
    """From October on: next year's holidays must be entered before planning the duty year."""
    year = today.year + 1
    if today.month < HOLIDAYS_FROM_MONTH or duty.holiday_year_source(session, year) is not None:
        return []
    return [
        HomeLine(
            "holidays_missing",
            G_HOLIDAYS,
            f"{year} 年的法定节假日和调休还没有录入（排 {year} 年坐班前需要）",
            1,
            TAB_DUTY,
            {"holidays": year},
            urgent=True,
        )
    ]


def rectification_lines(
    session: Session, *, today: date, station_id: str | None = None
) -> list[HomeLine]:
    names = _station_names(session)
    lines = []
    overdue = rectification.overdue_by_station(session, today=today, station_id=station_id)
    for sid, n in sorted(overdue.items(), key=lambda kv: (-kv[1], names.get(kv[0], ""))):
        lines.append(
            HomeLine(
                "rectification_overdue",
                G_RECT,
                f"{names.get(sid, '')}：{n} 个整改问题已超过整改期限",
                n,
                TAB_HOME,
                {"page": "rectification", "station_id": sid},
                sid,
                names.get(sid, ""),
                urgent=True,
            )
        )
    return lines


def first_lines(
    session: Session, *, today: date | None = None, station_id: str | None = None
) -> list[HomeLine]:
    """The lines shown at once: duty, opinion items, pending entries, holidays, rectification."""
    today = today or date.today()
    return sort_lines(
        duty_lines(session, today=today, station_id=station_id)
        + item_lines(session, today=today, station_id=station_id)
        + pending_lines(session, today=today, station_id=station_id)
        + holiday_lines(session, today=today)
        + rectification_lines(session, today=today, station_id=station_id)
    )


# --- the lines that read more -------------------------------------------------------------------


def pro_rata(target: int, today: date) -> int:
    """The part of a yearly target due by ``today`` (rounded down)."""
    days = 366 if calendar.isleap(today.year) else 365
    return target * today.timetuple().tm_yday // days


def _delegate_stations(session: Session, station_id: str | None) -> dict[str, str]:
    """Delegates in office → their station id (the first current membership)."""
    query = (
        select(Person.id, StationMembership.station_id)
        .join(StationMembership, StationMembership.person_id == Person.id)
        .where(
            Person.deleted_at.is_(None),
            Person.is_delegate.is_(True),
            Person.status == "在任",
            StationMembership.end_date.is_(None),
        )
        .order_by(Person.name_pinyin)
    )
    if station_id:
        query = query.where(StationMembership.station_id == station_id)
    result: dict[str, str] = {}
    for pid, sid in session.execute(query):
        result.setdefault(pid, sid)
    return result


def behind_lines(
    session: Session, *, today: date, station_id: str | None = None
) -> tuple[list[HomeLine], dict[str, tuple[int, int]]]:
    """Delegates (the ledger's youth 人次, ledger.youth_contacts, against ledger.targets) and cadres (contact_counts against
    the contact settings) behind their 1+100 this far into the year (pro rata).

    Also returns, per station id ("" for cadres), (on pace, in office) for the coverage chart."""
    names = _station_names(session)
    goal = ledger.targets(session)
    due = pro_rata(goal.youth, today)
    youth = ledger.youth_contacts(session, today.year, goal)
    behind: dict[str, list[str]] = defaultdict(list)
    coverage: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pid, sid in _delegate_stations(session, station_id).items():
        coverage[sid][1] += 1
        if youth.get(pid, 0) < due:
            behind[sid].append(pid)
        else:
            coverage[sid][0] += 1
    lines = [
        HomeLine(
            "delegates_behind",
            G_BEHIND,
            f"{names.get(sid, '')}：{len(pids)} 名团代表联系青年不足 {due} 人次（全年 {goal.youth}，按进度）",
            len(pids),
            TAB_LEDGER,
            {"station_id": sid, "page": "behind", "person_id": pids[0]},
            sid,
            names.get(sid, ""),
        )
        for sid, pids in sorted(behind.items(), key=lambda kv: (-len(kv[1]), names.get(kv[0], "")))
    ]
    if station_id is None:
        settings = contact_counts.contact_settings(session)
        cadre_due = pro_rata(settings.target, today)
        distinct = contact_counts.distinct_people(session, today.year)
        cadres = session.execute(
            select(Person.id, Person.name)
            .where(Person.deleted_at.is_(None), Person.is_cadre.is_(True), Person.status == "在任")
            .order_by(Person.name_pinyin)
        ).all()
        late = [(pid, name) for pid, name in cadres if distinct.get(pid, 0) < cadre_due]
        coverage[""] = [len(cadres) - len(late), len(cadres)]
        if late:
            shown = "、".join(name for _p, name in late[:5]) + ("等" if len(late) > 5 else "")
            lines.append(
                HomeLine(
                    "cadres_behind",
                    G_BEHIND,
                    f"团干部：{len(late)} 人直接联系青年不足 {cadre_due} 人（{shown}）",
                    len(late),
                    TAB_CONTACTS,
                    {"person_id": late[0][0]},
                )
            )
    return lines, {sid: (ok, total) for sid, (ok, total) in coverage.items()}


def stage_lines(session: Session, *, today: date, station_id: str | None = None) -> list[HomeLine]:
    """Evaluation stages still missing for the year in progress (once the year is opened):
    `evaluation.stage_gaps`, the counts of the tab's `progress` in one grouped query."""
    year = today.year
    if year not in evaluation.evaluation_years(session):
        return []
    lines = []
    for p in evaluation.stage_gaps(session, year):
        if (station_id and p.station_id != station_id) or p.locked:
            continue
        missing = {str(stage): n for stage, n in p.missing.items() if n}
        if not missing:
            continue
        text = "，".join(f"{stage}缺 {n} 人" for stage, n in missing.items())
        lines.append(
            HomeLine(
                "stages_missing",
                G_STAGES,
                f"{p.station}：{year} 年考核{text}",
                sum(missing.values()),
                TAB_EVALUATION,
                {"station_id": p.station_id, "year": year},
                p.station_id,
                p.station,
            )
        )
    return lines


def backup_lines(db_path: Path | None, *, today: date) -> list[HomeLine]:
    """No backup for more than 7 days (or none at all)."""
    if db_path is None:
        return []
    found = backups.list_backups(Path(db_path))
    newest = max((b.taken_at for b in found), default=None)
    if newest is not None and newest >= datetime.combine(today, datetime.min.time()) - timedelta(
        days=BACKUP_MAX_AGE
    ):
        return []
    text = (
        "这个文件还没有备份"
        if newest is None
        else f"最近一次备份在 {newest:%Y-%m-%d}，已超过 {BACKUP_MAX_AGE} 天"
    )
    return [
        HomeLine("backup_old", G_BACKUPS, text + "，请立即备份", 1, TAB_BACKUPS, {}, urgent=True)
    ]


def more_lines(
    session: Session,
    db_path: Path | None,
    *,
    today: date | None = None,
    station_id: str | None = None,
) -> list[HomeLine]:
    today = today or date.today()
    behind, _coverage = behind_lines(session, today=today, station_id=station_id)
    return sort_lines(
        behind
        + stage_lines(session, today=today, station_id=station_id)
        + backup_lines(db_path, today=today)
    )


def sort_lines(lines: list[HomeLine]) -> list[HomeLine]:
    """Grouped in the home page's order; within a group as the service listed them."""
    order = {g: i for i, g in enumerate(GROUP_ORDER)}
    return sorted(lines, key=lambda line: order.get(line.group, len(order)))


def all_lines(
    session: Session,
    db_path: Path | None,
    *,
    today: date | None = None,
    station_id: str | None = None,
) -> list[HomeLine]:
    today = today or date.today()
    return sort_lines(
        first_lines(session, today=today, station_id=station_id)
        + more_lines(session, db_path, today=today, station_id=station_id)
    )


def group_totals(lines: list[HomeLine]) -> dict[str, int]:
    """Per group heading, the sum of its lines' counts (duty: the days listed)."""
    totals: Counter[str] = Counter()
    for line in lines:
        totals[line.group] += 1 if line.kind == "duty_upcoming" else line.count
    return dict(totals)


# --- the county overview --------------------------------------------------------------------------


def overview(
    session: Session,
    year: int,
    *,
    station_id: str | None = None,
    today: date | None = None,
) -> tuple[Chart, ...]:
    """Visits and opinions per month, items by state, duty attendance rate per station,
    1+100 coverage per station, the stations' assessment grades, the delegates' grades."""
    from twdesk.services import visits

    today = today or date.today()
    start, end = date(year, 1, 1), date(year, 12, 31)
    stats = visits.visit_stats(session, start=start, end=end, station_id=station_id, today=today)
    visit_where = [Visit.deleted_at.is_(None), Visit.visit_date >= start, Visit.visit_date <= end]
    if station_id:
        visit_where.append(Visit.station_id == station_id)
    per_day = session.execute(
        select(Visit.visit_date, OpinionItem.status, func.count())
        .join(Visit, Visit.id == OpinionItem.visit_id)
        .where(*visit_where, OpinionItem.deleted_at.is_(None))
        .group_by(Visit.visit_date, OpinionItem.status)
    ).all()
    opinions: Counter[int] = Counter()
    states: Counter[str] = Counter()
    for day, status, n in per_day:
        opinions[day.month] += n
        states[status] += n
    months = [f"{m}月" for m in range(1, 13)]
    names = {sid: _short(name) for sid, name in _station_names(session).items()}
    rates = assessment.duty_rates(session, year, today=today)
    if station_id:
        rates = {k: v for k, v in rates.items() if k == station_id}
    _lines, coverage = (
        behind_lines(session, today=today, station_id=station_id)
        if year == today.year
        else ([], {})
    )
    grades = Counter(
        r.grade for r in assessment.assess(session, year, today=today, station_id=station_id)
    )
    rule = assessment.grade_rule(session)
    delegate_grades = _delegate_grades(session, year, station_id)
    return (
        Chart(
            "来访人次（按月）",
            tuple(zip(months, (stats.by_month.get(m, 0) for m in range(1, 13)), strict=True)),
        ),
        Chart(
            "意见建议（按月）", tuple(zip(months, (opinions[m] for m in range(1, 13)), strict=True))
        ),
        Chart("意见建议办理状态", tuple((str(s), states[str(s)]) for s in OpinionStatus)),
        Chart(
            "坐班到岗率（按联络站）",
            tuple(
                (names.get(sid, ""), round(100 * opened / planned))
                for sid, (opened, planned) in sorted(
                    rates.items(), key=lambda kv: names.get(kv[0], "")
                )
                if planned
            ),
            "%",
        ),
        Chart(
            "1+100 按进度达标率",
            tuple(
                (names.get(sid, "") if sid else "团干部", round(100 * ok / total))
                for sid, (ok, total) in sorted(
                    coverage.items(), key=lambda kv: (kv[0] == "", names.get(kv[0], ""))
                )
                if total
            ),
            "%",
        ),
        Chart("联络站考评等次", tuple((g, grades[g]) for g, _m in rule.grades)),
        Chart("团代表履职考核等次", delegate_grades),
    )


def _delegate_grades(
    session: Session, year: int, station_id: str | None
) -> tuple[tuple[str, int], ...]:
    """The delegates' grades of the year's evaluation (the 履职考核 tab's results), with those
    not graded yet; no bars when the year is not opened."""
    if year not in evaluation.evaluation_years(session):
        return ()
    counts = Counter(d.grade for d in evaluation.results(session, year, station_id=station_id))
    grades = [str(g) for g in Grade]
    ungraded = sum(n for g, n in counts.items() if g not in grades)
    return (*((g, counts[g]) for g in grades), *((("未定等次", ungraded),) if ungraded else ()))


def _short(station: str) -> str:
    """A chart label: 乔庄镇团代表联络站 → 乔庄镇 (the full name is in the tables)."""
    for tail in ("团代表联络站", "联络站"):
        if station.endswith(tail) and len(station) > len(tail):
            return station[: -len(tail)]
    return station


def county_summary(
    session: Session,
    db_path: Path | None,
    *,
    year: int | None = None,
    month: int | None = None,
    today: date | None = None,
) -> CountySummary:
    today = today or date.today()
    year = year or today.year
    lines = all_lines(session, db_path, today=today)
    totals = group_totals(lines)
    facts = tuple(f"{group}：{totals[group]}" for group in GROUP_ORDER if group in totals)
    label = f"{year}年{month}月" if month else f"{year}年"
    return CountySummary(
        title=f"{label}团代表联络站工作调度",
        office=office_name(session),
        period=f"{year}年1月1日至{min(today, date(year, 12, 31)):%Y年%m月%d日}",
        facts=facts or ("各项工作均已按时完成。",),
        charts=overview(session, year, today=today),
    )


def write_county_summary(
    session: Session,
    out: Path,
    db_path: Path | None,
    *,
    year: int | None = None,
    today: date | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """The one-page county summary PDF (月调度、季总结)."""
    out = Path(out).expanduser().absolute()
    if out.suffix.lower() != ".pdf":
        raise OutputError(f"县级工作概况只能保存为 .pdf，收到的是「{out.name}」。")
    today = today or date.today()
    data = county_summary(session, db_path, year=year, month=today.month, today=today)
    if progress:
        progress(1, 2)
    from twdesk.reports.station_reports import draw_county_summary

    write_output(
        out, lambda tmp: draw_county_summary(data, tmp, printed_on=today), overwrite=overwrite
    )
    if progress:
        progress(2, 2)
    return out
