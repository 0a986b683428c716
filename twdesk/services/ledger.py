"""Duty records (履职记录): the station's register (总账本) and each delegate's ledger (分账本),
projects, attachments, contact targets (1+100) and the per-delegate year.

An entry recorded by the station is confirmed at once; one a delegate reports about themself
waits for the station to confirm it or return it with a reason. Targets count confirmed
entries only; pending and returned ones stay visible as such. Duty days come from the duty
calendar, never typed twice. Callers own the transaction.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_prose, clean_text
from twdesk.core.vocab import ActivitySource, Confirmation, LookupKind
from twdesk.db.base import now
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    Attachment,
    BranchContact,
    LookupValue,
    Person,
    Project,
    ProjectMember,
    Setting,
    Station,
    StationMembership,
    StatusChange,
    YouthBranch,
)
from twdesk.db.versions import save_over
from twdesk.services import contact_counts, duty
from twdesk.services.errors import FieldProblems
from twdesk.services.limits import check_lengths, max_length, too_long

FIELD_LABELS = {
    "activity_date": "日期",
    "activity_type": "活动类型",
    "title": "活动名称",
    "youth_count": "覆盖人次",
    "participants": "参与代表",
    "absent": "无故缺席",
    "project_id": "所属项目",
    "station_id": "联络站",
    "place": "地点",
    "notes": "备注",
    "name": "项目名称",
    "description": "项目简介",
    "reason": "退回原因",
}
MAX_ATTACHMENT_BYTES = 600_000


class LedgerError(FieldProblems):
    labels = FIELD_LABELS


# --- configuration ----------------------------------------------------------------------------


def activity_types(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(LookupValue.name)
            .where(LookupValue.kind == str(LookupKind.ACTIVITY_TYPE), LookupValue.active.is_(True))
            .order_by(LookupValue.sort_order, LookupValue.name)
        )
    )


@dataclass(frozen=True)
class Targets:
    youth: int = 100  # young people (人次) contacted a year
    branches: int = 1  # youth branches linked
    youth_types: tuple[str, ...] = ("联系青年",)  # activity types whose 人次 count


def targets(session: Session) -> Targets:
    raw = session.get(Setting, "ledger.targets")
    if raw is None or not raw.value:
        return Targets()
    data = json.loads(raw.value)
    return Targets(int(data["youth"]), int(data["branches"]), tuple(data["youth_types"]))


def set_targets(session: Session, value: Targets) -> None:
    if value.youth < 0 or value.branches < 0:
        raise LedgerError("目标不能为负数。")
    known = set(activity_types(session))
    unknown = [t for t in value.youth_types if t not in known]
    if unknown or not value.youth_types:
        raise LedgerError(
            f"计入联系青年人次的活动类型应从列表中选择：{'、'.join(unknown) or '至少一种'}"
        )
    row = session.get(Setting, "ledger.targets") or Setting(key="ledger.targets")
    row.value = json.dumps(
        {"youth": value.youth, "branches": value.branches, "youth_types": list(value.youth_types)},
        ensure_ascii=False,
    )
    session.add(row)
    session.flush()


# --- projects ---------------------------------------------------------------------------------


def save_project(
    session: Session,
    name: str,
    *,
    leader_id: str | None = None,
    member_ids: list[str] | None = None,
    station_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    youth_served: int = 0,
    description: str = "",
    project_id: str | None = None,
) -> ProjectSummary:
    name = clean_text(name)
    if not name:
        raise LedgerError({"name": "请填写项目名称"})
    problems: dict[str, str] = {}
    check_lengths(problems, {"name": name, "description": clean_prose(description)}, Project)
    if problems:
        raise LedgerError(problems)
    if start and end and end < start:
        raise LedgerError({"end": "结束日期不能早于开始日期"})
    clash = session.scalar(
        select(Project.id).where(
            Project.name == name, Project.deleted_at.is_(None), Project.id != (project_id or "")
        )
    )
    if clash:
        raise LedgerError({"name": f"已有名为「{name}」的项目"})
    project = session.get(Project, project_id) if project_id else Project(name=name)
    if project is None:
        raise LedgerError("这个项目已不存在。")
    project.name, project.leader_id, project.station_id = name, leader_id, station_id
    project.start_date, project.end_date = start, end
    project.youth_served, project.description = max(int(youth_served), 0), clean_prose(description)
    session.add(project)
    session.flush()
    wanted = {pid: "参与" for pid in member_ids or []}
    if leader_id:
        wanted[leader_id] = "领办"
    for member in session.scalars(
        select(ProjectMember).where(ProjectMember.project_id == project.id)
    ):
        if member.person_id not in wanted:
            session.delete(member)
        else:
            member.role = wanted.pop(member.person_id)
    for pid, role in wanted.items():
        session.add(ProjectMember(project_id=project.id, person_id=pid, role=role))
    session.flush()
    return project_summaries(session, project_id=project.id)[0]


@dataclass(frozen=True)
class ProjectSummary:
    id: str
    name: str
    leader: str
    members: tuple[str, ...]
    start: date | None
    end: date | None
    youth_served: int
    activities: int


def project_summaries(session: Session, *, project_id: str | None = None) -> list[ProjectSummary]:
    """Every project (or the one `project_id`) with its leader, members and activity count."""
    names = dict(
        session.execute(select(Person.id, Person.name).where(Person.deleted_at.is_(None))).all()
    )
    members: dict[str, list[str]] = defaultdict(list)
    member_query = select(ProjectMember.project_id, ProjectMember.person_id, ProjectMember.role)
    projects = select(Project).where(Project.deleted_at.is_(None)).order_by(Project.name)
    if project_id:
        member_query = member_query.where(ProjectMember.project_id == project_id)
        projects = projects.where(Project.id == project_id)
    for pid, person, role in session.execute(member_query):
        if role != "领办" and person in names:  # a member in the recycle bin is not shown
            members[pid].append(names[person])
    counts = dict(
        session.execute(
            select(Activity.project_id, func.count())
            .where(Activity.project_id.is_not(None), Activity.deleted_at.is_(None))
            .group_by(Activity.project_id)
        ).all()
    )
    return [
        ProjectSummary(
            p.id,
            p.name,
            names.get(p.leader_id or "", ""),
            tuple(sorted(members.get(p.id, []))),
            p.start_date,
            p.end_date,
            p.youth_served,
            counts.get(p.id, 0),
        )
        for p in session.scalars(projects)
    ]


def project_choices(session: Session) -> list[tuple[str, str]]:
    return [
        (pid, name)
        for pid, name in session.execute(
            select(Project.id, Project.name)
            .where(Project.deleted_at.is_(None))
            .order_by(Project.name)
        )
    ]


# --- entries ----------------------------------------------------------------------------------


def check_activity(
    values: dict[str, Any],
    participant_ids: set[str],
    known_types: list[str],
    *,
    source: str = str(ActivitySource.STATION),
    recorded_by_id: str | None = None,
    today: date | None = None,
    absent_ids: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Clean an entry's values and check them together (the entry dialog and the register
    import both come here); raise LedgerError naming every field."""
    problems: dict[str, str] = {}
    day = values.get("activity_date")
    if not isinstance(day, date):
        problems["activity_date"] = "请填写日期"
    elif day > (today or date.today()):
        problems["activity_date"] = f"{day:%Y-%m-%d} 在今天之后，请核对日期（记录已开展的活动）"
    kind = clean_text(values.get("activity_type"))
    if kind not in known_types:
        problems["activity_type"] = f"请从活动类型列表中选择（{'、'.join(known_types)}）"
    title = clean_text(values.get("title"))
    if not title:
        problems["title"] = "请填写活动名称"
    try:
        text = clean_text(values.get("youth_count")) or "0"
        number = float(text)
        if number < 0 or not number.is_integer():
            raise ValueError
        youth = int(number)
    except (TypeError, ValueError):
        problems["youth_count"] = "覆盖人次应为 0 或正整数，如 35"
        youth = 0
    if not participant_ids:
        problems["participants"] = "请至少选择一位参与代表"
    if source not in {str(s) for s in ActivitySource}:
        problems["source"] = "来源应为总账本或分账本"
    if source == ActivitySource.SELF and recorded_by_id and recorded_by_id not in participant_ids:
        problems["participants"] = "本人填报的记录，参与代表中应包括本人"
    if participant_ids & set(absent_ids):
        problems["absent"] = "同一位代表不能既参与又无故缺席，请从其中一处移除"
    clean: dict[str, Any] = {
        "activity_date": day,
        "activity_type": kind,
        "title": title,
        "place": clean_text(values.get("place")),
        "youth_count": youth,
        "station_id": values.get("station_id") or None,
        "project_id": values.get("project_id") or None,
        "group_id": values.get("group_id") or None,
        "branch_id": values.get("branch_id") or None,
        "notes": clean_prose(values.get("notes")),
    }
    check_lengths(problems, clean, Activity)
    if problems:
        raise LedgerError(problems)
    return clean


