"""履职考核: open a year with suggestions from the records, three stages, the quota, locked years.

Every function takes the caller's session (one transaction: ``with db.transaction() as s``) and
returns plain data (`twdesk.core.evaluation_view`), never ORM rows. The rules themselves are in
`twdesk.core.evaluation_rules` and `twdesk.core.evaluation_consequences`; this module gathers the
records they count and keeps what the stages enter.

Changes of scores, stages, decisions, locks and unlocks go through the ORM, so the session hooks
write them to the audit log (who, when, old → new). Opening a year writes only suggestions, in
bulk (10,000 delegates in well under two seconds).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, case, func, select, true
from sqlalchemy.orm import Session

from twdesk.core.default_scheme import stored_rule
from twdesk.core.errors import Cancelled, StaleRecordError, UserError
from twdesk.core.evaluation_consequences import consequence_text, consequences
from twdesk.core.evaluation_rules import (
    Decision,
    GradeBands,
    Indicator,
    QuotaEntry,
    RecordSummary,
    Scheme,
    Source,
    Suggestion,
    apply_quota,
    check_scheme,
    dec,
    excellent_slots,
    fmt,
    relevant_inputs,
    round_half_up,
    scheme_from_dict,
    scheme_to_dict,
    suggest_one,
    total_score,
)
from twdesk.core.evaluation_view import (
    NOT_STARTED,
    PAST_RESULT,
    STAGES,
    DelegateResult,
    IndicatorResult,
    Stage,
    StageProgress,
    StationYear,
)
from twdesk.core.vocab import Attendance, Confirmation, Grade, PersonStatus
from twdesk.db.base import new_id, now
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    BranchContact,
    EvalBonusItem,
    EvalIndicator,
    EvalScheme,
    Evaluation,
    EvaluationScore,
    EvaluationUnlock,
    EvaluationVeto,
    EvalVetoItem,
    OpinionItem,
    Person,
    Project,
    ProjectMember,
    Setting,
    Station,
    StationMembership,
    StatusChange,
    Visit,
    YouthBranch,
)
from twdesk.db.versions import last_change, when_text
from twdesk.services import contact_counts
from twdesk.services import duty as duty_service
from twdesk.services import ledger as ledger_service
from twdesk.services.overview import office_name

Progress = Callable[[int, int], None]  # (done, total)

SCHEME_SETTING = "evaluation.scheme_id"
TERM_SETTING = "evaluation.term_years"
_STAGE_TOTAL = {
    Stage.SELF: "self_total",
    Stage.STATION: "station_total",
    Stage.REVIEW: "review_total",
}
_STAGE_SCORE = {
    Stage.SELF: "self_score",
    Stage.STATION: "station_score",
    Stage.REVIEW: "review_score",
}
_STAGE_REASON = {
    Stage.SELF: "self_reason",
    Stage.STATION: "station_reason",
    Stage.REVIEW: "review_reason",
}
GRADES = tuple(str(g) for g in Grade)


class EvaluationError(UserError):
    title = "考核"


@dataclass(frozen=True)
class StageEntry:
    """One stage's scores for one delegate, as typed or imported.

    ``scores``: indicator seq → score; an indicator left out keeps the stage's earlier score
    (or, when the stage had none, takes the suggestion). A score other than the suggestion is an
    override and needs a reason in ``reasons`` (seq → text); manual indicators need none.
    ``veto``: the veto situation's number as listed in the scheme ("3") or its text; "" for
    none; None keeps what the evaluation has. ``bonus`` is capped by the scheme when the total
    is computed.
    """

    scores: Mapping[int, Decimal | None] = field(default_factory=dict)
    reasons: Mapping[int, str] = field(default_factory=dict)
    bonus: Decimal | None = None  # None = keep
    veto: str | None = None  # None = keep, "" = none
    notes: str | None = None  # None = keep
    # the stage's scores as the editor showed them (seq → score): when someone else saved
    # other scores for this stage since, StaleRecordError and nothing saved (None: no check)
    loaded: Mapping[int, Decimal | None] | None = None


@dataclass(frozen=True)
class OpenSummary:
    year: int
    created: int  # evaluations created
    refreshed: int  # unlocked evaluations whose suggestions were recomputed
    locked: int  # locked evaluations (and past results from paper) left as they were
    stations: tuple[str, ...] = ()

    def message(self) -> str:
        text = f"{self.year} 年度考核：新建 {self.created} 人，重新计算建议分 {self.refreshed} 人"
        if self.locked:
            text += f"，已锁定未改动 {self.locked} 人"
        return text + "。"


@dataclass(frozen=True)
class RecordList:
    """The records behind one suggested number (有账可对): a small table."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    basis: str = ""  # the suggestion's explanation


# --- the scheme ---------------------------------------------------------------------------------


def _scheme_row(session: Session) -> EvalScheme:
    setting = session.get(Setting, SCHEME_SETTING)
    if setting is not None and setting.value:
        row = session.get(EvalScheme, setting.value)
        if row is not None:
            return row
    row = session.scalars(select(EvalScheme).order_by(EvalScheme.created_at, EvalScheme.id)).first()
    if row is None:
        raise EvaluationError("文件中没有考核方案，请在“考核方案”中建立一个。")
    return row


def _scheme_of(row: EvalScheme) -> Scheme:
    return Scheme(
        name=row.name,
        indicators=tuple(
            Indicator(
                i.seq,
                i.name,
                dec(i.points),
                stored_rule(i.rule_key, json.loads(i.rule_params or "{}")),
                i.description,
            )
            for i in row.indicators
        ),
        bonus_items=tuple((b.name, dec(b.points)) for b in row.bonus_items),
        bonus_cap=dec(row.bonus_cap),
        veto_items=tuple(v.description for v in row.veto_items),
        bands=GradeBands(dec(row.grade_excellent), dec(row.grade_competent), dec(row.grade_basic)),
        excellent_quota=dec(row.excellent_cap),
    )


def current_scheme(session: Session) -> Scheme:
    """The scheme new and reopened (unlocked) years are scored with."""
    return _scheme_of(_scheme_row(session))


def save_scheme(session: Session, scheme: Scheme) -> None:
    """Check and store the office's scheme (SchemeError lists every problem). Locked years keep
    the scheme they were locked with; unlocked years take the new one when reopened."""
    check_scheme(scheme)
    row = _scheme_row(session)
    used = session.scalar(select(func.count(Evaluation.id)).where(Evaluation.scheme_id == row.id))
    if used:  # evaluations point at this version: keep it, start a new one
        row = EvalScheme(name=scheme.name)
        session.add(row)
        session.flush()
    else:
        for child in (*row.indicators, *row.bonus_items, *row.veto_items):
            session.delete(child)
        session.flush()
    row.name = scheme.name
    row.bonus_cap = float(scheme.bonus_cap)
    row.excellent_cap = float(scheme.excellent_quota)
    row.grade_excellent = float(scheme.bands.excellent)
    row.grade_competent = float(scheme.bands.competent)
    row.grade_basic = float(scheme.bands.basic)
    for ind in scheme.indicators:
        session.add(
            EvalIndicator(
                scheme_id=row.id,
                seq=ind.seq,
                name=ind.name,
                points=float(ind.points),
                rule_key=ind.rule_key,
                rule_params=json.dumps(ind.params, ensure_ascii=False, sort_keys=True),
                description=ind.description,
            )
        )
    for seq, (name, points) in enumerate(scheme.bonus_items, 1):
        session.add(EvalBonusItem(scheme_id=row.id, seq=seq, name=name, points=float(points)))
    for seq, text in enumerate(scheme.veto_items, 1):
        session.add(EvalVetoItem(scheme_id=row.id, seq=seq, description=text))
    setting = session.get(Setting, SCHEME_SETTING) or Setting(key=SCHEME_SETTING)
    setting.value = row.id
    session.add(setting)
    session.flush()
    session.expire(row)


