"""满意度测评: survey rounds, anonymous ballots entered from paper or imported, the tally per
person rated and overall. The rate (满意 + 基本满意) ÷ ballots of a round covering delegates
suggests the evaluation's 10th indicator (see `twdesk.core.evaluation_rules`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_text
from twdesk.core.youth_contacts import BallotResult, BallotTally
from twdesk.db.base import now
from twdesk.db.models import Person, SatisfactionBallot, SatisfactionRound
from twdesk.services import contact_counts
from twdesk.services.contacts import ContactError
from twdesk.services.limits import check_lengths


@dataclass(frozen=True)
class RoundRow:
    id: str
    name: str
    held_on: date
    covers_contactors: bool
    covers_delegates: bool
    ballots: int

    @property
    def covers(self) -> str:
        parts = [
            text
            for flag, text in (
                (self.covers_contactors, "联系人"),
                (self.covers_delegates, "团代表"),
            )
            if flag
        ]
        return "、".join(parts)


def save_round(
    session: Session,
    name: str,
    held_on: date,
    *,
    covers_contactors: bool = True,
    covers_delegates: bool = True,
    round_id: str | None = None,
) -> str:
    problems = {}
    name = clean_text(name)
    if not name:
        problems["name"] = "请填写测评名称，如“2026年上半年联系青年满意度测评”"
    if not (covers_contactors or covers_delegates):
        problems["covers"] = "至少测评联系人或团代表中的一类"
    check_lengths(problems, {"name": name}, SatisfactionRound)
    existing = session.scalar(
        select(SatisfactionRound.id).where(
            SatisfactionRound.name == name, SatisfactionRound.deleted_at.is_(None)
        )
    )
    if existing and existing != round_id:
        problems["name"] = f"已有名为“{name}”的测评"
    if problems:
        raise ContactError(problems)
    row = session.get(SatisfactionRound, round_id) if round_id else SatisfactionRound()
    if row is None:
        raise ContactError("这次测评已不存在。")
    row.name, row.held_on = name, held_on
    row.covers_contactors, row.covers_delegates = covers_contactors, covers_delegates
    session.add(row)
    session.flush()
    return row.id


def rounds(session: Session) -> list[RoundRow]:
    counts = dict(
        session.execute(
            select(SatisfactionBallot.round_id, func.count())
            .where(SatisfactionBallot.deleted_at.is_(None))
            .group_by(SatisfactionBallot.round_id)
        ).all()
    )
    return [
        RoundRow(
            r.id, r.name, r.held_on, r.covers_contactors, r.covers_delegates, counts.get(r.id, 0)
        )
        for r in session.scalars(
            select(SatisfactionRound)
            .where(SatisfactionRound.deleted_at.is_(None))
            .order_by(SatisfactionRound.held_on.desc(), SatisfactionRound.name)
        )
    ]


def round_by_name(session: Session, name: str) -> SatisfactionRound:
    row = session.scalar(
        select(SatisfactionRound).where(
            SatisfactionRound.name == clean_text(name), SatisfactionRound.deleted_at.is_(None)
        )
    )
    if row is None:
        raise ContactError(f"没有名为“{clean_text(name)}”的满意度测评，请先在联系青年页新建。")
    return row


def add_ballots(
    session: Session,
    round_id: str,
    person_id: str,
    *,
    satisfied: int = 0,
    basic: int = 0,
    dissatisfied: int = 0,
) -> int:
    """Paper ballots about one person, entered as the three counts; returns ballots added."""
    row = session.get(SatisfactionRound, round_id)
    if row is None or row.deleted_at is not None:
        raise ContactError("这次测评已不存在。")
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise ContactError("找不到被测评人。")
    if min(satisfied, basic, dissatisfied) < 0:
        raise ContactError("票数不能为负数。")
    ballots = [
        SatisfactionBallot(round_id=round_id, person_id=person_id, result=str(result))
        for result, n in (
            (BallotResult.SATISFIED, satisfied),
            (BallotResult.BASIC, basic),
            (BallotResult.DISSATISFIED, dissatisfied),
        )
        for _ in range(n)
    ]
    if not ballots:
        raise ContactError("请至少录入一张测评票。")
    session.add_all(ballots)
    session.flush()
    return len(ballots)


def clear_ballots(session: Session, round_id: str, person_id: str, *, by: str = "") -> int:
    """Withdraw every ballot about ``person_id`` in a round (to enter them again)."""
    rows = list(
        session.scalars(
            select(SatisfactionBallot).where(
                SatisfactionBallot.round_id == round_id,
                SatisfactionBallot.person_id == person_id,
                SatisfactionBallot.deleted_at.is_(None),
            )
        )
    )
    stamp = now()
    for r in rows:
        r.deleted_at, r.deleted_by = stamp, by
    session.flush()
    return len(rows)


@dataclass(frozen=True)
class PersonTally:
    person_id: str
    name: str
    tally: BallotTally


@dataclass(frozen=True)
class RoundTally:
    round: RoundRow
    people: list[PersonTally]
    overall: BallotTally


def round_tally(session: Session, round_id: str) -> RoundTally:
    info = next((r for r in rounds(session) if r.id == round_id), None)
    if info is None:
        raise ContactError("这次测评已不存在。")
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for pid, name, result, n in session.execute(
        select(
            SatisfactionBallot.person_id,
            Person.name,
            SatisfactionBallot.result,
            func.count(),
        )
        .join(Person, Person.id == SatisfactionBallot.person_id)
        .where(SatisfactionBallot.round_id == round_id, SatisfactionBallot.deleted_at.is_(None))
        .group_by(SatisfactionBallot.person_id, Person.name, SatisfactionBallot.result)
    ):
        counts[pid][result] += n
        names[pid] = name
    people = [
        PersonTally(
            pid,
            names[pid],
            BallotTally(
                c[BallotResult.SATISFIED], c[BallotResult.BASIC], c[BallotResult.DISSATISFIED]
            ),
        )
        for pid, c in counts.items()
    ]
    people.sort(key=lambda p: (p.tally.rate is None, -(p.tally.rate or 0), p.name))
    overall = sum((p.tally for p in people), BallotTally())
    return RoundTally(info, people, overall)


def satisfaction_by_person(session: Session, year: int) -> dict[str, BallotTally]:
    """Per person rated, every ballot of the year's rounds."""
    return contact_counts.ballot_counts(session, year)