def save_activity(
    session: Session,
    values: dict[str, Any],
    participant_ids: list[str],
    *,
    source: str = str(ActivitySource.STATION),
    recorded_by_id: str | None = None,
    activity_id: str | None = None,
    today: date | None = None,
    absent_ids: Sequence[str] = (),
    expected_version: int | None = None,
) -> ActivityDetail:
    """总账本 entries are confirmed at once; 分账本 (self-reported) ones wait for the station.
    Editing a returned self-report sends it back for confirmation. ``absent_ids``: delegates
    expected but absent without leave (无故缺席), listed and never counted as taking part.
    ``expected_version``: the `row_version` the editor loaded (ActivityDetail.row_version);
    StaleRecordError when someone else saved the entry since."""
    people, absent = set(participant_ids), set(absent_ids)
    clean = check_activity(
        values,
        people,
        activity_types(session),
        source=source,
        recorded_by_id=recorded_by_id,
        today=today,
        absent_ids=absent,
    )
    everyone = people | absent
    if everyone and len(
        set(session.scalars(select(Person.id).where(Person.id.in_(everyone))))
    ) != len(everyone):
        raise LedgerError({"participants": "所选代表有的已不存在"})
    if activity_id:
        activity = session.get(Activity, activity_id)
        if activity is None or activity.deleted_at is not None:
            raise LedgerError("这条履职记录已不存在。")
        save_over(activity, expected_version)
    else:
        activity = Activity(source=source, recorded_by_id=recorded_by_id)
        session.add(activity)
    for key, value in clean.items():
        setattr(activity, key, value)
    if activity.source == ActivitySource.STATION:
        activity.confirmation = str(Confirmation.CONFIRMED)
        activity.confirmed_at = activity.confirmed_at or now()
    elif not activity_id or activity.confirmation == Confirmation.RETURNED:
        activity.confirmation, activity.confirmed_at = str(Confirmation.PENDING), None
    session.flush()
    have = {
        p.person_id: p
        for p in session.scalars(
            select(ActivityParticipant).where(ActivityParticipant.activity_id == activity.id)
        )
    }
    for pid, row in have.items():
        if pid not in everyone:
            session.delete(row)
        elif row.absent != (pid in absent):
            row.absent = pid in absent
    for pid in sorted(everyone - set(have)):
        session.add(
            ActivityParticipant(activity_id=activity.id, person_id=pid, absent=pid in absent)
        )
    session.flush()
    return activity_detail(session, activity.id)


