"""联系青年花名册 and satisfaction ballots from spreadsheets, on the one import engine.

Contacts: one row per young person with a 联系人 column naming the delegate or cadre; each row
checked by the contact book's own checks; the same young person already in a book (same phone,
or same name and organisation) is reused, so shared people stay one person; a person already in
that contactor's book, or twice in the file for one contactor, is a problem. Ballots: 被测评人
and 测评结果, one ballot per row, into the round named on the command line (created when new).
Any problem → nothing imported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, clean_text
from twdesk.core.phone import normalize_phone
from twdesk.core.youth_contacts import Match, ballot_result, match
from twdesk.db.models import ContactBookEntry, Person, SatisfactionBallot, YoungPerson
from twdesk.excel.contact_columns import BALLOT_ALIASES, CONTACT_ALIASES
from twdesk.importing.engine import Progress, Row, Spec, check_file
from twdesk.importing.problems import ImportCancelled
from twdesk.services import contact_ballots, contacts
from twdesk.services.contacts import ContactError

CONTACT_SPEC = Spec(
    CONTACT_ALIASES,
    required=("contactor", "name"),
    hints={
        "contactor": "填写团代表或团干部的姓名；不在库中的请先在“联络站与代表”中登记",
        "name": "填写青年姓名",
        "gender": "填写“男”或“女”，或留空",
        "birth_year": "填写四位年份，如 2001，或留空",
        "age_group": "改为 18-24岁 这样的年龄段，或留空",
        "field": "改为领域列表中的一项，或先在联系青年页的领域设置中增加",
        "phone": "改正或留空",
        "first_contact_date": "写成 2026-03-04 这样的日期",
        "first_contact_way": "填写 走访、电话、微信、QQ、活动 或 来访",
    },
    what="联系青年花名册",
)
BALLOT_SPEC = Spec(
    BALLOT_ALIASES,
    required=("person", "result"),
    hints={
        "person": "核对被测评人的姓名，或先在“联络站与代表”中登记",
        "result": "填写“满意”“基本满意”或“不满意”",
    },
    what="满意度测评票",
)


@dataclass
class ContactImportSummary:
    added: int = 0
    new_people: int = 0
    shared: int = 0  # rows that found the young person in another book
    unsure: int = 0  # alike someone already stored, kept as a new person

    def one_line(self) -> str:
        text = f"导入完成：名册记录 {self.added} 条（新青年 {self.new_people} 人，与其他名册共有 {self.shared} 人）"
        if self.unsure:
            text += f"；另有 {self.unsure} 人与已有青年姓名相同但无法确认是同一人，已作为新青年登记，请在联系青年页核对"
        return text + "。"


@dataclass
class _ContactRow:
    contactor_id: str
    values: dict[str, Any]
    young_person_id: str | None
    unsure: bool


def _year(value: object) -> object:
    """出生年份 as offices write it: 2001, 2001.0, 2001-03-04, 2001年3月 → 2001."""
    if isinstance(value, date):
        return value.year
    text = clean_text(value)
    found = re.match(r"^(\d{4})(?:$|[年.\-/])", text)
    return found.group(1) if found else value


class _ContactChecker:
    def __init__(self, session: Session, today: date) -> None:
        self.today = today
        self.fields = contacts.youth_fields(session)
        self.people: dict[str, list[str]] = defaultdict(list)
        for pid, name in session.execute(
            select(Person.id, Person.name).where(Person.deleted_at.is_(None))
        ):
            self.people[name].append(pid)
        # the stored young people, by phone and by name
        self.by_phone: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for yid, name, org, phone in session.execute(
            select(
                YoungPerson.id, YoungPerson.name, YoungPerson.organisation, YoungPerson.phone
            ).where(YoungPerson.deleted_at.is_(None))
        ):
            record = (yid, name, org, phone)
            self.by_name[name].append(record)
            if phone:
                self.by_phone[phone].append(record)
        self.in_book: set[tuple[str, str]] = set(
            session.execute(
                select(ContactBookEntry.contactor_id, ContactBookEntry.young_person_id).where(
                    ContactBookEntry.deleted_at.is_(None)
                )
            ).all()
        )
        self.seen: dict[tuple[str, str], int] = {}  # (contactor, person key) → first row

    def __call__(self, row: Row) -> _ContactRow | None:
        contactor = clean_name(row.raw("contactor"))
        found = self.people.get(contactor, [])
        contactor_id = None
        if not contactor:
            row.problem("contactor", "请填写联系人")
        elif not found:
            row.problem("contactor", f"找不到团代表或团干部“{contactor}”")
        elif len(found) > 1:
            row.problem("contactor", f"有多位同名的“{contactor}”", "导入后在界面中手工添加")
        else:
            contactor_id = found[0]
        values = {
            key: row.raw(key)
            for key in (
                "name",
                "gender",
                "age_group",
                "field",
                "organisation",
                "phone",
                "wechat",
                "notes",
                "first_contact_date",
                "first_contact_way",
            )
        }
        values["birth_year"] = _year(row.raw("birth_year"))
        try:
            clean = contacts.check_young_person(values, self.fields)
        except ContactError as exc:
            row.report(exc)
            clean = None
        try:
            first, way = contacts.check_first(values, self.today, required=True)
        except ContactError as exc:
            row.report(exc)
            first = None
        if clean is None or first is None or contactor_id is None:
            return None
        key = clean["phone"] or f"{clean['name']}|{clean['organisation']}"
        earlier = self.seen.get((contactor_id, key))
        if earlier is not None:
            row.problem("name", f"与第{earlier}行是同一位青年（{contactor}的名册中只记一次）")
            return None
        self.seen[(contactor_id, key)] = row.number
        candidates = {
            r[0]: r for r in (*self.by_phone.get(clean["phone"], ()), *self.by_name[clean["name"]])
        }
        kinds = {
            yid: match(clean["name"], clean["organisation"], clean["phone"], n, o, p)
            for yid, (_y, n, o, p) in candidates.items()
        }
        same = [yid for yid, kind in kinds.items() if kind == Match.SAME]
        unsure = any(kind == Match.UNSURE for kind in kinds.values())
        young_id = same[0] if len(same) == 1 else None
        if young_id and (contactor_id, young_id) in self.in_book:
            row.problem("name", f"已在{contactor}的名册中")
            return None
        return _ContactRow(
            contactor_id,
            {**values, "first_contact_date": first, "first_contact_way": way},
            young_id,
            unsure and young_id is None,
        )


def import_contacts(
    session: Session,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> ContactImportSummary:
    """Check the whole file, then write it in the caller's transaction; or raise ImportProblems."""
    today = today or date.today()
    preview = check_file(
        Path(path), CONTACT_SPEC, _ContactChecker(session, today), progress=progress, cancel=cancel
    )
    preview.raise_problems()
    summary = ContactImportSummary()
    made: dict[str, str] = {}  # a new person made for an earlier row of the file: reused
    for i, row in enumerate(preview.rows):
        if cancel and i % 500 == 0 and cancel():
            raise ImportCancelled
        values = row.values
        phone = normalize_phone(clean_text(values.get("phone")))
        key = phone or f"{clean_name(values.get('name'))}|{clean_text(values.get('organisation'))}"
        young_id = row.young_person_id or made.get(key)
        result = contacts.add_to_book(
            session,
            row.contactor_id,
            values,
            young_person_id=young_id,
            as_new=young_id is None,
            today=today,
        )
        if young_id is None:
            made[key] = result.young_person_id or ""
            summary.new_people += 1
            summary.unsure += row.unsure
        else:
            summary.shared += 1
        summary.added += 1
    return summary


