"""The office's 联系青年 settings and the book's distinct counts, kept apart from the contact
book's use cases so the ledger and the evaluation can read them without a cycle.

Settings (one JSON value in `setting`): the target of distinct people (default 100), the
repeated-contact limit (default 6) and how the ledger's 1+100 progress and the evaluation's
联系青年 indicator count: 人次 from activities (the default) or distinct people from the book.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.youth_contacts import (
    DEFAULT_REPEAT_LIMIT,
    DEFAULT_TARGET,
    BallotResult,
    BallotTally,
    CountMethod,
)
from twdesk.db.models import ContactLogEntry, SatisfactionBallot, SatisfactionRound, Setting
from twdesk.services.errors import FieldProblems

SETTING_KEY = "contacts.settings"


SETTING_LABELS = {
    "target": "联系青年目标",
    "repeat_limit": "重复联系次数",
    "count_method": "计数方式",
}


class ContactSettingsError(FieldProblems):
    labels = SETTING_LABELS


@dataclass(frozen=True)
class ContactSettings:
    target: int = DEFAULT_TARGET  # distinct young people a year
    repeat_limit: int = DEFAULT_REPEAT_LIMIT  # more contacts than this with one person: flagged
    count_method: str = str(CountMethod.ACTIVITIES)


def contact_settings(session: Session) -> ContactSettings:
    row = session.get(Setting, SETTING_KEY)
    if row is None or not row.value:
        return ContactSettings()
    data = json.loads(row.value)
    method = data.get("count_method", CountMethod.ACTIVITIES)
    if method not in {str(m) for m in CountMethod}:
        method = CountMethod.ACTIVITIES
    return ContactSettings(
        int(data.get("target", DEFAULT_TARGET)),
        int(data.get("repeat_limit", DEFAULT_REPEAT_LIMIT)),
        str(method),
    )


def set_contact_settings(session: Session, value: ContactSettings) -> ContactSettings:
    problems = {}
    if value.target < 1:
        problems["target"] = "应至少为 1 人"
    if value.repeat_limit < 1:
        problems["repeat_limit"] = "应至少为 1 次"
    if value.count_method not in {str(m) for m in CountMethod}:
        problems["count_method"] = "应为“按活动覆盖人次”或“按名册人数”"
    if problems:
        raise ContactSettingsError(problems)
    row = session.get(Setting, SETTING_KEY) or Setting(key=SETTING_KEY)
    row.value = json.dumps(
        {
            "target": value.target,
            "repeat_limit": value.repeat_limit,
            "count_method": value.count_method,
        }
    )
    session.add(row)
    session.flush()
    return value


def counts_by_book(session: Session) -> bool:
    """Whether the ledger and the evaluation count distinct people from the book."""
    return contact_settings(session).count_method == CountMethod.BOOK


def contacts_per_person(
    session: Session, start: date, end: date, *, contactor_id: str | None = None
) -> defaultdict[str, Counter[str]]:
    """Per contactor, young person id → contacts (log entries) between ``start`` and ``end``:
    one grouped query on the (date, contactor, young person, deleted) index."""
    query = (
        select(
            ContactLogEntry.contactor_id,
            ContactLogEntry.young_person_id,
            func.count(),
        )
        .where(
            ContactLogEntry.contact_date >= start,
            ContactLogEntry.contact_date <= end,
            ContactLogEntry.deleted_at.is_(None),
        )
        .group_by(ContactLogEntry.contactor_id, ContactLogEntry.young_person_id)
    )
    if contactor_id:
        query = query.where(ContactLogEntry.contactor_id == contactor_id)
    result: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for cid, yid, n in session.execute(query):
        result[cid][yid] = n
    return result


def distinct_people(session: Session, year: int, *, person_id: str | None = None) -> Counter[str]:
    """Per contactor, the distinct young people in touch in ``year``."""
    per = contacts_per_person(session, date(year, 1, 1), date(year, 12, 31), contactor_id=person_id)
    return Counter({cid: len(people) for cid, people in per.items()})


def first_contacts_by_month(session: Session, year: int, person_id: str) -> tuple[int, ...]:
    """The distinct young people ``person_id`` was in touch with in ``year``, by the month of
    their first contact that year (twelve numbers; their sum is the year's distinct people)."""
    first = (
        select(func.min(ContactLogEntry.contact_date))
        .where(
            ContactLogEntry.contactor_id == person_id,
            ContactLogEntry.contact_date >= date(year, 1, 1),
            ContactLogEntry.contact_date <= date(year, 12, 31),
            ContactLogEntry.deleted_at.is_(None),
        )
        .group_by(ContactLogEntry.young_person_id)
    )
    months = [0] * 12
    for day in session.scalars(first):
        months[day.month - 1] += 1
    return tuple(months)


def ballot_counts(
    session: Session, year: int, *, delegates: bool = False
) -> dict[str, BallotTally]:
    """Per person rated, the ballots of the satisfaction rounds held in ``year`` (only rounds
    covering delegates when ``delegates``)."""
    query = (
        select(SatisfactionBallot.person_id, SatisfactionBallot.result, func.count())
        .join(SatisfactionRound, SatisfactionRound.id == SatisfactionBallot.round_id)
        .where(
            SatisfactionBallot.deleted_at.is_(None),
            SatisfactionRound.deleted_at.is_(None),
            SatisfactionRound.held_on >= date(year, 1, 1),
            SatisfactionRound.held_on <= date(year, 12, 31),
        )
        .group_by(SatisfactionBallot.person_id, SatisfactionBallot.result)
    )
    if delegates:
        query = query.where(SatisfactionRound.covers_delegates.is_(True))
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for pid, result, n in session.execute(query):
        counts[pid][result] += n
    return {
        pid: BallotTally(
            c[BallotResult.SATISFIED], c[BallotResult.BASIC], c[BallotResult.DISSATISFIED]
        )
        for pid, c in counts.items()
    }
