"""联系青年: contact books (联系青年名册) of delegates and League cadres, the contact log, shared
young people, the year's counts per contactor, grassroots days and open days.

A young person is stored once: adding someone to a book first looks for the same person in the
other books (same phone; else same name and organisation). A clear match is reused; an unsure
one comes back as `AddResult(needs_confirmation=True, candidates=…)` for the user to confirm,
nothing written. Every contact is a log entry; the first contact is the first log entry.
Phones and WeChat/QQ leave this module masked except through `young_person_values` (the
editor). Callers own the transaction. Satisfaction ballots and the bulletin are in
`twdesk.services.contact_ballots` and `twdesk.services.contact_bulletin`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from twdesk.core.holidays import WorkCalendar, library_holidays
from twdesk.core.idcard import mask_phone
from twdesk.core.normalize import clean_name, clean_prose, clean_text, parse_date
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.core.pinyin import name_keys
from twdesk.core.vocab import DEFAULT_YOUTH_FIELDS, LookupKind, PersonStatus
from twdesk.core.youth_contacts import (
    AGE_GROUPS,
    CONTACT_WAYS,
    GENDERS,
    Match,
    WeekRule,
    grassroots_weeks,
    match,
    open_day_quarters,
    tally,
)
from twdesk.db.models import (
    ContactBookEntry,
    ContactLogEntry,
    GrassrootsDay,
    Holiday,
    HolidayYear,
    LookupValue,
    OpenDay,
    Person,
    YoungPerson,
)
from twdesk.db.versions import check_version
from twdesk.services import contact_counts, ledger, recycle_bin
from twdesk.services.contact_counts import ContactSettings, contact_settings
from twdesk.services.errors import FieldProblems
from twdesk.services.limits import check_lengths

FIELD_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "birth_year": "出生年份",
    "age_group": "年龄段",
    "field": "领域",
    "organisation": "单位或村",
    "phone": "联系电话",
    "wechat": "微信/QQ",
    "notes": "备注",
    "contactor": "联系人",
    "first_contact_date": "首次联系日期",
    "first_contact_way": "首次联系方式",
    "contact_date": "联系日期",
    "way": "联系方式",
    "discussed": "交流内容",
    "help_given": "提供帮助",
    "follow_up": "后续跟进",
    "day": "日期",
    "place": "地点",
    "what": "做了什么",
    "theme": "主题",
    "youth_count": "参加青年人数",
    "fields": "领域",
}


class ContactError(FieldProblems):
    labels = FIELD_LABELS


ROLE_CADRE = "团干部"
ROLE_DELEGATE = "团代表"


# --- lists and settings -----------------------------------------------------------------------


def youth_fields(session: Session) -> list[str]:
    """The office's 领域 list (the defaults until the office edits it)."""
    names = list(
        session.scalars(
            select(LookupValue.name)
            .where(LookupValue.kind == str(LookupKind.YOUTH_FIELD), LookupValue.active.is_(True))
            .order_by(LookupValue.sort_order, LookupValue.name)
        )
    )
    if names:
        return names
    stored = session.scalar(
        select(func.count())
        .select_from(LookupValue)
        .where(LookupValue.kind == str(LookupKind.YOUTH_FIELD))
    )
    return [] if stored else list(DEFAULT_YOUTH_FIELDS)


def set_youth_fields(session: Session, names: list[str]) -> None:
    """The 领域 list in this order; names dropped are deactivated (old records keep them)."""
    wanted = list(dict.fromkeys(clean_text(n) for n in names if clean_text(n)))
    if not wanted:
        raise ContactError("领域列表不能为空。")
    rows = {
        r.name: r
        for r in session.scalars(
            select(LookupValue).where(LookupValue.kind == str(LookupKind.YOUTH_FIELD))
        )
    }
    for order, name in enumerate(wanted):
        row = rows.get(name)
        if row is None:
            row = LookupValue(kind=str(LookupKind.YOUTH_FIELD), name=name)
            session.add(row)
        row.sort_order, row.active = order, True
    for name, row in rows.items():
        if name not in wanted:
            row.active = False
    session.flush()


def settings(session: Session) -> ContactSettings:
    return contact_settings(session)


def set_settings(session: Session, value: ContactSettings) -> ContactSettings:
    return contact_counts.set_contact_settings(session, value)


