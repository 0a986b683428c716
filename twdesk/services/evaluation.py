"""履职考核: open a year with suggestions from the records, three stages, the quota, locked years.

Every function takes the caller's session (one transaction: ``with db.transaction() as s``) and
returns plain data (`twdesk.core.evaluation_view`), never ORM rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.core.evaluation_rules import Scheme
from twdesk.core.evaluation_view import DelegateResult, Stage, StageProgress, StationYear

Progress = Callable[[int, int], None]  # (done, total)


class EvaluationError(UserError):
    title = "考核"


@dataclass(frozen=True)
class StageEntry:
    """One stage's scores for one delegate, as typed or imported.

    ``scores``: indicator seq → score; an indicator left out keeps the stage's earlier score
    (or, when the stage had none, takes the suggestion). A score other than the suggestion is an
    override and needs a reason in ``reasons`` (seq → text); manual indicators need none.
    ``veto``: the veto situation's number as listed in the scheme ("3") or its text; None for
    none. ``bonus`` is capped by the scheme when the total is computed.
    """

    scores: Mapping[int, Decimal | None] = field(default_factory=dict)
    reasons: Mapping[int, str] = field(default_factory=dict)
    bonus: Decimal | None = None  # None = keep
    veto: str | None = None
    notes: str | None = None  # None = keep


@dataclass(frozen=True)
class OpenSummary:
    year: int
    created: int  # evaluations created
    refreshed: int  # unlocked evaluations whose suggestions were recomputed
    locked: int  # locked evaluations left as they were
    stations: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordList:
    """The records behind one suggested number (有账可对): a small table."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    basis: str = ""  # the suggestion's explanation


def current_scheme(session: Session) -> Scheme:
    """The scheme new and reopened (unlocked) years are scored with."""
    raise NotImplementedError


def save_scheme(session: Session, scheme: Scheme) -> None:
    """Check and store the office's scheme (SchemeError lists every problem). Locked years keep
    the scheme they were locked with; unlocked years take the new one when reopened."""
    raise NotImplementedError


def evaluation_years(session: Session) -> list[int]:
    """Years with evaluations, newest first."""
    raise NotImplementedError


def station_choices(session: Session, year: int) -> list[tuple[str, str]]:
    """(station id, name) of the stations with evaluations in ``year``."""
    raise NotImplementedError


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
    raise NotImplementedError


def station_year(session: Session, year: int, station_id: str) -> StationYear:
    """One station's year: every delegate ranked, quota applied, consequences."""
    raise NotImplementedError


def results(session: Session, year: int, *, station_id: str | None = None) -> list[DelegateResult]:
    """Every delegate's result for ``year`` (one station or all), by station then rank."""
    raise NotImplementedError


def delegate_result(session: Session, year: int, person_id: str) -> DelegateResult:
    """One delegate's result for ``year`` (EvaluationError when the year is not opened)."""
    raise NotImplementedError


def find_delegate(session: Session, year: int, name: str, station: str | None = None) -> str:
    """The person id of the evaluated delegate called ``name`` in ``year`` (EvaluationError when
    nobody or more than one matches; ``station`` narrows it down)."""
    raise NotImplementedError


def find_station(session: Session, name: str) -> str:
    """The id of the station called ``name`` (EvaluationError naming the stations otherwise)."""
    raise NotImplementedError


def save_stage(
    session: Session, year: int, person_id: str, stage: Stage, entry: StageEntry
) -> DelegateResult:
    """Store one stage for one delegate (every override needs a reason; refused when locked)."""
    raise NotImplementedError


def save_past_result(
    session: Session, year: int, person_id: str, total: Decimal, grade: str, notes: str = ""
) -> None:
    """A past year's result from paper: just 总分 and 等次 (refused when the year is locked)."""
    raise NotImplementedError


def lock_year(session: Session, year: int, station_id: str) -> int:
    """Freeze the station's year: scores, grades, consequences and the scheme snapshot.
    Refused while a quota tie is undecided. Returns how many evaluations were locked."""
    raise NotImplementedError


def unlock_year(session: Session, year: int, station_id: str, reason: str) -> int:
    """Unlock the station's year (a reason is required and kept). Returns how many."""
    raise NotImplementedError


def decide_tie(session: Session, year: int, person_id: str, grade: str, reason: str) -> None:
    """Settle a tie at the 优秀 quota line for one delegate: 优秀 or 称职, with a reason."""
    raise NotImplementedError


def progress(session: Session, year: int) -> list[StageProgress]:
    """Per station: how many delegates and who is missing which stage."""
    raise NotImplementedError


def records_behind(session: Session, year: int, person_id: str, seq: int) -> RecordList:
    """The records an indicator's suggestion counted: duty days, activities, opinion items…"""
    raise NotImplementedError