@dataclass(frozen=True)
class ActivityDetail:
    """One entry with everything its editor shows: participants and attachments as (id, name)."""

    id: str
    activity_date: date
    activity_type: str
    title: str
    place: str
    youth_count: int
    station_id: str | None
    project_id: str | None
    group_id: str | None
    branch_id: str | None
    notes: str
    source: str
    recorded_by_id: str | None
    confirmation: str
    participants: tuple[tuple[str, str], ...]
    attachments: tuple[tuple[str, str], ...]
    absent: tuple[tuple[str, str], ...] = ()  # 无故缺席
    row_version: int | None = None  # as loaded: hand it back to save_activity(expected_version=)


def activity_detail(session: Session, activity_id: str) -> ActivityDetail:
    a = _activity(session, activity_id)
    listed = session.execute(
        select(Person.id, Person.name, ActivityParticipant.absent)
        .join(ActivityParticipant, ActivityParticipant.person_id == Person.id)
        .where(ActivityParticipant.activity_id == activity_id)
        .order_by(Person.name_pinyin)
    ).all()
    participants = [(pid, name) for pid, name, absent in listed if not absent]
    files = session.execute(
        select(Attachment.id, Attachment.filename)
        .where(Attachment.activity_id == activity_id)
        .order_by(Attachment.created_at)
    ).all()
    return ActivityDetail(
        a.id,
        a.activity_date,
        a.activity_type,
        a.title,
        a.place,
        a.youth_count,
        a.station_id,
        a.project_id,
        a.group_id,
        a.branch_id,
        a.notes,
        a.source,
        a.recorded_by_id,
        a.confirmation,
        tuple((pid, name) for pid, name in participants),
        tuple((aid, name) for aid, name in files),
        tuple((pid, name) for pid, name, absent in listed if absent),
        a.row_version,
    )