def term_years(session: Session) -> tuple[int, int] | None:
    """The current term's first and last year (for 推荐为下届候选人), None when not set."""
    setting = session.get(Setting, TERM_SETTING)
    if setting is None or not setting.value:
        return None
    first, last = json.loads(setting.value)
    return int(first), int(last)


def set_term_years(session: Session, first: int, last: int) -> None:
    """Set the current term's years (本届起止年份)."""
    if not 1949 < first <= last < first + 10:
        raise EvaluationError(
            f"本届起止年份 {first}—{last} 不合理：起始年份不能晚于结束年份，一届不超过 10 年。"
        )
    setting = session.get(Setting, TERM_SETTING) or Setting(key=TERM_SETTING)
    setting.value = json.dumps([first, last])
    session.add(setting)
    session.flush()


# --- lookups ------------------------------------------------------------------------------------


def evaluation_years(session: Session) -> list[int]:
    """Years with evaluations, newest first."""
    return list(
        session.scalars(select(Evaluation.year).distinct().order_by(Evaluation.year.desc()))
    )


def station_choices(session: Session, year: int) -> list[tuple[str, str]]:
    """(station id, name) of the stations with evaluations in ``year``."""
    rows = session.execute(
        select(Station.id, Station.name)
        .where(Station.id.in_(select(Evaluation.station_id).where(Evaluation.year == year)))
        .order_by(Station.sort_order, Station.name)
    ).all()
    return [(sid, name) for sid, name in rows]


def find_station(session: Session, name: str) -> str:
    """The id of the station called ``name`` (EvaluationError naming the stations otherwise)."""
    wanted = name.strip()
    rows = session.execute(
        select(Station.id, Station.name).where(Station.deleted_at.is_(None)).order_by(Station.name)
    ).all()
    for sid, sname in rows:
        if sname == wanted:
            return sid
    close = [sname for _sid, sname in rows if wanted and wanted in sname]
    hint = (
        f"是不是：{'、'.join(close)}？"
        if close
        else f"现有联络站：{'、'.join(n for _i, n in rows)}"
    )
    raise EvaluationError(f"没有名为“{wanted}”的联络站。{hint}")


def find_delegate(session: Session, year: int, name: str, station: str | None = None) -> str:
    """The person id of the evaluated delegate called ``name`` in ``year`` (EvaluationError when
    nobody or more than one matches; ``station`` narrows it down)."""
    query = (
        select(Person.id, Station.name)
        .join(Evaluation, Evaluation.person_id == Person.id)
        .outerjoin(Station, Station.id == Evaluation.station_id)
        .where(Evaluation.year == year, Person.name == name.strip())
    )
    rows = session.execute(query).all()
    if station:
        rows = [r for r in rows if r[1] == station.strip()]
    if not rows:
        where = f"（{station}）" if station else ""
        raise EvaluationError(
            f"{year} 年度考核中没有名为“{name}”{where}的团代表，请核对姓名，或先开启该年度考核。"
        )
    if len(rows) > 1:
        stations = "、".join(sorted(r[1] or "未分站" for r in rows))
        raise EvaluationError(
            f"{year} 年度考核中有 {len(rows)} 位“{name}”（{stations}），请注明联络站。"
        )
    return rows[0][0]


# --- the year's records -----------------------------------------------------------------------


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def main_stations(session: Session, year: int) -> dict[str, str]:
    """Person id → the station where the delegate spent most of ``year``."""
    start, end = _year_bounds(year)
    left_on = dict(
        session.execute(
            select(StatusChange.person_id, func.max(StatusChange.changed_on)).group_by(
                StatusChange.person_id
            )
        ).all()
    )
    days: dict[str, Counter[str]] = defaultdict(Counter)
    latest: dict[tuple[str, str], date] = {}
    rows = session.execute(
        select(
            StationMembership.person_id,
            StationMembership.station_id,
            StationMembership.start_date,
            StationMembership.end_date,
            Person.status,
        )
        .join(Person, Person.id == StationMembership.person_id)
        .join(Station, Station.id == StationMembership.station_id)
        .where(
            Person.deleted_at.is_(None),
            Person.is_delegate.is_(True),
            Station.deleted_at.is_(None),
            (StationMembership.start_date.is_(None)) | (StationMembership.start_date <= end),
            (StationMembership.end_date.is_(None)) | (StationMembership.end_date >= start),
        )
    )
    for pid, sid, first, last, status in rows:
        gone = left_on.get(pid)
        if status != PersonStatus.ACTIVE and gone is not None and gone < start:
            continue  # out of office before the year began
        lo = max(first or start, start)
        hi = min(last or end, end)
        days[pid][sid] += (hi - lo).days + 1
        latest[(pid, sid)] = max(latest.get((pid, sid), lo), lo)
    return {
        pid: max(per.items(), key=lambda kv: (kv[1], latest[(pid, kv[0])], kv[0]))[0]
        for pid, per in days.items()
    }


def _summaries(
    session: Session, year: int, people: Iterable[str], today: date | None
) -> dict[str, RecordSummary]:
    """Each delegate's year of confirmed records, as the rules count them."""
    wanted = set(people)
    start, end = _year_bounds(year)
    goal = ledger_service.targets(session)
    counts = ledger_service.year_counts(session, year, goal)
    seats = _duty_tallies(session, year, today)
    opinions: Counter[str] = Counter(
        dict(
            session.execute(
                select(Visit.received_by_id, func.count(OpinionItem.id))
                .join(OpinionItem, OpinionItem.visit_id == Visit.id)
                .where(
                    Visit.deleted_at.is_(None),
                    OpinionItem.deleted_at.is_(None),
                    Visit.received_by_id.is_not(None),
                    Visit.visit_date >= start,
                    Visit.visit_date <= end,
                )
                .group_by(Visit.received_by_id)
            ).all()
        )
    )
    led, joined = _project_roles(session, year)
    ballots = contact_counts.ballot_counts(session, year, delegates=True)
    by_people = contact_counts.counts_by_book(session)
    result: dict[str, RecordSummary] = {}
    for pid in wanted:
        seat = seats[pid]
        result[pid] = RecordSummary(
            activities=counts.by_type.get(pid, {}),
            unexcused_absences=counts.unexcused.get(pid, {}),
            duty_assigned=seat["assigned"],
            duty_attended=seat["attended"],
            duty_leave=seat["leave"],
            duty_absent=seat["absent"],
            duty_substituted=seat["substituted"],
            duty_sat_for_others=seat["sat_for_others"],
            opinion_items=opinions.get(pid, 0),
            youth_count=counts.youth.get(pid, 0),
            youth_target=goal.youth,
            branches=len(counts.branches.get(pid, ())),
            branch_target=goal.branches,
            projects_led=len(led.get(pid, ())),
            projects_joined=len(joined.get(pid, set()) - led.get(pid, set())),
            satisfaction_positive=ballots[pid].positive if pid in ballots else 0,
            satisfaction_ballots=ballots[pid].total if pid in ballots else 0,
            youth_by_people=by_people,
        )
    return result


