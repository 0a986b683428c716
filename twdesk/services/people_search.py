"""Search-as-you-type over people: one query loads a light index, each keystroke filters it.

10,000 people fit in a few MB; filtering them in Python takes a few milliseconds, far below
what a query per keystroke costs, and works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.idcard import mask_id_number
from twdesk.db.models import GroupMembership, Person, SpecialGroup, Station, StationMembership


@dataclass(frozen=True, slots=True)
class PersonEntry:
    id: str
    name: str
    pinyin: str  # "zhangsan" (no spaces)
    initials: str  # "zs"
    phone: str
    id_masked: str  # shown in lists
    id_tail: str  # last 6 characters, for "last digits" search
    gender: str
    level: str
    status: str
    unit: str
    stations: tuple[str, ...]
    groups: tuple[str, ...]
    roles: tuple[str, ...]


class PeopleIndex:
    def __init__(self, entries: list[PersonEntry]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, session: Session) -> PeopleIndex:
        stations: dict[str, list[str]] = defaultdict(list)
        for pid, name in session.execute(
            select(StationMembership.person_id, Station.name)
            .join(Station, Station.id == StationMembership.station_id)
            .where(StationMembership.end_date.is_(None), Station.deleted_at.is_(None))
        ):
            stations[pid].append(name)
        groups: dict[str, list[str]] = defaultdict(list)
        for pid, name in session.execute(
            select(GroupMembership.person_id, SpecialGroup.name)
            .join(SpecialGroup, SpecialGroup.id == GroupMembership.group_id)
            .where(GroupMembership.end_date.is_(None), SpecialGroup.deleted_at.is_(None))
        ):
            groups[pid].append(name)
        rows = session.execute(
            select(
                Person.id,
                Person.name,
                Person.name_pinyin,
                Person.name_initials,
                Person.phone,
                Person.id_number,
                Person.gender,
                Person.level,
                Person.status,
                Person.unit,
                Person.is_delegate,
                Person.is_committee,
                Person.is_past_delegate,
                Person.is_cadre,
            )
            .where(Person.deleted_at.is_(None))
            .order_by(Person.name_pinyin, Person.name)
        ).all()
        entries = []
        for r in rows:
            roles = tuple(
                label
                for flag, label in (
                    (r[10], "团代表"),
                    (r[11], "委员"),
                    (r[12], "往届团代表"),
                    (r[13], "团干部"),
                )
                if flag
            )
            entries.append(
                PersonEntry(
                    id=r[0],
                    name=r[1],
                    pinyin=(r[2] or "").replace(" ", ""),
                    initials=r[3] or "",
                    phone=r[4] or "",
                    id_masked=mask_id_number(r[5] or ""),
                    id_tail=(r[5] or "")[-6:],
                    gender=r[6] or "",
                    level=r[7] or "",
                    status=r[8] or "",
                    unit=r[9] or "",
                    stations=tuple(stations.get(r[0], ())),
                    groups=tuple(groups.get(r[0], ())),
                    roles=roles,
                )
            )
        return cls(entries)

    def search(
        self,
        text: str = "",
        *,
        station: str | None = None,
        level: str | None = None,
        status: str | None = None,
        group: str | None = None,
        role: str | None = None,
    ) -> list[PersonEntry]:
        """Name substring, pinyin initials or full pinyin prefix, phone digits, ID-number tail."""
        query = re.sub(r"\s+", "", text).lower()
        digits = query.isdigit()
        latin = query.isascii() and query.isalpha()
        result = []
        for e in self.entries:
            if station and station not in e.stations:
                continue
            if level and e.level != level:
                continue
            if status and e.status != status:
                continue
            if group and group not in e.groups:
                continue
            if role and role not in e.roles:
                continue
            if query:
                if digits:
                    if query not in e.phone and not (
                        len(query) >= 4 and e.id_tail.endswith(query.upper())
                    ):
                        continue
                elif latin:
                    if not (e.initials.startswith(query) or e.pinyin.startswith(query)):
                        continue
                elif query not in e.name and not (
                    len(query) >= 4 and e.id_tail.endswith(query.upper())
                ):
                    continue
            result.append(e)
        return result