def confirm(session: Session, activity_id: str) -> None:
    activity = _activity(session, activity_id)
    if activity.confirmation == Confirmation.CONFIRMED:
        raise LedgerError("这条记录已经确认过了。")
    activity.confirmation, activity.confirmed_at = str(Confirmation.CONFIRMED), now()
    activity.confirmation_note = ""
    session.flush()


def return_entry(session: Session, activity_id: str, reason: str) -> None:
    """退回 a self-report with the reason; the delegate corrects it and it comes back."""
    activity = _activity(session, activity_id)
    if activity.source != ActivitySource.SELF:
        raise LedgerError("只有代表本人填报（分账本）的记录可以退回。")
    reason = clean_prose(reason)
    if not reason:
        raise LedgerError({"reason": "请写明退回原因，如：缺少活动照片"})
    long = too_long(reason, max_length(Activity, "confirmation_note"))
    if long:
        raise LedgerError({"reason": long})
    activity.confirmation, activity.confirmation_note = str(Confirmation.RETURNED), reason
    activity.confirmed_at = None
    session.flush()


def _activity(session: Session, activity_id: str) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None or activity.deleted_at is not None:
        raise LedgerError("这条履职记录已不存在。")
    return activity


def add_attachment(
    session: Session,
    activity_id: str,
    filename: str,
    mime: str,
    data: bytes,
    thumbnail: bytes | None,
) -> AttachmentInfo:
    """A photo or scan, already downscaled by the caller, stored inside the file."""
    _activity(session, activity_id)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise LedgerError("附件太大，请先缩小（照片会自动缩小）。")
    limit = max_length(Attachment, "filename")
    if len(filename) > limit:  # keep the end: the extension tells what the file is
        filename = "…" + filename[-(limit - 1) :]
    row = Attachment(
        activity_id=activity_id, filename=filename, mime=mime, data=data, thumbnail=thumbnail
    )
    session.add(row)
    session.flush()
    return AttachmentInfo(row.id, row.filename)


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str


def attachment_data(session: Session, attachment_id: str) -> bytes:
    """The stored (downscaled) image of an attachment."""
    data = session.scalar(select(Attachment.data).where(Attachment.id == attachment_id))
    if data is None:
        raise LedgerError("这个附件已不存在。")
    return bytes(data)


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRow:
    id: str
    activity_date: date
    activity_type: str
    title: str
    place: str
    youth_count: int
    station: str
    project: str
    participants: tuple[str, ...]
    source: str
    confirmation: str
    confirmation_note: str
    attachments: int
    branch: str = ""  # the youth-league branch contacted (团支部)
    absent: tuple[str, ...] = ()  # 无故缺席: expected, stayed away without leave