def _duty_tallies(
    session: Session, year: int, today: date | None
) -> defaultdict[str, Counter[str]]:
    """Per delegate, the duty days up to today (a day still to come is not yet due): assigned,
    到岗, 请假, 缺席, sat by a substitute (替班), and days sat for someone else."""
    today = today or date.today()
    tallies: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for view in duty_service.duty_days(session, year=year, today=today):
        if view.day > today:
            continue
        for seat in view.seats:
            tally = tallies[seat.person_id]
            tally["assigned"] += 1
            state = seat.attendance
            if state == Attendance.PRESENT:
                tally["attended"] += 1
            elif state == Attendance.ABSENT:
                tally["absent"] += 1
            elif state == Attendance.LEAVE:
                tally["leave"] += 1
            elif state == Attendance.SUBSTITUTED:
                tally["substituted"] += 1
                if seat.substitute_id:
                    tallies[seat.substitute_id]["sat_for_others"] += 1
    return tallies


def _project_roles(session: Session, year: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Projects running in ``year``: person → ids led, person → ids joined."""
    start, end = _year_bounds(year)
    running = (
        Project.deleted_at.is_(None),
        (Project.start_date.is_(None)) | (Project.start_date <= end),
        (Project.end_date.is_(None)) | (Project.end_date >= start),
    )
    led: dict[str, set[str]] = defaultdict(set)
    joined: dict[str, set[str]] = defaultdict(set)
    for pid, leader in session.execute(select(Project.id, Project.leader_id).where(*running)):
        if leader:
            led[leader].add(pid)
    for project, person, role in session.execute(
        select(ProjectMember.project_id, ProjectMember.person_id, ProjectMember.role)
        .join(Project, Project.id == ProjectMember.project_id)
        .where(*running)
    ):
        (led if role == "领办" else joined)[person].add(project)
    return led, joined


# --- opening a year ----------------------------------------------------------------------------


def open_year(
    session: Session,
    year: int,
    *,
    station_id: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> OpenSummary:
    """Create an evaluation for every delegate who belonged to a station (or the given one)
    during ``year`` — one who moved is evaluated where they spent most of the year — with the
    suggestions filled in; reopening recomputes the suggestions of unlocked evaluations and
    never touches an entered score."""
    scheme_row = _scheme_row(session)
    scheme = _scheme_of(scheme_row)
    main = main_stations(session, year)
    E = Evaluation.__table__
    existing = {
        row.person_id: row
        for row in session.execute(
            select(
                E.c.id,
                E.c.person_id,
                E.c.station_id,
                E.c.scheme_id,
                E.c.locked,
                E.c.stage,
                E.c.suggestions,
            ).where(E.c.year == year)
        )
    }
    if station_id:
        people = [
            pid
            for pid, sid in main.items()
            if sid == station_id or (pid in existing and existing[pid].station_id == station_id)
        ]
    else:
        people = list(main)
    frozen = [p for p in people if p in existing and _frozen(existing[p])]
    todo = [p for p in people if p not in frozen]
    if progress:
        progress(0, len(todo) + 1)
    records = _summaries(session, year, todo, today)
    if progress:
        progress(1, len(todo) + 1)
    stamp = now()
    office = session.info.get("office_id", "")
    common = {"origin_office_id": office, "created_at": stamp, "updated_at": stamp}
    new_evals: list[dict[str, object]] = []
    changed: list[dict[str, object]] = []
    reschemed: list[str] = []
    refreshed = 0
    suggester = _Suggester(scheme)
    for n, pid in enumerate(todo, 2):
        text = suggester.json(records[pid])
        ev = existing.get(pid)
        if ev is None:
            new_evals.append(
                {
                    "id": new_id(),
                    "person_id": pid,
                    "year": year,
                    "scheme_id": scheme_row.id,
                    "station_id": main.get(pid),
                    "stage": NOT_STARTED,
                    "suggestions": text,
                    **common,
                }
            )
            continue
        refreshed += 1
        station = main.get(pid) or ev.station_id
        if ev.scheme_id != scheme_row.id:
            reschemed.append(ev.id)
        if (ev.suggestions, ev.station_id, ev.scheme_id) != (text, station, scheme_row.id):
            changed.append(
                {
                    "b_id": ev.id,
                    "suggestions": text,
                    "station_id": station,
                    "scheme_id": scheme_row.id,
                    "updated_at": stamp,
                }
            )
        if progress and n % 1000 == 0:
            progress(n, len(todo) + 1)
    if reschemed:  # the scheme changed: entered scores follow their indicator by number
        _follow_scheme(session, reschemed, {i.seq: i.id for i in scheme_row.indicators})
    session.flush()
    conn = session.connection()  # plain executemany: suggestions are not entered scores
    if new_evals:
        conn.execute(E.insert(), new_evals)
    if changed:
        conn.execute(
            E.update()
            .where(E.c.id == bindparam("b_id"))
            .values(
                suggestions=bindparam("suggestions"),
                station_id=bindparam("station_id"),
                scheme_id=bindparam("scheme_id"),
                updated_at=bindparam("updated_at"),
            ),
            changed,
        )
    session.expire_all()
    if progress:
        progress(len(todo) + 1, len(todo) + 1)
    names = dict(session.execute(select(Station.id, Station.name)).all())
    stations = sorted({names.get(main.get(p, ""), "") for p in people} - {""})
    return OpenSummary(year, len(new_evals), refreshed, len(frozen), tuple(stations))


class _Suggester:
    """The suggestions' JSON for many delegates, each indicator's part remembered by the numbers
    it depends on (a county's delegates share most of them)."""

    def __init__(self, scheme: Scheme) -> None:
        self.indicators = scheme.indicators
        self.memo: list[dict[tuple[int, ...], str]] = [{} for _ in self.indicators]

    def json(self, records: RecordSummary) -> str:
        parts = []
        for ind, memo in zip(self.indicators, self.memo, strict=True):
            key = relevant_inputs(ind, records)
            part = memo.get(key)
            if part is None:
                part = memo[key] = _suggestion_json(suggest_one(ind, records))
            parts.append(part)
        return "[" + ",".join(parts) + "]"


def _suggestion_json(s: Suggestion) -> str:
    """One suggestion as kept with the evaluation: ``[seq, "score" | null, basis, no_duty]``."""
    score = None if s.score is None else str(s.score)
    return json.dumps([s.seq, score, s.explanation, s.no_duty], ensure_ascii=False)


def _read_suggestions(text: str) -> dict[int, tuple[Decimal | None, str, bool]]:
    """seq → (suggested score, what was counted, 无排班) as `_Suggester` wrote them."""
    if not text:
        return {}
    return {
        int(seq): (_decimal(score), str(basis), bool(no_duty))
        for seq, score, basis, no_duty in json.loads(text)
    }


def _follow_scheme(
    session: Session, evaluation_ids: list[str], indicator_ids: dict[int, str]
) -> None:
    """Entered scores of evaluations moving to a new scheme version follow their indicator by
    number; a score for an indicator the new scheme no longer has is removed."""
    for chunk in _chunks(evaluation_ids, 500):
        scores = session.scalars(
            select(EvaluationScore).where(EvaluationScore.evaluation_id.in_(chunk))
        ).all()
        seqs = _indicator_seqs(session, _scheme_ids(session, chunk))
        for score in scores:
            seq = seqs.get(score.indicator_id)
            if seq in indicator_ids:
                score.indicator_id = indicator_ids[seq]
            else:
                session.delete(score)


def _scheme_ids(session: Session, evaluation_ids: list[str]) -> set[str]:
    return set(
        session.scalars(select(Evaluation.scheme_id).where(Evaluation.id.in_(evaluation_ids)))
    )


def _frozen(ev: Any) -> bool:
    return ev.locked or ev.stage == PAST_RESULT


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _indicator_seqs(session: Session, scheme_ids: Iterable[str]) -> dict[str, int]:
    ids = list(set(scheme_ids))
    if not ids:
        return {}
    return dict(
        session.execute(
            select(EvalIndicator.id, EvalIndicator.seq).where(EvalIndicator.scheme_id.in_(ids))
        ).all()
    )


# --- reading results ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _number(value: float | None) -> Decimal | None:
    """A stored score as the rules count it (scores repeat: 0, 2.5, 10 … converted once)."""
    return None if value is None else round_half_up(value)


@lru_cache(maxsize=4096)
def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


_EVALUATION_COLUMNS = tuple(
    getattr(Evaluation, c)
    for c in (
        "id",
        "person_id",
        "year",
        "scheme_id",
        "station_id",
        "self_total",
        "station_total",
        "review_total",
        "bonus",
        "final_score",
        "grade",
        "consequence",
        "consequence_note",
        "stage",
        "locked",
        "scheme_snapshot",
        "notes",
        "decision_grade",
        "decision_reason",
        "suggestions",
    )
)
_SCORE_COLUMNS = tuple(
    getattr(EvaluationScore, c)
    for c in (
        "evaluation_id",
        "indicator_id",
        "self_score",
        "station_score",
        "review_score",
        "self_reason",
        "station_reason",
        "review_reason",
    )
)


class _Loader:
    """Loads a year's evaluations with everything their results need, a station at a time."""

    def __init__(self, session: Session, year: int) -> None:
        self.session, self.year = session, year
        self.schemes: dict[str, Scheme] = {}
        self.rule_texts: dict[int, tuple[str, ...]] = {}
        self.indicator_seqs: dict[str, dict[str, int]] = {}
        self.term = term_years(session)

    def scheme(self, ev: Any) -> Scheme:
        if ev.locked and ev.scheme_snapshot:
            key = "snapshot:" + ev.scheme_snapshot
            if key not in self.schemes:
                self.schemes[key] = scheme_from_dict(json.loads(ev.scheme_snapshot))
            return self.schemes[key]
        if ev.scheme_id not in self.schemes:
            row = self.session.get(EvalScheme, ev.scheme_id)
            assert row is not None
            self.schemes[ev.scheme_id] = _scheme_of(row)
        return self.schemes[ev.scheme_id]

    def seqs(self, scheme_id: str) -> dict[str, int]:
        """Indicator id → number, for one scheme version."""
        if scheme_id not in self.indicator_seqs:
            self.indicator_seqs[scheme_id] = _indicator_seqs(self.session, [scheme_id])
        return self.indicator_seqs[scheme_id]

    def rules(self, scheme: Scheme) -> tuple[str, ...]:
        """Each indicator's rule in words (the same for every delegate: described once)."""
        key = id(scheme)
        if key not in self.rule_texts:
            self.rule_texts[key] = tuple(i.rule.describe(i.points) for i in scheme.indicators)
        return self.rule_texts[key]

    def stations(self, station_id: str | None) -> list[StationYear]:
        # plain rows, not ORM objects: a 500-delegate station reads in a few milliseconds
        in_bin = select(Person.id).where(Person.deleted_at.is_not(None))
        query = select(*_EVALUATION_COLUMNS).where(
            Evaluation.year == self.year, Evaluation.person_id.not_in(in_bin)
        )  # a delegate in the recycle bin is neither listed nor counted for the quota
        if station_id == "":  # evaluations of delegates without a station
            query = query.where(Evaluation.station_id.is_(None))
        elif station_id:
            query = query.where(Evaluation.station_id == station_id)
        evals = list(self.session.execute(query))
        by_station: dict[str | None, list[Evaluation]] = defaultdict(list)
        for ev in evals:
            by_station[ev.station_id].append(ev)
        people = {e.person_id for e in evals}
        info = self._people(people)
        grades = self._grades(people)
        scores = self._scores([e.id for e in evals])
        vetoes = self._vetoes([e.id for e in evals])
        seqs = _indicator_seqs(self.session, {e.scheme_id for e in evals})
        station_rows = self.session.execute(
            select(Station.id, Station.name, Station.sort_order).where(
                Station.id.in_([s for s in by_station if s])
            )
        ).all()
        order = {sid: (sort, name) for sid, name, sort in station_rows}
        office = office_name(self.session)
        result = []
        for sid in sorted(by_station, key=lambda s: order.get(s or "", (10**6, ""))):
            name = order.get(sid or "", (0, "未分站"))[1]
            rows = by_station[sid]
            result.append(
                self._station(sid or "", name, rows, info, grades, scores, vetoes, seqs, office)
            )
        return result

    def _people(self, ids: set[str]) -> dict[str, tuple[str, str, str]]:
        out: dict[str, tuple[str, str, str]] = {}
        for chunk in _chunks(sorted(ids), 500):
            for pid, name, pinyin, politics in self.session.execute(
                select(Person.id, Person.name, Person.name_pinyin, Person.political_status).where(
                    Person.id.in_(chunk)
                )
            ):
                out[pid] = (name, pinyin, politics)
        return out

    def _grades(self, ids: set[str]) -> dict[str, dict[int, str]]:
        out: dict[str, dict[int, str]] = defaultdict(dict)
        for chunk in _chunks(sorted(ids), 500):
            for pid, year, grade in self.session.execute(
                select(Evaluation.person_id, Evaluation.year, Evaluation.grade).where(
                    Evaluation.person_id.in_(chunk)
                )
            ):
                out[pid][year] = grade
        return out

    def _scores(self, ids: list[str]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            for score in self.session.execute(
                select(*_SCORE_COLUMNS).where(EvaluationScore.evaluation_id.in_(chunk))
            ):
                out[score.evaluation_id].append(score)
        return out

    def _vetoes(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            for eid, note in self.session.execute(
                select(EvaluationVeto.evaluation_id, EvaluationVeto.note).where(
                    EvaluationVeto.evaluation_id.in_(chunk)
                )
            ):
                out[eid] = note
        return out

    def _station(
        self,
        station_id: str,
        station: str,
        evals: list[Any],
        info: dict[str, tuple[str, str, str]],
        grades: dict[str, dict[int, str]],
        scores: dict[str, list[Any]],
        vetoes: dict[str, str],
        seqs: dict[str, int],
        office: str,
    ) -> StationYear:
        live = [e for e in evals if not _frozen(e)]
        scheme = self.scheme(live[0] if live else evals[0])
        drafts: dict[str, _Draft] = {}
        for ev in evals:
            scheme_of = self.scheme(ev)
            drafts[ev.id] = _draft(
                ev, scheme_of, self.rules(scheme_of), scores[ev.id], seqs, vetoes.get(ev.id)
            )
        # the quota over the live evaluations with a total; frozen ones keep what they were
        entries = [
            QuotaEntry(ev.id, drafts[ev.id].total, drafts[ev.id].veto is not None)
            for ev in live
            if drafts[ev.id].total is not None
        ]
        decisions = {
            ev.id: Decision(Grade(ev.decision_grade), ev.decision_reason)
            for ev in live
            if ev.decision_grade
        }
        quota = {
            r.delegate_id: r
            for r in apply_quota(entries, scheme.bands, scheme.excellent_quota, decisions)
        }
        # the quota counts every delegate with a total, a locked one by what it was locked with
        frozen_totals = [
            (_number(ev.final_score), ev.grade)
            for ev in evals
            if _frozen(ev) and ev.final_score is not None
        ]
        qualifying = sum(
            1 for e in entries if e.total >= scheme.bands.excellent and not e.vetoed
        ) + sum(1 for _total, grade in frozen_totals if grade == Grade.EXCELLENT)
        slots = excellent_slots(
            len(entries) + len(frozen_totals), qualifying, scheme.excellent_quota
        )
        results: list[DelegateResult] = []
        term = range(self.term[0], self.term[1] + 1) if self.term else ()
        for ev in evals:
            d = drafts[ev.id]
            name, _pinyin, politics = info.get(ev.person_id, ("?", "", ""))
            if _frozen(ev):
                total = _number(ev.final_score)
                grade = ev.grade or None
                tie, decided = False, bool(ev.decision_grade)
                consequence = ev.consequence or None
                reasons = tuple(r for r in ev.consequence_note.split("；") if r)
            else:
                q = quota.get(ev.id)
                total = d.total
                grade = str(q.grade) if q and q.grade else None
                tie = bool(q and q.quota_tie)
                decided = bool(q and q.decided)
                by_year = dict(grades.get(ev.person_id, {}))
                by_year[self.year] = grade or ""
                notes = (
                    consequences(
                        self.year,
                        by_year,
                        term if self.year in term else (),
                        party_member="党员" in politics,
                    )
                    if grade
                    else ()
                )
                consequence = consequence_text(notes) or None
                reasons = tuple(n.reason for n in notes)
            results.append(
                DelegateResult(
                    evaluation_id=ev.id,
                    person_id=ev.person_id,
                    name=name,
                    station=station,
                    year=self.year,
                    indicators=d.indicators,
                    bonus=round_half_up(ev.bonus or 0),
                    veto=d.veto,
                    total=total,
                    grade=grade,
                    quota_tie=tie,
                    decided=decided,
                    decision_reason=ev.decision_reason,
                    consequence=consequence,
                    consequence_reasons=reasons,
                    stage=d.stage,
                    stages_done=d.stages_done,
                    locked=ev.locked,
                    notes=ev.notes,
                )
            )
        ranked = _rank(results, info)
        return StationYear(
            station_id=station_id,
            station=station,
            year=self.year,
            scheme=scheme,
            delegates=ranked,
            excellent_slots=slots,
            locked=bool(evals) and all(e.locked for e in evals),
            office=office,
        )


@dataclass
class _Draft:
    indicators: tuple[IndicatorResult, ...]
    total: Decimal | None
    veto: str | None
    stage: str
    stages_done: tuple[Stage, ...]


def _draft(
    ev: Any,
    scheme: Scheme,
    rules: tuple[str, ...],
    scores: list[Any],
    seqs: dict[str, int],
    veto: str | None,
) -> _Draft:
    by_seq = {seqs.get(s.indicator_id, -1): s for s in scores}
    suggested = _read_suggestions(ev.suggestions)
    done = tuple(st for st in STAGES if getattr(ev, _STAGE_TOTAL[st]) is not None)
    last = done[-1] if done else None
    indicators = []
    for ind, rule in zip(scheme.indicators, rules, strict=True):
        s = by_seq.get(ind.seq)
        suggestion, basis, no_duty = suggested.get(ind.seq, (None, "", False))
        values = {st: _number(getattr(s, _STAGE_SCORE[st])) if s else None for st in STAGES}
        final = values[last] if last else None
        reasons = tuple(
            (st, getattr(s, _STAGE_REASON[st]))
            for st in STAGES
            if s and getattr(s, _STAGE_REASON[st])
        )
        indicators.append(
            IndicatorResult(
                seq=ind.seq,
                name=ind.name,
                points=ind.points,
                rule=rule,
                basis=basis,
                suggested=suggestion,
                self_score=values[Stage.SELF],
                station_score=values[Stage.STATION],
                review_score=values[Stage.REVIEW],
                final=final,
                no_duty=no_duty,
                reasons=reasons,
            )
        )
    if ev.stage == PAST_RESULT:
        stage = PAST_RESULT
        total = _number(ev.final_score)
    else:
        stage = str(last) if last else NOT_STARTED
        total = (
            total_score((i.final for i in indicators), ev.bonus or 0, scheme.bonus_cap)
            if last
            else None
        )
    return _Draft(tuple(indicators), total, veto or None, stage, done)


def _rank(
    results: list[DelegateResult], info: dict[str, tuple[str, str, str]]
) -> tuple[DelegateResult, ...]:
    """By total (highest first; no total last), then name; equal totals share a rank."""
    from dataclasses import replace

    ordered = sorted(
        results,
        key=lambda r: (
            r.total is None,
            -(r.total or 0),
            info.get(r.person_id, ("", "", ""))[1],
            r.name,
        ),
    )
    out: list[DelegateResult] = []
    for i, r in enumerate(ordered):
        if r.total is None:
            rank = None
        elif out and out[-1].total == r.total:
            rank = out[-1].rank
        else:
            rank = i + 1
        out.append(replace(r, rank=rank))
    return tuple(out)


def station_year(session: Session, year: int, station_id: str) -> StationYear:
    """One station's year: every delegate ranked, quota applied, consequences."""
    found = _Loader(session, year).stations(station_id)
    if not found:
        name = session.scalar(select(Station.name).where(Station.id == station_id)) or "该联络站"
        scheme = current_scheme(session)
        return StationYear(station_id, name, year, scheme, (), office=office_name(session))
    return found[0]


def station_years(
    session: Session, year: int, *, station_id: str | None = None
) -> list[StationYear]:
    """Every station's year (or one), in the station tree's order."""
    return _Loader(session, year).stations(station_id)


def results(session: Session, year: int, *, station_id: str | None = None) -> list[DelegateResult]:
    """Every delegate's result for ``year`` (one station or all), by station then rank."""
    return [d for sy in station_years(session, year, station_id=station_id) for d in sy.delegates]


def _evaluation(session: Session, year: int, person_id: str) -> Evaluation:
    ev = session.scalars(
        select(Evaluation).where(Evaluation.year == year, Evaluation.person_id == person_id)
    ).first()
    if ev is None:
        name = session.scalar(select(Person.name).where(Person.id == person_id)) or "该代表"
        raise EvaluationError(f"{name}没有 {year} 年度的考核，请先开启 {year} 年度考核。")
    return ev


def delegate_year(
    session: Session,
    year: int,
    person_id: str,
    *,
    cache: dict[Any, Any] | None = None,
) -> tuple[DelegateResult, Scheme]:
    """One delegate's result for ``year`` and the scheme it is scored with (the snapshot when
    locked); EvaluationError when the year is not opened.

    The result needs the whole station's year (rank, quota); a reader going through many
    delegates (the dossier batch) passes a ``cache`` dict so each station's year and each
    scheme are read once."""
    ev = _evaluation(session, year, person_id)
    memo: dict[Any, Any] = cache if cache is not None else {}
    key = (year, ev.station_id or "")
    found = memo.get(key)
    if found is None:
        found = memo[key] = station_year(session, year, ev.station_id or "")
    scheme_key = (
        ("snapshot", ev.scheme_snapshot) if ev.locked and ev.scheme_snapshot else ev.scheme_id
    )
    scheme = memo.get(("scheme", scheme_key))
    if scheme is None:
        scheme = memo[("scheme", scheme_key)] = _Loader(session, year).scheme(ev)
    for d in found.delegates:
        if d.person_id == person_id:
            return d, scheme
    raise EvaluationError(f"找不到 {year} 年度的考核结果。")  # pragma: no cover - same query


def delegate_result(
    session: Session,
    year: int,
    person_id: str,
    *,
    cache: dict[Any, Any] | None = None,
) -> DelegateResult:
    """One delegate's result for ``year`` (see `delegate_year`)."""
    return delegate_year(session, year, person_id, cache=cache)[0]


def delegate_scheme(session: Session, year: int, person_id: str) -> Scheme:
    """The scheme the delegate's year is scored with (the snapshot when locked)."""
    ev = _evaluation(session, year, person_id)
    return _Loader(session, year).scheme(ev)


# --- entering stages ---------------------------------------------------------------------------


def _locked_message(session: Session, ev: Evaluation) -> str:
    station = session.scalar(select(Station.name).where(Station.id == ev.station_id)) or ""
    return (
        f"{ev.year} 年度{station}的考核已经锁定，不能修改。"
        "如确需修改，请先解锁（需要填写理由，解锁会记入操作日志）。"
    )


def _score_value(raw: Decimal | float | int | str | None, points: Decimal) -> Decimal | str:
    """A typed score, or a problem text."""
    try:
        value = dec(raw) if raw is not None else Decimal(0)
    except (InvalidOperation, ValueError):
        return f"“{raw}”不是数字"
    if not value.is_finite():
        return f"“{raw}”不是数字"
    if value < 0 or value > points:
        return f"{fmt(value)} 分超出范围，应在 0 到 {fmt(points)} 分之间"
    return round_half_up(value)


def _veto_text(scheme: Scheme, raw: str) -> str | None:
    text = raw.strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= len(scheme.veto_items):
        return scheme.veto_items[int(text) - 1]
    for item in scheme.veto_items:
        if item == text:
            return item
    return None


def save_stage(
    session: Session, year: int, person_id: str, stage: Stage, entry: StageEntry
) -> DelegateResult:
    """Store one stage for one delegate (every override needs a reason; refused when locked)."""
    ev = _write_stage(session, year, person_id, Stage(stage), entry)
    _store_derived(session, year, ev.station_id)
    return delegate_result(session, year, person_id)


class StageProblems(EvaluationError):
    """Several delegates' stages refused: ``problems`` maps each person id to the message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n\n".join(self.problems.values()))


def save_stages(
    session: Session,
    year: int,
    stage: Stage,
    entries: Iterable[tuple[str, StageEntry]],
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Store one stage for many delegates (a scoring sheet): every refusal is collected
    (`StageProblems`, nothing kept: the caller's transaction rolls back), the stations' grades
    are recomputed once at the end. Returns how many were stored."""
    todo = list(entries)
    loader = _Loader(session, year)
    problems: dict[str, str] = {}
    stations: set[str | None] = set()
    for n, (person_id, entry) in enumerate(todo, 1):
        if cancel is not None and cancel():
            raise Cancelled("已取消，没有保存任何评分。")
        try:  # a refused entry is refused before it writes anything
            ev = _write_stage(session, year, person_id, Stage(stage), entry, loader)
            stations.add(ev.station_id)
        except EvaluationError as exc:
            problems[person_id] = str(exc)
        if progress is not None:
            progress(n, len(todo))
    if problems:
        raise StageProblems(problems)
    for station_id in stations:
        _store_derived(session, year, station_id)
    return len(todo)


def _check_loaded(
    session: Session,
    ev: Evaluation,
    stage: Stage,
    scores: Mapping[int, EvaluationScore],
    loaded: Mapping[int, Decimal | None],
) -> None:
    """Refuse a stage entered over scores someone else saved since the editor showed them.
    The stage's scores are compared, not the evaluation's row_version: every save in a station
    recomputes the other delegates' grades, which is no reason to refuse their editors."""
    stored = {seq: _number(getattr(row, _STAGE_SCORE[stage])) for seq, row in scores.items()}
    if all(stored.get(seq) == loaded.get(seq) for seq in set(stored) | set(loaded)):
        return
    who, when = last_change(session, EvaluationScore.__tablename__, [r.id for r in ev.scores])
    name = session.scalar(select(Person.name).where(Person.id == ev.person_id)) or ""
    raise StaleRecordError(
        what="年度考核",
        record=f"{name} {ev.year}年{stage}",
        who=who,
        when=when_text(when),
        table=Evaluation.__tablename__,
        row_id=ev.id,
    )


def _write_stage(
    session: Session,
    year: int,
    person_id: str,
    stage: Stage,
    entry: StageEntry,
    loader: _Loader | None = None,
) -> Evaluation:
    """Check and write one delegate's stage (no grades recomputed): EvaluationError lists
    every problem of the entry. ``loader`` keeps schemes between the rows of a sheet."""
    loader = loader or _Loader(session, year)
    ev = _evaluation(session, year, person_id)
    if ev.locked:
        raise EvaluationError(_locked_message(session, ev))
    if ev.stage == PAST_RESULT:
        raise EvaluationError(f"{year} 年度只有从纸质结果导入的总分和等次，不能再按指标录入。")
    scheme = loader.scheme(ev)
    seqs = loader.seqs(ev.scheme_id)
    scores = {seqs.get(s.indicator_id, -1): s for s in ev.scores}
    if entry.loaded is not None:
        _check_loaded(session, ev, stage, scores, entry.loaded)
    suggestions = _read_suggestions(ev.suggestions)
    known = {ind.seq for ind in scheme.indicators}
    problems = [f"指标{seq}不在考核方案中。" for seq in sorted(set(entry.scores) - known)]
    values: dict[int, Decimal | None] = {}
    for ind in scheme.indicators:
        row = scores.get(ind.seq)
        suggested = suggestions.get(ind.seq, (None,))[0]
        earlier = _number(getattr(row, _STAGE_SCORE[stage])) if row else None
        raw = entry.scores.get(ind.seq)
        if raw is None:
            value: Decimal | str | None = earlier if earlier is not None else suggested
        else:
            value = _score_value(raw, ind.points)
        label = f"指标{ind.seq}“{ind.name}”"
        if isinstance(value, str):
            problems.append(f"{label}：{value}。")
            continue
        values[ind.seq] = value
        reason = (entry.reasons.get(ind.seq) or "").strip()
        if not reason and row is not None and raw is None:
            reason = getattr(row, _STAGE_REASON[stage])
        overridden = suggested is not None and value is not None and value != suggested
        if overridden and not reason:
            problems.append(
                f"{label}：{stage}分 {fmt(value)} 与建议分 {fmt(suggested)} 不同，请填写调整理由。"
            )
    bonus = ev.bonus if entry.bonus is None else entry.bonus
    try:
        bonus_value = dec(bonus or 0)
    except (InvalidOperation, ValueError):
        problems.append(f"加分：“{bonus}”不是数字。")
        bonus_value = Decimal(0)
    if bonus_value < 0:
        problems.append(f"加分：{fmt(bonus_value)} 不能为负数。")
    veto = None
    if entry.veto is not None and entry.veto.strip():
        veto = _veto_text(scheme, entry.veto)
        if veto is None:
            listed = "；".join(f"{i}. {t}" for i, t in enumerate(scheme.veto_items, 1))
            problems.append(
                f"否决：“{entry.veto.strip()}”不是考核方案中的否决情形，请填写编号或原文（{listed}）。"
            )
    if problems:
        name = session.scalar(select(Person.name).where(Person.id == person_id)) or ""
        raise EvaluationError(f"{name} {year} 年度{stage}没有保存：\n" + "\n".join(problems))
    ind_ids = {seq: iid for iid, seq in seqs.items()}
    missing = [ind.seq for ind in scheme.indicators if ind.seq not in scores]
    for seq in missing:  # rows first, values after: the audit log shows each score old → new
        scores[seq] = EvaluationScore(evaluation_id=ev.id, indicator_id=ind_ids[seq])
        session.add(scores[seq])
    if missing:
        session.flush()
    for ind in scheme.indicators:
        row = scores[ind.seq]
        value = values[ind.seq]
        suggested = suggestions.get(ind.seq, (None,))[0]
        row.suggested = None if suggested is None else float(suggested)  # as it was when scored
        setattr(row, _STAGE_SCORE[stage], None if value is None else float(value))
        reason = (entry.reasons.get(ind.seq) or "").strip() or getattr(row, _STAGE_REASON[stage])
        overridden = suggested is not None and value is not None and value != suggested
        setattr(row, _STAGE_REASON[stage], reason if overridden else "")
    stage_total = total_score(values.values(), bonus_value, scheme.bonus_cap)
    setattr(ev, _STAGE_TOTAL[stage], float(stage_total))
    ev.bonus = float(bonus_value)
    if entry.veto is not None:
        for old in session.scalars(
            select(EvaluationVeto).where(EvaluationVeto.evaluation_id == ev.id)
        ):
            session.delete(old)
        if veto is not None:
            item = session.scalar(
                select(EvalVetoItem.id).where(
                    EvalVetoItem.scheme_id == ev.scheme_id, EvalVetoItem.description == veto
                )
            )
            session.add(EvaluationVeto(evaluation_id=ev.id, veto_item_id=item, note=veto))
    if entry.notes is not None:
        ev.notes = entry.notes
    done = [st for st in STAGES if getattr(ev, _STAGE_TOTAL[st]) is not None]
    ev.stage = str(done[-1])
    session.flush()
    return ev


def _store_derived(session: Session, year: int, station_id: str | None) -> None:
    """Keep each live evaluation's total, grade and consequence stored, so other years (the
    consecutive-year and term rules) and other tools read them without recomputing."""
    sy = station_year(session, year, station_id or "")
    for d in sy.delegates:
        if d.locked or d.stage == PAST_RESULT:
            continue
        ev = session.get(Evaluation, d.evaluation_id)
        assert ev is not None
        total = None if d.total is None else float(d.total)
        values = (total, d.grade or "", d.consequence or "", "；".join(d.consequence_reasons))
        if (ev.final_score, ev.grade, ev.consequence, ev.consequence_note) != values:
            ev.final_score, ev.grade, ev.consequence, ev.consequence_note = values
    session.flush()


def save_past_result(
    session: Session, year: int, person_id: str, total: Decimal, grade: str, notes: str = ""
) -> None:
    """A past year's result from paper: just 总分 and 等次 (refused when the year is locked)."""
    if grade not in GRADES:
        raise EvaluationError(f"等次“{grade}”无法识别，应为：{'、'.join(GRADES)}。")
    value = _score_value(total, Decimal(110))
    if isinstance(value, str):
        raise EvaluationError(f"总分：{value}。")
    ev = session.scalars(
        select(Evaluation).where(Evaluation.year == year, Evaluation.person_id == person_id)
    ).first()
    if ev is not None and ev.locked:
        raise EvaluationError(_locked_message(session, ev))
    if ev is not None and ev.stage not in (PAST_RESULT, NOT_STARTED):
        raise EvaluationError(
            f"{year} 年度已在本程序中按指标评分（{ev.stage}），不能再用纸质总分和等次覆盖。"
        )
    if ev is None:
        main = main_stations(session, year)
        ev = Evaluation(
            person_id=person_id,
            year=year,
            scheme_id=_scheme_row(session).id,
            station_id=main.get(person_id) or _current_station(session, person_id),
        )
        session.add(ev)
    ev.stage = PAST_RESULT
    ev.final_score = float(value)
    ev.grade = grade
    if notes:
        ev.notes = notes
    session.flush()


def _current_station(session: Session, person_id: str) -> str | None:
    return session.scalar(
        select(StationMembership.station_id)
        .where(StationMembership.person_id == person_id)
        .order_by(StationMembership.end_date.is_(None).desc(), StationMembership.start_date.desc())
    )


# --- quota decisions, locking ------------------------------------------------------------------


def decide_tie(session: Session, year: int, person_id: str, grade: str, reason: str) -> None:
    """Settle a tie at the 优秀 quota line for one delegate: 优秀 or 称职, with a reason."""
    if grade not in (Grade.EXCELLENT, Grade.COMPETENT):
        raise EvaluationError(f"并列决定只能定为优秀或称职，不能定为“{grade}”。")
    if not reason.strip():
        raise EvaluationError("并列决定需要填写理由（例如集体研究的结论）。")
    ev = _evaluation(session, year, person_id)
    if ev.locked:
        raise EvaluationError(_locked_message(session, ev))
    current = delegate_result(session, year, person_id)
    if not (current.quota_tie or current.decided):
        raise EvaluationError(
            f"{current.name}没有在优秀名额线上与他人同分并列，不需要决定（当前等次：{current.grade or '未评'}）。"
        )
    ev.decision_grade = str(grade)
    ev.decision_reason = reason.strip()
    session.flush()
    _store_derived(session, year, ev.station_id)  # QuotaError when too many were made 优秀


def _station_evals(session: Session, year: int, station_id: str) -> list[Evaluation]:
    return list(
        session.scalars(
            select(Evaluation).where(Evaluation.year == year, Evaluation.station_id == station_id)
        )
    )


def lock_year(session: Session, year: int, station_id: str) -> int:
    """Freeze the station's year: scores, grades, consequences and the scheme snapshot.
    Refused while a quota tie is undecided. Returns how many evaluations were locked."""
    sy = station_year(session, year, station_id)
    if not sy.delegates:
        raise EvaluationError(f"{sy.station}还没有 {year} 年度的考核，无需锁定。")
    tied = [d.name for d in sy.delegates if d.quota_tie]
    if tied:
        raise EvaluationError(
            f"{sy.station} {year} 年度有优秀名额线上的并列待定：{'、'.join(tied)}。请先决定并列，再锁定。"
        )
    missing = [d.name for d in sy.delegates if d.total is None and not d.locked]
    if missing:
        raise EvaluationError(
            f"{sy.station} {year} 年度以下代表还没有完成任何阶段的评分，不能锁定：{'、'.join(missing)}。"
        )
    snapshot = json.dumps(scheme_to_dict(sy.scheme), ensure_ascii=False, sort_keys=True)
    user, stamp = session.info.get("user", ""), now()
    by_id = {e.id: e for e in _station_evals(session, year, station_id)}
    count = 0
    for d in sy.delegates:
        ev = by_id[d.evaluation_id]
        if ev.locked:
            continue
        ev.final_score = None if d.total is None else float(d.total)
        ev.grade = d.grade or ""
        ev.consequence = d.consequence or ""
        ev.consequence_note = "；".join(d.consequence_reasons)
        if not ev.scheme_snapshot or ev.stage != PAST_RESULT:
            ev.scheme_snapshot = snapshot
        ev.locked, ev.locked_at, ev.locked_by = True, stamp, user
        count += 1
    session.flush()
    return count


def unlock_year(session: Session, year: int, station_id: str, reason: str) -> int:
    """Unlock the station's year (a reason is required and kept). Returns how many."""
    if not reason.strip():
        raise EvaluationError("解锁需要填写理由（会记入操作日志）。")
    user, stamp = session.info.get("user", ""), now()
    count = 0
    for ev in _station_evals(session, year, station_id):
        if not ev.locked:
            continue
        ev.locked = False
        ev.scheme_snapshot = ""
        session.add(
            EvaluationUnlock(
                evaluation_id=ev.id, reason=reason.strip(), done_at=stamp, done_by=user
            )
        )
        count += 1
    if not count:
        name = session.scalar(select(Station.name).where(Station.id == station_id)) or ""
        raise EvaluationError(f"{name} {year} 年度的考核没有锁定。")
    session.flush()
    return count


def progress(session: Session, year: int) -> list[StageProgress]:
    """Per station: how many delegates and who is missing which stage."""
    out = []
    for sy in station_years(session, year):
        missing = {
            st: tuple(
                d.name for d in sy.delegates if st not in d.stages_done and d.stage != PAST_RESULT
            )
            for st in STAGES
        }
        out.append(StageProgress(sy.station_id, sy.station, len(sy.delegates), missing, sy.locked))
    return out


@dataclass(frozen=True)
class StageGaps:
    """Per station: delegates evaluated and how many miss each stage (no names)."""

    station_id: str
    station: str
    delegates: int
    missing: dict[Stage, int]
    locked: bool


def stage_gaps(session: Session, year: int) -> list[StageGaps]:
    """Per station, how many delegates miss each stage, as `progress` counts them, in one
    grouped query (`progress` builds every delegate's result): the home page reads this."""
    in_bin = select(Person.id).where(Person.deleted_at.is_not(None))

    def missing(column: Any) -> Any:
        return func.sum(case((column.is_(None) & (Evaluation.stage != PAST_RESULT), 1), else_=0))

    rows = session.execute(
        select(
            Evaluation.station_id,
            func.count(),
            missing(Evaluation.self_total),
            missing(Evaluation.station_total),
            missing(Evaluation.review_total),
            func.min(case((Evaluation.locked, 1), else_=0)),
        )
        .where(Evaluation.year == year, Evaluation.person_id.not_in(in_bin))
        .group_by(Evaluation.station_id)
    ).all()
    order = {
        sid: (sort, name)
        for sid, name, sort in session.execute(
            select(Station.id, Station.name, Station.sort_order).where(
                Station.id.in_([r[0] for r in rows if r[0]])
            )
        )
    }
    out = []
    for sid, n, *gaps, all_locked in sorted(rows, key=lambda r: order.get(r[0] or "", (10**6, ""))):
        out.append(
            StageGaps(
                sid or "",
                order.get(sid or "", (0, "未分站"))[1],
                int(n),
                {stage: int(k or 0) for stage, k in zip(STAGES, gaps, strict=True)},
                bool(all_locked),
            )
        )
    return out


# --- the records behind a number ----------------------------------------------------------------


def records_behind(session: Session, year: int, person_id: str, seq: int) -> RecordList:
    """The records an indicator's suggestion counted: duty days, activities, opinion items…"""
    result = delegate_result(session, year, person_id)
    scheme = delegate_scheme(session, year, person_id)
    ind = next((i for i in scheme.indicators if i.seq == seq), None)
    shown = next((i for i in result.indicators if i.seq == seq), None)
    if ind is None or shown is None:
        raise EvaluationError(f"考核方案中没有指标{seq}。")
    title = f"{result.name} {year} 年“{ind.name}”的记录"
    source = ind.rule.source
    start, end = _year_bounds(year)
    rows: list[tuple[str, ...]]
    if source == Source.ACTIVITIES or source == Source.YOUTH:
        types = (
            ind.rule.activity_types
            if source == Source.ACTIVITIES
            else ledger_service.targets(session).youth_types
        )
        headers: tuple[str, ...] = ("日期", "类型", "活动", "地点", "联系青年人次", "本人")
        rows = [
            (f"{d:%Y-%m-%d}", kind, title_, place, str(youth), "无故缺席" if absent else "参加")
            for d, kind, title_, place, youth, absent in session.execute(
                select(
                    Activity.activity_date,
                    Activity.activity_type,
                    Activity.title,
                    Activity.place,
                    Activity.youth_count,
                    ActivityParticipant.absent,
                )
                .join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id)
                .where(
                    ActivityParticipant.person_id == person_id,
                    Activity.deleted_at.is_(None),
                    Activity.confirmation == str(Confirmation.CONFIRMED),
                    Activity.activity_type.in_(types),
                    Activity.activity_date >= start,
                    Activity.activity_date <= end,
                    # a missed meeting shows for the meetings' penalty, never for 人次
                    ActivityParticipant.absent.is_(False) if source == Source.YOUTH else true(),
                )
                .order_by(Activity.activity_date)
            )
        ]
    elif source == Source.DUTY:
        headers = ("日期", "联络站", "本人", "状态", "替班代表")
        rows = []
        for view in duty_service.duty_days(session, year=year, person_id=person_id):
            for seat in view.seats:
                if seat.person_id == person_id:
                    rows.append(
                        (f"{view.day:%Y-%m-%d}", view.station, "排班", seat.shown, seat.substitute)
                    )
                elif seat.substitute_id == person_id and seat.attendance == Attendance.SUBSTITUTED:
                    rows.append(
                        (f"{view.day:%Y-%m-%d}", view.station, f"替 {seat.name} 坐班", "到岗", "")
                    )
    elif source == Source.OPINIONS:
        headers = ("编号", "来访日期", "类别", "内容", "状态")
        rows = [
            (number, f"{d:%Y-%m-%d}", category, _short(content), status)
            for number, d, category, content, status in session.execute(
                select(
                    OpinionItem.number,
                    Visit.visit_date,
                    OpinionItem.category,
                    OpinionItem.content,
                    OpinionItem.status,
                )
                .join(Visit, Visit.id == OpinionItem.visit_id)
                .where(
                    Visit.received_by_id == person_id,
                    Visit.deleted_at.is_(None),
                    OpinionItem.deleted_at.is_(None),
                    Visit.visit_date >= start,
                    Visit.visit_date <= end,
                )
                .order_by(Visit.visit_date, OpinionItem.number)
            )
        ]
    elif source == Source.BRANCHES:
        headers = ("团支部", "单位", "来源")
        rows = [
            (name, unit, "结对联系")
            for name, unit in session.execute(
                select(YouthBranch.name, YouthBranch.unit)
                .join(BranchContact, BranchContact.branch_id == YouthBranch.id)
                .where(
                    BranchContact.delegate_id == person_id,
                    (BranchContact.start_date.is_(None)) | (BranchContact.start_date <= end),
                    (BranchContact.end_date.is_(None)) | (BranchContact.end_date >= start),
                )
            )
        ]
        rows += [
            (name, unit, f"{d:%Y-%m-%d} {title_}")
            for name, unit, d, title_ in session.execute(
                select(YouthBranch.name, YouthBranch.unit, Activity.activity_date, Activity.title)
                .join(Activity, Activity.branch_id == YouthBranch.id)
                .join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id)
                .where(
                    ActivityParticipant.person_id == person_id,
                    Activity.deleted_at.is_(None),
                    Activity.confirmation == str(Confirmation.CONFIRMED),
                    Activity.activity_date >= start,
                    Activity.activity_date <= end,
                )
                .order_by(Activity.activity_date)
            )
        ]
    elif source == Source.PROJECTS:
        headers = ("项目", "角色", "开始", "结束")
        led, joined = _project_roles(session, year)
        mine = [(p, "领办") for p in led.get(person_id, ())] + [
            (p, "参与") for p in joined.get(person_id, set()) - led.get(person_id, set())
        ]
        info = {
            pid: (name, first, last)
            for pid, name, first, last in session.execute(
                select(Project.id, Project.name, Project.start_date, Project.end_date).where(
                    Project.id.in_([p for p, _r in mine])
                )
            )
        }
        rows = sorted(
            (
                info[p][0],
                role,
                f"{info[p][1]:%Y-%m-%d}" if info[p][1] else "",
                f"{info[p][2]:%Y-%m-%d}" if info[p][2] else "",
            )
            for p, role in mine
        )
    else:
        headers, rows = ("说明",), [("本项由联络站手工评定，没有自动计算的记录。",)]
    return RecordList(title, headers, tuple(rows), shown.basis)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