# --- contactors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contactor:
    id: str
    name: str
    role: str  # 团干部 / 团代表


def contactors(session: Session) -> list[Contactor]:
    """Cadres and delegates in office, and anyone else who has a contact book; cadres first."""
    with_book = select(ContactBookEntry.contactor_id).where(ContactBookEntry.deleted_at.is_(None))
    rows = session.execute(
        select(Person.id, Person.name, Person.is_cadre)
        .where(
            Person.deleted_at.is_(None),
            or_(
                (Person.status == str(PersonStatus.ACTIVE))
                & (Person.is_cadre.is_(True) | Person.is_delegate.is_(True)),
                Person.id.in_(with_book),
            ),
        )
        .order_by(Person.is_cadre.desc(), Person.name_pinyin, Person.name)
    ).all()
    return [
        Contactor(pid, name, ROLE_CADRE if cadre else ROLE_DELEGATE) for pid, name, cadre in rows
    ]


def _contactor(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise ContactError({"contactor": "找不到这位联系人（团代表或团干部）"})
    return person


# --- young people -------------------------------------------------------------------------------


def check_young_person(values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """Cleaned values of a young person, or ContactError naming every field at fault."""
    problems: dict[str, str] = {}
    name = clean_name(values.get("name"))
    if not name:
        problems["name"] = "请填写姓名"
    gender = clean_text(values.get("gender"))
    if gender in ("男性", "女性"):
        gender = gender[0]
    if gender and gender not in GENDERS:
        problems["gender"] = "应为“男”或“女”，或留空"
    birth_year: int | None = None
    raw_year = clean_text(values.get("birth_year")).removesuffix("年")
    if raw_year:
        if raw_year.isdigit() and 1900 <= int(raw_year) <= 2100:
            birth_year = int(raw_year)
        else:
            problems["birth_year"] = "应为四位年份，如 2001"
    age_group = clean_text(values.get("age_group"))
    if age_group and age_group not in AGE_GROUPS:
        problems["age_group"] = f"应为 {'、'.join(AGE_GROUPS)} 之一，或留空"
    field_name = clean_text(values.get("field"))
    if field_name and field_name not in fields:
        problems["field"] = f"不在领域列表中（{'、'.join(fields)}）"
    phone = normalize_phone(clean_text(values.get("phone")))
    for message in validate_phone(phone):
        problems.setdefault("phone", message)
    clean = {
        "name": name,
        "gender": gender,
        "birth_year": birth_year,
        "age_group": age_group,
        "field": field_name,
        "organisation": clean_text(values.get("organisation")),
        "phone": phone,
        "wechat": clean_text(values.get("wechat")),
        "notes": clean_prose(values.get("notes")),
    }
    check_lengths(problems, clean, YoungPerson)
    if problems:
        raise ContactError(problems)
    return clean


@dataclass(frozen=True)
class Candidate:
    """A young person already in some book who may be the one being added."""

    id: str
    name: str
    organisation: str
    field: str
    phone_masked: str
    books: tuple[str, ...]  # contactors whose book has them
    match: str  # Match.SAME / Match.UNSURE


def _books_of(session: Session, young_ids: list[str]) -> dict[str, list[str]]:
    books: dict[str, list[str]] = defaultdict(list)
    if not young_ids:
        return books
    for yid, name in session.execute(
        select(ContactBookEntry.young_person_id, Person.name)
        .join(Person, Person.id == ContactBookEntry.contactor_id)
        .where(
            ContactBookEntry.young_person_id.in_(young_ids),
            ContactBookEntry.deleted_at.is_(None),
        )
        .order_by(Person.name_pinyin)
    ):
        books[yid].append(name)
    return books


def find_matches(session: Session, clean: dict[str, Any]) -> list[Candidate]:
    """Young people who may be ``clean`` (checked values): clear matches first."""
    conditions = [YoungPerson.name == clean["name"]]
    if clean["phone"]:
        conditions.append(YoungPerson.phone == clean["phone"])
    rows = session.execute(
        select(
            YoungPerson.id,
            YoungPerson.name,
            YoungPerson.organisation,
            YoungPerson.field,
            YoungPerson.phone,
        ).where(YoungPerson.deleted_at.is_(None), or_(*conditions))
    ).all()
    found = []
    for yid, name, org, field_name, phone in rows:
        kind = match(clean["name"], clean["organisation"], clean["phone"], name, org, phone)
        if kind is not None:
            found.append((kind, yid, name, org, field_name, phone))
    books = _books_of(session, [f[1] for f in found])
    found.sort(key=lambda f: (f[0] != Match.SAME, f[2]))
    return [
        Candidate(yid, name, org, field_name, mask_phone(phone), tuple(books.get(yid, ())), kind)
        for kind, yid, name, org, field_name, phone in found
    ]


@dataclass(frozen=True)
class AddResult:
    entry_id: str | None
    young_person_id: str | None
    reused: bool = False  # an existing young person (shared with another book)
    needs_confirmation: bool = False  # unsure: ask, then call again with a choice
    candidates: tuple[Candidate, ...] = ()


def check_first(values: dict[str, Any], today: date, *, required: bool = False) -> tuple[date, str]:
    """The first contact's date (today when left out, unless ``required``) and way."""
    problems: dict[str, str] = {}
    first = values.get("first_contact_date")
    if not isinstance(first, date):
        try:
            first = parse_date(first)
        except ValueError as exc:
            problems["first_contact_date"] = str(exc)
            first = None
    if first is None and "first_contact_date" not in problems:
        if required:
            problems["first_contact_date"] = "请填写首次联系日期"
        first = today
    if isinstance(first, date) and first > today:
        problems["first_contact_date"] = "不能晚于今天"
    way = clean_text(values.get("first_contact_way")) or CONTACT_WAYS[0]
    if way not in CONTACT_WAYS:
        problems["first_contact_way"] = f"应为 {'、'.join(CONTACT_WAYS)} 之一"
    if problems:
        raise ContactError(problems)
    assert isinstance(first, date)
    return first, way


def add_to_book(
    session: Session,
    contactor_id: str,
    values: dict[str, Any],
    *,
    young_person_id: str | None = None,
    as_new: bool = False,
    today: date | None = None,
) -> AddResult:
    """Put a young person in ``contactor_id``'s book with the first contact (a log entry).

    ``young_person_id`` reuses that person (the user confirmed the match); ``as_new`` stores a
    new person even if someone alike exists; otherwise a clear match is reused and an unsure
    one is returned for confirmation with nothing written."""
    today = today or date.today()
    _contactor(session, contactor_id)
    clean = check_young_person(values, youth_fields(session) + _used_fields(values))
    first, way = check_first(values, today)
    reused = False
    if young_person_id is None and not as_new:
        candidates = find_matches(session, clean)
        same = [c for c in candidates if c.match == Match.SAME]
        if len(same) == 1 and len(candidates) == 1:
            young_person_id, reused = same[0].id, True
        elif candidates:
            return AddResult(None, None, needs_confirmation=True, candidates=tuple(candidates))
    if young_person_id is not None:
        young = session.get(YoungPerson, young_person_id)
        if young is None or young.deleted_at is not None:
            raise ContactError("找不到要合并的青年，请重新查找。")
        reused = True
        for key, value in clean.items():  # fill what the stored record lacks
            if value and not getattr(young, key):
                setattr(young, key, value)
    else:
        young = YoungPerson(**clean)
        young.name_pinyin, young.name_initials = name_keys(clean["name"])
        session.add(young)
        session.flush()
    existing = session.scalar(
        select(ContactBookEntry).where(
            ContactBookEntry.contactor_id == contactor_id,
            ContactBookEntry.young_person_id == young.id,
            ContactBookEntry.deleted_at.is_(None),
        )
    )
    if existing is not None:
        raise ContactError({"name": f"“{young.name}”已在这位联系人的名册中"})
    entry = ContactBookEntry(
        contactor_id=contactor_id,
        young_person_id=young.id,
        first_contact_date=first,
        first_contact_way=way,
    )
    session.add(entry)
    session.flush()
    session.add(
        ContactLogEntry(
            book_entry_id=entry.id,
            contactor_id=contactor_id,
            young_person_id=young.id,
            contact_date=first,
            way=way,
            discussed=clean_prose(values.get("discussed")),
        )
    )
    session.flush()
    return AddResult(entry.id, young.id, reused=reused)


def _used_fields(values: dict[str, Any]) -> list[str]:
    """An inactive 领域 an existing record still carries is accepted when editing it."""
    return [clean_text(values["keep_field"])] if values.get("keep_field") else []


def young_person_values(session: Session, young_person_id: str) -> dict[str, Any]:
    """Everything about one young person, phone and WeChat in full: for the editor only."""
    young = session.get(YoungPerson, young_person_id)
    if young is None or young.deleted_at is not None:
        raise ContactError("找不到这位青年，可能已被删除。")
    return {
        key: getattr(young, key)
        for key in (
            "name",
            "gender",
            "birth_year",
            "age_group",
            "field",
            "organisation",
            "phone",
            "wechat",
            "notes",
            "row_version",  # as loaded: hand it back to update_young_person(expected_version=)
        )
    }


def update_young_person(
    session: Session,
    young_person_id: str,
    values: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> None:
    """Correct a young person; `expected_version`: the `row_version` the editor loaded
    (StaleRecordError when someone else saved the person since)."""
    young = session.get(YoungPerson, young_person_id)
    if young is None or young.deleted_at is not None:
        raise ContactError("找不到这位青年，可能已被删除。")
    check_version(young, expected_version)
    clean = check_young_person(
        {**values, "keep_field": young.field}, [*youth_fields(session), young.field]
    )
    for key, value in clean.items():
        setattr(young, key, value)
    young.name_pinyin, young.name_initials = name_keys(clean["name"])
    session.flush()


def remove_from_book(session: Session, entry_id: str, *, by: str = "") -> None:
    """Take a young person out of one book (to the recycle bin with its log entries); the
    person goes too when no other book holds them."""
    entry = session.get(ContactBookEntry, entry_id)
    if entry is None or entry.deleted_at is not None:
        raise ContactError("这条名册记录已不存在。")
    recycle_bin.delete_record(session, "contact_book_entry", entry_id, by)  # with its log
    stamp = entry.deleted_at
    others = session.scalar(
        select(func.count())
        .select_from(ContactBookEntry)
        .where(
            ContactBookEntry.young_person_id == entry.young_person_id,
            ContactBookEntry.deleted_at.is_(None),
            ContactBookEntry.id != entry_id,
        )
    )
    if not others:
        young = session.get(YoungPerson, entry.young_person_id)
        if young is not None:
            young.deleted_at, young.deleted_by = stamp, by
    session.flush()


# --- one contactor's book ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookRow:
    entry_id: str
    young_person_id: str
    name: str
    pinyin: str  # "zhangsan"
    initials: str  # "zs"
    gender: str
    age: str  # birth year or age group
    field: str
    organisation: str
    phone_masked: str
    wechat_masked: str
    first_contact_date: date
    first_contact_way: str
    contacts: int  # log entries in the year
    last_contact: date | None
    shared_with: tuple[str, ...]  # other contactors who have this person
    repeated: bool

    def matches(self, text: str) -> bool:
        """Search as you type: name, pinyin initials or full pinyin prefix, organisation,
        the last digits of the phone."""
        query = "".join(text.split()).lower()
        if not query:
            return True
        if query.isdigit():
            return self.phone_masked.replace("*", "").endswith(query[-4:]) and len(query) <= 4
        if query.isascii() and query.isalpha():
            return self.initials.startswith(query) or self.pinyin.startswith(query)
        return query in self.name or query in self.organisation


def mask_wechat(text: str) -> str:
    """wx_zs1234 → wx****34: enough to recognise, not to add as a friend."""
    if not text:
        return ""
    keep = min(2, max(len(text) // 4, 1))
    return f"{text[:keep]}****{text[-keep:]}"


def book(session: Session, contactor_id: str, *, year: int | None = None) -> list[BookRow]:
    """One contactor's book: each young person once, with the year's contacts and who else
    has them (shared). Phones and WeChat masked."""
    year = year or date.today().year
    limit = contact_settings(session).repeat_limit
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = session.execute(
        select(ContactBookEntry, YoungPerson)
        .join(YoungPerson, YoungPerson.id == ContactBookEntry.young_person_id)
        .where(
            ContactBookEntry.contactor_id == contactor_id,
            ContactBookEntry.deleted_at.is_(None),
        )
        .order_by(YoungPerson.name_pinyin, YoungPerson.name)
    ).all()
    counts: dict[str, tuple[int, date | None]] = {}
    for yid, n, last in session.execute(
        select(
            ContactLogEntry.young_person_id,
            func.sum(
                case(
                    (
                        and_(
                            ContactLogEntry.contact_date >= start,
                            ContactLogEntry.contact_date <= end,
                        ),
                        1,
                    ),
                    else_=0,
                )
            ),
            func.max(ContactLogEntry.contact_date),
        )
        .where(
            ContactLogEntry.contactor_id == contactor_id,
            ContactLogEntry.deleted_at.is_(None),
        )
        .group_by(ContactLogEntry.young_person_id)
    ):
        counts[yid] = (int(n or 0), last)
    ids = [young.id for _entry, young in rows]
    shared: dict[str, list[str]] = defaultdict(list)
    if ids:
        for yid, name in session.execute(
            select(ContactBookEntry.young_person_id, Person.name)
            .join(Person, Person.id == ContactBookEntry.contactor_id)
            .where(
                ContactBookEntry.young_person_id.in_(
                    select(ContactBookEntry.young_person_id).where(
                        ContactBookEntry.contactor_id == contactor_id,
                        ContactBookEntry.deleted_at.is_(None),
                    )
                ),
                ContactBookEntry.contactor_id != contactor_id,
                ContactBookEntry.deleted_at.is_(None),
            )
        ):
            shared[yid].append(name)
    result = []
    for entry, young in rows:
        n, last = counts.get(young.id, (0, None))
        result.append(
            BookRow(
                entry.id,
                young.id,
                young.name,
                (young.name_pinyin or "").replace(" ", ""),
                young.name_initials or "",
                young.gender,
                str(young.birth_year) if young.birth_year else young.age_group,
                young.field,
                young.organisation,
                mask_phone(young.phone),
                mask_wechat(young.wechat),
                entry.first_contact_date,
                entry.first_contact_way,
                n,
                last,
                tuple(sorted(shared.get(young.id, ()))),
                n > limit,
            )
        )
    return result


def search_book(rows: list[BookRow], text: str) -> list[BookRow]:
    return [r for r in rows if r.matches(text)]


# --- the contact log --------------------------------------------------------------------------


def check_log(values: dict[str, Any], today: date) -> dict[str, Any]:
    problems: dict[str, str] = {}
    day = values.get("contact_date")
    if not isinstance(day, date):
        try:
            day = parse_date(day)
        except ValueError as exc:
            problems["contact_date"] = str(exc)
            day = None
        if day is None and "contact_date" not in problems:
            problems["contact_date"] = "请填写联系日期"
    if isinstance(day, date) and day > today:
        problems["contact_date"] = "不能晚于今天"
    way = clean_text(values.get("way"))
    if way not in CONTACT_WAYS:
        problems["way"] = f"应为 {'、'.join(CONTACT_WAYS)} 之一"
    clean = {
        "contact_date": day,
        "way": way,
        "discussed": clean_prose(values.get("discussed")),
        "help_given": clean_prose(values.get("help_given")),
        "follow_up": clean_prose(values.get("follow_up")),
    }
    check_lengths(problems, clean, ContactLogEntry)
    if problems:
        raise ContactError(problems)
    return clean


def add_log(
    session: Session, entry_id: str, values: dict[str, Any], *, today: date | None = None
) -> str:
    """A contact with a young person already in the book; returns the log entry's id."""
    entry = session.get(ContactBookEntry, entry_id)
    if entry is None or entry.deleted_at is not None:
        raise ContactError("这位青年已不在名册中。")
    clean = check_log(values, today or date.today())
    log = ContactLogEntry(
        book_entry_id=entry.id,
        contactor_id=entry.contactor_id,
        young_person_id=entry.young_person_id,
        **clean,
    )
    session.add(log)
    session.flush()
    return log.id


def delete_log(session: Session, log_id: str, *, by: str = "") -> None:
    log = session.get(ContactLogEntry, log_id)
    if log is None or log.deleted_at is not None:
        raise ContactError("这条联系记录已不存在。")
    recycle_bin.delete_record(session, "contact_log_entry", log_id, by)


@dataclass(frozen=True)
class LogRow:
    id: str
    contact_date: date
    young_name: str
    way: str
    discussed: str
    help_given: str
    follow_up: str


def contact_log(
    session: Session,
    contactor_id: str,
    *,
    entry_id: str | None = None,
    year: int | None = None,
    limit: int = 500,
) -> list[LogRow]:
    """The contactor's contact log, newest first (one young person's with ``entry_id``)."""
    query = (
        select(ContactLogEntry, YoungPerson.name)
        .join(YoungPerson, YoungPerson.id == ContactLogEntry.young_person_id)
        .where(
            ContactLogEntry.contactor_id == contactor_id,
            ContactLogEntry.deleted_at.is_(None),
        )
    )
    if entry_id:
        query = query.where(ContactLogEntry.book_entry_id == entry_id)
    if year:
        query = query.where(
            ContactLogEntry.contact_date >= date(year, 1, 1),
            ContactLogEntry.contact_date <= date(year, 12, 31),
        )
    rows = session.execute(
        query.order_by(
            ContactLogEntry.contact_date.desc(), ContactLogEntry.created_at.desc()
        ).limit(limit)
    ).all()
    return [
        LogRow(
            log.id, log.contact_date, name, log.way, log.discussed, log.help_given, log.follow_up
        )
        for log, name in rows
    ]


# --- shared young people ----------------------------------------------------------------------


@dataclass(frozen=True)
class SharedPerson:
    young_person_id: str
    name: str
    field: str
    organisation: str
    contactors: tuple[str, ...]


def shared_people(session: Session, *, contactor_id: str | None = None) -> list[SharedPerson]:
    """Young people in two or more books (one person, counted once within each book)."""
    in_many = (
        select(ContactBookEntry.young_person_id)
        .where(ContactBookEntry.deleted_at.is_(None))
        .group_by(ContactBookEntry.young_person_id)
        .having(func.count(func.distinct(ContactBookEntry.contactor_id)) > 1)
    )
    if contactor_id:
        in_many = in_many.where(
            ContactBookEntry.young_person_id.in_(
                select(ContactBookEntry.young_person_id).where(
                    ContactBookEntry.contactor_id == contactor_id,
                    ContactBookEntry.deleted_at.is_(None),
                )
            )
        )
    books: dict[str, list[str]] = defaultdict(list)
    people: dict[str, YoungPerson] = {}
    for young, name in session.execute(
        select(YoungPerson, Person.name)
        .join(ContactBookEntry, ContactBookEntry.young_person_id == YoungPerson.id)
        .join(Person, Person.id == ContactBookEntry.contactor_id)
        .where(ContactBookEntry.deleted_at.is_(None), YoungPerson.id.in_(in_many))
        .order_by(YoungPerson.name_pinyin, Person.name_pinyin)
    ):
        people[young.id] = young
        if name not in books[young.id]:
            books[young.id].append(name)
    return [
        SharedPerson(y.id, y.name, y.field, y.organisation, tuple(books[y.id]))
        for y in people.values()
    ]


# --- grassroots days and open days ------------------------------------------------------------


def add_grassroots_day(
    session: Session,
    cadre_id: str,
    day: date,
    place: str,
    what: str = "",
    *,
    today: date | None = None,
) -> str:
    _contactor(session, cadre_id)
    problems = {}
    if day > (today or date.today()):
        problems["day"] = "不能晚于今天"
    values = {"place": clean_text(place), "what": clean_prose(what)}
    if not values["place"]:
        problems["place"] = "请填写去了哪里（村、社区、企业、学校……）"
    check_lengths(problems, values, GrassrootsDay)
    if problems:
        raise ContactError(problems)
    row = GrassrootsDay(cadre_id=cadre_id, day=day, **values)
    session.add(row)
    session.flush()
    return row.id


def delete_grassroots_day(session: Session, day_id: str, *, by: str = "") -> None:
    row = session.get(GrassrootsDay, day_id)
    if row is None or row.deleted_at is not None:
        raise ContactError("这条下基层记录已不存在。")
    recycle_bin.delete_record(session, "grassroots_day", day_id, by)


@dataclass(frozen=True)
class GrassrootsRow:
    id: str
    day: date
    place: str
    what: str


def grassroots_days(session: Session, cadre_id: str, year: int) -> list[GrassrootsRow]:
    return [
        GrassrootsRow(r.id, r.day, r.place, r.what)
        for r in session.scalars(
            select(GrassrootsDay)
            .where(
                GrassrootsDay.cadre_id == cadre_id,
                GrassrootsDay.deleted_at.is_(None),
                GrassrootsDay.day >= date(year, 1, 1),
                GrassrootsDay.day <= date(year, 12, 31),
            )
            .order_by(GrassrootsDay.day.desc())
        )
    ]


def work_calendar(session: Session, start: date, end: date) -> WorkCalendar:
    """Working days from the stored holidays; a year the office has not stored falls back on
    the holiday library (nothing written)."""
    stored = {
        y
        for (y,) in session.execute(
            select(HolidayYear.year).where(
                HolidayYear.year >= start.year, HolidayYear.year <= end.year
            )
        )
    }
    entries: list[tuple[date, str]] = [
        (d, k)
        for d, k in session.execute(
            select(Holiday.day, Holiday.kind).where(Holiday.day >= start, Holiday.day <= end)
        )
    ]
    for year in range(start.year, end.year + 1):
        if year not in stored and not any(d.year == year for d, _k in entries):
            entries.extend((e.day, str(e.kind)) for e in library_holidays(year) or [])
    return WorkCalendar(entries)


def grassroots_rule(
    session: Session, start: date, end: date, *, today: date | None = None
) -> dict[str, WeekRule]:
    """Per cadre with a record or the cadre role: weeks met / weeks due in the period."""
    calendar = work_calendar(session, start, end)
    days: dict[str, list[date]] = defaultdict(list)
    for cid, day in session.execute(
        select(GrassrootsDay.cadre_id, GrassrootsDay.day).where(
            GrassrootsDay.deleted_at.is_(None),
            GrassrootsDay.day >= start,
            GrassrootsDay.day <= end,
        )
    ):
        days[cid].append(day)
    cadres = set(
        session.scalars(
            select(Person.id).where(Person.deleted_at.is_(None), Person.is_cadre.is_(True))
        )
    )
    return {
        cid: grassroots_weeks(days.get(cid, []), start, end, calendar, today=today)
        for cid in cadres | set(days)
    }


def check_open_day(values: dict[str, Any], fields: list[str], today: date) -> dict[str, Any]:
    problems: dict[str, str] = {}
    day = values.get("day")
    if not isinstance(day, date):
        try:
            day = parse_date(day)
        except ValueError as exc:
            problems["day"] = str(exc)
            day = None
    if day is None and "day" not in problems:
        problems["day"] = "请填写开放日日期"
    theme = clean_text(values.get("theme"))
    if not theme:
        problems["theme"] = "请填写开放日主题"
    raw = clean_text(values.get("youth_count")) or "0"
    count = 0
    if raw.isdigit():
        count = int(raw)
    else:
        problems["youth_count"] = "应为 0 或正整数，如 60"
    chosen = values.get("fields") or []
    if isinstance(chosen, str):
        chosen = [f for f in chosen.replace("，", "、").replace(",", "、").split("、") if f.strip()]
    chosen = [clean_text(f) for f in chosen]
    unknown = [f for f in chosen if f not in fields]
    if unknown:
        problems["fields"] = f"不在领域列表中：{'、'.join(unknown)}"
    clean = {"day": day, "theme": theme, "youth_count": count, "fields": "、".join(chosen)}
    check_lengths(problems, clean, OpenDay)
    if problems:
        raise ContactError(problems)
    return clean


def save_open_day(
    session: Session,
    values: dict[str, Any],
    *,
    open_day_id: str | None = None,
    host_id: str | None = None,
    today: date | None = None,
) -> str:
    clean = check_open_day(values, youth_fields(session), today or date.today())
    row = session.get(OpenDay, open_day_id) if open_day_id else OpenDay()
    if row is None:
        raise ContactError("这条开放日记录已不存在。")
    for key, value in clean.items():
        setattr(row, key, value)
    row.host_id = host_id
    session.add(row)
    session.flush()
    return row.id


def delete_open_day(session: Session, open_day_id: str, *, by: str = "") -> None:
    row = session.get(OpenDay, open_day_id)
    if row is None or row.deleted_at is not None:
        raise ContactError("这条开放日记录已不存在。")
    recycle_bin.delete_record(session, "open_day", open_day_id, by)


@dataclass(frozen=True)
class OpenDayRow:
    id: str
    day: date
    theme: str
    youth_count: int
    fields: str
    host: str


def open_days(session: Session, year: int) -> list[OpenDayRow]:
    rows = session.execute(
        select(OpenDay, Person.name)
        .outerjoin(Person, Person.id == OpenDay.host_id)
        .where(
            OpenDay.deleted_at.is_(None),
            OpenDay.day >= date(year, 1, 1),
            OpenDay.day <= date(year, 12, 31),
        )
        .order_by(OpenDay.day)
    ).all()
    return [
        OpenDayRow(o.id, o.day, o.theme, o.youth_count, o.fields, host or "") for o, host in rows
    ]


def open_day_rule(session: Session, year: int) -> dict[int, bool]:
    """Per quarter: an open day with at least 50 young people held or not."""
    return open_day_quarters([(o.day, o.youth_count) for o in open_days(session, year)], year)


# --- the year's counts per contactor ----------------------------------------------------------


@dataclass(frozen=True)
class ContactorYear:
    person_id: str
    name: str
    role: str
    distinct: int
    new: int
    fields: dict[str, int]
    log_entries: int
    repeated: int
    branches: int
    grassroots: WeekRule | None  # cadres only
    open_days: int  # open days they hosted
    satisfaction: Any  # Decimal rate or None
    target: int
    target_met: bool
    repeated_people: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        rate = self.satisfaction
        return {
            "name": self.name,
            "role": self.role,
            "distinct": self.distinct,
            "new": self.new,
            "fields": dict(self.fields),
            "log_entries": self.log_entries,
            "repeated": self.repeated,
            "grassroots_weeks": self.grassroots.text() if self.grassroots else None,
            "open_days": self.open_days,
            "satisfaction": None if rate is None else float(round(rate, 4)),
            "target_met": self.target_met,
        }


def year_counts(
    session: Session,
    year: int,
    *,
    contactor_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
    with_branches: bool = True,
) -> list[ContactorYear]:
    """Per contactor (or one), the period's counts (the year unless ``start``/``end``)."""
    from twdesk.services.contact_ballots import satisfaction_by_person

    start = start or date(year, 1, 1)
    end = end or date(year, 12, 31)
    today = today or date.today()
    conf = contact_settings(session)
    people = contactors(session)
    if contactor_id:
        people = [c for c in people if c.id == contactor_id] or [
            Contactor(contactor_id, _contactor(session, contactor_id).name, ROLE_DELEGATE)
        ]
    per = contact_counts.contacts_per_person(session, start, end, contactor_id=contactor_id)
    in_touch = {yid for people_ in per.values() for yid in people_}
    fields: dict[str, str] = {}
    if in_touch:
        for yid, field_name in session.execute(
            select(YoungPerson.id, YoungPerson.field).where(YoungPerson.deleted_at.is_(None))
        ):
            if yid in in_touch:
                fields[yid] = field_name
    new_query = (
        select(ContactBookEntry.contactor_id, func.count())
        .where(
            ContactBookEntry.deleted_at.is_(None),
            ContactBookEntry.first_contact_date >= start,
            ContactBookEntry.first_contact_date <= end,
        )
        .group_by(ContactBookEntry.contactor_id)
    )
    if contactor_id:
        new_query = new_query.where(ContactBookEntry.contactor_id == contactor_id)
    new = Counter(dict(session.execute(new_query).all()))
    branches: dict[str, set[str]] = {}
    if with_branches:
        branches = ledger.year_counts(session, year, person_id=contactor_id).branches
    weeks = grassroots_rule(session, start, end, today=today)
    hosted = Counter(
        dict(
            session.execute(
                select(OpenDay.host_id, func.count())
                .where(
                    OpenDay.deleted_at.is_(None),
                    OpenDay.host_id.is_not(None),
                    OpenDay.day >= start,
                    OpenDay.day <= end,
                )
                .group_by(OpenDay.host_id)
            ).all()
        )
    )
    ballots = satisfaction_by_person(session, year)
    result = []
    for c in people:
        t = tally(per.get(c.id, {}), fields, new=new.get(c.id, 0), repeat_limit=conf.repeat_limit)
        ballot = ballots.get(c.id)
        result.append(
            ContactorYear(
                c.id,
                c.name,
                c.role,
                t.distinct,
                t.new,
                t.fields,
                t.log_entries,
                len(t.repeated),
                len(branches.get(c.id, ())),
                weeks.get(c.id) if c.role == ROLE_CADRE else None,
                hosted.get(c.id, 0),
                ballot.rate if ballot else None,
                conf.target,
                t.target_met(conf.target),
                t.repeated,
            )
        )
    return result