def activity_rows(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    station_id: str | None = None,
    person_id: str | None = None,
    activity_type: str | None = None,
    group_id: str | None = None,
    confirmation: str | None = None,
    limit: int | None = None,
) -> list[ActivityRow]:
    """Newest first; `limit` caps the rows for on-screen lists (exports read them all)."""
    query = (
        select(Activity, Station.name, Project.name, YouthBranch.name)
        .outerjoin(Station, Station.id == Activity.station_id)
        .outerjoin(Project, (Project.id == Activity.project_id) & Project.deleted_at.is_(None))
        .outerjoin(
            YouthBranch,
            (YouthBranch.id == Activity.branch_id) & YouthBranch.deleted_at.is_(None),
        )
        .where(Activity.deleted_at.is_(None))
        .order_by(
            Activity.activity_date.desc(), Activity.title, Activity.id
        )  # id: same ties order on every engine
    )
    if start:
        query = query.where(Activity.activity_date >= start)
    if end:
        query = query.where(Activity.activity_date <= end)
    if station_id:
        query = query.where(Activity.station_id == station_id)
    if activity_type:
        query = query.where(Activity.activity_type == activity_type)
    if group_id:
        query = query.where(Activity.group_id == group_id)
    if confirmation:
        query = query.where(Activity.confirmation == confirmation)
    if person_id:
        query = query.where(
            Activity.id.in_(
                select(ActivityParticipant.activity_id).where(
                    ActivityParticipant.person_id == person_id,
                    ActivityParticipant.absent.is_(False),
                )
            )
        )
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    ids = [a.id for a, _s, _p, _b in rows]
    names: dict[str, list[str]] = defaultdict(list)
    absentees: dict[str, list[str]] = defaultdict(list)
    files: dict[str, int] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        for aid, name, absent in session.execute(
            select(ActivityParticipant.activity_id, Person.name, ActivityParticipant.absent)
            .join(Person, Person.id == ActivityParticipant.person_id)
            .where(ActivityParticipant.activity_id.in_(part), Person.deleted_at.is_(None))
            .order_by(Person.name_pinyin)
        ):
            (absentees if absent else names)[aid].append(name)
        files.update(
            session.execute(
                select(Attachment.activity_id, func.count())
                .where(Attachment.activity_id.in_(part))
                .group_by(Attachment.activity_id)
            ).all()
        )
    return [
        ActivityRow(
            a.id,
            a.activity_date,
            a.activity_type,
            a.title,
            a.place,
            a.youth_count,
            station or "",
            project or "",
            tuple(names.get(a.id, ())),
            a.source,
            a.confirmation,
            a.confirmation_note,
            files.get(a.id, 0),
            branch or "",
            tuple(absentees.get(a.id, ())),
        )
        for a, station, project, branch in rows
    ]


@dataclass(frozen=True)
class DelegateYear:
    """One delegate's year in numbers and whether each target is met."""

    person_id: str
    name: str
    station: str
    by_type: dict[str, int] = field(default_factory=dict)
    youth_contacts: int = 0
    branches: int = 0
    duty_assigned: int = 0
    duty_attended: int = 0
    pending: int = 0  # self-reports waiting for the station
    returned: int = 0
    targets_met: dict[str, bool] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "station": self.station,
            "by_type": dict(self.by_type),
            "youth_contacts": self.youth_contacts,
            "branches": self.branches,
            "duty_assigned": self.duty_assigned,
            "duty_attended": self.duty_attended,
            "targets_met": dict(self.targets_met),
        }


@dataclass(frozen=True)
class YearCounts:
    """Per person, a year of the ledger: confirmed activities by type, youth 人次 on the
    activity types that count, branches contacted (结对 or on a confirmed activity), the
    self-reports still pending or returned, and confirmed entries the person missed without
    leave (无故缺席, never counted as taking part). The ledger and the evaluation both count
    here."""

    by_type: defaultdict[str, Counter[str]]
    youth: Counter[str]
    branches: defaultdict[str, set[str]]
    pending: Counter[str]
    returned: Counter[str]
    unexcused: defaultdict[str, Counter[str]]  # confirmed entries absent without leave, by type


