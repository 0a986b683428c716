"""Relations between people, editable from either side.

- 两联: committee member (委员) → delegates they contact (`CommitteeLink`)
- 往届团代表联系指导: past delegate → the delegates they mentor (`Mentorship`)
- delegate → youth branches (团支部) they contact (`BranchContact`)

A link that is removed gets an end date rather than being deleted, so last year's pairs stay
in the record; setting the same link again later starts a new period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from twdesk.core.errors import UserError
from twdesk.core.normalize import clean_text
from twdesk.db.models import BranchContact, CommitteeLink, Mentorship, Person, YouthBranch
from twdesk.services.limits import refuse_long


class LinkKind(StrEnum):
    COMMITTEE = "两联"
    MENTOR = "联系指导"
    BRANCH = "联系团支部"


@dataclass(frozen=True)
class _LinkSpec:
    model: Any
    left: str  # column naming the "from" side
    right: str  # column naming the "to" side


_SPECS = {
    LinkKind.COMMITTEE: _LinkSpec(CommitteeLink, "committee_id", "delegate_id"),
    LinkKind.MENTOR: _LinkSpec(Mentorship, "mentor_id", "mentee_id"),
    LinkKind.BRANCH: _LinkSpec(BranchContact, "delegate_id", "branch_id"),
}


class LinkError(UserError, ValueError):
    pass


def _column(spec: _LinkSpec, side: str) -> InstrumentedAttribute[str]:
    return getattr(spec.model, getattr(spec, side))


def linked_ids(
    session: Session, kind: LinkKind, person_id: str, *, side: str = "left"
) -> list[str]:
    """Current partners of `person_id`, who stands on `side` ("left" or "right") of the link."""
    spec = _SPECS[kind]
    other = "right" if side == "left" else "left"
    partners = list(
        session.scalars(
            select(_column(spec, other)).where(
                _column(spec, side) == person_id, spec.model.end_date.is_(None)
            )
        )
    )
    hidden = _in_bin(session, set(partners))
    return [p for p in partners if p not in hidden]


def _in_bin(session: Session, ids: set[str]) -> set[str]:
    """Which of these people or branches are in the recycle bin: links to them stay as they
    are, unseen, and show again when they are restored."""
    if not ids:
        return set()
    found: set[str] = set()
    for model in (Person, YouthBranch):
        found |= set(
            session.scalars(
                select(model.id).where(model.id.in_(ids), model.deleted_at.is_not(None))
            )
        )
    return found


def set_links(
    session: Session,
    kind: LinkKind,
    person_id: str,
    partner_ids: list[str],
    *,
    side: str = "left",
    on: date | None = None,
) -> tuple[int, int]:
    """Make the current partners exactly `partner_ids`; returns (added, ended)."""
    spec = _SPECS[kind]
    other = "right" if side == "left" else "left"
    today = on or date.today()
    wanted = set(partner_ids)
    if person_id in wanted and kind != LinkKind.BRANCH:
        raise LinkError("不能和自己建立联系")
    branch_ids = wanted if side == "left" else {person_id}
    people_ids = wanted - branch_ids if kind == LinkKind.BRANCH else wanted
    if kind == LinkKind.BRANCH:
        known = set(session.scalars(select(YouthBranch.id).where(YouthBranch.id.in_(branch_ids))))
        if known != branch_ids:
            raise LinkError("所选团支部有的已不存在，请重新选择")
    if set(_people_ids(session, people_ids)) != people_ids:
        raise LinkError("所选人员有的已不存在，请重新选择")
    current = list(
        session.scalars(
            select(spec.model).where(
                _column(spec, side) == person_id, spec.model.end_date.is_(None)
            )
        )
    )
    ended = 0
    hidden = _in_bin(session, {getattr(link, getattr(spec, other)) for link in current})
    for link in current:
        partner = getattr(link, getattr(spec, other))
        if partner not in wanted and partner not in hidden:
            link.end_date = today
            ended += 1
    have = {getattr(link, getattr(spec, other)) for link in current}
    added = 0
    for partner in sorted(wanted - have):
        session.add(
            spec.model(
                **{getattr(spec, side): person_id, getattr(spec, other): partner},
                start_date=today,
            )
        )
        added += 1
    session.flush()
    return added, ended


def _people_ids(session: Session, ids: set[str]) -> list[str]:
    if not ids:
        return []
    return list(
        session.scalars(select(Person.id).where(Person.id.in_(ids), Person.deleted_at.is_(None)))
    )


@dataclass(frozen=True)
class BranchRef:
    """A youth-league branch (团支部) a delegate keeps in touch with."""

    id: str
    name: str


def add_branch(
    session: Session, name: str, *, unit: str = "", station_id: str | None = None
) -> BranchRef:
    name = clean_text(name)
    if not name:
        raise LinkError("请填写团支部名称")
    refuse_long(
        {"name": name, "unit": clean_text(unit)},
        YouthBranch,
        {"name": "团支部名称", "unit": "所在单位"},
        LinkError,
    )
    existing = session.scalar(
        select(YouthBranch).where(YouthBranch.name == name, YouthBranch.deleted_at.is_(None))
    )
    if existing is not None:
        return BranchRef(existing.id, existing.name)
    branch = YouthBranch(name=name, unit=clean_text(unit), station_id=station_id)
    session.add(branch)
    session.flush()
    return BranchRef(branch.id, branch.name)


def branch_choices(session: Session) -> list[tuple[str, str]]:
    return [
        (bid, name)
        for bid, name in session.execute(
            select(YouthBranch.id, YouthBranch.name)
            .where(YouthBranch.deleted_at.is_(None))
            .order_by(YouthBranch.name)
        )
    ]


def people_choices(session: Session, *, role: str | None = None) -> list[tuple[str, str, str]]:
    """(id, name, unit) of people, optionally only those with a role flag such as is_committee."""
    query = (
        select(Person.id, Person.name, Person.unit)
        .where(Person.deleted_at.is_(None))
        .order_by(Person.name_pinyin, Person.name)
    )
    if role:
        query = query.where(getattr(Person, role).is_(True))
    return [(pid, name, unit) for pid, name, unit in session.execute(query)]
