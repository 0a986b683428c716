"""One delegate's dossier (一人一册一档案): gathered from the other services into plain data
(`twdesk.core.dossier_view`) and printed by `twdesk.reports.dossier`.

The ID number is masked unless the office allows the full number in the internal dossier
(setting ``dossier.full_id``). Visitors are never named: the dossier is about the delegate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from sqlalchemy import extract, select, union
from sqlalchemy.orm import Session

from twdesk.core.dossier_view import (
    MONTHS,
    ActivityLine,
    Dossier,
    DossierYear,
    DutyLine,
    DutyTotals,
    Links,
    OpinionLine,
    PersonInfo,
    ProjectLine,
    StatusLine,
    TermRow,
    VisitLine,
    YouthContacts,
)
from twdesk.core.evaluation_view import text
from twdesk.core.idcard import mask_id_number
from twdesk.core.vocab import Confirmation
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    DutyAssignment,
    DutyDay,
    Evaluation,
    OpinionItem,
    ProjectMember,
    Setting,
    Visit,
)
from twdesk.output import write_output
from twdesk.reports.dossier import write_dossier_pdf
from twdesk.services import (
    contact_counts,
    duty,
    evaluation,
    ledger,
    links,
    people,
    stations,
    visits,
)
from twdesk.services.overview import office_name

FULL_ID_SETTING = "dossier.full_id"
NOT_EVALUATED = "未考核"
SAT_FOR_OTHERS = "代他人坐班"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


# --- the office setting: full ID numbers in the internal dossier -----------------------------


def full_id_allowed(session: Session) -> bool:
    """Whether the internal dossier prints the full ID number (default: masked)."""
    row = session.get(Setting, FULL_ID_SETTING)
    return row is not None and row.value == "1"


def set_full_id_allowed(session: Session, allowed: bool) -> None:
    row = session.get(Setting, FULL_ID_SETTING) or Setting(key=FULL_ID_SETTING)
    row.value = "1" if allowed else "0"
    session.add(row)
    session.flush()


# --- gathering ---------------------------------------------------------------------------------

CACHE_KEY = "dossier.cache"
T = TypeVar("T")


def _memo(session: Session, key: Hashable, make: Callable[[], T]) -> T:
    """``make()`` once per batch: a reader printing many dossiers from a file that does not
    change under it (the batch's read-only workers) puts a dict in ``session.info[CACHE_KEY]``;
    without one every dossier reads afresh."""
    cache = session.info.get(CACHE_KEY)
    if cache is None:
        return make()
    if key not in cache:
        cache[key] = make()
    return cast(T, cache[key])


def _person(session: Session, person_id: str) -> tuple[PersonInfo, tuple[StatusLine, ...]]:
    detail = people.load_person(session, person_id)
    v = detail.values
    station = ""
    if detail.station_id:
        sid = detail.station_id
        station = _memo(
            session, ("station", sid), lambda: str(stations.load_station(session, sid)["name"])
        )
    full = _memo(session, "full_id", lambda: full_id_allowed(session))
    raw_id = v.get("id_number") or ""
    info = PersonInfo(
        name=v["name"],
        gender=v.get("gender") or "",
        birth=v.get("birth_date"),
        ethnicity=v.get("ethnicity") or "",
        politics=v.get("political_status") or "",
        education=v.get("education") or "",
        id_number=raw_id if full else mask_id_number(raw_id),
        id_masked=not full,
        phone=v.get("phone") or "",
        unit=v.get("unit") or "",
        position=v.get("position") or "",
        level=v.get("level") or "",
        sector=v.get("sector") or "",
        term=v.get("term") or "",
        station=station,
        status=detail.status,
        photo=detail.photo,
    )
    history = tuple(StatusLine(day, status, reason) for day, status, reason in detail.history)
    return info, history


def _links(session: Session, person_id: str) -> Links:
    def names(kind: links.LinkKind, role: str) -> tuple[str, ...]:
        ids = set(links.linked_ids(session, kind, person_id, side="right"))
        if not ids:
            return ()
        choices = _memo(session, ("people", role), lambda: links.people_choices(session, role=role))
        return tuple(name for pid, name, _unit in choices if pid in ids)

    branches = set(links.linked_ids(session, links.LinkKind.BRANCH, person_id))
    return Links(
        committee=names(links.LinkKind.COMMITTEE, "is_committee"),
        mentors=names(links.LinkKind.MENTOR, "is_past_delegate"),
        branches=tuple(n for bid, n in _branches(session) if bid in branches) if branches else (),
    )


def _branches(session: Session) -> list[tuple[str, str]]:
    return _memo(session, "branches", lambda: links.branch_choices(session))


def _duty(
    session: Session, person_id: str, year: int, today: date
) -> tuple[tuple[DutyLine, ...], DutyTotals]:
    lines = []
    for view in duty.duty_days(session, year=year, person_id=person_id, today=today):
        for seat in view.seats:
            if seat.person_id == person_id:
                state, other = seat.shown, seat.substitute
            elif seat.substitute_id == person_id:
                state, other = SAT_FOR_OTHERS, seat.name
            else:
                continue
            lines.append(DutyLine(view.day, view.weekday, view.station, state, other, seat.note))
    counts = duty.attendance_counts(session, year, person_id=person_id, today=today)
    totals = DutyTotals()
    if counts:
        c = counts[0]
        totals = DutyTotals(
            c.assigned, c.attended, c.absent, c.leave, c.substituted, c.unrecorded, c.sat_for_others
        )
    return tuple(lines), totals


def _visits(session: Session, person_id: str, year: int, today: date) -> tuple[VisitLine, ...]:
    start, end = visits.year_range(year)
    flt = visits.VisitFilter(person_id=person_id, start=start, end=end)
    # a delegate receives tens of visits a year: one page holds them all
    rows = visits.visit_page(session, flt, limit=100_000, today=today)
    items = _opinion_lines(session, [row.id for row in rows if row.items])
    out = []
    for row in reversed(rows):  # oldest first
        out.append(
            VisitLine(
                row.visit_date,
                row.station,
                row.category,
                row.channel,
                row.people,
                tuple(items.get(row.id, ())),
            )
        )
    return tuple(out)


def _opinion_lines(session: Session, visit_ids: list[str]) -> dict[str, list[OpinionLine]]:
    """The opinion items of the visits, by visit, in number order (one query)."""
    found: dict[str, list[OpinionLine]] = {}
    if not visit_ids:
        return found
    rows = session.execute(
        select(
            OpinionItem.visit_id,
            OpinionItem.number,
            OpinionItem.category,
            OpinionItem.status,
            OpinionItem.department,
            OpinionItem.satisfaction,
        )
        .where(OpinionItem.visit_id.in_(visit_ids), OpinionItem.deleted_at.is_(None))
        .order_by(OpinionItem.number)
    )
    for visit_id, *values in rows:
        found.setdefault(visit_id, []).append(OpinionLine(*values))
    return found


def _projects(session: Session, person_id: str, year: int) -> tuple[ProjectLine, ...]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    roles = dict(
        session.execute(
            select(ProjectMember.project_id, ProjectMember.role).where(
                ProjectMember.person_id == person_id
            )
        ).all()
    )
    lines = []
    for pid, role in roles.items():
        for p in ledger.project_summaries(session, project_id=pid):
            if (p.start is None or p.start <= end) and (p.end is None or p.end >= start):
                lines.append(
                    ProjectLine(p.name, role, p.start, p.end, p.youth_served, p.activities)
                )
    return tuple(sorted(lines, key=lambda p: (p.role != "领办", p.name)))


def _year(session: Session, person_id: str, year: int, today: date) -> DossierYear:
    goal = _memo(session, "targets", lambda: ledger.targets(session))
    counts = ledger.year_counts(session, year, goal, person_id=person_id)
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = ledger.activity_rows(session, start=start, end=end, person_id=person_id)
    by_book = _memo(session, "by_book", lambda: contact_counts.counts_by_book(session))
    if by_book:  # distinct young people from the contact book, as the ledger counts them
        by_month = list(contact_counts.first_contacts_by_month(session, year, person_id))
    else:
        by_month = [0] * MONTHS
        for row in rows:
            if row.confirmation == Confirmation.CONFIRMED and row.activity_type in goal.youth_types:
                by_month[row.activity_date.month - 1] += row.youth_count
    branch_names = dict(_branches(session))
    youth = YouthContacts(
        total=counts.youth[person_id],
        target=goal.youth,
        by_month=tuple(by_month),
        branches=tuple(sorted(branch_names.get(b, "") for b in counts.branches.get(person_id, ()))),
        branch_target=goal.branches,
        unit="人" if by_book else "人次",
    )
    activities = tuple(
        ActivityLine(
            r.activity_date, r.activity_type, r.title, r.youth_count, r.project, r.confirmation
        )
        for r in reversed(rows)  # oldest first
    )
    duty_lines, totals = _duty(session, person_id, year, today)
    try:
        # one read per station and year however many dossiers the batch prints
        cache = session.info.get(CACHE_KEY)
        result, scheme = evaluation.delegate_year(session, year, person_id, cache=cache)
    except evaluation.EvaluationError:
        result, scheme = None, None
    return DossierYear(
        year=year,
        youth=youth,
        duty=duty_lines,
        duty_totals=totals,
        visits=_visits(session, person_id, year, today),
        activity_counts=tuple(sorted(counts.by_type.get(person_id, Counter()).items())),
        activities=activities,
        projects=_projects(session, person_id, year),
        evaluation=result,
        scheme=scheme,
    )


def record_years(session: Session, person_id: str) -> list[int]:
    """The years the delegate has activities, duty days, visits received or evaluations."""
    queries = [
        select(Evaluation.year.label("y")).where(Evaluation.person_id == person_id),
        select(extract("year", Activity.activity_date).label("y"))
        .join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id)
        .where(ActivityParticipant.person_id == person_id, Activity.deleted_at.is_(None)),
        select(extract("year", DutyDay.day).label("y"))
        .join(DutyAssignment, DutyAssignment.duty_day_id == DutyDay.id)
        .where(
            (DutyAssignment.person_id == person_id) | (DutyAssignment.substitute_id == person_id)
        ),
        select(extract("year", Visit.visit_date).label("y")).where(
            Visit.received_by_id == person_id, Visit.deleted_at.is_(None)
        ),
    ]
    return sorted({int(y) for y in session.scalars(union(*queries)) if y is not None})


def _term_years(session: Session, person_id: str, year: int) -> tuple[list[int], str]:
    term = evaluation.term_years(session)
    if term is not None:
        first, last = term
        years = list(range(first, min(last, max(year, first)) + 1))
        return years, f"本届 {first}—{last} 年（考核方案中设定的本届起止年份）"
    years = [y for y in record_years(session, person_id) if y <= year] or [year]
    return years, "未设定本届起止年份：收录该代表有履职记录或考核的年份"


def _summary_row(y: DossierYear) -> TermRow:
    ev = y.evaluation
    grade = (ev.grade or ev.stage) if ev is not None else NOT_EVALUATED
    return TermRow(
        y.year,
        sum(n for _kind, n in y.activity_counts),
        y.youth.total,
        y.duty_totals.attended,
        y.duty_totals.assigned,
        text(ev.total, "") if ev is not None else "",
        grade,
    )


def dossier_data(
    session: Session,
    person_id: str,
    year: int,
    *,
    term: bool = False,
    today: date | None = None,
) -> Dossier:
    """One delegate's dossier for ``year`` (or the term up to ``year`` when ``term``)."""
    today = today or date.today()
    person, history = _person(session, person_id)
    note = ""
    years = [year]
    if term:
        years, note = _term_years(session, person_id, year)
    yearly = tuple(_year(session, person_id, y, today) for y in years)
    return Dossier(
        person=person,
        history=history,
        links=_links(session, person_id),
        years=yearly,
        office=_memo(session, "office", lambda: office_name(session)),
        printed_on=today,
        term=term,
        term_note=note,
        summary=tuple(_summary_row(y) for y in yearly) if term else (),
    )


def write_dossier(
    session: Session,
    person_id: str,
    year: int,
    path: Path,
    *,
    term: bool = False,
    overwrite: bool = False,
    today: date | None = None,
) -> int:
    """Write the dossier PDF to ``path`` (temporary file, then rename); returns its pages."""
    data = dossier_data(session, person_id, year, term=term, today=today)
    return write_output(Path(path), lambda p: write_dossier_pdf(p, data), overwrite=overwrite)


def dossier_file_name(station: str, name: str, year: int | str, id_last4: str | None = None) -> str:
    """「站名_姓名_年度.pdf」; for a second delegate of the same name ``id_last4`` (the ID
    number's last four characters) is appended: 「站名_姓名_年度_1234.pdf」. Characters Windows
    refuses in file names become 「_」."""

    def safe(part: str) -> str:
        return _UNSAFE.sub("_", part.strip()).strip(" .") or "未命名"

    parts = [safe(station or "未分站"), safe(name), safe(str(year))]
    if id_last4:
        parts.append(safe(id_last4))
    return "_".join(parts) + ".pdf"