def year_counts(
    session: Session, year: int, goal: Targets | None = None, *, person_id: str | None = None
) -> YearCounts:
    """Everyone's (or one person's) ledger counts for ``year`` in a few grouped queries."""
    goal = goal or targets(session)
    start, end = date(year, 1, 1), date(year, 12, 31)
    who = [ActivityParticipant.person_id == person_id] if person_id else []
    by_type: defaultdict[str, Counter[str]] = defaultdict(Counter)
    youth_contacts: Counter[str] = Counter()
    pending: Counter[str] = Counter()
    returned: Counter[str] = Counter()
    unexcused: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for pid, kind, state, absent, count, youth in session.execute(
        select(
            ActivityParticipant.person_id,
            Activity.activity_type,
            Activity.confirmation,
            ActivityParticipant.absent,
            func.count(),
            func.coalesce(func.sum(Activity.youth_count), 0),
        )
        .join(Activity, Activity.id == ActivityParticipant.activity_id)
        .where(
            Activity.deleted_at.is_(None),
            Activity.activity_date >= start,
            Activity.activity_date <= end,
            *who,
        )
        .group_by(
            ActivityParticipant.person_id,
            Activity.activity_type,
            Activity.confirmation,
            ActivityParticipant.absent,
        )
    ):
        if absent:
            if state == Confirmation.CONFIRMED:
                unexcused[pid][kind] += count
            continue
        if state == Confirmation.PENDING:
            pending[pid] += count
        elif state == Confirmation.RETURNED:
            returned[pid] += count
        else:
            by_type[pid][kind] += count
            if kind in goal.youth_types:
                youth_contacts[pid] += int(youth)
    branches: defaultdict[str, set[str]] = defaultdict(set)
    for pid, bid in session.execute(
        select(BranchContact.delegate_id, BranchContact.branch_id).where(
            (BranchContact.start_date.is_(None)) | (BranchContact.start_date <= end),
            (BranchContact.end_date.is_(None)) | (BranchContact.end_date >= start),
            *([BranchContact.delegate_id == person_id] if person_id else []),
        )
    ):
        branches[pid].add(bid)
    for pid, bid in session.execute(
        select(ActivityParticipant.person_id, Activity.branch_id)
        .join(Activity, Activity.id == ActivityParticipant.activity_id)
        .where(
            Activity.branch_id.is_not(None),
            ActivityParticipant.absent.is_(False),
            Activity.deleted_at.is_(None),
            Activity.confirmation == str(Confirmation.CONFIRMED),
            Activity.activity_date >= start,
            Activity.activity_date <= end,
            *who,
        )
    ):
        branches[pid].add(bid)
    if contact_counts.counts_by_book(session):
        # the office counts distinct young people from the contact book (联系青年名册)
        youth_contacts = contact_counts.distinct_people(session, year, person_id=person_id)
    return YearCounts(by_type, youth_contacts, branches, pending, returned, unexcused)


def youth_contacts(session: Session, year: int, goal: Targets | None = None) -> Counter[str]:
    """Everyone's youth 人次 for ``year`` exactly as `year_counts(...).youth` counts them (the
    confirmed entries of the counting types, absentees left out, or the contact book when the
    office counts by book), in one narrower query: the home page's 1+100 line reads only this."""
    goal = goal or targets(session)
    if contact_counts.counts_by_book(session):
        return contact_counts.distinct_people(session, year)
    query = (
        select(ActivityParticipant.person_id, func.coalesce(func.sum(Activity.youth_count), 0))
        .join(Activity, Activity.id == ActivityParticipant.activity_id)
        .where(
            Activity.deleted_at.is_(None),
            Activity.activity_date >= date(year, 1, 1),
            Activity.activity_date <= date(year, 12, 31),
            Activity.confirmation == str(Confirmation.CONFIRMED),
            Activity.activity_type.in_(goal.youth_types),
            ActivityParticipant.absent.is_(False),
        )
        .group_by(ActivityParticipant.person_id)
    )
    return Counter({pid: int(youth) for pid, youth in session.execute(query)})