# --- ballots ------------------------------------------------------------------------------


@dataclass
class BallotImportSummary:
    round_name: str
    ballots: int = 0
    people: int = 0
    new_round: bool = False

    def one_line(self) -> str:
        made = "（新建测评）" if self.new_round else ""
        return f"导入完成：{self.round_name}{made}测评票 {self.ballots} 张，涉及 {self.people} 人。"


class _BallotChecker:
    def __init__(self, session: Session) -> None:
        self.people: dict[str, list[str]] = defaultdict(list)
        for pid, name in session.execute(
            select(Person.id, Person.name).where(Person.deleted_at.is_(None))
        ):
            self.people[name].append(pid)

    def __call__(self, row: Row) -> tuple[str, str] | None:
        name = clean_name(row.raw("person"))
        found = self.people.get(name, [])
        pid = None
        if not name:
            row.problem("person", "请填写被测评人")
        elif not found:
            row.problem("person", f"找不到“{name}”")
        elif len(found) > 1:
            row.problem("person", f"有多位同名的“{name}”", "在界面中按人录入这些票")
        else:
            pid = found[0]
        result = ballot_result(row.text("result"))
        if result is None:
            row.problem("result", "应为“满意”“基本满意”或“不满意”")
        if pid is None or result is None:
            return None
        return pid, str(result)


def import_ballots(
    session: Session,
    path: Path,
    *,
    round_name: str,
    held_on: date | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BallotImportSummary:
    """One ballot per row into the round named ``round_name`` (created when new)."""
    preview = check_file(
        Path(path), BALLOT_SPEC, _BallotChecker(session), progress=progress, cancel=cancel
    )
    preview.raise_problems()
    summary = BallotImportSummary(clean_text(round_name))
    try:
        round_id = contact_ballots.round_by_name(session, round_name).id
    except ContactError:
        round_id = contact_ballots.save_round(session, round_name, held_on or date.today())
        summary.new_round = True
    session.add_all(
        SatisfactionBallot(round_id=round_id, person_id=pid, result=result)
        for pid, result in preview.rows
    )
    session.flush()
    summary.ballots = len(preview.rows)
    summary.people = len({pid for pid, _r in preview.rows})
    return summary