def ledger(
    session: Session,
    year: int,
    *,
    person_id: str | None = None,
    station_id: str | None = None,
    today: date | None = None,
) -> list[DelegateYear]:
    """Per delegate (in office, or with records this year): the year in numbers and targets."""
    goal = targets(session)
    start = date(year, 1, 1)
    station_of: dict[str, str] = {}
    for pid, name in session.execute(
        select(StationMembership.person_id, Station.name)
        .join(Station, Station.id == StationMembership.station_id)
        .where(StationMembership.end_date.is_(None))
        .order_by(Station.name)
    ):
        station_of.setdefault(pid, name)
    people_query = select(Person.id, Person.name, Person.status).where(
        Person.deleted_at.is_(None), Person.is_delegate.is_(True)
    )
    if person_id:
        people_query = people_query.where(Person.id == person_id)
    if station_id:
        people_query = people_query.where(
            Person.id.in_(
                select(StationMembership.person_id).where(
                    StationMembership.station_id == station_id, StationMembership.end_date.is_(None)
                )
            )
        )
    rows = session.execute(people_query.order_by(Person.name_pinyin)).all()
    people = {pid: name for pid, name, _status in rows}
    left_on = dict(
        session.execute(
            select(StatusChange.person_id, func.max(StatusChange.changed_on)).group_by(
                StatusChange.person_id
            )
        ).all()
    )
    # out of office since before this year began (the last change of status was earlier)
    gone = {
        pid
        for pid, _name, status in rows
        if status != "在任" and left_on.get(pid) is not None and left_on[pid] < start
    }
    counts = year_counts(session, year, goal)
    by_type, youth_contacts, branches = counts.by_type, counts.youth, counts.branches
    pending, returned = counts.pending, counts.returned
    seats = {c.person_id: c for c in duty.attendance_counts(session, year, today=today)}
    result = []
    for pid, name in people.items():
        seat = seats.get(pid)
        has_records = by_type[pid] or pending[pid] or returned[pid] or (seat and seat.assigned)
        if pid in gone and not has_records and person_id is None:
            continue  # left office before the year began: not in this year's ledger
        youth, branch_count = youth_contacts[pid], len(branches.get(pid, ()))
        result.append(
            DelegateYear(
                pid,
                name,
                station_of.get(pid, ""),
                by_type=dict(sorted(by_type[pid].items())),
                youth_contacts=youth,
                branches=branch_count,
                duty_assigned=seat.assigned if seat else 0,
                duty_attended=seat.attended + seat.sat_for_others if seat else 0,
                pending=pending[pid],
                returned=returned[pid],
                targets_met={
                    "youth": youth >= goal.youth,
                    "branches": branch_count >= goal.branches,
                },
            )
        )
    return result


def behind_target(rows: list[DelegateYear]) -> list[DelegateYear]:
    return [r for r in rows if not all(r.targets_met.values())]


@dataclass(frozen=True)
class PeriodSummary:
    """A month's (or quarter's) confirmed activities."""

    label: str
    activities: int = 0
    youth: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    theme: str = ""  # the period's largest activity (一月一主题)


def period_summary(
    session: Session, year: int, *, station_id: str | None = None, quarterly: bool = False
) -> list[PeriodSummary]:
    """一月一主题、一季一总结: confirmed activities per month (or quarter)."""
    labels = [f"第{q}季度" for q in range(1, 5)] if quarterly else [f"{m}月" for m in range(1, 13)]
    activities: Counter[int] = Counter()
    youth_total: Counter[int] = Counter()
    by_type: dict[int, Counter[str]] = defaultdict(Counter)
    theme: dict[int, str] = {}
    biggest: dict[int, int] = {}
    query = select(
        Activity.activity_date, Activity.activity_type, Activity.youth_count, Activity.title
    ).where(
        Activity.deleted_at.is_(None),
        Activity.confirmation == str(Confirmation.CONFIRMED),
        Activity.activity_date >= date(year, 1, 1),
        Activity.activity_date <= date(year, 12, 31),
    )
    if station_id:
        query = query.where(Activity.station_id == station_id)
    for day, kind, youth, title in session.execute(query.order_by(Activity.activity_date)):
        index = (day.month - 1) // 3 if quarterly else day.month - 1
        activities[index] += 1
        youth_total[index] += youth
        by_type[index][kind] += 1
        if youth > biggest.get(index, -1):
            biggest[index] = youth
            theme[index] = title
    return [
        PeriodSummary(
            label,
            activities[i],
            youth_total[i],
            dict(by_type[i]),
            theme.get(i, ""),
        )
        for i, label in enumerate(labels)
    ]
